// Jest as StrykerJS runs it: the unit project only (no e2e, no database), limited to the specs of
// the pure folders. A pure folder is held to its own table and property tests: when run.js mutates
// one folder (MUTATION_FOLDER), only that folder's specs run, so the dry run does not time the rest.
const path = require('node:path');
const { projects } = require('../../jest.config.js');

const unit = projects.find((p) => p.displayName === 'unit');
const rootDir = path.resolve(__dirname, '../..');

module.exports = {
  ...unit,
  rootDir,
  displayName: undefined,
  // The engine's differential spec compares it with a reference interpreter over thousands of
  // generated rules: under Stryker's per-test coverage it covers every engine mutant and takes
  // minutes per mutant, so a whole-folder run would take days on two cores. Mutants must be killed
  // by the engine's own table and property specs (MUTATION_DIFFERENTIAL=1 runs it as well).
  testPathIgnorePatterns: process.env.MUTATION_DIFFERENTIAL ? [] : ['/differential\\.spec\\.ts$'],
  // MUTATION_SPECS (comma-separated, relative to the root) runs only those specs: a quick lower
  // bound of a file's score while the folder's full suite is too slow (its own cache, see
  // stryker.config.mjs).
  testMatch: process.env.MUTATION_SPECS
    ? process.env.MUTATION_SPECS.split(',').map((spec) => `<rootDir>/${spec.trim()}`)
    : process.env.MUTATION_FOLDER
      ? [`<rootDir>/${process.env.MUTATION_FOLDER}/**/*.spec.ts`]
      : [
          '<rootDir>/src/modules/matching/engine/**/*.spec.ts',
          '<rootDir>/src/modules/*/domain/**/*.spec.ts',
        ],
};
