export * from './batch-freshness';
export * from './batch-status-chip';
export * from './batch-status-text';
export * from './freshness-chip';
export * from './freshness-text';
