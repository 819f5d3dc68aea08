// Jest setup file (unit and e2e): every fc.assert/fc.check in the run uses the shared seed.
const fc = require('fast-check');
const { fastCheckSeed } = require('./fast-check-seed');

fc.configureGlobal({ ...fc.readConfigureGlobal(), seed: fastCheckSeed() });
