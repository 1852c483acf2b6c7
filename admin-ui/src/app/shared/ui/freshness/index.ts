export * from './freshness-chip';
export * from './freshness-text';
