// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';
import angular from 'angular-eslint';

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
