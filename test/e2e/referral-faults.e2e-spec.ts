import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import IORedis from 'ioredis';
import { CONSENT_CATEGORY_IDS } from '../../src/modules/referrals/domain/consent';
import {
  BANK_EVENT_TYPES,
  DECLINE_REASONS,
  transition,
} from '../../src/modules/referrals/domain/referral-status';
import {
  DeliveryLedger,
  deliveriesOf,
  expectNoneLost,
  faultSummary,
  reportFault,
} from '../support/delivery-ledger';
import { techSmeProfile } from '../support/fixtures';
import { PrivateRedis, PROJECT_ROOT, stopAllProcesses, WorkerProcess } from '../support/processes';
import { createDatabase, createTestApp, dropDatabase, TestApp } from '../support/test-app';
import { waitFor, WebhookReceiver } from '../support/webhook-receiver';
import { ADMIN } from '../support/env';

/**
 * Delivery guarantees of referral webhooks under faults. The invariant, checked after every fault:
 * each referral answered 201 ends with its webhook delivered (the bank answered 2xx for its
 * webhook-id) or visibly `dead`; none is lost. Duplicates are allowed (at-least-once; banks dedupe
 * on webhook-id) and counted. Each fault prints one summary line (`[delivery-faults] …`).
 *
 * Needs `npm run build` first: the crash tests run the built worker (`dist/src/worker.js`) as a
 * separate process. Redis faults use private redis-server instances, never the shared one.
 */

jest.setTimeout(60_000);

