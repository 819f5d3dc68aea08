#!/usr/bin/env node
// After `vite build`: writes gzip and brotli copies of every asset (served by @fastify/static with
// preCompressed), then checks the budget of the SME entry page (docs/web.md): the JavaScript that
// index.html loads, compressed, must stay within WEB_BUDGET_KB (default 200 KB gzip).
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

const dir = path.join(__dirname, '..', 'dist', 'web');
const assets = path.join(dir, 'assets');
const budget = Number(process.env.WEB_BUDGET_KB || 200) * 1024;

for (const name of fs.readdirSync(assets)) {
  if (!/\.(js|css|svg|json)$/.test(name)) continue;
  const file = path.join(assets, name);
  const body = fs.readFileSync(file);
  fs.writeFileSync(`${file}.gz`, zlib.gzipSync(body, { level: 9 }));
  fs.writeFileSync(
    `${file}.br`,
    zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }),
  );
}

// The entry page's JavaScript: the module script and every chunk it preloads.
const html = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
const entry = [...html.matchAll(/(?:src|href)="\/assets\/([^"]+\.js)"/g)].map((m) => m[1]);
let raw = 0;
let gzip = 0;
let brotli = 0;
for (const name of entry) {
  raw += fs.statSync(path.join(assets, name)).size;
  gzip += fs.statSync(path.join(assets, `${name}.gz`)).size;
  brotli += fs.statSync(path.join(assets, `${name}.br`)).size;
}
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const line = `web budget: entry JS ${entry.join(', ')}: ${kb(raw)} raw, ${kb(gzip)} gzip, ${kb(brotli)} brotli (budget ${kb(budget)} gzip)`;
if (gzip > budget) {
  process.stderr.write(`${line}: OVER BUDGET\n`);
  process.exit(1);
}
if (process.env.WEB_BUDGET_QUIET !== '1') process.stdout.write(`${line}\n`);
