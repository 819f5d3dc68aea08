/**
 * Rule changes at provincial scale (docs/impact.md), on the BUILT app:
 *
 *   npm run build && node bench/impact.bench.js
 *   BENCH_SIZES=10000,50000 node bench/impact.bench.js
 *
 * Creates a database `sfm_bench_impact`, starts the API (APP_ROLE=api) and one worker process, then
 * for each population size: grows the synthetic population to that size (the seed:demo writer),
 * previews a change of 科贷通's rule through HTTP three times (end-to-end time, the server's
 * read/derive/evaluate split, the API's RSS growth sampled from /metrics), then publishes it and times
 * the re-match on the worker while autocannon drives POST /api/v1/matches/preview against the API
 * (its p99 is the "API keeps serving" figure). Prints a table per size; drops the database at the end.
 *
 * Environment: BENCH_SIZES (default 10000,50000,100000), BENCH_PREVIEWS (3), BENCH_CONNECTIONS (10),
 * BENCH_PG_URL, REDIS_URL, BENCH_SKIP_BUILD=1. Numbers depend heavily on the machine's load.
 */
'use strict';

const { spawn, spawnSync } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const os = require('node:os');
const path = require('node:path');
const autocannon = require('autocannon');
const { Client } = require('pg');
const {
  ROOT,
  REDIS_URL,
  out,
  fmt,
  sleep,
  envNumber,
  databaseUrl,
  adminQuery,
  freePort,
  startApp,
  stopApp,
  exampleProfile,
} = require('./lib');

const DB_NAME = 'sfm_bench_impact';
const SIZES = (process.env.BENCH_SIZES ?? '10000,50000,100000').split(',').map(Number);
const PREVIEWS = envNumber('BENCH_PREVIEWS', 3, { integer: true });
const CONNECTIONS = envNumber('BENCH_CONNECTIONS', 10, { integer: true });
const ADMIN = { email: 'bench-admin@example.com', password: 'bench-admin-password-1' };

async function rssBytes(base) {
  const text = await (await fetch(`${base}/metrics`)).text();
  const m = /^process_resident_memory_bytes (\d+(?:\.\d+)?(?:e\+\d+)?)/m.exec(text);
  return m ? Number(m[1]) : NaN;
}

