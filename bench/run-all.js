#!/usr/bin/env node
// `npm run bench`: every benchmark in turn, on a built app. Each prints its own numbers and ratios.
// Needs PostgreSQL on 127.0.0.1:5432 and Redis on 127.0.0.1:6379 for the HTTP and webhook runs.
const { execFileSync } = require('node:child_process');
const path = require('node:path');

const root = path.join(__dirname, '..');
const missed = [];
// A benchmark exits non-zero when it misses a target; the others still run, and the exit code says so.
const run = (args, env = {}) => {
  try {
    execFileSync(process.execPath, args, {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, ...env },
    });
  } catch {
    missed.push(args[args.length - 1]);
  }
};

execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
process.stdout.write('\n# (a, b) eligibility engine\n');
run(['--require', './bench/swc-register.js', 'bench/engine.bench.ts']);
process.stdout.write('\n# (c) HTTP: POST /matches/preview vs GET /health/live\n');
run(['bench/http-preview.bench.js'], { BENCH_SKIP_BUILD: '1' });
process.stdout.write('\n# webhook delivery\n');
run(['bench/webhooks.bench.js']);
process.stdout.write('\n# deadline sweep\n');
run(['bench/deadline-sweep.bench.js']);
if (missed.length) {
  process.stdout.write(`\ntargets missed in: ${missed.join(', ')}\n`);
  process.exitCode = 1;
}
