const { writeFileSync } = require('node:fs');

const { fastCheckSeed } = require('./fast-check-seed');

// Prints the run's totals as one plain line ("N passed, N failed, N skipped") that any CI can read,
// and the fast-check seed the properties ran with. Jest may print its own summary after this line,
// so with TEST_TOTALS_FILE set the line is also written there for a script to print last
// (.ci/run does: CI readers take the run's closing line).
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const seed = fastCheckSeed();
    const totals = `Tests: ${results.numPassedTests} passed, ${results.numFailedTests} failed, ${results.numPendingTests} skipped`;
    process.stdout.write(`\n${totals}\nfast-check seed: ${seed} (replay with FC_SEED=${seed})\n`);
    if (process.env.TEST_TOTALS_FILE) writeFileSync(process.env.TEST_TOTALS_FILE, `${totals}\n`);
  }
}
module.exports = SummaryReporter;
