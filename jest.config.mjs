/**
 * One `npm test` runs every project: `unit` (pure logic beside the code), `api` (HTTP against a
 * real PostgreSQL, one database per file), `console` (Angular components in jsdom) and `browser`
 * (the built app in real Chromium). scripts/test.mjs decides whether `browser` can run.
 */
const backendTransform = {
  '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/backend/tsconfig.spec.json' }],
};
const contractsAlias = { '^@stockmaster/contracts$': '<rootDir>/libs/contracts/src' };

/** @type {import('jest').Config} */
export default {
  projects: [
    {
      displayName: 'unit',
      rootDir: '.',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/backend/src/**/*.spec.ts', '<rootDir>/libs/**/*.spec.ts'],
      transform: backendTransform,
      moduleNameMapper: contractsAlias,
    },
    {
      displayName: 'api',
      rootDir: '.',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/backend/test/e2e/**/*.e2e-spec.ts'],
      transform: backendTransform,
      moduleNameMapper: contractsAlias,
      globalSetup: '<rootDir>/backend/test/setup/global-setup.ts',
      globalTeardown: '<rootDir>/backend/test/setup/global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/backend/test/setup/jest-setup.ts'],
    },
    '<rootDir>/admin-ui/jest.config.mjs',
    {
      displayName: 'browser',
      rootDir: '.',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/e2e/**/*.e2e.ts'],
      transform: backendTransform,
      moduleNameMapper: contractsAlias,
      setupFilesAfterEnv: ['<rootDir>/e2e/support/jest-setup.ts'],
    },
  ],
};
