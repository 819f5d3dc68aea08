import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runMigrations } from '../../src/database/migrate';
import { SeedService } from '../../src/seeding/seed.service';
import { DeliveryLedger, expectNoneLost, Tally } from '../support/delivery-ledger';
import { ADMIN } from '../support/env';
import { techSmeProfile } from '../support/fixtures';
import { expectProblem } from '../support/problems';
import { PrivatePostgres } from '../support/private-postgres';
import { PROJECT_ROOT, stopAllProcesses, WorkerProcess } from '../support/processes';
import { createTestApp, TestApp } from '../support/test-app';
import { waitFor, WebhookReceiver } from '../support/webhook-receiver';

/**
 * Reliability under a PostgreSQL restart and a bank pause, with every part real: a private
 * PostgreSQL (stopped and started under the running services), the API in this process, the built
 * worker as its own OS process (`npm run build` first), the shared Redis under a queue prefix of
 * its own, and an HTTP receiver standing in for every bank. Neither the API nor the worker is
 * restarted: they must reconnect by themselves.
 *
 * Counts are printed per fault (`[pg-restart-faults] …`); lost must be 0 everywhere. Duplicates are
 * receipts of a webhook-id the bank had already acknowledged. Across a restart they are allowed
 * (at-least-once: the bank's 2xx can arrive while the write of `delivered` is cut, so the webhook
 * is sent again under the same webhook-id, which banks dedupe on): after deduplication by
 * webhook-id each referral has exactly one. Without a restart (the pause) there must be none.
 */

jest.setTimeout(90_000);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const PRODUCT = 'KEDAITONG';
const BANKS = ['BOC', 'BOCOM', 'CCB', 'JINGDEZHEN_RCB'];

interface Counts {
  committed: number;
  answered2xx: number;
  refused: string;
  delivered: number;
  mails?: number;
  duplicates: number;
  lost: number;
}
const table: string[] = [];
function report(fault: string, c: Counts): void {
  const line =
    `[pg-restart-faults] ${fault.padEnd(34)} committed=${c.committed} (2xx=${c.answered2xx}; other answers: ${c.refused || 'none'}) ` +
    `delivered=${c.delivered}${c.mails === undefined ? '' : ` mails=${c.mails}`} duplicates=${c.duplicates} lost=${c.lost}`;
  table.push(line);
  process.stdout.write(line + '\n');
}
const histogram = (statuses: number[]) =>
  Object.entries(
    statuses.reduce<Record<string, number>>((h, s) => ({ ...h, [s]: (h[s] ?? 0) + 1 }), {}),
  )
    .map(([s, n]) => `${s}×${n}`)
    .join(', ');

