// The console's unit tests: one project of the workspace's jest run (`--selectProjects console`).
// Plain ESM rather than jest.config.ts: on Node 20 jest can only read a TypeScript config
// through ts-node or esbuild-register, and neither is installed.
import presets from 'jest-preset-angular/presets/index.js';

/** @type {import('jest').Config} */
const config = {
  ...presets.createCjsPreset({ tsconfig: '<rootDir>/admin-ui/tsconfig.spec.json' }),
  displayName: 'console',
  // The repository root, so that `libs/` resolves and the lead's root config can list this file.
  rootDir: '..',
  testEnvironment: 'jsdom',
  setupFilesAfterEnv: ['<rootDir>/admin-ui/src/test-setup.ts'],
  testMatch: ['<rootDir>/admin-ui/src/**/*.spec.ts'],
  moduleNameMapper: {
    '^@stockmaster/contracts$': '<rootDir>/libs/contracts/src/index.ts',
  },
};

export default config;
