/**
 * HTTP benchmark of the anonymous match preview against the liveness probe, on the BUILT app.
 *
 *   npm run build && node bench/http-preview.bench.js          (20 s per target)
 *   BENCH_DURATION=5 node bench/http-preview.bench.js          (shorter)
 *
 * Creates a fresh database `sfm_bench` (the app migrates and seeds it on start), starts
 * `node dist/src/main.js` on a free port (APP_ROLE=api, LOG_LEVEL=warn), waits for /health/live,
 * then drives 50 connections with autocannon: first GET /health/live (the floor: HTTP + Fastify +
 * Nest with no work), then POST /api/v1/matches/preview with a realistic profile (validation,
 * derived facts, ten compiled rules, scoring, questions, serialisation), then the same with
 * `?view=summary` (the compact answer). Prints req/s, p50 and p99 latency of each and the
 * preview/live ratios against the targets (≥ 50 % of live throughput, p99 < 50 ms),
 * then stops the app and drops the database.
 *
 * Beside the timings it prints the app's CPU time per request of each target (user + system, from
 * /proc) and the ratio live/preview of those: on a machine others are using, req/s and latencies
 * move with their load, CPU time per request much less. With the app saturating one core and the
 * client on the other, that CPU ratio is about the throughput ratio a quiet machine would show.
 *
 * Environment:
 *   BENCH_DURATION     seconds per target (default 20)
 *   BENCH_CONNECTIONS  concurrent connections (default 50)
 *   BENCH_WARMUP       warm-up seconds per target, not measured (default 2; 0 disables)
 *   BENCH_PG_URL       PostgreSQL admin URL (default TEST_PG_URL or postgres://postgres@127.0.0.1:5432/postgres)
 *   REDIS_URL          passed to the app (default redis://127.0.0.1:6379)
 *   BENCH_SKIP_BUILD=1 use dist/ as it is instead of running `npm run build` first
 *   BENCH_DB_NAME      the scratch database (default sfm_bench; give your own when others bench too)
 */
'use strict';

const { spawnSync } = require('node:child_process');
const { existsSync, readFileSync } = require('node:fs');
const os = require('node:os');
const autocannon = require('autocannon');
const {
  ROOT,
  MAIN,
  out,
  fmt,
  envNumber,
  databaseUrl,
  adminQuery,
  freePort,
  startApp,
  stopApp,
  exampleProfile,
} = require('./lib');

const DB_NAME = process.env.BENCH_DB_NAME ?? 'sfm_bench';
const DURATION = envNumber('BENCH_DURATION', 20);
const CONNECTIONS = envNumber('BENCH_CONNECTIONS', 50);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 2);
const TARGET_RATIO = 0.5;
const TARGET_P99_MS = 50;

