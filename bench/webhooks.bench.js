/**
 * Webhook delivery benchmark, end to end on the BUILT app (run `npm run build` first; this script
 * builds nothing):
 *
 *   npm run build && node bench/webhooks.bench.js
 *   BENCH_REFERRALS=500 node bench/webhooks.bench.js          (shorter)
 *
 * Creates a fresh database, starts `node dist/src/main.js` (APP_ROLE=all: API, outbox relay and
 * webhook worker in one process; it migrates and seeds on start) with a unique QUEUE_PREFIX and
 * WEBHOOK_ALLOW_PRIVATE_TARGETS=true, points bank CCB's webhookUrl at a loopback receiver that
 * answers 200 at once, registers an SME with an eligible enterprise (a Nanchang tech SME, eligible
 * for KEDAITONG), then submits N referrals with a fixed concurrency and waits for every webhook.
 *
 * Measures, at steady state (the middle 80 % of referrals by submission order):
 *   - webhook deliveries per second at the receiver;
 *   - commit-to-receipt latency p50 / p99: the referral's createdAt (from the 201 body; stamped
 *     just before the referral's transaction) to the moment the receiver got its webhook.
 * Also prints the submission rate and POST latency, duplicates (receipts − distinct webhook-ids)
 * and the final delivery states in PostgreSQL. Then stops the app, drops the database and deletes
 * the queue's Redis keys.
 *
 * Environment:
 *   BENCH_REFERRALS    referrals to submit (default 2000)
 *   BENCH_CONCURRENCY  referrals in flight at once (default 20)
 *   BENCH_RATE         optional cap on submissions per second (default: none, as fast as the
 *                      concurrency allows); below the delivery capacity it shows the unqueued latency
 *   BENCH_PG_URL       PostgreSQL admin URL (default TEST_PG_URL or postgres://postgres@127.0.0.1:5432/postgres)
 *   REDIS_URL          Redis for the app's queue (default redis://127.0.0.1:6379; keys under a unique prefix)
 */
'use strict';

const { randomBytes } = require('node:crypto');
const { existsSync } = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const { Client } = require('pg');
const { Webhook } = require('standardwebhooks');
const {
  MAIN,
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
  freshUscc,
  call,
  expectStatus,
  pointCcbAndSignUpSme,
  deleteQueueKeys,
} = require('./lib');

const N = envNumber('BENCH_REFERRALS', 2000, { integer: true });
const CONCURRENCY = envNumber('BENCH_CONCURRENCY', 20, { integer: true });
const RATE = process.env.BENCH_RATE ? envNumber('BENCH_RATE', 0, { integer: true }) : null;
const DRAIN_TIMEOUT_MS = 120_000;
const RUN_ID = randomBytes(4).toString('hex');
const DB_NAME = `sfm_bench_webhooks_${RUN_ID}`;
const QUEUE_PREFIX = `sfmbench_${RUN_ID}`;
const ADMIN_EMAIL = 'admin@example.com';
const ADMIN_PASSWORD = `bench-${randomBytes(9).toString('base64url')}`;

function percentile(sorted, p) {
  if (!sorted.length) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

/** A tech SME in a Nanchang industrial park: eligible for KEDAITONG, which CCB serves there. */
function profile() {
  return exampleProfile({
    uscc: freshUscc(),
    founder: { categories: ['college_graduate'] },
    financingNeed: {
      amountYuan: 2_000_000,
      termMonths: 12,
      purpose: 'technology',
      collateralAvailable: false,
    },
  });
}

/** The bank: answers 200 at once and notes when each webhook-id first arrived. */
function startReceiver() {
  const firstSeen = new Map(); // referral id -> { at, webhookId }
  const samples = [];
  let receipts = 0;
  const ids = new Set();
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const at = Date.now();
      res.writeHead(200).end();
      receipts++;
      const webhookId = String(req.headers['webhook-id']);
      ids.add(webhookId);
      const body = Buffer.concat(chunks).toString('utf8');
      let referralId = null;
      try {
        referralId = JSON.parse(body).data.referral.id;
      } catch {
        /* counted, not matched */
      }
      if (referralId && !firstSeen.has(referralId)) firstSeen.set(referralId, { at, webhookId });
      if (samples.length < 5) samples.push({ headers: req.headers, body });
    });
  });
  server.keepAliveTimeout = 30_000;
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      resolve({
        url: `http://127.0.0.1:${server.address().port}/webhooks`,
        firstSeen,
        samples,
        stats: () => ({ receipts, distinct: ids.size }),
        close: () =>
          new Promise((r) => {
            server.close(() => r());
            server.closeAllConnections?.();
          }),
      });
    });
  });
}

