/**
 * Deadline sweep benchmark, on the BUILT app (run `npm run build` first; this script builds
 * nothing):
 *
 *   npm run build && node bench/deadline-sweep.bench.js
 *   BENCH_SIZES=10000 node bench/deadline-sweep.bench.js        (shorter)
 *
 * For each size N it fills a fresh database with N open referrals (a third waiting on each stage:
 * acknowledge, contact, decide) of which 1 % are past their current stage's deadline, then runs one
 * pass of DeadlinesService.sweep() — the worker's pass, called in this process through a Nest
 * application context (APP_ROLE=api, so no timer sweeps behind the benchmark's back) — and a second
 * pass with nothing left to do. Mail is configured (SMTP_URL) and the bank has a webhook URL, so
 * every overdue referral writes its event, webhook, notification and mail, as in production; no
 * relay or worker runs, so nothing is sent.
 *
 * Prints per size: the pass's wall time (median and best of BENCH_REPEAT), the referrals marked, and the SQL statements the pass sent
 * (counted at the pg client, BEGIN/COMMIT included), so that a statement per referral shows as a
 * count that grows with the number overdue. Target: one pass over 100,000 open referrals ≤ 2 s,
 * and statements independent of how many are overdue (per batch of 1,000, not per referral).
 * Exits 1 when the 100,000 pass misses either. Times are indicative only on a shared machine.
 *
 * Environment:
 *   BENCH_SIZES    comma-separated numbers of open referrals (default 10000,50000,100000)
 *   BENCH_REPEAT   passes per size, each on a fresh fill; the median is reported (default 3)
 *   BENCH_PG_URL   PostgreSQL admin URL (default TEST_PG_URL or postgres://postgres@127.0.0.1:5432/postgres)
 *   REDIS_URL      Redis (default redis://127.0.0.1:6379; the app connects at start)
 */
'use strict';

// Count every statement the app sends: patched before TypeORM loads pg.
const pg = require('pg');
let counting = false;
let statements = 0;
const originalQuery = pg.Client.prototype.query;
pg.Client.prototype.query = function countedQuery(...args) {
  if (counting) statements += 1;
  return originalQuery.apply(this, args);
};

const { randomBytes } = require('node:crypto');
const { existsSync } = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { REDIS_URL, out, fmt, envNumber, databaseUrl, adminQuery } = require('./lib');

const SIZES = (process.env.BENCH_SIZES || '10000,50000,100000').split(',').map((s) => {
  const n = Number(s);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`BENCH_SIZES: not a positive integer: ${s}`);
  return n;
});
const REPEAT = envNumber('BENCH_REPEAT', 3, { integer: true });
const TARGET_MS = 2000;
const TARGET_SIZE = 100_000;
const RUN_ID = randomBytes(4).toString('hex');
const DB_NAME = `sfm_bench_sweep_${RUN_ID}`;
const DIST = path.join(__dirname, '..', 'dist', 'src');
const ENTERPRISES = 1000;

/** N open referrals of one product and bank; every 100th past its current stage's deadline. */
async function fill(db, n) {
  await db.query(
    'TRUNCATE referral, referral_event, referral_consent, notification, webhook_delivery, mail_delivery, outbox',
  );
  await db.query(
    `WITH e AS (SELECT id, owner_id, row_number() OVER (ORDER BY id) - 1 AS k FROM enterprise)
     INSERT INTO referral (owner_id, enterprise_id, enterprise_version, product_code, product_version,
            bank_id, bank_code, status, requested_amount_yuan, term_months, assigned_at,
            acknowledge_due_at, contact_due_at, decide_due_at, overdue_stage, match_outcome,
            enterprise_snapshot, idempotency_key, request_hash, created_at, updated_at)
     SELECT e.owner_id, e.id, 1, 'KEDAITONG', 1, b.id, b.code,
            (ARRAY['submitted', 'acknowledged', 'contacted'])[i % 3 + 1], 2000000, 12, now() - interval '1 day',
            CASE WHEN i % 100 = 0 AND i % 3 = 0 THEN now() - interval '1 hour' ELSE now() + interval '3 days' END,
            CASE WHEN i % 100 = 0 AND i % 3 = 1 THEN now() - interval '1 hour' ELSE now() + interval '5 days' END,
            CASE WHEN i % 100 = 0 AND i % 3 = 2 THEN now() - interval '1 hour' ELSE now() + interval '14 days' END,
            CASE i % 3 WHEN 0 THEN NULL WHEN 1 THEN 'acknowledge' ELSE 'contact' END,
            '{}'::jsonb, '{}'::jsonb, 'bench-' || i, repeat('0', 64), now() - interval '1 day', now()
       FROM generate_series(0, $1 - 1) AS i
       JOIN e ON e.k = i % $2
       JOIN partner_bank b ON b.code = 'CCB'`,
    [n, ENTERPRISES],
  );
  await db.query('ANALYZE referral');
}

