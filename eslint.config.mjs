// @ts-check
import eslint from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

const focusedTests = {
  selector:
    "CallExpression[callee.type='MemberExpression'][callee.object.name=/^(it|describe|test)$/][callee.property.name='only']",
  message: 'Focused tests skip the rest of the suite.',
};

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      '.data/**',
      'migrations/*.ts',
      'bench/*.js',
      'scripts/*.js',
      'test/support/*.js',
      'test/mutation/*.js',
      'stryker.config.mjs',
      '.stryker-tmp/**',
      'reports/**',
      'jest.config.js',
      'eslint.config.mjs',
      'web/vite.config.mts',
      'web/src/api/schema.d.ts',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': [
        'error',
        { checksVoidReturn: { arguments: false } },
      ],
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      '@typescript-eslint/no-unsafe-function-type': 'off',
      'no-console': 'error',
      'no-restricted-syntax': ['error', focusedTests],
    },
  },
  {
    // The eligibility engine and the other domain folders are pure: no framework, no I/O, no clock.
    files: [
      'src/modules/matching/engine/**/*.ts',
      'src/modules/enterprises/domain/**/*.ts',
      'src/modules/referrals/domain/**/*.ts',
      'src/modules/notifications/domain/**/*.ts',
      'src/modules/calendar/domain/**/*.ts',
    ],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@nestjs/*', 'typeorm', 'bullmq', 'ioredis', 'pg'],
              message: 'Domain code stays framework-free.',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: 'Pass configuration in; do not read process.env.',
        },
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'Pass asOf/now in.',
        },
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'Pass asOf/now in.',
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts', '**/*.spec.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-restricted-syntax': ['error', focusedTests],
    },
  },
  prettier,
);