const FAST = {
  WEBHOOK_RETRY_SCHEDULE: '0,1,1',
  WEBHOOK_TIMEOUT_MS: '1000',
  WORKER_LOCK_MS: '2000',
  OUTBOX_POLL_MS: '200',
  DELIVERY_SWEEP_GRACE_MS: '1000',
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let amountSeq = 1_000_000;
/** A requested amount no other referral in this file uses: the receiver's policy can key on it. */
const nextAmount = () => ++amountSeq;

/** A world: one database, an admin, bank CCB pointed at a scripted receiver, an SME with an eligible enterprise. */
interface World {
  database: string;
  t: TestApp;
  receiver: WebhookReceiver;
  ledger: DeliveryLedger;
  admin: string;
  sme: string;
  enterpriseId: string;
}

async function makeWorld(env: Record<string, string>): Promise<World> {
  const database = await createDatabase();
  let t: TestApp | undefined;
  const receiver = new WebhookReceiver();
  try {
    t = await createTestApp({ env, database });
    const url = await receiver.start();
    const ledger = new DeliveryLedger(receiver);
    const admin = await t.http.login(ADMIN.email, ADMIN.password);
    // A new secret sealed with this app's SECRET_ENCRYPTION_KEY (the template's was sealed with another).
    const ccb = await t.http.patch(
      '/api/v1/admin/banks/CCB',
      { webhookUrl: url, rotateWebhookSecret: true },
      { token: admin },
    );
    expect(ccb.status).toBe(200);
    const sme = await t.http.registerSme(`faults-${randomBytes(4).toString('hex')}@example.cn`);
    const ent = await t.http.post('/api/v1/enterprises', techSmeProfile(), { token: sme });
    expect(ent.status).toBe(201);
    return { database, t, receiver, ledger, admin, sme, enterpriseId: ent.body.id };
  } catch (e) {
    await receiver.stop().catch(() => undefined);
    await t?.close().catch(() => undefined);
    await dropDatabase(database).catch(() => undefined);
    throw e;
  }
}

/** Submits `n` referrals (201 each) with the given amounts (fresh ones by default); returns their ids. */
async function submit(
  w: World,
  n: number,
  amounts: number[] = Array.from({ length: n }, nextAmount),
): Promise<string[]> {
  const answers = await Promise.all(
    amounts.map((amount) =>
      w.t.http.post(
        '/api/v1/referrals',
        {
          enterpriseId: w.enterpriseId,
          productCode: 'KEDAITONG',
          bankCode: 'CCB',
          requestedAmountYuan: amount,
          termMonths: 12,
          consent: { granted: true },
        },
        { token: w.sme, headers: { 'idempotency-key': `f-${randomBytes(8).toString('hex')}` } },
      ),
    ),
  );
  for (const a of answers)
    expect({ status: a.status, body: a.status === 201 ? 'ok' : a.body }).toEqual({
      status: 201,
      body: 'ok',
    });
  return answers.map((a) => a.body.id as string);
}

async function eventIdsOf(w: World, referralIds: string[]): Promise<string[]> {
  return (await deliveriesOf(w.t.sql, referralIds)).map((r) => r.event_id!);
}

/** Every receipt at the receiver for these webhook-ids. */
const receivedFor = (w: World, eventIds: string[]) =>
  w.ledger.receipts.filter((r) => eventIds.includes(r.webhookId));

afterAll(async () => {
  await stopAllProcesses();
  if (faultSummary.length) process.stdout.write(`\n${faultSummary.join('\n')}\n`);
});

describe('referral delivery under process and Redis faults (separate worker processes)', () => {
  let redis: PrivateRedis;
  let w: World;
  const workers: WorkerProcess[] = [];

  /** The built worker as its own OS process, on this world's database and private Redis. */
  function startWorker(prefix: string, overrides: Record<string, string> = {}): WorkerProcess {
    const worker = new WorkerProcess({
      DATABASE_URL: w.t.databaseUrl,
      REDIS_URL: redis.url,
      QUEUE_PREFIX: prefix,
      JWT_SECRET: w.t.env.JWT_SECRET,
      SECRET_ENCRYPTION_KEY: w.t.env.SECRET_ENCRYPTION_KEY,
      WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
      SEED_ON_START: 'false',
      LOG_LEVEL: 'warn',
      ...FAST,
      ...overrides,
    });
    workers.push(worker);
    return worker;
  }

  beforeAll(async () => {
    if (!existsSync(join(PROJECT_ROOT, 'dist', 'src', 'worker.js')))
      throw new Error('dist/src/worker.js is missing: run `npm run build` before these tests');
    redis = await PrivateRedis.start();
    // The API alone: it writes outbox rows in PostgreSQL and never touches Redis; workers come and go.
    w = await makeWorld({ ...FAST, APP_ROLE: 'api', REDIS_URL: redis.url });
  });

  afterEach(async () => {
    await Promise.all(workers.splice(0).map((p) => p.kill()));
  });

  afterAll(async () => {
    await Promise.all(workers.splice(0).map((p) => p.kill()));
    await w?.receiver.stop();
    await w?.t.close();
    if (w) await dropDatabase(w.database);
    await redis?.down();
  });

  it('1. worker SIGKILLed mid-delivery: another worker takes the stalled job over and delivers', async () => {
    const prefix = `sfmf1_${randomBytes(3).toString('hex')}`;
    w.ledger.policy = (_hook, nth) => (nth === 1 ? 'hang' : { status: 200 }); // the bank hangs on the first request
    // A 4 s timeout, so the first worker's requests are still in flight when it dies. Each attempt
    // leases its delivery until its deadline (timeout + 1 s), so the takeover waits for that too.
    const first = startWorker(prefix, { WEBHOOK_TIMEOUT_MS: '4000' });
    const ids = await submit(w, 3);
    const eventIds = await eventIdsOf(w, ids);
    await waitFor(() => eventIds.every((id) => w.ledger.of(id).length === 1), 20_000);
    // In flight: no attempt recorded yet, nothing settled.
    const rows = await deliveriesOf(w.t.sql, ids);
    expect(rows.map((r) => r.status)).toEqual(['pending', 'pending', 'pending']);
    expect(
      await w.t.sql('SELECT id FROM webhook_attempt WHERE delivery_id = ANY($1::uuid[])', [
        rows.map((r) => r.delivery_id),
      ]),
    ).toHaveLength(0);

    await first.kill(); // SIGKILL: no shutdown hook, the job lock is never released
    expect(first.alive).toBe(false);
    const killedAt = Date.now();
    startWorker(prefix);
    const tally = await expectNoneLost(w.t.sql, w.ledger, ids, 30_000);
    expect(tally).toMatchObject({ delivered: 3, dead: 0 });
    // Each bank request the dead worker left hanging was sent again: counted, not hidden.
    expect(tally.duplicates).toBe(3);
    const recoveredMs = Math.max(...receivedFor(w, eventIds).map((r) => r.at)) - killedAt;
    reportFault(
      '1 worker SIGKILL mid-delivery',
      tally,
      `recovered ${recoveredMs} ms after the kill (lock 2000 ms, lease 5000 ms)`,
    );
  });

  it('2. stopped between commit and enqueue: outbox rows wait in PostgreSQL until a worker starts', async () => {
    const prefix = `sfmf2_${randomBytes(3).toString('hex')}`;
    w.ledger.policy = () => ({ status: 200 });
    const ids = await submit(w, 4); // no worker runs: committed, never enqueued
    await sleep(800);
    const outbox = () =>
      w.t.sql<{ dispatched_at: Date | null }>(
        'SELECT o.dispatched_at FROM outbox o JOIN webhook_delivery d ON d.outbox_id = o.id WHERE d.referral_id = ANY($1::uuid[])',
        [ids],
      );
    expect((await outbox()).map((o) => o.dispatched_at)).toEqual([null, null, null, null]);
    const eventIds = await eventIdsOf(w, ids);
    expect(receivedFor(w, eventIds)).toHaveLength(0);

    startWorker(prefix);
    const tally = await expectNoneLost(w.t.sql, w.ledger, ids);
    expect(tally).toMatchObject({ submitted: 4, delivered: 4, dead: 0, duplicates: 0 });
    expect((await outbox()).every((o) => o.dispatched_at !== null)).toBe(true);
    reportFault('2 stopped between commit and enqueue', tally);
  });

  it('3. Redis restarted without persistence while jobs are delayed or in flight: the sweeper re-enqueues and delivers', async () => {
    const prefix = `sfmf3_${randomBytes(3).toString('hex')}`;
    const inFlight = nextAmount();
    let recovered = false;
    // The bank fails everything until Redis is back, and hangs on the first request for `inFlight`.
    w.ledger.policy = (hook, nth) =>
      hook.json?.data?.referral?.requestedAmountYuan === inFlight && nth === 1
        ? 'hang'
        : { status: recovered ? 200 : 500 };
    // Retries 4 s ± 20 % apart, so the delayed jobs sit in Redis while it restarts; a 3 s timeout keeps one request in flight across the restart.
    startWorker(prefix, {
      WEBHOOK_RETRY_SCHEDULE: '0,4,4,4,4,4',
      DELIVERY_SWEEP_GRACE_MS: '1000',
      WEBHOOK_TIMEOUT_MS: '3000',
    });
    const delayed = await submit(w, 4);
    await waitFor(
      async () => (await deliveriesOf(w.t.sql, delayed)).every((r) => r.status === 'failed'),
      20_000,
    );
    const [active] = await submit(w, 1, [inFlight]);
    const [activeRow] = await deliveriesOf(w.t.sql, [active]);
    await waitFor(() => w.ledger.of(activeRow.event_id!).length === 1);

    const [{ outbox_id: activeJob }] = await w.t.sql<{ outbox_id: string }>(
      'SELECT outbox_id FROM webhook_delivery WHERE id = $1',
      [activeRow.delivery_id],
    );
    const jobs = async () => {
      const probe = new IORedis(redis.url, { maxRetriesPerRequest: 1, lazyConnect: true });
      await probe.connect();
      try {
        return {
          delayed: await probe.zcard(`${prefix}:webhooks:delayed`),
          active: await probe.lrange(`${prefix}:webhooks:active`, 0, -1),
        };
      } finally {
        probe.disconnect();
      }
    };
    expect(await jobs()).toEqual({ delayed: 4, active: [activeJob] });
    await redis.restart(); // SIGKILL + start: every job is gone, one of them mid-request
    expect(await jobs()).toEqual({ delayed: 0, active: [] });

    recovered = true;
    const ids = [...delayed, active];
    const tally = await expectNoneLost(w.t.sql, w.ledger, ids, 30_000);
    // The request left hanging across the restart was sent again: one duplicate, counted.
    expect(tally).toMatchObject({ submitted: 5, delivered: 5, dead: 0, duplicates: 1 });
    reportFault('3 Redis restarted (4 delayed + 1 active job)', tally);
  });

  it('4. Redis down while referrals are submitted: 201 all the same, delivered once Redis is back', async () => {
    const prefix = `sfmf4_${randomBytes(3).toString('hex')}`;
    w.ledger.policy = () => ({ status: 200 });
    await redis.down();
    const worker = startWorker(prefix); // boots with Redis down
    const spare = startWorker(prefix); // another one, stopped again before Redis returns
    const ids = await submit(w, 4);
    // Both have booted and tried to relay the rows.
    await Promise.all(
      [worker, spare].map((p) => p.waitForOutput(/outbox rows wait in PostgreSQL/)),
    );
    await sleep(500);
    const eventIds = await eventIdsOf(w, ids);
    expect(receivedFor(w, eventIds)).toHaveLength(0);
    // The rows wait, unlocked: no relay sits in an open transaction on them until Redis returns.
    const waiting = await w.t.sql<{ id: string }>(
      `SELECT o.id FROM outbox o JOIN webhook_delivery d ON d.outbox_id = o.id
        WHERE d.referral_id = ANY($1::uuid[]) AND o.dispatched_at IS NULL FOR UPDATE OF o SKIP LOCKED`,
      [ids],
    );
    expect(waiting).toHaveLength(4);
    // A worker that never reached Redis still shuts down on SIGTERM (Nest re-raises the signal once
    // its shutdown hooks are done), without needing the SIGKILL that stop() sends after 10 s.
    const stopping = Date.now();
    await spare.stop(10_000);
    expect({ exit: await spare.exited, withinMs: Date.now() - stopping < 5_000 }).toEqual({
      exit: { code: null, signal: 'SIGTERM' },
      withinMs: true,
    });

    await redis.up();
    const tally = await expectNoneLost(w.t.sql, w.ledger, ids, 30_000);
    expect(tally).toMatchObject({ submitted: 4, delivered: 4, dead: 0 });
    reportFault('4 Redis down during submission', tally);
  });

  it('6. Redis down for 12 s: deliveries resume within 2 s of its return', async () => {
    const prefix = `sfmf6_${randomBytes(3).toString('hex')}`;
    w.ledger.policy = () => ({ status: 200 });
    startWorker(prefix);
    const warm = await submit(w, 1);
    await expectNoneLost(w.t.sql, w.ledger, warm, 30_000); // connected and delivering
    await redis.down();
    // Long enough for ioredis's default back-off (e^n seconds) to grow past 10 s.
    await sleep(12_000);
    const ids = await submit(w, 2); // wait in the outbox meanwhile
    await redis.up();
    const backAt = Date.now();
    const tally = await expectNoneLost(w.t.sql, w.ledger, ids, 30_000);
    expect(tally).toMatchObject({ submitted: 2, delivered: 2, dead: 0 });
    const eventIds = await eventIdsOf(w, ids);
    const resumedMs = Math.min(...receivedFor(w, eventIds).map((r) => r.at)) - backAt;
    reportFault('6 Redis down 12 s', tally, `first delivery ${resumedMs} ms after Redis was back`);
    expect(resumedMs).toBeLessThan(2000);
  });

  it('7. SIGTERM while Redis is down: the worker exits non-zero at SHUTDOWN_TIMEOUT_MS, saying what it waited for', async () => {
    const prefix = `sfmf7_${randomBytes(3).toString('hex')}`;
    w.ledger.policy = () => ({ status: 200 });
    const worker = startWorker(prefix, { SHUTDOWN_TIMEOUT_MS: '3000', LOG_LEVEL: 'info' });
    const warm = await submit(w, 1);
    await expectNoneLost(w.t.sql, w.ledger, warm, 30_000); // it had reached Redis
    await redis.down();
    await worker.waitForOutput(/cannot reach Redis|Redis/);
    const stopping = Date.now();
    await worker.stop(15_000);
    const exit = await worker.exited;
    await redis.up();
    expect({ exit, withinMs: Date.now() - stopping < 6_000 }).toEqual({
      exit: { code: 1, signal: null },
      withinMs: true,
    });
    expect(worker.output).toMatch(
      /shutdown did not finish within 3000 ms \(still closing: .*worker \(BullMQ, Redis\)/,
    );
    // One log stream: every line the process printed is a JSON object.
    const notJson = worker.output
      .split('\n')
      .filter((line) => line.trim() !== '')
      .filter((line) => {
        try {
          return typeof JSON.parse(line) !== 'object';
        } catch {
          return true;
        }
      });
    expect(notJson).toEqual([]);
  });
});

describe('referral delivery against a misbehaving bank (in-process app, role all)', () => {
  let redis: PrivateRedis;
  let w: World;

  beforeAll(async () => {
    redis = await PrivateRedis.start();
    w = await makeWorld({ ...FAST, APP_ROLE: 'all', REDIS_URL: redis.url });
  });

  afterAll(async () => {
    await w?.receiver.stop();
    await w?.t.close();
    if (w) await dropDatabase(w.database);
    await redis?.down();
  });

  /** A policy keyed on the requested amount, which the webhook body carries. */
  function byAmount(plans: Record<number, (nth: number) => ReturnType<DeliveryLedger['policy']>>) {
    w.ledger.policy = (hook, nth) =>
      plans[hook.json?.data?.referral?.requestedAmountYuan]?.(nth) ?? { status: 200 };
  }

  const attemptsOf = (deliveryId: string) =>
    w.t.sql<{
      started_at: Date;
      status_code: number | null;
      latency_ms: number;
      error: string | null;
    }>(
      'SELECT started_at, status_code, latency_ms, error FROM webhook_attempt WHERE delivery_id = $1 ORDER BY started_at',
      [deliveryId],
    );

  async function deadListed(): Promise<string[]> {
    const res = await w.t.http.get('/api/v1/admin/deliveries?status=dead&limit=100', {
      token: w.admin,
    });
    expect(res.status).toBe(200);
    for (const d of res.body.items) expect(d.status).toBe('dead');
    return res.body.items.map((d: { id: string }) => d.id);
  }

  it('5a. 500 then 200: retried once and delivered; the attempt log records time, status, latency and error', async () => {
    w.ledger.policy = (_h, nth) => ({ status: nth === 1 ? 500 : 200 });
    const ids = await submit(w, 3);
    const tally = await expectNoneLost(w.t.sql, w.ledger, ids);
    expect(tally).toMatchObject({
      submitted: 3,
      delivered: 3,
      dead: 0,
      duplicates: 0,
      receipts: 6,
    });
    for (const row of await deliveriesOf(w.t.sql, ids)) {
      const log = await attemptsOf(row.delivery_id!);
      expect(log.map((a) => [a.status_code, a.error])).toEqual([
        [500, null],
        [200, null],
      ]);
      for (const a of log) {
        expect(a.started_at).toBeInstanceOf(Date);
        expect(a.latency_ms).toBeGreaterThanOrEqual(0);
      }
      expect(log[1].started_at.getTime()).toBeGreaterThan(log[0].started_at.getTime());
    }
    // The same log is what the SME and admins see on the referral.
    const seen = await w.t.http.get(`/api/v1/referrals/${ids[0]}`, { token: w.sme });
    expect(seen.body.delivery.deliveries[0]).toMatchObject({ status: 'delivered', attempts: 2 });
    expect(
      seen.body.delivery.deliveries[0].log.map((l: { statusCode: number }) => l.statusCode),
    ).toEqual([500, 200]);
    expect(seen.body.delivery.deliveries[0].log[0]).toEqual({
      startedAt: expect.any(String),
      latencyMs: expect.any(Number),
      statusCode: 500,
      error: null,
    });
    reportFault('5a bank answers 500 then 200', tally);
  });

  it('5b. 429 with Retry-After: 2 waits at least 2 s before the next attempt', async () => {
    w.ledger.policy = (_h, nth) =>
      nth === 1 ? { status: 429, headers: { 'retry-after': '2' } } : { status: 200 };
    const ids = await submit(w, 2);
    const tally = await expectNoneLost(w.t.sql, w.ledger, ids);
    expect(tally).toMatchObject({
      submitted: 2,
      delivered: 2,
      dead: 0,
      duplicates: 0,
      receipts: 4,
    });
    const gaps: number[] = [];
    for (const eventId of await eventIdsOf(w, ids)) {
      const [first, second] = w.ledger.of(eventId);
      expect([first.answer, second.answer]).toEqual([429, 200]);
      gaps.push(second.at - first.at);
    }
    // The schedule alone would retry after 1 s ± 20 %; Retry-After asks for 2 s.
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(1950);
    reportFault('5b bank answers 429 Retry-After: 2', tally, `gaps ${gaps.join(', ')} ms`);
  });

  it('5c. a bank hanging past WEBHOOK_TIMEOUT_MS: timeout logged and retried; always hanging ends dead; redelivery once it recovers', async () => {
    const once = nextAmount();
    const always = nextAmount();
    byAmount({ [once]: (nth) => (nth === 1 ? 'hang' : { status: 200 }), [always]: () => 'hang' });
    const ids = await submit(w, 2, [once, always]);
    const before = await expectNoneLost(w.t.sql, w.ledger, ids);
    expect(before).toMatchObject({ submitted: 2, delivered: 1, dead: 1 });
    const rows = await deliveriesOf(w.t.sql, ids);
    const onceRow = rows.find((r) => r.referral_id === ids[0])!;
    const alwaysRow = rows.find((r) => r.referral_id === ids[1])!;
    expect(onceRow.status).toBe('delivered');
    expect(alwaysRow.status).toBe('dead');
    const onceLog = await attemptsOf(onceRow.delivery_id!);
    expect(onceLog.map((a) => a.status_code)).toEqual([null, 200]);
    expect(onceLog[0].error).toMatch(/timed out after 1000 ms/);
    expect(onceLog[0].latency_ms).toBeGreaterThanOrEqual(950);
    const alwaysLog = await attemptsOf(alwaysRow.delivery_id!);
    expect(alwaysLog).toHaveLength(3); // the whole schedule '0,1,1'
    for (const a of alwaysLog) {
      expect(a.status_code).toBeNull();
      expect(a.error).toMatch(/timed out/);
      expect(a.latency_ms).toBeGreaterThanOrEqual(950);
    }
    expect(alwaysRow.attempts).toBe(3);
    reportFault('5c bank hangs (once / always)', before, 'before redelivery');

    // Dead is visible to admins, and redelivery works once the bank recovers.
    expect(await deadListed()).toContain(alwaysRow.delivery_id);
    w.ledger.policy = () => ({ status: 200 });
    const again = await w.t.http.post(
      `/api/v1/admin/deliveries/${alwaysRow.delivery_id}/redeliver`,
      undefined,
      { token: w.admin },
    );
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ id: alwaysRow.delivery_id, status: 'pending', attempts: 0 });
    const after = await expectNoneLost(w.t.sql, w.ledger, ids);
    expect(after).toMatchObject({ submitted: 2, delivered: 2, dead: 0 });
    expect(await deadListed()).not.toContain(alwaysRow.delivery_id);
    reportFault('5c … after admin redelivery', after);
  });

  it('5d. 410 Gone disables the endpoint: that delivery and later ones are dead until an admin re-enables and redelivers', async () => {
    const gone = nextAmount();
    byAmount({ [gone]: () => ({ status: 410 }) });
    const [goneId] = await submit(w, 1, [gone]);
    const first = await expectNoneLost(w.t.sql, w.ledger, [goneId]);
    expect(first).toMatchObject({ delivered: 0, dead: 1, receipts: 1 });
    const [bank] = await w.t.sql<{ webhook_disabled_at: Date | null }>(
      "SELECT webhook_disabled_at FROM partner_bank WHERE code = 'CCB'",
    );
    expect(bank.webhook_disabled_at).toBeInstanceOf(Date);

    // A later referral to the disabled endpoint: dead without a request.
    const [laterId] = await submit(w, 1);
    const both = await expectNoneLost(w.t.sql, w.ledger, [goneId, laterId]);
    expect(both).toMatchObject({ submitted: 2, delivered: 0, dead: 2, receipts: 1 });
    const dRows = await deliveriesOf(w.t.sql, [goneId, laterId]);
    const goneRow = dRows.find((r) => r.referral_id === goneId)!;
    const laterRow = dRows.find((r) => r.referral_id === laterId)!;
    expect(goneRow.last_error).toMatch(/410/);
    expect(laterRow.last_error).toMatch(/disabled/);
    expect(await deadListed()).toEqual(
      expect.arrayContaining([goneRow.delivery_id, laterRow.delivery_id]),
    );
    reportFault('5d bank answers 410 Gone', both, 'before re-enable');

    // Redelivery while still disabled: dead again, nothing sent.
    expect(
      (
        await w.t.http.post(
          `/api/v1/admin/deliveries/${laterRow.delivery_id}/redeliver`,
          undefined,
          { token: w.admin },
        )
      ).status,
    ).toBe(201);
    await waitFor(async () => (await deliveriesOf(w.t.sql, [laterId]))[0].status === 'dead');
    expect(w.ledger.of(laterRow.event_id!)).toHaveLength(0);

    const reenabled = await w.t.http.patch(
      '/api/v1/admin/banks/CCB',
      { reenableWebhook: true },
      { token: w.admin },
    );
    expect(reenabled.status).toBe(200);
    expect(reenabled.body.webhookDisabledAt).toBeNull();
    w.ledger.policy = () => ({ status: 200 });
    for (const row of [goneRow, laterRow]) {
      const res = await w.t.http.post(
        `/api/v1/admin/deliveries/${row.delivery_id}/redeliver`,
        undefined,
        { token: w.admin },
      );
      expect(res.status).toBe(201);
    }
    const after = await expectNoneLost(w.t.sql, w.ledger, [goneId, laterId]);
    expect(after).toMatchObject({ submitted: 2, delivered: 2, dead: 0 });
    reportFault('5d … after re-enable and redelivery', after);
  });

  describe('property: random input never yields a 5xx nor a half-written referral', () => {
    const junk = fc.oneof(
      fc.string({ maxLength: 20 }),
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.array(fc.integer(), { maxLength: 3 }),
      fc.dictionary(fc.string({ maxLength: 6 }), fc.integer(), { maxKeys: 2 }),
    );
    // Full Unicode, lone surrogates, NUL, blank and over-long text.
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.constantFrom('\ud800', 'x\udfffy', '科贷通\u0000', '', '   ', '同意向银行提供企业信息'),
      fc.string({ minLength: 1995, maxLength: 2010 }),
    );
    const counts = async () =>
      (
        await w.t.sql<Record<string, number>>(
          `SELECT (SELECT count(*)::int FROM referral) AS referrals, (SELECT count(*)::int FROM referral_event) AS events,
                  (SELECT count(*)::int FROM referral_consent) AS consents, (SELECT count(*)::int FROM webhook_delivery) AS deliveries,
                  (SELECT count(*)::int FROM outbox) AS outbox`,
        )
      )[0];
    const created: string[] = [];

    it('POST /referrals: 201 writes the referral whole (consent, event, delivery, outbox); a 4xx writes nothing', async () => {
      w.ledger.policy = () => ({ status: 200 });
      const field = <T>(valid: fc.Arbitrary<T>) =>
        fc.oneof({ weight: 5, arbitrary: valid }, { weight: 1, arbitrary: junk });
      /** A value, or (1 time in `freq`) no key at all. */
      const optional = <T>(arb: fc.Arbitrary<T>, freq = 3) =>
        fc.option(arb, { freq, nil: undefined });
      const core = fc.record({
        enterpriseId: fc.oneof(
          { weight: 8, arbitrary: fc.constant(w.enterpriseId) },
          fc.uuid(),
          junk,
        ),
        productCode: fc.oneof(
          { weight: 8, arbitrary: fc.constant('KEDAITONG') },
          fc.constantFrom('NO_SUCH_PRODUCT', 'kedaitong', 'CAIYUAN_XINDAITONG'),
          junk,
        ),
        bankCode: optional(
          fc.oneof(
            { weight: 5, arbitrary: fc.constant('CCB') },
            fc.constantFrom('BOC', 'NO_SUCH_BANK', 'ccb'),
            junk,
          ),
          2,
        ),
        requestedAmountYuan: fc.oneof(
          { weight: 8, arbitrary: fc.integer({ min: 1, max: 5_000_000 }) },
          fc.constantFrom(0, -1, 5_000_001, Number.MAX_SAFE_INTEGER, 2 ** 53, 1e300, 1.5, -0),
          junk,
        ),
        termMonths: fc.oneof(
          { weight: 8, arbitrary: fc.integer({ min: 1, max: 12 }) },
          fc.integer({ min: -3, max: 240 }),
          junk,
        ),
        consent: fc.oneof(
          {
            weight: 8,
            arbitrary: fc.record({
              granted: fc.oneof(
                { weight: 8, arbitrary: fc.constant(true) },
                fc.constant(false),
                junk,
              ),
              text: optional(field(fc.record({ zh: text, en: text })), 2),
              dataCategories: optional(
                field(
                  fc.oneof(
                    fc.subarray([...CONSENT_CATEGORY_IDS], { minLength: 1 }),
                    fc.array(fc.constantFrom('founder', 'credit', 'nope'), { maxLength: 4 }),
                  ),
                ),
                2,
              ),
            }),
          },
          junk,
        ),
      });
      // Mostly complete bodies, so that valid ones (201) come up too; sometimes a key is missing or one is unknown.
      const body = fc
        .tuple(
          core,
          fc.oneof(
            { weight: 8, arbitrary: fc.constant(null) },
            fc.constantFrom(
              'enterpriseId',
              'productCode',
              'requestedAmountYuan',
              'termMonths',
              'consent',
            ),
          ),
          fc.oneof({ weight: 12, arbitrary: fc.constant(undefined) }, junk),
        )
        .map(([b, drop, unknown]) => {
          const out: Record<string, unknown> = { ...b };
          if (drop) delete out[drop];
          if (unknown !== undefined) out.unknownField = unknown;
          return out;
        });
      const requests = fc.record({
        body,
        key: fc.oneof(
          { weight: 16, arbitrary: fc.constant<string | null>(null) },
          fc.constantFrom('', 'has space', 'k'.repeat(256), 'shared-key'),
        ),
      });
      let n = 0;
      let pulled = 0;
      const statuses: Record<string, number> = {};
      await fc.assert(
        fc.asyncProperty(requests, async ({ body: b, key }) => {
          const before = await counts();
          const res = await w.t.http.post('/api/v1/referrals', b, {
            token: w.sme,
            headers:
              key === null
                ? { 'idempotency-key': `pbt-${++n}-${randomBytes(3).toString('hex')}` }
                : key === ''
                  ? {}
                  : { 'idempotency-key': key },
          });
          const tag =
            res.status >= 400
              ? `${res.status} ${res.body.code}${res.body.errors?.[0] ? ` ${res.body.errors[0].path}` : ''}`
              : String(res.status);
          statuses[tag] = (statuses[tag] ?? 0) + 1;
          expect(res.status).toBeLessThan(500);
          const after = await counts();
          if (res.status === 201) {
            const id = res.body.id as string;
            // Routed to CCB (webhook) or, without bankCode, maybe to a partner bank that pulls (no webhook URL: no delivery).
            const webhook = res.body.bankCode === 'CCB';
            if (webhook && !created.includes(id)) created.push(id);
            if (!webhook) pulled++;
            const [whole] = await w.t.sql<Record<string, number>>(
              `SELECT (SELECT count(*)::int FROM referral_event WHERE referral_id = $1 AND type = 'submitted') AS events,
                      (SELECT count(*)::int FROM referral_consent WHERE referral_id = $1) AS consents,
                      (SELECT count(*)::int FROM webhook_delivery WHERE referral_id = $1) AS deliveries,
                      (SELECT count(*)::int FROM outbox o JOIN webhook_delivery d ON d.outbox_id = o.id WHERE d.referral_id = $1) AS outbox`,
              [id],
            );
            const d = webhook ? 1 : 0;
            expect(whole).toEqual({ events: 1, consents: 1, deliveries: d, outbox: d });
            const grew = after.referrals - before.referrals;
            expect(grew === 0 || grew === 1).toBe(true); // 0: an idempotent replay
            expect(after).toEqual({
              referrals: before.referrals + grew,
              events: before.events + grew,
              consents: before.consents + grew,
              deliveries: before.deliveries + grew * d,
              outbox: before.outbox + grew * d,
            });
          } else {
            expect(res.status).toBeGreaterThanOrEqual(400);
            expect(after).toEqual(before);
          }
        }),
        {
          numRuns: 100,
          // Known edges first: a lone surrogate and NUL in the consent text, a missing consent (once a 500).
          examples: [
            [
              {
                body: {
                  enterpriseId: w.enterpriseId,
                  productCode: 'KEDAITONG',
                  bankCode: 'CCB',
                  requestedAmountYuan: 1000,
                  termMonths: 6,
                  consent: { granted: true, text: { zh: '同意\ud800', en: 'x' } },
                },
                key: null,
              },
            ],
            [
              {
                body: {
                  enterpriseId: w.enterpriseId,
                  productCode: 'KEDAITONG',
                  bankCode: 'CCB',
                  requestedAmountYuan: 1000,
                  termMonths: 6,
                  consent: { granted: true, text: { zh: '同意', en: 'a\u0000b' } },
                },
                key: null,
              },
            ],
            [
              {
                body: {
                  enterpriseId: w.enterpriseId,
                  productCode: 'KEDAITONG',
                  requestedAmountYuan: 1,
                  termMonths: 1,
                },
                key: null,
              },
            ],
            [
              {
                body: {
                  enterpriseId: w.enterpriseId,
                  productCode: 'KEDAITONG',
                  bankCode: 'CCB',
                  requestedAmountYuan: 5_000_000,
                  termMonths: 12,
                  consent: { granted: true },
                },
                key: null,
              },
            ],
          ],
        },
      );
      process.stdout.write(
        `[delivery-faults] property POST /referrals statuses ${JSON.stringify(statuses)}; ${created.length} to CCB (webhook), ${pulled} to pull-mode banks\n`,
      );
      expect(created.length).toBeGreaterThan(0);
    });

    it('POST /bank/referrals/:id/events: 201 appends exactly one event and moves the status; a 4xx changes nothing', async () => {
      const pool = await submit(w, 10);
      created.push(...pool);
      const key = await w.t.http.post('/api/v1/admin/banks/CCB/api-keys', undefined, {
        token: w.admin,
      });
      expect(key.status).toBe(201);
      const other = await w.t.http.post('/api/v1/admin/banks/BOC/api-keys', undefined, {
        token: w.admin,
      });
      const absent = fc.constant(undefined);
      // Well-formed events of every type (which one is legal depends on the referral's status)…
      const wellFormed = fc.oneof(
        fc.record({ type: fc.constant('acknowledged') }),
        fc.record({
          type: fc.constant('contacted'),
          note: fc.oneof(absent, fc.string({ maxLength: 50 })),
        }),
        fc.record({
          type: fc.constant('approved'),
          amountYuan: fc.integer({ min: 1, max: 3_000_000 }),
        }),
        fc.record({ type: fc.constant('declined'), reason: fc.constantFrom(...DECLINE_REASONS) }),
        fc.record({
          type: fc.constant('disbursed'),
          amountYuan: fc.integer({ min: 1, max: 3_000_000 }),
        }),
      );
      // …and anything else.
      const anyEvent = fc.record({
        type: fc.oneof(
          { weight: 10, arbitrary: fc.constantFrom(...BANK_EVENT_TYPES) },
          fc.constantFrom('withdrawn', 'submitted', 'constructor', '__proto__'),
          junk,
        ),
        amountYuan: fc.oneof(
          { weight: 6, arbitrary: absent },
          { weight: 4, arbitrary: fc.integer({ min: 1, max: 3_000_000 }) },
          fc.constantFrom(0, -5, Number.MAX_SAFE_INTEGER, 2 ** 53, 1.5, 1e21),
          junk,
        ),
        reason: fc.oneof(
          { weight: 6, arbitrary: absent },
          { weight: 3, arbitrary: fc.constantFrom(...DECLINE_REASONS) },
          text,
          junk,
        ),
        note: fc.oneof(
          { weight: 6, arbitrary: absent },
          text,
          fc.string({ minLength: 990, maxLength: 1010 }),
          junk,
        ),
        extra: fc.oneof({ weight: 12, arbitrary: absent }, junk),
      });
      const event = fc.oneof(wellFormed, anyEvent) as fc.Arbitrary<Record<string, unknown>>;
      const target = fc.oneof(
        { weight: 8, arbitrary: fc.integer({ min: 0, max: pool.length - 1 }).map((i) => pool[i]) },
        fc.uuid(),
        fc.constantFrom('not-a-uuid', '..%2F'),
      );
      const caller = fc.oneof(
        { weight: 8, arbitrary: fc.constant(key.body.apiKey as string) },
        fc.constant(other.body.apiKey as string),
        fc.constant('sfm_bogus'),
      );
      const statuses: Record<string, number> = {};
      await fc.assert(
        fc.asyncProperty(event, target, caller, async (body, id, apiKey) => {
          const statusOf = async () =>
            (
              await w.t.sql<{ status: string }>('SELECT status FROM referral WHERE id::text = $1', [
                id,
              ])
            )[0]?.status ?? null;
          const eventsBefore = (
            await w.t.sql<{ n: number }>('SELECT count(*)::int AS n FROM referral_event')
          )[0].n;
          const statusBefore = await statusOf();
          const res = await w.t.http.post(`/api/v1/bank/referrals/${id}/events`, body, { apiKey });
          const tag =
            res.status >= 400
              ? `${res.status} ${res.body.code}${res.body.errors?.[0] ? ` ${res.body.errors[0].path}` : ''}`
              : String(res.status);
          statuses[tag] = (statuses[tag] ?? 0) + 1;
          expect(res.status).toBeLessThan(500);
          const eventsAfter = (
            await w.t.sql<{ n: number }>('SELECT count(*)::int AS n FROM referral_event')
          )[0].n;
          if (res.status === 201) {
            expect(eventsAfter).toBe(eventsBefore + 1);
            const step = transition(statusBefore as never, body.type as never, 'bank');
            expect(step.ok).toBe(true);
            expect(await statusOf()).toBe(step.ok ? step.next : null);
          } else {
            expect(res.status).toBeGreaterThanOrEqual(400);
            expect(eventsAfter).toBe(eventsBefore);
            expect(await statusOf()).toBe(statusBefore);
          }
        }),
        { numRuns: 100 },
      );
      process.stdout.write(
        `[delivery-faults] property POST /bank/referrals/:id/events statuses ${JSON.stringify(statuses)}\n`,
      );
    });

    it('every referral the properties created was delivered too', async () => {
      const tally = await expectNoneLost(w.t.sql, w.ledger, created);
      expect(tally).toMatchObject({ delivered: created.length, dead: 0 });
      reportFault('property-test referrals (bank answers 200)', tally);
    });
  });
});
