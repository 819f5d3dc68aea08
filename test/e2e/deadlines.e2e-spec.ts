import { randomBytes } from 'node:crypto';
import { ApiKeysService } from '../../src/modules/auth/api-keys.service';
import { ADMIN } from '../support/env';
import { techSmeProfile } from '../support/fixtures';
import { expectProblem } from '../support/problems';
import { createTestApp, TestApp } from '../support/test-app';
import { waitFor, WebhookReceiver } from '../support/webhook-receiver';

/** Referral deadlines: assigned at submission, swept on the workers, moved by admins. */
describe('referral deadlines (e2e)', () => {
  const queuePrefix = `sfmtest_${randomBytes(4).toString('hex')}`;
  const worker = {
    APP_ROLE: 'worker',
    QUEUE_PREFIX: queuePrefix,
    DEADLINE_SWEEP_MS: '200',
    OUTBOX_POLL_MS: '200',
    WEBHOOK_RETRY_SCHEDULE: '0,1,1',
    WEBHOOK_TIMEOUT_MS: '1000',
  };
  let api: TestApp;
  const workers: TestApp[] = [];
  let receiver: WebhookReceiver;
  let admin: string;
  let bankKey: string;

  beforeAll(async () => {
    // The API alone first: no worker runs a sweep until the test starts one.
    api = await createTestApp({ env: { APP_ROLE: 'api', QUEUE_PREFIX: queuePrefix } });
    receiver = new WebhookReceiver();
    const url = await receiver.start();
    admin = await api.http.login(ADMIN.email, ADMIN.password);
    const ccb = await api.http.patch(
      '/api/v1/admin/banks/CCB',
      { webhookUrl: url, rotateWebhookSecret: true },
      { token: admin },
    );
    expect(ccb.status).toBe(200);
    const [row] = await api.sql<{ id: string }>("SELECT id FROM partner_bank WHERE code = 'CCB'");
    bankKey = (await api.app.get(ApiKeysService).issue(row.id)).apiKey;
  });
  afterAll(async () => {
    for (const w of workers) await w.close();
    await receiver.stop();
    await api.close();
  });

  async function startWorker(at: Date): Promise<TestApp> {
    // The same secrets as the API: the worker decrypts the bank's webhook secret.
    const shared = {
      SECRET_ENCRYPTION_KEY: api.env.SECRET_ENCRYPTION_KEY,
      JWT_SECRET: api.env.JWT_SECRET,
    };
    // The clock is set before the app boots: a worker sweeps once as it starts, and one still at
    // today's time would take a due job and put it off until its time (days ahead) comes.
    const w = await createTestApp({
      database: api.databaseUrl.split('/').pop(),
      env: { ...worker, ...shared },
      clockAt: at,
    });
    workers.push(w);
    return w;
  }

  async function submit(email: string) {
    const token = await api.http.registerSme(email);
    const ent = await api.http.post('/api/v1/enterprises', techSmeProfile(), { token });
    expect(ent.status).toBe(201);
    const res = await api.http.post(
      '/api/v1/referrals',
      {
        enterpriseId: ent.body.id,
        productCode: 'KEDAITONG',
        bankCode: 'CCB',
        requestedAmountYuan: 2_000_000,
        termMonths: 12,
        consent: { granted: true },
      },
      { token, headers: { 'idempotency-key': `dl-${email.replace(/[^a-z0-9]/g, '-')}` } },
    );
    expect({ status: res.status, body: res.body }).toMatchObject({ status: 201 });
    return { token, id: res.body.id as string };
  }

  const overdueEvents = (id: string) =>
    api.sql<{ reason: string; actor: string }>(
      `SELECT reason, actor FROM referral_event WHERE referral_id = $1 AND type = 'overdue'`,
      [id],
    );

  it('should show every open referral its deadline, counted in working days', async () => {
    const { token, id } = await submit('deadline-shown@example.cn');
    const seen = await api.http.get(`/api/v1/referrals/${id}`, { token });
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const day1 = await api.http.get(`/api/v1/calendar/working-days?from=${today}&add=1`);
    expect(seen.body.deadline).toEqual({
      stage: 'acknowledge',
      dueAt: new Date(`${day1.body.date}T24:00:00+08:00`).toISOString(),
    });
    expect(seen.body.overdue).toBe(false);
    const [stored] = await api.sql<{ contact: Date; decide: Date }>(
      'SELECT contact_due_at AS contact, decide_due_at AS decide FROM referral WHERE id = $1',
      [id],
    );
    const day3 = await api.http.get(`/api/v1/calendar/working-days?from=${today}&add=3`);
    const day10 = await api.http.get(`/api/v1/calendar/working-days?from=${today}&add=10`);
    expect(stored.contact.toISOString()).toBe(
      new Date(`${day3.body.date}T24:00:00+08:00`).toISOString(),
    );
    expect(stored.decide.toISOString()).toBe(
      new Date(`${day10.body.date}T24:00:00+08:00`).toISOString(),
    );
  });

  it('should mark a deadline that passed while no worker ran once, with two workers sweeping', async () => {
    const { token, id } = await submit('deadline-missed@example.cn');
    // What the SME saw when it submitted: the acknowledge stage, not yet overdue.
    const [{ due }] = await api.sql<{ due: Date }>(
      'SELECT acknowledge_due_at AS due FROM referral WHERE id = $1',
      [id],
    );
    const later = new Date(due.getTime() + 60_000);
    api.clock.set(later);
    expect(await overdueEvents(id)).toEqual([]);

    await startWorker(later);
    await startWorker(later);
    await waitFor(async () => (await overdueEvents(id)).length > 0);
    const hook = await waitFor(() =>
      receiver.received.find(
        (r) => r.json?.type === 'referral.overdue' && r.json?.data?.referral?.id === id,
      ),
    );
    // Several more passes of both workers change nothing.
    await new Promise((r) => setTimeout(r, 1500));
    expect(await overdueEvents(id)).toEqual([{ reason: 'acknowledge', actor: 'system' }]);
    const deliveries = await api.sql(
      `SELECT 1 FROM webhook_delivery WHERE referral_id = $1 AND event_type = 'referral.overdue'`,
      [id],
    );
    expect(deliveries).toHaveLength(1);
    // One event, one webhook-id (a bank may see it twice on a retry, never two ids).
    const overdueIds = receiver.received
      .filter((r) => r.json?.type === 'referral.overdue' && r.json?.data?.referral?.id === id)
      .map((r) => r.headers['webhook-id']);
    expect(new Set(overdueIds)).toEqual(new Set([hook.headers['webhook-id']]));

    const seen = await api.http.get(`/api/v1/referrals/${id}`, { token });
    expect(seen.body).toMatchObject({ overdue: true, deadline: { stage: 'acknowledge' } });
    // The SME is told, once, in its own words.
    const told = await api.http.get('/api/v1/notifications?limit=100', { token });
    const overdueNotes = told.body.items.filter(
      (n: { type: string; referralId?: string }) =>
        n.type === 'referral.overdue' && n.referralId === id,
    );
    expect(overdueNotes).toHaveLength(1);
    expect(overdueNotes[0].title.zh).toEqual(expect.any(String));
    expect(overdueNotes[0].body.zh).not.toMatch(/acknowledge|overdue/);
    // Written for the whole batch at once, with the same names a single notification uses.
    expect(overdueNotes[0].title.zh).toBe('中国建设银行尚未按时处理您的申请');
    expect(overdueNotes[0].body.zh).toContain('「科贷通」');
    expect(seen.body.events.map((e: { type: string }) => e.type)).toEqual(['submitted', 'overdue']);

    const escalations = await api.http.get('/api/v1/admin/escalations?limit=100', { token: admin });
    expect(escalations.status).toBe(200);
    expect(escalations.body.items).toContainEqual(
      expect.objectContaining({ referralId: id, stage: 'acknowledge', bankCode: 'CCB' }),
    );

    // The bank acts: no longer escalated; the next stage has its own deadline.
    const ack = await api.http.post(
      `/api/v1/bank/referrals/${id}/events`,
      { type: 'acknowledged' },
      { apiKey: bankKey },
    );
    expect(ack.status).toBe(201);
    const after = await api.http.get('/api/v1/admin/escalations?limit=100', { token: admin });
    expect(after.body.items.map((e: { referralId: string }) => e.referralId)).not.toContain(id);
    const next = await api.http.get(`/api/v1/referrals/${id}`, { token });
    expect(next.body.deadline.stage).toBe('contact');
  });

  it('should let an admin move the current deadline, and later stages with it', async () => {
    const { id } = await submit('deadline-moved@example.cn');
    const [before] = await api.sql<{ ack: Date; contact: Date; decide: Date }>(
      `SELECT acknowledge_due_at AS ack, contact_due_at AS contact, decide_due_at AS decide
         FROM referral WHERE id = $1`,
      [id],
    );
    api.clock.set(new Date(Date.now()));
    const from = new Date(before.ack.getTime() - 1).toISOString();
    const ackDay = new Date(before.ack.getTime() + 8 * 3600_000 - 1).toISOString().slice(0, 10);
    const plus2 = await api.http.get(`/api/v1/calendar/working-days?from=${ackDay}&add=2`);
    const dueAt = new Date(`${plus2.body.date}T24:00:00+08:00`).toISOString();
    const moved = await api.http.post(
      `/api/v1/admin/referrals/${id}/deadline`,
      { dueAt, note: '银行申请延期' },
      { token: admin },
    );
    expect(moved.status).toBe(201);
    expect(moved.body.deadline).toEqual({ stage: 'acknowledge', dueAt });
    const contactDay = new Date(before.contact.getTime() + 8 * 3600_000 - 1)
      .toISOString()
      .slice(0, 10);
    const contactPlus2 = await api.http.get(
      `/api/v1/calendar/working-days?from=${contactDay}&add=2`,
    );
    expect(moved.body.deadlines.contact).toBe(
      new Date(`${contactPlus2.body.date}T24:00:00+08:00`).toISOString(),
    );
    expect(from < dueAt).toBe(true);
    const audit = await api.sql<{ action: string }>(
      `SELECT action FROM audit_entry WHERE entity_type = 'referral' AND entity_key = $1`,
      [id],
    );
    expect(audit.map((a) => a.action)).toEqual(['referral.deadline_moved']);

    expectProblem(
      await api.http.post(
        `/api/v1/admin/referrals/${id}/deadline`,
        { dueAt: '2020-01-01T00:00:00Z', note: 'x' },
        { token: admin },
      ),
      422,
      'validation_failed',
    );
    expectProblem(
      await api.http.post(
        `/api/v1/admin/referrals/${id}/deadline`,
        { dueAt: 'tomorrow', note: 'x' },
        { token: admin },
      ),
      400,
      'validation_failed',
    );
    const sme = await api.http.registerSme('deadline-nosy@example.cn');
    expectProblem(
      await api.http.post(
        `/api/v1/admin/referrals/${id}/deadline`,
        { dueAt, note: 'x' },
        { token: sme },
      ),
      403,
      'forbidden',
    );
  });

  it('should give referrals open before deadlines existed deadlines from now, not overdue ones', async () => {
    // Workers back at the real time first: one still running ahead (the test before) would find
    // the new referral overdue before its deadlines are cleared.
    if (workers.length === 0) await startWorker(new Date());
    for (const w of workers) w.clock.set(new Date());
    const { id } = await submit('deadline-legacy@example.cn');
    await api.sql(
      `UPDATE referral SET assigned_at = NULL, acknowledge_due_at = NULL, contact_due_at = NULL,
              decide_due_at = NULL, created_at = now() - interval '60 days' WHERE id = $1`,
      [id],
    );
    const [row] = await waitFor(async () => {
      const rows = await api.sql<{ due: Date | null }>(
        'SELECT acknowledge_due_at AS due FROM referral WHERE id = $1',
        [id],
      );
      return rows[0].due ? rows : null;
    });
    expect(row.due!.getTime()).toBeGreaterThan(Date.now());
    expect(await overdueEvents(id)).toEqual([]);
  });
});