async function main() {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run npm run build first`);
  const cpus = os.cpus();
  out('# Webhook delivery benchmark: referral committed → webhook received by the bank');
  out(
    `node ${process.version}; ${os.platform()} ${os.arch()}; cpu: ${cpus[0]?.model ?? 'unknown'} × ${cpus.length}; memory ${fmt(os.totalmem() / 2 ** 30, 1)} GiB`,
  );
  out(
    `${fmt(N)} referrals, ${CONCURRENCY} in flight${RATE ? `, at most ${RATE}/s` : ''}; app APP_ROLE=all (NODE_ENV=production, default WEBHOOK_CONCURRENCY and OUTBOX_POLL_MS); receiver answers 200 at once`,
  );
  out();

  await adminQuery(`CREATE DATABASE ${DB_NAME}`);
  let app;
  let receiver;
  const cleanup = async () => {
    await stopApp(app).catch(() => undefined);
    await receiver?.close().catch(() => undefined);
    await adminQuery(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`).catch((e) =>
      out(`could not drop ${DB_NAME}: ${e.message}`),
    );
    await deleteQueueKeys(QUEUE_PREFIX).catch((e) =>
      out(`could not delete Redis keys ${QUEUE_PREFIX}:*: ${e.message}`),
    );
  };
  const onSignal = () => void cleanup().finally(() => process.exit(130));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    receiver = await startReceiver();
    const port = await freePort();
    const started = Date.now();
    app = await startApp(
      port,
      {
        DATABASE_URL: databaseUrl(DB_NAME),
        QUEUE_PREFIX,
        APP_ROLE: 'all',
        WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
        ADMIN_EMAIL,
        ADMIN_PASSWORD,
      },
      '/health/ready',
    );
    out(
      `app up on port ${port} in ${fmt((Date.now() - started) / 1000, 1)} s (database ${DB_NAME}, migrated and seeded on start; queue prefix ${QUEUE_PREFIX})`,
    );

    const email = `bench-${RUN_ID}@example.cn`;
    const { ccb, sme } = await pointCcbAndSignUpSme(app.base, {
      adminEmail: ADMIN_EMAIL,
      adminPassword: ADMIN_PASSWORD,
      receiverUrl: receiver.url,
      smeEmail: email,
    });
    const enterprise = await expectStatus(
      call(app.base, 'POST', '/api/v1/enterprises', { token: sme, body: profile() }),
      201,
      'create enterprise',
    );

    // Submit N referrals, CONCURRENCY at a time.
    const submitted = new Array(N);
    const postMs = [];
    let next = 0;
    const t0 = Date.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        for (;;) {
          const i = next++;
          if (i >= N) return;
          if (RATE) {
            const due = t0 + (i * 1000) / RATE;
            if (due > Date.now()) await sleep(due - Date.now());
          }
          const sent = performance.now();
          const body = await expectStatus(
            call(app.base, 'POST', '/api/v1/referrals', {
              token: sme,
              headers: { 'idempotency-key': `bench-${RUN_ID}-${i}` },
              body: {
                enterpriseId: enterprise.id,
                productCode: 'KEDAITONG',
                bankCode: 'CCB',
                requestedAmountYuan: 2_000_000,
                termMonths: 12,
                consent: { granted: true },
              },
            }),
            201,
            `referral ${i}`,
          );
          postMs.push(performance.now() - sent);
          submitted[i] = { id: body.id, createdAt: Date.parse(body.createdAt) };
        }
      }),
    );
    const submitSeconds = (Date.now() - t0) / 1000;

    const deadline = Date.now() + DRAIN_TIMEOUT_MS;
    while (receiver.firstSeen.size < N) {
      if (app.exited()) throw new Error(`the app died during the run:\n${app.logs()}`);
      if (Date.now() > deadline)
        throw new Error(
          `only ${receiver.firstSeen.size} of ${N} webhooks arrived within ${DRAIN_TIMEOUT_MS / 1000} s after the last 201`,
        );
      await sleep(50);
    }
    const lastReceipt = Math.max(...[...receiver.firstSeen.values()].map((r) => r.at));

    // Signatures verify with the bank's secret (Standard Webhooks reference implementation).
    const hook = new Webhook(ccb.webhookSecret);
    for (const s of receiver.samples) {
      hook.verify(s.body, {
        'webhook-id': s.headers['webhook-id'],
        'webhook-timestamp': s.headers['webhook-timestamp'],
        'webhook-signature': s.headers['webhook-signature'],
      });
    }

    // Steady state: the middle 80 % of referrals by submission order.
    const lo = Math.floor(N * 0.1);
    const hi = Math.max(lo + 1, Math.ceil(N * 0.9));
    const steady = submitted
      .slice(lo, hi)
      .map((s) => ({ ...s, receivedAt: receiver.firstSeen.get(s.id).at }));
    const latencies = steady.map((s) => s.receivedAt - s.createdAt).sort((a, b) => a - b);
    const receipts = steady.map((s) => s.receivedAt).sort((a, b) => a - b);
    const windowSeconds = (receipts[receipts.length - 1] - receipts[0]) / 1000;
    const steadyRate = windowSeconds > 0 ? (receipts.length - 1) / windowSeconds : NaN;
    const overallRate = N / ((lastReceipt - t0) / 1000);
    const posts = postMs.sort((a, b) => a - b);
    // Is the latency steady, or a queue that grows because submissions outpace deliveries?
    const tenth = Math.max(1, Math.floor(steady.length / 10));
    const median = (xs) =>
      percentile(
        xs.map((s) => s.receivedAt - s.createdAt).sort((a, b) => a - b),
        50,
      );
    const early = median(steady.slice(0, tenth));
    const late = median(steady.slice(-tenth));
    const { receipts: total, distinct } = receiver.stats();

    const db = new Client({ connectionString: databaseUrl(DB_NAME) });
    await db.connect();
    const states = (
      await db.query(
        `SELECT status, count(*)::int AS n FROM webhook_delivery GROUP BY status ORDER BY status`,
      )
    ).rows;
    const attempts = (await db.query(`SELECT count(*)::int AS n FROM webhook_attempt`)).rows[0].n;
    await db.end();

    out();
    out('| measure | value |');
    out('|---|---:|');
    out(
      `| referrals submitted (201) | ${fmt(N)} in ${fmt(submitSeconds, 1)} s = ${fmt(N / submitSeconds)} /s |`,
    );
    out(
      `| POST /referrals latency p50 / p99 | ${fmt(percentile(posts, 50), 1)} / ${fmt(percentile(posts, 99), 1)} ms |`,
    );
    out(
      `| webhook deliveries/s at the receiver, steady state (middle 80 %) | ${fmt(steadyRate)} /s |`,
    );
    out(`| webhook deliveries/s overall (first POST → last webhook) | ${fmt(overallRate)} /s |`);
    out(
      `| commit-to-receipt latency p50 (steady state) | ${fmt(percentile(latencies, 50), 1)} ms |`,
    );
    out(
      `| commit-to-receipt latency p99 (steady state) | ${fmt(percentile(latencies, 99), 1)} ms |`,
    );
    out(
      `| commit-to-receipt latency max (steady state) | ${fmt(latencies[latencies.length - 1], 1)} ms |`,
    );
    out(
      `| commit-to-receipt p50, first vs last tenth of the steady window | ${fmt(early, 1)} → ${fmt(late, 1)} ms |`,
    );
    out(
      `| last webhook after the last 201 | ${fmt(Math.max(0, lastReceipt - (t0 + submitSeconds * 1000)))} ms |`,
    );
    out(
      `| receipts / distinct webhook-ids (duplicates) | ${fmt(total)} / ${fmt(distinct)} (${fmt(total - distinct)}) |`,
    );
    out(
      `| webhook_delivery states | ${states.map((s) => `${s.status} ${fmt(s.n)}`).join(', ')}; ${fmt(attempts)} attempts logged |`,
    );
    out();
    out(`signatures: ${receiver.samples.length} sampled webhooks verified with the bank secret`);
    if (late > 2 * early + 100) {
      out(
        `note: latency grew across the run (${fmt(early)} → ${fmt(late)} ms): submissions outpaced deliveries, so these ` +
          'latencies are mostly queueing; the one app process (API + relay + worker) is CPU-bound. Set BENCH_RATE below the ' +
          'delivery rate for the unqueued latency.',
      );
    }
    const allDelivered =
      states.length === 1 && states[0].status === 'delivered' && states[0].n === N;
    if (!allDelivered) out('WARNING: not every delivery is recorded as delivered');
    process.exitCode = allDelivered ? 0 : 1;
  } finally {
    await cleanup();
    out(`stopped the app, dropped ${DB_NAME}, deleted the ${QUEUE_PREFIX}:* Redis keys`);
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
}

main().catch((e) => {
  process.stderr.write(`${e.stack || e}\n`);
  process.exitCode = 2;
});
