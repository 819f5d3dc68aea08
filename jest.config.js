/** Unit tests sit beside the code; e2e tests live in test/ and run against real PostgreSQL and Redis. */
const swc = [
  '@swc/jest',
  {
    swcrc: false,
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];
const common = {
  transform: { '^.+\\.(t|j)s$': swc },
  // NestJS 12 and a few of its dependencies ship ESM only; swc turns them into CommonJS for Jest.
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|content-disposition)/)'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  testEnvironment: 'node',
  // StrykerJS sandboxes (a copy of the project) must not be seen as a second package.
  modulePathIgnorePatterns: ['<rootDir>/.stryker-tmp/'],
  // Fixed, printed fast-check seed (FC_SEED overrides it): see test/support/fast-check-seed.js.
  setupFiles: ['<rootDir>/test/support/fast-check.setup.js'],
};
module.exports = {
  // Per-project testTimeout is not honoured; e2e tests boot apps and wait for webhooks.
  testTimeout: 60000,
  // Under CI: Jest's summary (with every failure in full) and one plain line per file instead of
  // the default reporter; see test/support/summary-reporter.js.
  reporters: process.env.CI
    ? [
        ['summary', { summaryThreshold: 0 }],
        ['<rootDir>/test/support/summary-reporter.js', { perFile: true }],
      ]
    : ['default', '<rootDir>/test/support/summary-reporter.js'],
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/seeds/**/*.spec.ts'],
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};
