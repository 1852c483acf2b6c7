// @ts-check
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';
import angular from 'angular-eslint';

/**
 * Console features stay apart: a feature imports `core/`, `shared/` and itself, never another
 * feature (what two features need belongs in `shared/`). One block per feature and folder depth,
 * because `no-restricted-imports` sees only the import's text: from a file `depth` folders below
 * `features/`, climbing exactly `depth` levels lands beside the other features.
 */
const FEATURES_DIR = 'admin-ui/src/app/features';
const featureBoundaries = readdirSync(join(import.meta.dirname, FEATURES_DIR), {
  withFileTypes: true,
})
  .filter((entry) => entry.isDirectory())
  .flatMap(({ name: feature }) =>
    [1, 2, 3, 4].map((depth) => ({
      files: [`${FEATURES_DIR}/${feature}/${'*/'.repeat(depth - 1)}*.ts`],
      rules: {
        'no-restricted-imports': [
          'error',
          {
            patterns: [
              {
                regex: `^(\\.\\./){${depth}}(?!${feature}/)[^./]`,
                message: `The ${feature} feature may not import another feature: move what both need to shared/.`,
              },
              {
                regex: `(^|/)features/(?!${feature}/)`,
                message: `The ${feature} feature may not import another feature: move what both need to shared/.`,
              },
            ],
          },
        ],
      },
    })),
  );

export default tseslint.config(
  {
    ignores: ['dist/', 'node_modules/', 'coverage/', '.angular/', 'data/', '.tmp/'],
  },
  {
    files: ['**/*.ts'],
    extends: [eslint.configs.recommended, ...tseslint.configs.recommended],
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'off',
      'no-console': 'error',
    },
  },
  {
    // Module boundaries on the API: a module reaches another module through its exported
    // services, never through its repositories (each table is written by one module).
    files: ['backend/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+(modules/)?[a-z-]+/[^/]*\\.repository$',
              message:
                'A module may not import another module’s repository: use a service that module exports.',
            },
          ],
        },
      ],
    },
  },
  {
    // The shared contracts are plain TypeScript: both the API and the console import them.
    files: ['libs/contracts/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(@nestjs/|@angular/|typeorm$|typeorm/|rxjs$|rxjs/)',
              message:
                'libs/contracts may not depend on a framework (NestJS, Angular, TypeORM, RxJS).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['admin-ui/**/*.ts'],
    extends: [...angular.configs.tsRecommended],
    processor: angular.processInlineTemplates,
    rules: {
      '@angular-eslint/component-selector': [
        'error',
        { type: 'element', prefix: 'sm', style: 'kebab-case' },
      ],
      '@angular-eslint/directive-selector': [
        'error',
        { type: 'attribute', prefix: 'sm', style: 'camelCase' },
      ],
      '@angular-eslint/prefer-on-push-component-change-detection': 'error',
    },
  },
  ...featureBoundaries,
  {
    files: ['admin-ui/**/*.html'],
    extends: [...angular.configs.templateRecommended, ...angular.configs.templateAccessibility],
  },
  {
    // Scripts and test harness talk to the terminal on purpose.
    files: ['scripts/**', 'e2e/**', 'backend/test/**', '**/*.mjs'],
    rules: { 'no-console': 'off' },
  },
);