describe('PostgreSQL restarted and a bank paused under running API and worker (e2e, private PostgreSQL)', () => {
  let pg: PrivatePostgres;
  let t: TestApp;
  let worker: WorkerProcess;
  let sql: ReturnType<PrivatePostgres['sql']>;
  let receiver: WebhookReceiver;
  let ledger: DeliveryLedger;
  let admin: string;
  let sme: string;
  let enterpriseId: string;
  let amount = 1_000_000;

  beforeAll(async () => {
    if (!existsSync(join(PROJECT_ROOT, 'dist', 'src', 'worker.js')))
      throw new Error('dist/src/worker.js is missing: run `npm run build` before these tests');
    pg = await PrivatePostgres.start();
    await pg.query('CREATE DATABASE sfm');
    await runMigrations(pg.url('sfm'));
    sql = pg.sql('sfm');
    t = await createTestApp({
      databaseUrl: pg.url('sfm'),
      env: { APP_ROLE: 'api', QUEUE_PREFIX: `sfmpgr_${randomBytes(4).toString('hex')}` },
    });
    await t.app.get(SeedService).run();
    receiver = new WebhookReceiver();
    const url = await receiver.start();
    ledger = new DeliveryLedger(receiver);
    admin = await t.http.login(ADMIN.email, ADMIN.password);
    // Every partner bank of the product answers at the one receiver, with a secret sealed by this app's key.
    for (const code of BANKS) {
      const res = await t.http.patch(
        `/api/v1/admin/banks/${code}`,
        { webhookUrl: url, rotateWebhookSecret: true },
        { token: admin },
      );
      expect(res.status).toBe(200);
    }
    sme = await t.http.registerSme(`pgr-${randomBytes(4).toString('hex')}@example.cn`);
    const ent = await t.http.post('/api/v1/enterprises', techSmeProfile(), { token: sme });
    expect(ent.status).toBe(201);
    enterpriseId = ent.body.id;
    worker = startWorker();
    // Tests 1 to 3 restart PostgreSQL under a running worker (test 4 starts one during an outage).
    await worker.waitForOutput(/"worker started"/, 150_000);
  }, 240_000);

  afterAll(async () => {
    await pg?.up();
    await stopAllProcesses();
    await receiver?.stop();
    await t?.close().catch(() => undefined);
    await pg?.destroy();
    if (table.length) process.stdout.write(`\n${table.join('\n')}\n`);
  });

  /** The built worker as its own process, on the private PostgreSQL and this file's queue prefix. */
  function startWorker(): WorkerProcess {
    return new WorkerProcess({
      DATABASE_URL: pg.url('sfm'),
      REDIS_URL: t.env.REDIS_URL,
      QUEUE_PREFIX: t.env.QUEUE_PREFIX,
      JWT_SECRET: t.env.JWT_SECRET,
      SECRET_ENCRYPTION_KEY: t.env.SECRET_ENCRYPTION_KEY,
      WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
      SEED_ON_START: 'false',
      LOG_LEVEL: 'info',
      WEBHOOK_RETRY_SCHEDULE: '0,1,1,2,2,2',
      WEBHOOK_TIMEOUT_MS: '2000',
      OUTBOX_POLL_MS: '200',
      DELIVERY_SWEEP_GRACE_MS: '1000',
      DEADLINE_SWEEP_MS: '200',
    });
  }

  function submit(bankCode?: string) {
    return t.http.post(
      '/api/v1/referrals',
      {
        enterpriseId,
        productCode: PRODUCT,
        ...(bankCode ? { bankCode } : {}),
        requestedAmountYuan: ++amount,
        termMonths: 12,
        consent: { granted: true },
      },
      { token: sme, headers: { 'idempotency-key': `pgr-${randomBytes(8).toString('hex')}` } },
    );
  }

  /** The referral ids of this enterprise in PostgreSQL: what was really committed. */
  const committedIds = async () =>
    (
      await sql<{ id: string }>('SELECT id FROM referral WHERE enterprise_id = $1', [enterpriseId])
    ).map((r) => r.id);

  /** Runs `step`; if it fails, the worker's last log lines go with the error (why it stalled). */
  async function withWorkerLog<T>(step: Promise<T>): Promise<T> {
    try {
      return await step;
    } catch (e) {
      throw new Error(
        `${(e as Error).message}\nworker alive=${worker.alive}, last output:\n${worker.output.slice(-4000)}`,
        { cause: e },
      );
    }
  }

  /**
   * Neither process was restarted by the restart: the API answers ready again and the worker
   * process is still the one started in beforeAll (its fatal log line is in the message if not).
   */
  async function recovered(): Promise<void> {
    await waitFor(async () => (await t.http.get('/health/ready')).status === 200, 30_000, 250);
    if (!worker.alive)
      throw new Error(
        `the worker died during the restart; its last output:\n${worker.output.slice(-4000)}`,
      );
  }

  it('1. PostgreSQL restarted while referrals are submitted: every committed referral delivered once, none lost', async () => {
    ledger.policy = () => ({ status: 200 });
    const before = new Set(await committedIds());
    const answers: { status: number; id?: string }[] = [];
    const errors: string[] = [];
    let stop = false;
    // Two clients submitting back to back, named to CCB, throughout the restart.
    const client = async () => {
      while (!stop) {
        // A fetch cut mid-request is status 0; a contract violation is kept and fails the test.
        const res = await submit('CCB').catch((e: Error) => {
          if (!/fetch failed/.test(e.message)) errors.push(e.message);
          return { status: 0, body: {} as { id?: string } };
        });
        answers.push({ status: res.status, id: res.status === 201 ? res.body.id : undefined });
        if (res.status !== 201) await sleep(100);
      }
    };
    const clients = [client(), client()];
    await waitFor(() => answers.filter((a) => a.status === 201).length >= 6, 20_000, 20);
    await pg.down();
    await sleep(1500);
    await pg.up();
    await recovered();
    const afterRestart = answers.length;
    await waitFor(() => answers.slice(afterRestart).filter((a) => a.status === 201).length >= 6);
    stop = true;
    await Promise.all(clients);

    const ok = answers.filter((a) => a.status === 201).map((a) => a.id!);
    const committed = (await committedIds()).filter((id) => !before.has(id));
    // Every 201 is a committed row; a request cut by the restart may have committed unanswered.
    expect(committed).toEqual(expect.arrayContaining(ok));
    // Refused while PostgreSQL was down: 503 (or a cut connection), never another 4xx/5xx.
    const refused = answers.filter((a) => a.status !== 201).map((a) => a.status);
    expect(refused.filter((s) => s !== 503 && s !== 0)).toEqual([]);
    expect(refused.length).toBeGreaterThan(0);
    expect(errors).toEqual([]);

    const tally = await withWorkerLog(expectNoneLost(sql, ledger, committed, 45_000));
    // Deduplicated by webhook-id: one acknowledged id per committed referral (repeats counted below).
    expect(tally).toMatchObject({ dead: 0, delivered: committed.length });
    expect(tally.distinctIds).toBe(committed.length);
    report('1 PG restart during submissions', {
      committed: committed.length,
      answered2xx: ok.length,
      refused: histogram(refused),
      delivered: tally.delivered,
      duplicates: tally.duplicates,
      lost: committed.length - tally.delivered,
    });
    expect(committed.length - tally.delivered).toBe(0);
  });

  it('2. PostgreSQL restarted while the deadline sweep runs: one overdue event, webhook and notification per referral', async () => {
    ledger.policy = () => ({ status: 200 });
    const ids: string[] = [];
    for (let i = 0; i < 24; i++) {
      const res = await submit();
      expect(res.status).toBe(201);
      ids.push(res.body.id);
    }
    // Submissions delivered first, so only the overdue webhooks are in flight below.
    await withWorkerLog(expectNoneLost(sql, ledger, ids, 30_000));
    const overdueEvents = () =>
      sql<{ referral_id: string; reason: string; n: number }>(
        `SELECT referral_id, reason, count(*)::int AS n FROM referral_event
          WHERE referral_id = ANY($1::uuid[]) AND type = 'overdue' GROUP BY referral_id, reason`,
        [ids],
      );
    expect(await overdueEvents()).toEqual([]);

    // Deadlines pushed into the past in two batches, each followed by a restart 0–300 ms later
    // (the sweep passes every 200 ms), so the server goes away during a pass at least sometimes.
    for (const half of [ids.slice(0, 12), ids.slice(12)]) {
      await sql(
        `UPDATE referral SET acknowledge_due_at = now() - interval '1 minute' WHERE id = ANY($1::uuid[])`,
        [half],
      );
      await sleep(Math.floor(Math.random() * 300));
      await pg.down();
      await sleep(1000);
      await pg.up();
    }
    await recovered();
    await withWorkerLog(
      waitFor(async () => (await overdueEvents()).length === ids.length, 30_000, 200),
    );
    // Overdue webhooks delivered, then several more sweep passes that must change nothing.
    const overdueDeliveries = () =>
      sql<{ referral_id: string; event_id: string; status: string }>(
        `SELECT referral_id, event_id, status FROM webhook_delivery
          WHERE referral_id = ANY($1::uuid[]) AND event_type = 'referral.overdue'`,
        [ids],
      );
    await withWorkerLog(
      waitFor(
        async () => {
          const rows = await overdueDeliveries();
          return rows.length >= ids.length && rows.every((r) => r.status === 'delivered');
        },
        30_000,
        200,
      ),
    );
    await sleep(1500);

    const events = await overdueEvents();
    expect(events.filter((e) => e.n !== 1 || e.reason !== 'acknowledge')).toEqual([]);
    expect(events).toHaveLength(ids.length);
    const deliveries = await overdueDeliveries();
    expect(deliveries).toHaveLength(ids.length);
    expect(new Set(deliveries.map((d) => d.referral_id)).size).toBe(ids.length);
    // At the bank: one webhook-id per referral, received and acknowledged; repeats counted.
    const hooks = receiver.received.filter(
      (r) => r.json?.type === 'referral.overdue' && ids.includes(r.json?.data?.referral?.id),
    );
    const hookIds = new Set(hooks.map((h) => String(h.headers['webhook-id'])));
    expect(hookIds).toEqual(new Set(deliveries.map((d) => d.event_id)));
    const notes = await sql<{ referral_id: string; n: number }>(
      `SELECT referral_id, count(*)::int AS n FROM notification
        WHERE referral_id = ANY($1::uuid[]) AND type = 'referral.overdue' GROUP BY referral_id`,
      [ids],
    );
    expect(notes.filter((n) => n.n !== 1)).toEqual([]);
    expect(notes).toHaveLength(ids.length);
    const [{ mails }] = await sql<{ mails: number }>(
      `SELECT count(*)::int AS mails FROM mail_delivery m JOIN notification n ON n.id = m.notification_id
        WHERE n.referral_id = ANY($1::uuid[]) AND n.type = 'referral.overdue'`,
      [ids],
    );
    expect(mails).toBeLessThanOrEqual(ids.length);
    // The receiver always answers 200, so every repeat of a webhook-id follows an acknowledgement.
    const duplicates = hooks.length - hookIds.size;
    report('2 PG restart during deadline sweep', {
      committed: ids.length,
      answered2xx: ids.length,
      refused: '',
      delivered: hookIds.size,
      mails,
      duplicates,
      lost: ids.length - hookIds.size,
    });
    // Deduplicated by webhook-id: exactly one overdue webhook per referral.
    expect(hookIds.size).toBe(ids.length);
    for (const id of ids)
      expect(
        new Set(
          hooks
            .filter((h) => h.json?.data?.referral?.id === id)
            .map((h) => h.headers['webhook-id']),
        ).size,
      ).toBe(1);
  });

  it('3. a bank paused mid-stream: later submissions go to other banks or get a clear 422, none to the paused bank, none lost', async () => {
    ledger.policy = () => ({ status: 200 });
    const officerEmail = `officer-ccb-${randomBytes(3).toString('hex')}@bank.example`;
    const created = await t.http.post(
      '/api/v1/admin/banks/CCB/users',
      { email: officerEmail, password: 'officer-password-1' },
      { token: admin },
    );
    expect(created.status).toBe(201);
    const officer = await t.http.login(officerEmail, 'officer-password-1');

    type Sent = { startedAt: number; named: boolean; status: number; body: any; headers: Headers };
    const sent: Sent[] = [];
    let pausedAt = Infinity;
    let stop = false;
    // Two clients: one names CCB, the other lets routing choose.
    const client = async (named: boolean) => {
      while (!stop) {
        const startedAt = Date.now();
        const res = await submit(named ? 'CCB' : undefined);
        sent.push({ startedAt, named, status: res.status, body: res.body, headers: res.headers });
      }
    };
    const clients = [client(true), client(false)];
    await waitFor(() => sent.filter((s) => s.status === 201).length >= 6, 20_000, 20);
    const paused = await t.http.patch(
      '/api/v1/bank/me',
      { acceptingReferrals: false },
      { token: officer },
    );
    expect(paused.status).toBe(200);
    pausedAt = Date.now();
    await waitFor(() => sent.filter((s) => s.startedAt > pausedAt).length >= 10, 20_000, 20);
    stop = true;
    await Promise.all(clients);

    const after = sent.filter((s) => s.startedAt > pausedAt);
    // Named to the paused bank: the clear 422 naming the banks that can take it.
    for (const s of after.filter((x) => x.named)) {
      expectProblem(s, 422, 'bank_unavailable');
      expect(s.body.errors[0]).toMatchObject({ path: 'bankCode', code: 'paused' });
      expect(s.body.availableBankCodes).not.toContain('CCB');
    }
    // Routed: another bank, never the paused one.
    const routed = after.filter((x) => !x.named);
    expect(routed.map((s) => s.status)).toEqual(routed.map(() => 201));
    expect(routed.filter((s) => s.body.bankCode === 'CCB')).toEqual([]);
    // PostgreSQL agrees: nothing was assigned to CCB after the pause answered.
    const [{ n: toPaused }] = await sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM referral WHERE enterprise_id = $1 AND bank_code = 'CCB'
          AND created_at > to_timestamp($2::double precision / 1000)`,
      [enterpriseId, pausedAt],
    );
    expect(toPaused).toBe(0);
    const committed = sent.filter((s) => s.status === 201).map((s) => s.body.id as string);
    const tally: Tally = await withWorkerLog(expectNoneLost(sql, ledger, committed, 30_000));
    expect(tally).toMatchObject({ dead: 0, duplicates: 0 });
    report('3 bank paused mid-stream', {
      committed: committed.length,
      answered2xx: committed.length,
      refused: histogram(sent.filter((s) => s.status !== 201).map((s) => s.status)),
      delivered: tally.delivered,
      duplicates: tally.duplicates,
      lost: committed.length - tally.delivered,
    });
    expect(committed.length - tally.delivered).toBe(0);
    const banks = [...new Set(after.filter((s) => s.status === 201).map((s) => s.body.bankCode))];
    expect(banks.length).toBeGreaterThan(0);
    expect(banks).not.toContain('CCB');
    await t.http.patch('/api/v1/bank/me', { acceptingReferrals: true }, { token: officer });
  });

  it('4. a deadline passes while every worker is down, and PostgreSQL too: a worker started meanwhile waits for PostgreSQL and acts on it', async () => {
    ledger.policy = () => ({ status: 200 });
    const res = await submit();
    expect(res.status).toBe(201);
    const id: string = res.body.id;
    await withWorkerLog(expectNoneLost(sql, ledger, [id], 30_000));
    // Every worker stopped; the deadline passes; then PostgreSQL goes away too.
    await worker.stop();
    await sql(
      `UPDATE referral SET acknowledge_due_at = now() - interval '1 minute' WHERE id = $1`,
      [id],
    );
    await pg.down();
    worker = startWorker();
    // It came as far as its migrations and waits there, rather than exiting (loading the built
    // app alone can take half a minute on a busy machine).
    await worker.waitForOutput(/migrations: cannot reach PostgreSQL/, 90_000);
    await sleep(1000);
    expect(worker.alive).toBe(true);
    await pg.up();
    await recovered();
    const overdue = () =>
      sql<{ reason: string }>(
        `SELECT reason FROM referral_event WHERE referral_id = $1 AND type = 'overdue'`,
        [id],
      );
    await withWorkerLog(waitFor(async () => (await overdue()).length > 0, 30_000, 200));
    await withWorkerLog(
      waitFor(
        () =>
          receiver.received.some(
            (r) => r.json?.type === 'referral.overdue' && r.json?.data?.referral?.id === id,
          ),
        30_000,
        200,
      ),
    );
    expect(await overdue()).toEqual([{ reason: 'acknowledge' }]);
    expect(worker.alive).toBe(true);
  }, 240_000);
});
