#!/usr/bin/env node
// How soon the SME entry page (/) is interactive, in Chromium from the Debian package, against the
// built app on its own scratch database. Each run is a fresh browser context (cold cache); the
// page counts as interactive when React has rendered the heading and the "register" link, and a
// click on it navigates. Prints the compressed bytes the page downloaded and the median and worst
// times (ms since navigation start). Target: ≤ 1,000 ms. Indicative on a shared VM.
'use strict';

const { chromium } = require('playwright-core');
const { adminQuery, databaseUrl, envNumber, freePort, out, startApp, stopApp } = require('./lib');

const RUNS = envNumber('BENCH_RUNS', 15, { integer: true });
const DB_NAME = `sfm_bench_web_${process.pid}`;
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

async function main() {
  await adminQuery(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
  await adminQuery(`CREATE DATABASE ${DB_NAME}`);
  let app;
  let browser;
  try {
    const port = await freePort();
    app = await startApp(port, { DATABASE_URL: databaseUrl(DB_NAME), APP_ROLE: 'api' });
    const base = `http://127.0.0.1:${port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
    const times = [];
    let bytes = 0;
    for (let i = 0; i < RUNS + 1; i += 1) {
      const context = await browser.newContext({ locale: 'zh-CN' });
      const page = await context.newPage();
      let jsBytes = 0;
      page.on('response', async (res) => {
        if (!/\.js$/.test(res.url())) return;
        const size = await res
          .request()
          .sizes()
          .catch(() => null);
        if (size) jsBytes += size.responseBodySize;
      });
      await page.goto(base + '/', { waitUntil: 'commit' });
      await page.getByRole('link', { name: '注册企业账号' }).waitFor();
      const ms = await page.evaluate(() => performance.now());
      await page.getByRole('link', { name: '注册企业账号' }).click();
      await page.waitForURL('**/register');
      await page.waitForLoadState('networkidle');
      // The first run warms the server (and the OS file cache), not the browser: it is not counted.
      if (i > 0) {
        times.push(ms);
        bytes = jsBytes;
      }
      await context.close();
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)];
    const worst = times[times.length - 1];
    out(`web entry page (/), ${RUNS} cold loads in ${await browser.version()}:`);
    out(
      `  JavaScript transferred (compressed, entry + register chunk): ${(bytes / 1024).toFixed(1)} KB`,
    );
    out(
      `  interactive after: median ${median.toFixed(0)} ms, worst ${worst.toFixed(0)} ms (target ≤ 1000 ms)`,
    );
    if (median > 1000) process.exitCode = 1;
  } finally {
    await browser?.close().catch(() => undefined);
    await stopApp(app).catch(() => undefined);
    await adminQuery(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`).catch(() => undefined);
  }
}

main().catch((e) => {
  process.stderr.write(`${e.stack}\n`);
  process.exit(1);
});