function build() {
  if (process.env.BENCH_SKIP_BUILD === '1') {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing; run npm run build first`);
    return;
  }
  out('building (npm run build) …');
  const res = spawnSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
  if (res.status !== 0) throw new Error(`npm run build failed with status ${res.status}`);
}

function run(opts) {
  return new Promise((resolve, reject) => {
    autocannon(opts, (err, result) => (err ? reject(err) : resolve(result)));
  });
}

// Clock ticks per second of /proc/<pid>/stat's utime and stime (USER_HZ: 100 on Linux).
const TICKS_PER_SECOND = 100;

/** CPU seconds (user + system) process `pid` has used so far; undefined without /proc. */
function cpuSeconds(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which sits in parentheses and may contain spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

async function measure(label, opts, pid) {
  if (WARMUP > 0) await run({ ...opts, duration: WARMUP });
  const cpuBefore = cpuSeconds(pid);
  const r = await run({ ...opts, duration: DURATION });
  const cpuAfter = cpuSeconds(pid);
  const bad = r.non2xx + r.errors + r.timeouts;
  return {
    label,
    cpuUs:
      cpuBefore === undefined || cpuAfter === undefined || r.requests.total === 0
        ? undefined
        : ((cpuAfter - cpuBefore) * 1e6) / r.requests.total,
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    max: r.latency.max,
    total: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    bad,
  };
}

const loadAverage = () =>
  os
    .loadavg()
    .map((l) => fmt(l, 1))
    .join(', ');

async function main() {
  const cpus = os.cpus();
  out('# HTTP benchmark: POST /api/v1/matches/preview vs GET /health/live');
  out(
    `node ${process.version}; ${os.platform()} ${os.arch()}; cpu: ${cpus[0]?.model ?? 'unknown'} × ${cpus.length}; memory ${fmt(os.totalmem() / 2 ** 30, 1)} GiB`,
  );
  out(
    `autocannon ${require('autocannon/package.json').version}: ${CONNECTIONS} connections, ${DURATION} s per target (+${WARMUP} s warm-up)`,
  );
  out(`load average at start: ${loadAverage()}`);
  out();

  build();
  // The example profile, with hiring figures so the startup-loan rule is decided too.
  const profile = exampleProfile({
    hiring: { newHiresLast12Months: 6, newHiresFromTargetGroups: 4 },
  });
  await adminQuery(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
  await adminQuery(`CREATE DATABASE ${DB_NAME}`);
  let app;
  const cleanup = async () => {
    await stopApp(app).catch(() => undefined);
    await adminQuery(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`).catch((e) =>
      out(`could not drop ${DB_NAME}: ${e.message}`),
    );
  };
  const onSignal = () => {
    void cleanup().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    const port = await freePort();
    const started = Date.now();
    app = await startApp(port, { DATABASE_URL: databaseUrl(DB_NAME), APP_ROLE: 'api' });
    out(
      `app up on port ${port} in ${fmt((Date.now() - started) / 1000, 1)} s (database ${DB_NAME}, migrated and seeded on start)`,
    );

    // Sanity: the preview answers 200 with the whole seeded catalogue before we time it.
    const probe = await fetch(`${app.base}/api/v1/matches/preview`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(profile),
    });
    const probeBody = await probe.json();
    if (probe.status !== 200)
      throw new Error(`preview answered ${probe.status}: ${JSON.stringify(probeBody)}`);
    const eligible = probeBody.results
      .filter((r) => r.status === 'eligible')
      .map((r) => r.productCode);
    out(
      `preview sanity: ${probeBody.results.length} products, eligible: ${eligible.join(', ') || 'none'}`,
    );
    out();

    const live = await measure(
      'GET /health/live',
      {
        url: `${app.base}/health/live`,
        connections: CONNECTIONS,
      },
      app.child.pid,
    );
    const preview = await measure(
      'POST /api/v1/matches/preview',
      {
        url: `${app.base}/api/v1/matches/preview`,
        connections: CONNECTIONS,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(profile),
      },
      app.child.pid,
    );

    const summary = await measure(
      'POST /api/v1/matches/preview?view=summary',
      {
        url: `${app.base}/api/v1/matches/preview?view=summary`,
        connections: CONNECTIONS,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(profile),
      },
      app.child.pid,
    );
    const sizes = await Promise.all(
      ['', '?view=summary'].map(async (query) => {
        const res = await fetch(`${app.base}/api/v1/matches/preview${query}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(profile),
        });
        const text = await res.text();
        return `${fmt(text.length)} characters (${fmt(Buffer.byteLength(text))} bytes)`;
      }),
    );
    out(`response size: ${sizes[0]} in full, ${sizes[1]} as summary`);
    out();

    out(
      '| target | req/s | p50 ms | p99 ms | max ms | app CPU µs/req | requests | non-2xx | errors | timeouts |',
    );
    out('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
    for (const r of [live, preview, summary]) {
      out(
        `| ${r.label} | ${fmt(r.rps)} | ${r.p50} | ${r.p99} | ${r.max} | ${r.cpuUs === undefined ? 'n/a' : fmt(r.cpuUs)} | ${fmt(r.total)} | ${r.non2xx} | ${r.errors} | ${r.timeouts} |`,
      );
    }
    out(`load average at the end: ${loadAverage()}`);
    out();
    if (live.cpuUs !== undefined && preview.cpuUs !== undefined && summary.cpuUs !== undefined) {
      out(
        `app CPU per request, live/preview: ${fmt((live.cpuUs / preview.cpuUs) * 100, 1)} %, ` +
          `live/summary: ${fmt((live.cpuUs / summary.cpuUs) * 100, 1)} % ` +
          '(about the quiet-machine throughput ratios; less moved by the load than req/s)',
      );
    }
    const ratio = preview.rps / live.rps;
    const ratioOk = ratio >= TARGET_RATIO;
    const p99Ok = preview.p99 < TARGET_P99_MS;
    const clean = live.bad === 0 && preview.bad === 0 && summary.bad === 0;
    out(
      `throughput ratio preview/live: ${fmt(ratio * 100, 1)} % (target ≥ ${TARGET_RATIO * 100} %): ${ratioOk ? 'PASS' : 'FAIL'}`,
    );
    out(
      `throughput ratio preview?view=summary/live: ${fmt((summary.rps / live.rps) * 100, 1)} %; p99 ${summary.p99} ms`,
    );
    out(
      `preview p99: ${preview.p99} ms (target < ${TARGET_P99_MS} ms): ${p99Ok ? 'PASS' : 'FAIL'}`,
    );
    if (!clean)
      out(
        'WARNING: some requests failed (non-2xx, errors or timeouts); the numbers above are not clean',
      );
    if (app.exited()) throw new Error(`the app died during the run:\n${app.logs()}`);
    process.exitCode = ratioOk && p99Ok && clean ? 0 : 1;
  } finally {
    await cleanup();
    out(`stopped the app and dropped ${DB_NAME}`);
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
}

main().catch((e) => {
  process.stderr.write(`${e.stack || e}\n`);
  process.exitCode = 2;
});
