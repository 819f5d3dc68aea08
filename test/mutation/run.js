#!/usr/bin/env node
// npm run test:mutation [-- <folder>...] [-- <stryker options>]
//
// Mutates the pure folders one at a time (each with its own incremental cache under
// reports/mutation/<folder>/) and prints the mutation score of each: (killed + timeout) / all valid
// mutants. A folder is `src/modules/notifications/domain`, or short: `notifications/domain`,
// `notifications`, `engine`. Without folders it runs every pure folder, including new ones.
const { spawnSync } = require('node:child_process');
const { existsSync, readdirSync, readFileSync } = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '../..');
const modules = path.join(root, 'src/modules');

function pureFolders() {
  const found = ['src/modules/matching/engine'];
  for (const mod of readdirSync(modules).sort()) {
    if (existsSync(path.join(modules, mod, 'domain'))) found.push(`src/modules/${mod}/domain`);
  }
  return found;
}

function resolveFolder(arg) {
  const all = pureFolders();
  const clean = arg.replace(/\/+$/, '').replace(/\/\*.*$/, '');
  const hit =
    all.find((f) => f === clean) ??
    all.find((f) => f === `src/modules/${clean}`) ??
    all.find((f) => f.split('/')[2] === clean) ??
    (clean === 'engine' ? 'src/modules/matching/engine' : undefined);
  if (!hit) {
    console.error(`Not a pure folder: ${arg}. Known: ${all.join(', ')}`);
    process.exit(2);
  }
  return hit;
}

// Stryker flags that take no value; any other `--option` takes the next argument as its value.
const FLAGS = new Set([
  '--force',
  '--incremental',
  '--dryRunOnly',
  '--ignoreStatic',
  '--disableBail',
]);
const folderArgs = [];
const strykerArgs = [];
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  if (!a.startsWith('-')) folderArgs.push(a);
  else if (a.includes('=') || FLAGS.has(a) || i + 1 === argv.length) strykerArgs.push(a);
  else strykerArgs.push(a, argv[++i]);
}
// Whatever the globs, specs and fixtures are never mutated.
for (let i = 0; i < strykerArgs.length; i++) {
  if (strykerArgs[i] === '--mutate' || strykerArgs[i] === '-m') {
    strykerArgs[i + 1] += ',!**/*.spec.ts,!**/*.fixture.ts';
  } else if (strykerArgs[i].startsWith('--mutate=')) {
    strykerArgs[i] += ',!**/*.spec.ts,!**/*.fixture.ts';
  }
}
// `--mutate <globs>` alone chooses the files itself: one Stryker run over them
// (reports/mutation/all). With a folder (`engine --mutate 'src/modules/matching/engine/score.ts'`)
// it narrows that folder's run to some of its files: only the folder's specs run, and the results
// join the folder's incremental cache and report, so a folder can be measured file by file.
const custom = strykerArgs.some((a) => a === '--mutate' || a.startsWith('--mutate=') || a === '-m');
const folders = folderArgs.length ? folderArgs.map(resolveFolder) : custom ? [null] : pureFolders();

const rows = [];
for (const folder of folders) {
  console.log(`\n=== mutation testing ${folder ?? 'the --mutate files'} ===`);
  const run = spawnSync(
    process.execPath,
    [
      path.join(root, 'node_modules/@stryker-mutator/core/bin/stryker.js'),
      'run',
      'stryker.config.mjs',
      ...strykerArgs,
    ],
    { cwd: root, stdio: 'inherit', env: { ...process.env, MUTATION_FOLDER: folder ?? '' } },
  );
  const quick = process.env.MUTATION_SPECS ? '-quick' : '';
  const slug = `${folder ? folder.replace(/^src\/modules\//, '').replaceAll('/', '-') : 'all'}${quick}`;
  const report = path.join(root, 'reports/mutation', slug, 'mutation.json');
  if (run.status !== 0 || !existsSync(report)) {
    rows.push({ folder: folder ?? 'custom', score: 'failed' });
    continue;
  }
  const files = JSON.parse(readFileSync(report, 'utf8')).files;
  const fileRows = Object.entries(files)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, file]) => ({ file: path.basename(name), ...scoreOf(file.mutants) }));
  console.log(`\nMutation score per file of ${folder ?? 'the --mutate files'} (its whole report):`);
  console.table(fileRows);
  rows.push({
    folder: folder ?? 'custom',
    ...scoreOf(Object.values(files).flatMap((file) => file.mutants)),
  });
}

function scoreOf(mutants) {
  const counts = { Killed: 0, Timeout: 0, Survived: 0, NoCoverage: 0, Ignored: 0, other: 0 };
  for (const m of mutants) {
    if (m.status in counts) counts[m.status]++;
    else counts.other++;
  }
  const detected = counts.Killed + counts.Timeout;
  const valid = detected + counts.Survived + counts.NoCoverage;
  return {
    score: valid ? `${((100 * detected) / valid).toFixed(1)}%` : 'n/a',
    killed: counts.Killed,
    timeout: counts.Timeout,
    survived: counts.Survived,
    noCoverage: counts.NoCoverage,
    ignored: counts.Ignored,
  };
}

console.log(
  '\nMutation score per pure folder ((killed + timeout) / (killed + timeout + survived + no coverage)):',
);
console.table(rows);
process.exitCode = rows.some((r) => r.score === 'failed') ? 1 : 0;