async function json(base, method, url, body, token) {
  const res = await fetch(base + url, {
    method,
    headers: {
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const parsed = await res.json().catch(() => null);
  if (res.status >= 300)
    throw new Error(`${method} ${url} → ${res.status} ${JSON.stringify(parsed)}`);
  return parsed;
}

/** 科贷通 with a wider certification test and a minimum age of `years`. */
function changedRule(current, years) {
  const [techSme, ...rest] = current.all;
  return {
    ...current,
    all: [
      {
        any: [
          techSme,
          {
            id: 'high_tech',
            fact: 'certifications',
            operator: 'contains',
            value: 'high_tech_enterprise',
            label: { zh: '高新技术企业', en: 'High-tech enterprise' },
          },
        ],
        label: { zh: '科技型中小企业或高新技术企业', en: 'Tech-based SME or high-tech enterprise' },
      },
      ...rest.filter((r) => r.id !== 'min_years'),
      {
        id: 'min_years',
        fact: 'yearsInOperation',
        operator: 'greaterThanInclusive',
        value: years,
        label: { zh: `成立满${years}年`, en: `In business for at least ${years} years` },
      },
    ],
  };
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function main() {
  const cpus = os.cpus();
  out('# Impact preview and re-match at scale');
  out(
    `node ${process.version}; ${cpus[0]?.model ?? 'cpu'} × ${cpus.length}; load average ${os
      .loadavg()
      .map((l) => fmt(l, 1))
      .join(' ')} (numbers are indicative only: the machine is shared)`,
  );
  if (process.env.BENCH_SKIP_BUILD !== '1') {
    const res = spawnSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
    if (res.status !== 0) throw new Error('npm run build failed');
  }
  await adminQuery(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
  await adminQuery(`CREATE DATABASE ${DB_NAME}`);
  const secrets = {
    JWT_SECRET: randomBytes(48).toString('base64url'),
    SECRET_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    QUEUE_PREFIX: `bench_impact_${randomBytes(3).toString('hex')}`,
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    DATABASE_URL: databaseUrl(DB_NAME),
  };
  let app;
  let worker;
  const rows = [];
  try {
    app = await startApp(await freePort(), { ...secrets, APP_ROLE: 'api' });
    worker = spawn(process.execPath, [path.join(ROOT, 'dist', 'src', 'worker.js')], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: 'production', REDIS_URL, LOG_LEVEL: 'warn', ...secrets },
      stdio: 'ignore',
    });
    const base = app.base;
    const { accessToken: token } = await json(base, 'POST', '/api/v1/auth/login', ADMIN);
    const product = await json(base, 'GET', '/api/v1/admin/products/KEDAITONG', undefined, token);
    const current = product.published.eligibility;
    const db = new Client({ connectionString: secrets.DATABASE_URL });
    await db.connect();
    const { insertDemoPopulation } = require(
      path.join(ROOT, 'dist', 'src', 'seeding', 'demo-population-writer.js'),
    );
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    let version = 1;
    for (const size of SIZES) {
      const seedStarted = Date.now();
      await insertDemoPopulation(db, { count: size, seed: 1, today, batch: 2000 });
      const seedSeconds = (Date.now() - seedStarted) / 1000;
      version += 1;
      await json(
        base,
        'PATCH',
        '/api/v1/admin/products/KEDAITONG',
        { eligibility: changedRule(current, version) },
        token,
      );
      const rssBefore = await rssBytes(base);
      let rssPeak = rssBefore;
      let sampling = true;
      const sampler = (async () => {
        while (sampling) {
          rssPeak = Math.max(rssPeak, await rssBytes(base));
          await sleep(100);
        }
      })();
      const previews = [];
      for (let i = 0; i < PREVIEWS; i += 1) {
        const t0 = performance.now();
        const body = await json(base, 'POST', '/api/v1/admin/products/KEDAITONG/impact', {}, token);
        previews.push({ wall: performance.now() - t0, body });
      }
      sampling = false;
      await sampler;
      previews.sort((a, b) => a.wall - b.wall);
      const median = previews[Math.floor(previews.length / 2)];

      // Publish and time the re-match on the worker while the API answers match previews.
      await json(base, 'POST', '/api/v1/admin/products/KEDAITONG/publish', undefined, token);
      const profile = exampleProfile({
        hiring: { newHiresLast12Months: 6, newHiresFromTargetGroups: 4 },
      });
      let progress;
      const latencies = [];
      const load = autocannon({
        url: `${base}/api/v1/matches/preview`,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(profile),
        connections: CONNECTIONS,
        duration: 3600,
      });
      load.on('response', (_c, status, _b, ms) => latencies.push(status === 200 ? ms : Infinity));
      autocannon.track(load, { renderProgressBar: false, renderResultsTable: false });
      for (;;) {
        progress = await json(
          base,
          'GET',
          '/api/v1/admin/products/KEDAITONG/rematch',
          undefined,
          token,
        );
        if (progress.version === version && progress.state === 'done') break;
        await sleep(250);
      }
      load.stop();
      latencies.sort((a, b) => a - b);
      const rematchSeconds =
        (Date.parse(progress.finishedAt) - Date.parse(progress.startedAt)) / 1000;
      rows.push({
        size,
        seedSeconds,
        wall: median.wall,
        server: median.body.durationMs,
        timings: median.body.timings,
        evaluated: median.body.evaluated,
        gained: median.body.gained,
        lost: median.body.lost,
        rssGrowthMb: (rssPeak - rssBefore) / 2 ** 20,
        rematchSeconds,
        changed: progress.changed,
        previewP50: percentile(latencies, 50),
        previewP99: percentile(latencies, 99),
        previewCount: latencies.length,
      });
      const r = rows[rows.length - 1];
      out(
        `${fmt(size)} enterprises (seeded in ${fmt(seedSeconds, 1)} s): preview ${fmt(r.wall)} ms ` +
          `(server ${r.server} ms: read ${r.timings.readMs}, derive ${r.timings.deriveMs}, ` +
          `evaluate ${r.timings.evaluateMs}), +${fmt(r.rssGrowthMb, 1)} MB RSS, ` +
          `gained ${r.gained}, lost ${r.lost}; re-match ${fmt(rematchSeconds, 1)} s ` +
          `(${r.changed} changed) while ${r.previewCount} match previews had p50 ${r.previewP50} ms, ` +
          `p99 ${r.previewP99} ms`,
      );
    }
    await db.end();
    out();
    out(
      '| enterprises | preview (HTTP) | read | derive | evaluate | API RSS growth | re-match | match preview p99 during re-match |',
    );
    out('|---:|---:|---:|---:|---:|---:|---:|---:|');
    for (const r of rows)
      out(
        `| ${fmt(r.size)} | ${fmt(r.wall / 1000, 2)} s | ${fmt(r.timings.readMs)} ms | ` +
          `${fmt(r.timings.deriveMs)} ms | ${fmt(r.timings.evaluateMs)} ms | ` +
          `${fmt(r.rssGrowthMb, 0)} MB | ${fmt(r.rematchSeconds, 1)} s | ${r.previewP99} ms |`,
      );
  } finally {
    worker?.kill('SIGTERM');
    await stopApp(app).catch(() => undefined);
    await adminQuery(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`).catch(() => undefined);
  }
}

main().catch((e) => {
  process.stderr.write(`${e.stack ?? e}\n`);
  process.exitCode = 1;
});
