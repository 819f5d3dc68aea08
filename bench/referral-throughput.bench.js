/**
 * Referral throughput benchmark with separate processes, on the BUILT app (run `npm run build`
 * first; this script builds nothing):
 *
 *   npm run build && node bench/referral-throughput.bench.js
 *   BENCH_BACKLOG=2000 BENCH_PACED_SECONDS=10 node bench/referral-throughput.bench.js   (shorter)
 *
 * One API process (`dist/src/main.js`, APP_ROLE=api) and BENCH_WORKERS worker processes
 * (`dist/src/worker.js`: outbox relay and webhook deliveries), all on a scratch database and a
 * unique BullMQ prefix, with bank CCB's webhookUrl pointed at a loopback receiver in this process
 * that answers 200 at once. BENCH_SMES SMEs, each with an enterprise eligible for KEDAITONG (a
 * Nanchang tech SME, served by CCB), are prepared before anything is timed: one through the API,
 * the rest copied from it in SQL; their access tokens are signed here with the app's JWT secret.
 *
 * Phases:
 *   A. accept: BENCH_BACKLOG referrals POSTed by autocannon at BENCH_CONCURRENCY connections while
 *      no worker runs (a bank or worker outage): the API's accept rate and POST latency, and the
 *      SQL statements the API sent per referral.
 *   B. drain: BENCH_WORKERS workers start on the BENCH_BACKLOG deliveries now due; deliveries/s
 *      at the receiver from the first to the last, and from the workers' spawn; duplicates
 *      (receipts − distinct webhook-ids) and lost (committed referrals with no webhook received);
 *      the statements the workers sent per delivery (relay included).
 *   C. paced: BENCH_PACED_RATE referrals/s for BENCH_PACED_SECONDS with the workers running:
 *      commit-to-receipt p50/p99 (from the referral's createdAt, stamped just before its
 *      transaction, to the receiver's first receipt) and POST latency under that load.
 * Every row shows the 1-minute load average at the end of its phase: on a shared machine the
 * times are only as good as that; the statement counts are the load-independent measure.
 *
 * Statements are counted in each app process by bench/query-counter.js (preloaded with --require,
 * read over an IPC channel); BENCH_TOP_STATEMENTS (default 12) lists the most frequent per
 * referral for submit and delivery.
 *
 * Environment:
 *   BENCH_BACKLOG        referrals submitted in A and drained in B (default 10000)
 *   BENCH_CONCURRENCY    connections in A (default 20)
 *   BENCH_WORKERS        worker processes in B and C (default 2)
 *   BENCH_PACED_RATE     referrals per second in C (default 200)
 *   BENCH_PACED_SECONDS  length of C (default 20; 0 skips C)
 *   BENCH_SMES           SMEs (each with an enterprise) the referrals are spread over (default 500)
 *   BENCH_TOP_STATEMENTS statements listed per process kind (default 12; 0 lists none)
 *   BENCH_DB_NAME        scratch database (default sfm_bench_throughput_<random>)
 *   BENCH_PG_URL         PostgreSQL admin URL (default TEST_PG_URL or postgres://postgres@127.0.0.1:5432/postgres)
 *   REDIS_URL            Redis (default redis://127.0.0.1:6379; keys under a unique prefix, deleted after)
 *   Anything the app reads (WEBHOOK_CONCURRENCY, OUTBOX_POLL_MS, …) passes through to its processes.
 */
'use strict';