async function main() {
  if (!existsSync(path.join(DIST, 'app.module.js'))) {
    throw new Error('dist/ is missing: run `npm run build` first');
  }
  const dbUrl = databaseUrl(DB_NAME);
  Object.assign(process.env, {
    NODE_ENV: 'production',
    APP_ROLE: 'api',
    DATABASE_URL: dbUrl,
    REDIS_URL,
    QUEUE_PREFIX: `sfm_bench_sweep_${RUN_ID}`,
    LOG_LEVEL: 'warn',
    SMTP_URL: 'smtp://127.0.0.1:2525',
    JWT_SECRET: randomBytes(48).toString('base64url'),
    SECRET_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
  });
  await adminQuery(`CREATE DATABASE ${DB_NAME}`);
  let app;
  const db = new pg.Client({ connectionString: dbUrl });
  try {
    const { runMigrations } = require(path.join(DIST, 'database', 'migrate'));
    await runMigrations(dbUrl);
    const { NestFactory } = require('@nestjs/core');
    const { AppModule } = require(path.join(DIST, 'app.module'));
    const { SeedService } = require(path.join(DIST, 'seeding', 'seed.service'));
    const { DeadlinesService } = require(
      path.join(DIST, 'modules', 'referrals', 'deadlines.service'),
    );
    app = await NestFactory.createApplicationContext(AppModule.forRole('api'), {
      logger: ['error'],
    });
    await app.get(SeedService).run();
    const deadlines = app.get(DeadlinesService);

    await db.connect();
    await db.query(
      `UPDATE partner_bank SET webhook_url = 'https://bank.example/hooks' WHERE code = 'CCB'`,
    );
    await db.query(
      `WITH u AS (
         INSERT INTO app_user (email, role)
         SELECT 'bench-sweep-' || i || '@example.cn', 'sme' FROM generate_series(1, $1) AS i
         RETURNING id)
       INSERT INTO enterprise (owner_id, current_version) SELECT id, 1 FROM u`,
      [ENTERPRISES],
    );

    out(
      `deadline sweep — ${os.cpus().length} CPUs, load ${os.loadavg()[0].toFixed(1)}; indicative only on a shared machine`,
    );
    out('');
    out(`${REPEAT} runs per size; pass = median`);
    out(
      'open referrals | overdue | pass (ms) | min (ms) | statements | idle pass (ms) | idle statements',
    );
    out(
      '-------------: | ------: | --------: | -------: | ---------: | -------------: | --------------:',
    );
    const results = [];
    for (const n of SIZES) {
      const runs = [];
      for (let r = 0; r < REPEAT; r++) {
        await fill(db, n);
        statements = 0;
        counting = true;
        const t0 = process.hrtime.bigint();
        const pass = await deadlines.sweep();
        const ms = Number(process.hrtime.bigint() - t0) / 1e6;
        counting = false;
        const passStatements = statements;
        statements = 0;
        counting = true;
        const t1 = process.hrtime.bigint();
        const idle = await deadlines.sweep();
        const idleMs = Number(process.hrtime.bigint() - t1) / 1e6;
        counting = false;
        if (idle.overdue !== 0) throw new Error(`the second pass marked ${idle.overdue} again`);
        const [{ events }] = (
          await db.query(
            `SELECT count(*)::int AS events FROM referral_event WHERE type = 'overdue'`,
          )
        ).rows;
        if (events !== pass.overdue) {
          throw new Error(`${events} overdue events for ${pass.overdue} marked`);
        }
        runs.push({
          overdue: pass.overdue,
          ms,
          statements: passStatements,
          idleMs,
          idle: statements,
        });
      }
      const median = (key) =>
        runs.map((x) => x[key]).sort((a, b) => a - b)[Math.floor(runs.length / 2)];
      const row = {
        n,
        overdue: runs[0].overdue,
        ms: median('ms'),
        min: Math.min(...runs.map((x) => x.ms)),
        statements: Math.max(...runs.map((x) => x.statements)),
        idleMs: median('idleMs'),
        idle: Math.max(...runs.map((x) => x.idle)),
      };
      results.push(row);
      out(
        `${fmt(n).padStart(14)} | ${fmt(row.overdue).padStart(7)} | ${fmt(row.ms).padStart(9)} | ${fmt(row.min).padStart(9)} | ${fmt(row.statements).padStart(10)} | ${fmt(row.idleMs).padStart(14)} | ${fmt(row.idle).padStart(15)}`,
      );
    }
    out('');
    const big = results.find((r) => r.n === TARGET_SIZE);
    if (big) {
      const perReferral = big.statements / big.overdue;
      out(`statements per overdue referral at ${fmt(TARGET_SIZE)}: ${perReferral.toFixed(2)}`);
      const ok = big.ms <= TARGET_MS && perReferral < 1;
      out(
        `target (pass ≤ ${fmt(TARGET_MS)} ms, fewer statements than overdue referrals): ${ok ? 'met' : 'MISSED'}`,
      );
      if (!ok) process.exitCode = 1;
    }
  } finally {
    await db.end().catch(() => undefined);
    if (app) await app.close();
    await adminQuery(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
  }
}

main().catch((err) => {
  process.stderr.write(`${err.stack || err}\n`);
  process.exitCode = 1;
});
