export * from './errors/error-codes';
export * from './errors/error-envelope';
export * from './http/paging';
export * from './health/health';
export * from './auth/roles';
export * from './auth/permissions';
export * from './auth/auth';
export * from './audit/audit';
