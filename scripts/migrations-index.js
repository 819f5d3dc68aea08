#!/usr/bin/env node
// Rewrites migrations/index.ts from the migration files, in timestamp order (run after migration:generate).
const fs = require('node:fs');
const path = require('node:path');
const dir = path.join(__dirname, '..', 'migrations');
const files = fs
  .readdirSync(dir)
  .filter((f) => /^\d+-.+\.ts$/.test(f))
  .sort();
const entries = files.map((f) => {
  const cls = /export class (\w+)/.exec(fs.readFileSync(path.join(dir, f), 'utf8'))[1];
  return { cls, mod: `./${f.slice(0, -3)}` };
});
const out =
  entries.map((e) => `import { ${e.cls} } from '${e.mod}';`).join('\n') +
  '\n\n/** Every migration in order; the app, the CLI and the tests run this list. */\n' +
  `export const MIGRATIONS: Function[] = [\n${entries.map((e) => `  ${e.cls},\n`).join('')}];\n`;
fs.writeFileSync(path.join(dir, 'index.ts'), out);
