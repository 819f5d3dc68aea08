const { fastCheckSeed } = require('./fast-check-seed');

// Prints the run's totals as one plain closing line ("N passed, N failed, N skipped") that any CI
// can read, after Jest's own summary, and the fast-check seed the properties ran with.
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const seed = fastCheckSeed();
    process.stdout.write(
      `\nTests: ${results.numPassedTests} passed, ${results.numFailedTests} failed, ${results.numPendingTests} skipped\n` +
        `fast-check seed: ${seed} (replay with FC_SEED=${seed})\n`,
    );
  }
}
module.exports = SummaryReporter;
