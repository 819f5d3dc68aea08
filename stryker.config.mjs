// @ts-check
// Mutation testing of the pure folders (StrykerJS + Jest). Run it through `npm run test:mutation`
// (test/mutation/run.js), which mutates one folder at a time and prints the per-folder scores.
// Not part of `npm test` or CI: a full run takes tens of minutes on two cores.
const folder = process.env.MUTATION_FOLDER;
// MUTATION_SPECS (test/mutation/jest.config.js) runs fewer specs: a lower bound kept in a cache of
// its own, so that the folder's cache only ever holds results of its whole suite.
const quick = process.env.MUTATION_SPECS ? '-quick' : '';
const slug = `${folder ? folder.replace(/^src\/modules\//, '').replaceAll('/', '-') : 'all'}${quick}`;
const scope = folder ? [folder] : ['src/modules/matching/engine', 'src/modules/*/domain'];

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'jest',
  jest: { projectType: 'custom', configFile: 'test/mutation/jest.config.js' },
  coverageAnalysis: 'perTest',
  concurrency: 2,
  timeoutMS: 10000,
  mutate: [
    ...scope.map((dir) => `${dir}/**/*.ts`),
    '!**/*.spec.ts',
    '!**/*.fixture.ts',
    // Test oracle for the differential spec, not production code.
    '!src/modules/matching/engine/reference-interpreter.ts',
    // Re-exports and a version constant: nothing to mutate that a test could observe.
    '!src/modules/matching/engine/index.ts',
    '!src/modules/matching/engine/engine-version.ts',
  ],
  // The incremental file is a local cache (git-ignored): it is rebuilt from code and tests, would
  // conflict between parallel branches, and Stryker discards its stale entries anyway.
  incremental: true,
  incrementalFile: `reports/mutation/${slug}/stryker-incremental.json`,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: `reports/mutation/${slug}/index.html` },
  jsonReporter: { fileName: `reports/mutation/${slug}/mutation.json` },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
  ignorePatterns: ['dist', '.data', 'coverage', 'reports', 'bench', 'docs', 'migrations'],
};
