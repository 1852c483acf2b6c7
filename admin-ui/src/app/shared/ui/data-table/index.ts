export * from './data-table';
export * from './data-table-cell';
export * from './data-table.types';
export * from './table-query';