const { createHmac, randomBytes } = require('node:crypto');
const { existsSync } = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');
const autocannon = require('autocannon');
const { Client } = require('pg');
const { Webhook } = require('standardwebhooks');
const {
  ROOT,
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

const BACKLOG = envNumber('BENCH_BACKLOG', 10_000, { integer: true });
const CONCURRENCY = envNumber('BENCH_CONCURRENCY', 20, { integer: true });
const WORKERS = envNumber('BENCH_WORKERS', 2, { integer: true });
const PACED_RATE = envNumber('BENCH_PACED_RATE', 200, { integer: true });
const PACED_SECONDS = Number(process.env.BENCH_PACED_SECONDS ?? 20);
const SMES = envNumber('BENCH_SMES', 500, { integer: true });
const TOP = Number(process.env.BENCH_TOP_STATEMENTS ?? 12);
const DRAIN_TIMEOUT_MS = 300_000;
const RUN_ID = randomBytes(4).toString('hex');
const DB_NAME = process.env.BENCH_DB_NAME || `sfm_bench_throughput_${RUN_ID}`;
const QUEUE_PREFIX = `sfmbench_${RUN_ID}`;
const ADMIN_EMAIL = 'admin@example.com';
const ADMIN_PASSWORD = `bench-${randomBytes(9).toString('base64url')}`;
const JWT_SECRET = randomBytes(48).toString('base64url');
const SECRET_ENCRYPTION_KEY = randomBytes(32).toString('base64');
const WORKER = path.join(ROOT, 'dist', 'src', 'worker.js');
const COUNTER = ['--require', path.join(__dirname, 'query-counter.js')];

const load = () => fmt(os.loadavg()[0], 2);

function percentile(sorted, p) {
  if (!sorted.length) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

/** An access token as the app signs it (HS256, issuer sme-finance-matcher). */
function accessToken(userId) {
  const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const head = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub: userId, role: 'sme', iat: now, exp: now + 6 * 3600, iss: 'sme-finance-matcher' })}`;
  return `${head}.${createHmac('sha256', JWT_SECRET).update(head).digest('base64url')}`;
}

/** The bank: answers 200 at once and notes when each referral's webhook first arrived. */
function startReceiver() {
  const firstSeen = new Map(); // referral id -> ms
  const samples = [];
  const ids = new Set();
  let receipts = 0;
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const at = Date.now();
      res.writeHead(200).end();
      receipts++;
      ids.add(String(req.headers['webhook-id']));
      const body = Buffer.concat(chunks).toString('utf8');
      try {
        const referralId = JSON.parse(body).data.referral.id;
        if (!firstSeen.has(referralId)) firstSeen.set(referralId, at);
      } catch {
        /* counted, not matched */
      }
      if (samples.length < 5) samples.push({ headers: req.headers, body });
    });
  });
  server.keepAliveTimeout = 30_000;
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () =>
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
      }),
    );
  });
}

/** Statement counts of one app process (bench/query-counter.js), optionally zeroing them. */
let askId = 0;
function queries(app, reset = false) {
  const id = ++askId;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no answer from the query counter')), 10_000);
    const onMessage = (m) => {
      if (m?.type !== 'bench:queries' || m.id !== id) return;
      clearTimeout(timer);
      app.child.off('message', onMessage);
      resolve(m);
    };
    app.child.on('message', onMessage);
    app.child.send({ type: 'bench:queries', id, reset });
  });
}

/** Sums the counts of several processes. */
function merge(counts) {
  const by = new Map();
  for (const c of counts)
    for (const s of c.statements) {
      const t = by.get(s.text) ?? { text: s.text, n: 0, ms: 0 };
      t.n += s.n;
      t.ms += s.ms;
      by.set(s.text, t);
    }
  return {
    total: counts.reduce((a, c) => a + c.total, 0),
    ms: counts.reduce((a, c) => a + c.ms, 0),
    statements: [...by.values()].sort((a, b) => b.n - a.n || b.ms - a.ms),
  };
}

function printTop(title, counts, per) {
  if (TOP <= 0) return;
  out(`${title}: ${fmt(counts.total / per, 2)} statements per referral`);
  out('| per referral | ms per referral (pool wait included) | statement |');
  out('|---:|---:|---|');
  for (const s of counts.statements.slice(0, TOP))
    out(`| ${fmt(s.n / per, 2)} | ${fmt(s.ms / per, 2)} | \`${s.text.replace(/\|/g, '\\|')}\` |`);
  out();
}

/** Copies the template SME (user, enterprise, its versions) `n` times in SQL; returns user ids. */
async function cloneSmes(db, userId, enterpriseId, n) {
  const columns = async (table, skip) =>
    (
      await db.query(
        `SELECT column_name FROM information_schema.columns
          WHERE table_schema = 'public' AND table_name = $1 ORDER BY ordinal_position`,
        [table],
      )
    ).rows
      .map((r) => r.column_name)
      .filter((c) => !skip.includes(c));
  const userCols = await columns('app_user', ['id', 'email']);
  const entCols = await columns('enterprise', ['id', 'owner_id', 'uscc']);
  const verCols = await columns('enterprise_version', ['id', 'enterprise_id']);
  const q = (cols, alias) => cols.map((c) => `${alias}."${c}"`).join(', ');
  const list = (cols) => cols.map((c) => `"${c}"`).join(', ');
  await db.query('BEGIN');
  await db.query(
    `CREATE TEMP TABLE bench_sme ON COMMIT DROP AS
       SELECT i, gen_random_uuid() AS user_id, gen_random_uuid() AS enterprise_id
         FROM generate_series(1, $1) AS i`,
    [n],
  );
  await db.query(
    `INSERT INTO app_user (id, email, ${list(userCols)})
       SELECT m.user_id, 'bench-sme-' || m.i || '@example.cn', ${q(userCols, 'u')}
         FROM bench_sme m, app_user u WHERE u.id = $1`,
    [userId],
  );
  await db.query(
    `INSERT INTO enterprise (id, owner_id, uscc, ${list(entCols)})
       SELECT m.enterprise_id, m.user_id, 'B' || lpad(m.i::text, 17, '0'), ${q(entCols, 'e')}
         FROM bench_sme m, enterprise e WHERE e.id = $1`,
    [enterpriseId],
  );
  await db.query(
    `INSERT INTO enterprise_version (id, enterprise_id, ${list(verCols)})
       SELECT gen_random_uuid(), m.enterprise_id, ${q(verCols, 'v')}
         FROM bench_sme m, enterprise_version v WHERE v.enterprise_id = $1`,
    [enterpriseId],
  );
  const rows = (await db.query('SELECT user_id, enterprise_id FROM bench_sme ORDER BY i')).rows;
  await db.query('COMMIT');
  return rows.map((r) => ({ userId: r.user_id, enterpriseId: r.enterprise_id }));
}

