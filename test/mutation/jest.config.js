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
  testMatch: process.env.MUTATION_FOLDER
    ? [`<rootDir>/${process.env.MUTATION_FOLDER}/**/*.spec.ts`]
    : [
        '<rootDir>/src/modules/matching/engine/**/*.spec.ts',
        '<rootDir>/src/modules/*/domain/**/*.spec.ts',
      ],
};
