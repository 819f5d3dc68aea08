#!/usr/bin/env node
// `npm run start:dev`: swc compiles src/, migrations/ and seeds/ into dist/ and keeps watching them;
// once the first build is written, the API runs under `node --watch-path=dist`, which restarts it
// whenever swc rewrites a file. So an edit to a .ts file (or a seed JSON) restarts the service.
// Ctrl-C (or SIGTERM) stops both.
const { spawn } = require('node:child_process');
const { resolve } = require('node:path');

const root = resolve(__dirname, '..');
const children = [];
let stopping = false;

function run(args, opts = {}) {
  const child = spawn(process.execPath, args, { cwd: root, stdio: 'inherit', ...opts });
  children.push(child);
  child.on('exit', (code, signal) => {
    if (!stopping) {
      process.stderr.write(`dev: ${args.join(' ')} ended (${signal ?? code}); stopping\n`);
      stop(code ?? 1);
    }
  });
  return child;
}

function stop(code = 0) {
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  process.exitCode = code;
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

const swc = run(
  [
    resolve(root, 'node_modules/@swc/cli/bin/swc.js'),
    ...['src', 'migrations', 'seeds', '-d', 'dist', '--copy-files', '--watch'],
  ],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);
let started = false;
swc.stdout.on('data', (chunk) => {
  const text = chunk.toString();
  // Per-file messages go to stderr; stdout carries the first build's summary and "Watching…".
  process.stderr.write(text);
  if (!started && /Watching for file changes/.test(text)) {
    started = true;
    run(['--enable-source-maps', '--watch-path=dist', 'dist/src/main.js']);
  }
});