/** autocannon, resolving with its result. */
function cannon(opts) {
  return new Promise((resolve, reject) => {
    autocannon(opts, (err, result) => (err ? reject(err) : resolve(result)));
  });
}

/** POSTs referrals round-robin over `smes`; collects each 201's id and createdAt. */
function submitter(base, smes, phase, created) {
  let next = 0;
  return {
    url: `${base}/api/v1/referrals`,
    requests: [
      {
        method: 'POST',
        setupRequest: (req) => {
          const i = next++;
          const sme = smes[i % smes.length];
          return {
            ...req,
            headers: {
              'content-type': 'application/json',
              authorization: `Bearer ${sme.token}`,
              'idempotency-key': `bench-${phase}-${i}`,
            },
            body: JSON.stringify({
              enterpriseId: sme.enterpriseId,
              productCode: 'KEDAITONG',
              bankCode: 'CCB',
              requestedAmountYuan: 2_000_000,
              termMonths: 12,
              consent: { granted: true },
            }),
          };
        },
        onResponse: (status, body) => {
          if (status !== 201) return;
          const r = JSON.parse(body);
          created.push({ id: r.id, createdAt: Date.parse(r.createdAt) });
        },
      },
    ],
  };
}

async function main() {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run npm run build first`);
  const cpus = os.cpus();
  out('# Referral throughput: one API process, separate workers, a real HTTP receiver');
  out(
    `node ${process.version}; ${os.platform()} ${os.arch()}; cpu: ${cpus[0]?.model ?? 'unknown'} × ${cpus.length}; memory ${fmt(os.totalmem() / 2 ** 30, 1)} GiB; load average at start ${os
      .loadavg()
      .map((l) => fmt(l, 2))
      .join(' ')}`,
  );
  out(
    `backlog ${fmt(BACKLOG)} at ${CONCURRENCY} connections; ${WORKERS} workers; paced ${PACED_RATE}/s for ${PACED_SECONDS} s; ${fmt(SMES)} SMEs; NODE_ENV=production, LOG_LEVEL=warn` +
      `${process.env.WEBHOOK_CONCURRENCY ? `, WEBHOOK_CONCURRENCY=${process.env.WEBHOOK_CONCURRENCY}` : ''}`,
  );
  out();

  await adminQuery(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
  await adminQuery(`CREATE DATABASE ${DB_NAME}`);
  let api;
  const workers = [];
  let receiver;
  let db;
  const cleanup = async () => {
    await Promise.all([api, ...workers].map((a) => stopApp(a).catch(() => undefined)));
    await db?.end().catch(() => undefined);
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

  const env = {
    DATABASE_URL: databaseUrl(DB_NAME),
    QUEUE_PREFIX,
    WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
    ADMIN_EMAIL,
    ADMIN_PASSWORD,
    JWT_SECRET,
    SECRET_ENCRYPTION_KEY,
  };
  const rows = [];
  const row = (measure, value) => rows.push({ measure, value, load: load() });

  try {
    receiver = await startReceiver();
    const port = await freePort();
    api = await startApp(port, { ...env, APP_ROLE: 'api' }, '/health/ready', {
      nodeArgs: COUNTER,
      ipc: true,
    });
    const email = `bench-${RUN_ID}@example.cn`;
    const { ccb, sme } = await pointCcbAndSignUpSme(api.base, {
      adminEmail: ADMIN_EMAIL,
      adminPassword: ADMIN_PASSWORD,
      receiverUrl: receiver.url,
      smeEmail: email,
    });
    const template = await expectStatus(
      call(api.base, 'POST', '/api/v1/enterprises', {
        token: sme,
        body: exampleProfile({
          uscc: freshUscc(),
          founder: { categories: ['college_graduate'] },
          financingNeed: {
            amountYuan: 2_000_000,
            termMonths: 12,
            purpose: 'technology',
            collateralAvailable: false,
          },
        }),
      }),
      201,
      'create enterprise',
    );
    db = new Client({ connectionString: databaseUrl(DB_NAME) });
    await db.connect();
    const templateUser = (await db.query('SELECT id FROM app_user WHERE email = $1', [email]))
      .rows[0].id;
    const smes = (await cloneSmes(db, templateUser, template.id, SMES)).map((s) => ({
      ...s,
      token: accessToken(s.userId),
    }));
    // One referral through the API before the clock starts: the prepared SMEs are accepted.
    await expectStatus(
      fetch(`${api.base}/api/v1/referrals`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${smes[0].token}`,
          'idempotency-key': 'bench-probe',
        },
        body: JSON.stringify({
          enterpriseId: smes[0].enterpriseId,
          productCode: 'KEDAITONG',
          bankCode: 'CCB',
          requestedAmountYuan: 2_000_000,
          termMonths: 12,
          consent: { granted: true },
        }),
      }).then(async (r) => ({ status: r.status, body: await r.text() })),
      201,
      'probe referral',
    );
    out(
      `prepared: database ${DB_NAME}, API on port ${port}, ${fmt(smes.length)} SMEs with an enterprise eligible for KEDAITONG; load ${load()}`,
    );
    out();

    // A. Accept, with no worker running: the deliveries pile up as a backlog.
    await queries(api, true);
    const acceptCreated = [];
    const a = await cannon({
      ...submitter(api.base, smes, 'a', acceptCreated),
      connections: CONCURRENCY,
      amount: BACKLOG,
      timeout: 30,
    });
    const acceptLoad = load();
    const submitQueries = await queries(api, true);
    const accepted = acceptCreated.length;
    const acceptSeconds = (a.finish - a.start) / 1000;
    row(
      `A. referrals accepted (201) at ${CONCURRENCY} connections`,
      `${fmt(accepted)} in ${fmt(acceptSeconds, 1)} s = **${fmt(accepted / acceptSeconds)} /s**${a.non2xx || a.errors ? ` (non-2xx ${a.non2xx}, errors ${a.errors})` : ''}`,
    );
    row(
      'A. POST /referrals latency p50 / p99 / max',
      `${a.latency.p50} / **${a.latency.p99}** / ${a.latency.max} ms`,
    );
    row(
      'A. SQL statements per referral, submit (API)',
      `**${fmt(submitQueries.total / accepted, 2)}**`,
    );
    rows[rows.length - 1].load = acceptLoad;

    // B. Drain: the workers start on a backlog of due deliveries.
    const due = (
      await db.query(
        `SELECT count(*)::int AS n FROM webhook_delivery WHERE status = 'pending' AND next_attempt_at <= now()`,
      )
    ).rows[0].n;
    const drainStart = Date.now();
    for (let i = 0; i < WORKERS; i++)
      workers.push(
        await startApp(0, { ...env, APP_ROLE: 'worker' }, null, {
          script: WORKER,
          nodeArgs: COUNTER,
          ipc: true,
        }),
      );
    const expected = (await db.query('SELECT count(*)::int AS n FROM referral')).rows[0].n;
    const deadline = Date.now() + DRAIN_TIMEOUT_MS;
    while (receiver.firstSeen.size < expected) {
      for (const w of workers)
        if (w.exited()) throw new Error(`a worker died during the drain:\n${w.logs()}`);
      if (Date.now() > deadline)
        throw new Error(
          `only ${receiver.firstSeen.size} of ${expected} webhooks arrived within ${DRAIN_TIMEOUT_MS / 1000} s`,
        );
      await sleep(20);
    }
    const drainLoad = load();
    const times = [...receiver.firstSeen.values()].sort((x, y) => x - y);
    const drainFirst = times[0];
    const drainLast = times[times.length - 1];
    await sleep(500); // let the last attempts' bookkeeping land before counting statements
    const deliveryQueries = merge(await Promise.all(workers.map((w) => queries(w, true))));
    const drained = receiver.firstSeen.size;
    row(
      `B. backlog drained by ${WORKERS} workers (due deliveries)`,
      `${fmt(due)} due; ${fmt(drained)} delivered in ${fmt((drainLast - drainFirst) / 1000, 1)} s = **${fmt((drained - 1) / ((drainLast - drainFirst) / 1000))} /s** (first to last receipt)`,
    );
    row(
      'B. deliveries/s from the workers’ spawn',
      `${fmt(drained / ((drainLast - drainStart) / 1000))} /s (${fmt((drainLast - drainStart) / 1000, 1)} s, start-up included)`,
    );
    row(
      'B. SQL statements per delivery (workers: relay + delivery)',
      `**${fmt(deliveryQueries.total / drained, 2)}**`,
    );
    for (const r of rows.slice(-3)) r.load = drainLoad;

    // C. Paced submissions with the workers running.
    let pacedCreated = [];
    let c = null;
    if (PACED_SECONDS > 0) {
      c = await cannon({
        ...submitter(api.base, smes, 'c', pacedCreated),
        connections: Math.max(CONCURRENCY, 50),
        overallRate: PACED_RATE,
        amount: Math.round(PACED_RATE * PACED_SECONDS),
        timeout: 30,
      });
      const end = Date.now() + 60_000;
      while (pacedCreated.some((p) => !receiver.firstSeen.has(p.id)) && Date.now() < end)
        await sleep(20);
      const pacedLoad = load();
      // Steady state: the middle 80 % by submission order.
      const lo = Math.floor(pacedCreated.length * 0.1);
      const steady = pacedCreated.slice(lo, Math.max(lo + 1, Math.ceil(pacedCreated.length * 0.9)));
      const lat = steady
        .filter((p) => receiver.firstSeen.has(p.id))
        .map((p) => receiver.firstSeen.get(p.id) - p.createdAt)
        .sort((x, y) => x - y);
      row(
        `C. paced submissions (${PACED_RATE}/s requested, ${WORKERS} workers running)`,
        `${fmt(pacedCreated.length)} in ${fmt((c.finish - c.start) / 1000, 1)} s = ${fmt(pacedCreated.length / ((c.finish - c.start) / 1000))} /s; POST p50 / p99 ${c.latency.p50} / ${c.latency.p99} ms`,
      );
      row(
        'C. commit → receipt p50 / p99 / max (middle 80 %)',
        `${fmt(percentile(lat, 50))} / **${fmt(percentile(lat, 99))}** / ${fmt(lat[lat.length - 1])} ms`,
      );
      for (const r of rows.slice(-2)) r.load = pacedLoad;
    }

    // Nothing lost, nothing twice.
    await sleep(500);
    const committed = (await db.query('SELECT count(*)::int AS n FROM referral')).rows[0].n;
    const states = (
      await db.query(
        `SELECT status, count(*)::int AS n FROM webhook_delivery GROUP BY status ORDER BY status`,
      )
    ).rows;
    const { receipts, distinct } = receiver.stats();
    const lost = committed - receiver.firstSeen.size;
    row(
      'receipts / distinct webhook-ids (duplicates)',
      `${fmt(receipts)} / ${fmt(distinct)} (**${fmt(receipts - distinct)}**)`,
    );
    row(
      'committed referrals without a webhook received (lost)',
      `**${fmt(lost)}** of ${fmt(committed)}`,
    );
    row('webhook_delivery states', states.map((s) => `${s.status} ${fmt(s.n)}`).join(', '));

    const hook = new Webhook(ccb.webhookSecret);
    for (const s of receiver.samples)
      hook.verify(s.body, {
        'webhook-id': s.headers['webhook-id'],
        'webhook-timestamp': s.headers['webhook-timestamp'],
        'webhook-signature': s.headers['webhook-signature'],
      });

    out('| measure | value | load avg (1 min) |');
    out('|---|---|---:|');
    for (const r of rows) out(`| ${r.measure} | ${r.value} | ${r.load} |`);
    out();
    out(`signatures: ${receiver.samples.length} sampled webhooks verified with the bank secret`);
    out();
    printTop('submit (API process, phase A)', submitQueries, accepted);
    printTop(`delivery (${WORKERS} worker processes, phase B)`, deliveryQueries, drained);
    const clean =
      receipts === distinct && lost === 0 && states.every((s) => s.status === 'delivered');
    if (!clean) out('WARNING: duplicates, lost webhooks or undelivered rows: see above');
    process.exitCode = clean ? 0 : 1;
  } finally {
    await cleanup();
    out(
      `stopped the API and workers, dropped ${DB_NAME}, deleted the ${QUEUE_PREFIX}:* Redis keys`,
    );
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
}

main().catch((e) => {
  process.stderr.write(`${e.stack || e}\n`);
  process.exitCode = 2;
});
