export * from './edit-tree';
export * from './move-dialog';
export * from './name-dialog';
export * from './tree-options';
