export * from './import-file-picker';
export * from './import-row-errors';
