// Prints the run's totals as one plain closing line ("N passed, N failed, N skipped") that any CI
// can read, after Jest's own summary.
class SummaryReporter {
  onRunComplete(_contexts, results) {
    process.stdout.write(
      `\nTests: ${results.numPassedTests} passed, ${results.numFailedTests} failed, ${results.numPendingTests} skipped\n`,
    );
  }
}
module.exports = SummaryReporter;
