const { writeFileSync } = require('node:fs');
const path = require('node:path');

const { fastCheckSeed } = require('./fast-check-seed');

// Prints the run's totals as one plain line ("N passed, N failed, N skipped") that any CI can read,
// and the fast-check seed the properties ran with. Jest may print its own summary after this line,
// so with TEST_TOTALS_FILE set the line is also written there for a script to print last
// (.ci/run does: CI readers take the run's closing line).
//
// With `perFile` (jest.config.js sets it under CI, where Jest's default reporter is left out) it
// also prints one line per test file: "✓ unit src/x.spec.ts · 12 tests · 1.3 s". Jest's own
// "PASS <file>" lines read, to a CI that knows other runners, like another runner's closing lines.
class SummaryReporter {
  constructor(globalConfig, options = {}) {
    this.rootDir = globalConfig.rootDir;
    this.perFile = Boolean(options.perFile);
  }

  onTestResult(test, result) {
    if (!this.perFile) return;
    const failed = result.numFailingTests > 0 || result.testExecError != null;
    const file = path.relative(this.rootDir, result.testFilePath);
    const project = test.context.config.displayName?.name ?? '';
    const tests = result.numPassingTests + result.numFailingTests + result.numPendingTests;
    const seconds = ((result.perfStats.end - result.perfStats.start) / 1000).toFixed(1);
    process.stdout.write(
      `${failed ? '✗' : '✓'} ${project} ${file} · ${tests} ${tests === 1 ? 'test' : 'tests'} · ${seconds} s\n`,
    );
  }

  onRunComplete(_contexts, results) {
    const seed = fastCheckSeed();
    const totals = `${results.numPassedTests} passed, ${results.numFailedTests} failed, ${results.numPendingTests} skipped`;
    process.stdout.write(`\nfast-check seed: ${seed} (replay with FC_SEED=${seed})\n${totals}\n`);
    if (process.env.TEST_TOTALS_FILE) writeFileSync(process.env.TEST_TOTALS_FILE, `${totals}\n`);
  }
}
module.exports = SummaryReporter;
