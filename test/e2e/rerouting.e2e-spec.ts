import { randomBytes } from 'node:crypto';
import { ApiKeysService } from '../../src/modules/auth/api-keys.service';
import { DeadlinesService } from '../../src/modules/referrals/deadlines.service';
import { ADMIN } from '../support/env';
import { techSmeProfile } from '../support/fixtures';
import { expectProblem } from '../support/problems';
import { SmtpSink } from '../support/smtp-sink';
import { createTestApp, TestApp } from '../support/test-app';
import { waitFor, WebhookReceiver } from '../support/webhook-receiver';

const PRODUCT = 'KEDAITONG';
const NANCHANG = '360100'; // the example enterprise is in a county of Nanchang
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Re-routing (docs/routing.md): a referral whose bank misses the acknowledge deadline or declines
 * goes on to the next bank when the SME allowed it, by the worker's sweep or in the decline's
 * transaction; by hand otherwise (the SME with fresh consent, an admin on the SME's permission).
 */
describe('re-routing referrals (e2e)', () => {
  const queuePrefix = `sfmtest_${randomBytes(4).toString('hex')}`;
  let smtp: SmtpSink;
  let api: TestApp;
  const workers: TestApp[] = [];
  const receivers: WebhookReceiver[] = [];
  let admin: string;
  let serial = 0;
  const mailEnv = () => ({
    SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
    SMTP_FROM: '融资服务平台 <no-reply@sfm.test>',
    SMTP_TIMEOUT_MS: '1000',
    PUBLIC_URL: 'https://sfm.test',
  });

  beforeAll(async () => {
    smtp = new SmtpSink();
    await smtp.start();
    // The API alone first: no worker sweeps until the first test starts two.
    api = await createTestApp({
      env: { APP_ROLE: 'api', QUEUE_PREFIX: queuePrefix, ...mailEnv() },
    });
    admin = await api.http.login(ADMIN.email, ADMIN.password);
  });
  // Whatever a test did with the workers' clocks, the next one starts at today's time.
  afterEach(() => {
    for (const w of workers) w.clock.set(new Date());
  });
  afterAll(async () => {
    for (const w of workers) await w.close();
    for (const r of receivers) await r.stop();
    await api.close();
    await smtp.stop();
  });

  /** A worker whose clock runs `offsetMs` ahead (the same offset for every worker: no skew). */
  async function startWorker(offsetMs: number): Promise<TestApp> {
    // The clock is set before the app boots: a worker sweeps once as it starts, and a sweep at
    // today's time would re-route with deadlines counted from today.
    const w = await createTestApp({
      database: new URL(api.databaseUrl).pathname.slice(1),
      clockAt: new Date(Date.now() + offsetMs),
      env: {
        APP_ROLE: 'worker',
        QUEUE_PREFIX: queuePrefix,
        DEADLINE_SWEEP_MS: '200',
        OUTBOX_POLL_MS: '200',
        WEBHOOK_RETRY_SCHEDULE: '0,1,1',
        WEBHOOK_TIMEOUT_MS: '1000',
        SECRET_ENCRYPTION_KEY: api.env.SECRET_ENCRYPTION_KEY,
        JWT_SECRET: api.env.JWT_SECRET,
        ...mailEnv(),
      },
    });
    w.clock.set(new Date(Date.now() + offsetMs));
    workers.push(w);
    return w;
  }

  /** Creates banks (with a webhook receiver each when asked) and makes them the product's only partners. */
  async function partners(
    codes: string[],
    opts: { webhooks?: boolean } = {},
  ): Promise<{ keys: Record<string, string>; hooks: Record<string, WebhookReceiver> }> {
    const keys: Record<string, string> = {};
    const hooks: Record<string, WebhookReceiver> = {};
    for (const code of codes) {
      let webhookUrl: string | undefined;
      if (opts.webhooks) {
        hooks[code] = new WebhookReceiver();
        receivers.push(hooks[code]);
        webhookUrl = await hooks[code].start();
      }
      const res = await api.http.post(
        '/api/v1/admin/banks',
        {
          code,
          name: { zh: `${code}银行`, en: `${code} Bank` },
          regionCodes: [NANCHANG],
          ...(webhookUrl ? { webhookUrl } : {}),
        },
        { token: admin },
      );
      expect(res.status).toBe(201);
      const [row] = await api.sql<{ id: string }>('SELECT id FROM partner_bank WHERE code = $1', [
        code,
      ]);
      keys[code] = (await api.app.get(ApiKeysService).issue(row.id)).apiKey;
    }
    await api.sql('DELETE FROM bank_product WHERE product_code = $1', [PRODUCT]);
    await api.sql(
      `INSERT INTO bank_product (bank_id, product_code)
       SELECT id, $1 FROM partner_bank WHERE code = ANY($2)`,
      [PRODUCT, codes],
    );
    return { keys, hooks };
  }

  async function sme(email = `reroute-${++serial}@example.cn`) {
    const token = await api.http.registerSme(email);
    const ent = await api.http.post('/api/v1/enterprises', techSmeProfile(), { token });
    expect(ent.status).toBe(201);
    return { email, token, enterpriseId: ent.body.id as string };
  }

  async function submit(
    s: { token: string; enterpriseId: string },
    consent: Record<string, unknown> = { granted: true, allowReroute: true },
    bankCode?: string,
  ): Promise<{ id: string; bankCode: string }> {
    const res = await api.http.post(
      '/api/v1/referrals',
      {
        enterpriseId: s.enterpriseId,
        productCode: PRODUCT,
        ...(bankCode ? { bankCode } : {}),
        requestedAmountYuan: 2_000_000,
        termMonths: 12,
        consent,
      },
      { token: s.token, headers: { 'idempotency-key': `rr-${++serial}` } },
    );
    expect({ status: res.status, body: res.body }).toMatchObject({ status: 201 });
    return { id: res.body.id, bankCode: res.body.bankCode };
  }

  const bankEvent = (key: string, id: string, body: Record<string, unknown>) =>
    api.http.post(`/api/v1/bank/referrals/${id}/events`, body, { apiKey: key });

  const eventsOf = (id: string) =>
    api.sql<{ type: string; actor: string; reason: string | null }>(
      'SELECT type, actor, reason FROM referral_event WHERE referral_id = $1 ORDER BY created_at, id',
      [id],
    );

  /** Marks the referral's acknowledge deadline as missed, as the sweep does once it has passed. */
  async function missAcknowledgeDeadline(id: string): Promise<Date> {
    const [{ due }] = await api.sql<{ due: Date }>(
      'SELECT acknowledge_due_at AS due FROM referral WHERE id = $1',
      [id],
    );
    const later = new Date(due.getTime() + 60_000);
    api.clock.set(later);
    try {
      await api.app.get(DeadlinesService).sweep();
    } finally {
      api.clock.set(new Date());
    }
    return later;
  }

  const notes = async (token: string, referralId: string) =>
    (await api.http.get('/api/v1/notifications?limit=100', { token })).body.items.filter(
      (n: { referralId?: string }) => n.referralId === referralId,
    ) as { type: string; title: { zh: string }; body: { zh: string; en: string } }[];

  it('should take a referral whose bank did not acknowledge in time to the next bank, once, with two workers sweeping', async () => {
    const { keys, hooks } = await partners(['RR_A1', 'RR_B1'], { webhooks: true });
    // The first bank's endpoint fails: what it has not received is cancelled by the re-route.
    hooks.RR_A1.responder = (req) =>
      req.json?.type === 'referral.reassigned' ? { status: 200 } : { status: 503 };
    const s = await sme('reroute-done-when@example.cn');
    const { id, bankCode } = await submit(s);
    expect(bankCode).toBe('RR_A1'); // both idle: the lower code

    // The deadline passes: the referral is overdue and escalated, the SME is told.
    const later = await missAcknowledgeDeadline(id);
    const escalated = await api.http.get('/api/v1/admin/escalations?limit=100', { token: admin });
    expect(escalated.body.items).toContainEqual(
      expect.objectContaining({
        referralId: id,
        reason: 'overdue',
        stage: 'acknowledge',
        bankCode: 'RR_A1',
      }),
    );
    expect((await notes(s.token, id)).map((n) => n.type)).toEqual(['referral.overdue']);

    // Two workers sweep at once: one re-route.
    const offset = later.getTime() - Date.now();
    await startWorker(offset);
    await startWorker(offset);
    await waitFor(async () => (await eventsOf(id)).some((e) => e.type === 'rerouted'));
    const submittedToB = await waitFor(() =>
      hooks.RR_B1.received.find(
        (r) => r.json?.type === 'referral.submitted' && r.json?.data?.referral?.id === id,
      ),
    );
    expect(submittedToB.json.data.referral.bankCode).toBe('RR_B1');
    expect(submittedToB.json.data.enterprise).toEqual(
      expect.objectContaining({ name: expect.any(String) }),
    );
    const reassigned = await waitFor(() =>
      hooks.RR_A1.received.find((r) => r.json?.type === 'referral.reassigned'),
    );
    // Ids only: the old bank learns nothing new about the enterprise.
    expect(reassigned.json).toEqual({
      id: expect.any(String),
      type: 'referral.reassigned',
      timestamp: expect.any(String),
      data: { referral: { id } },
    });
    await sleep(1500); // several more passes of both workers
    expect((await eventsOf(id)).map((e) => [e.type, e.actor, e.reason])).toEqual([
      ['submitted', 'sme', null],
      ['overdue', 'system', 'acknowledge'],
      ['rerouted', 'system', 'acknowledge_overdue'],
    ]);
    // Each event names the bank that held the referral then (the overdue one, the bank that missed it).
    const banksOfEvents = await api.sql<{ type: string; code: string | null }>(
      `SELECT e.type, b.code FROM referral_event e LEFT JOIN partner_bank b ON b.id = e.bank_id
        WHERE e.referral_id = $1 ORDER BY e.created_at, e.id`,
      [id],
    );
    expect(banksOfEvents).toEqual([
      { type: 'submitted', code: 'RR_A1' },
      { type: 'overdue', code: 'RR_A1' },
      { type: 'rerouted', code: 'RR_B1' },
    ]);
    const consents = await api.sql<{ bank_code: string; basis: string; allow_reroute: boolean }>(
      'SELECT bank_code, basis, allow_reroute FROM referral_consent WHERE referral_id = $1 ORDER BY granted_at',
      [id],
    );
    expect(consents).toEqual([
      { bank_code: 'RR_A1', basis: 'submission', allow_reroute: true },
      { bank_code: 'RR_B1', basis: 'reroute_permission', allow_reroute: true },
    ]);
    const toB = hooks.RR_B1.received.filter((r) => r.json?.type === 'referral.submitted');
    expect(new Set(toB.map((r) => r.headers['webhook-id'])).size).toBe(1);
    expect(
      new Set(
        hooks.RR_A1.received
          .filter((r) => r.json?.type === 'referral.reassigned')
          .map((r) => r.headers['webhook-id']),
      ).size,
    ).toBe(1);

    // The old bank: nothing left to deliver, nothing to redeliver, and the referral is gone.
    const oldDeliveries = await api.sql<{ id: string; event_type: string; status: string }>(
      `SELECT d.id, d.event_type, d.status FROM webhook_delivery d JOIN partner_bank b ON b.id = d.bank_id
        WHERE d.referral_id = $1 AND b.code = 'RR_A1' ORDER BY d.created_at`,
      [id],
    );
    const cancelled = oldDeliveries.filter((d) => d.event_type !== 'referral.reassigned');
    expect(cancelled.length).toBeGreaterThan(0);
    expect(cancelled.map((d) => d.status)).toEqual(cancelled.map(() => 'cancelled'));
    const redeliver = await api.http.post(
      `/api/v1/admin/deliveries/${cancelled[0].id}/redeliver`,
      {},
      { token: admin },
    );
    expectProblem(redeliver, 409, 'conflict');
    expectProblem(
      await api.http.get(`/api/v1/bank/referrals/${id}`, { apiKey: keys.RR_A1 }),
      404,
      'not_found',
    );
    const inboxA = await api.http.get('/api/v1/bank/referrals', { apiKey: keys.RR_A1 });
    expect(inboxA.body.items.map((r: { id: string }) => r.id)).not.toContain(id);
    expectProblem(await bankEvent(keys.RR_A1, id, { type: 'acknowledged' }), 404, 'not_found');

    // The new bank sees the consented snapshot and its own time only.
    const seenByB = await api.http.get(`/api/v1/bank/referrals/${id}`, { apiKey: keys.RR_B1 });
    expect(seenByB.status).toBe(200);
    expect(seenByB.body).toMatchObject({ status: 'submitted', bankCode: 'RR_B1', overdue: false });
    expect(seenByB.body.events).toEqual([
      expect.objectContaining({
        type: 'rerouted',
        reason: null,
        note: null,
        fromBankCode: null,
        fromBankName: null,
        bankCode: 'RR_B1',
        bankName: { zh: 'RR_B1银行', en: 'RR_B1 Bank' },
      }),
    ]);
    expect(seenByB.body.delivery.deliveries.map((d: { eventType: string }) => d.eventType)).toEqual(
      ['referral.submitted'],
    );
    expect(seenByB.body.consent).toMatchObject({ bankCode: 'RR_B1', basis: 'reroute_permission' });

    // The SME sees where it went and why, and is told in the service and by mail.
    const seen = await api.http.get(`/api/v1/referrals/${id}`, { token: s.token });
    expect(seen.body.events.at(-1)).toMatchObject({
      type: 'rerouted',
      bankCode: 'RR_B1',
      bankName: { zh: 'RR_B1银行', en: 'RR_B1 Bank' },
      fromBankCode: 'RR_A1',
      fromBankName: { zh: 'RR_A1银行', en: 'RR_A1 Bank' },
      reason: 'acknowledge_overdue',
    });
    expect(seen.body.bankName).toEqual({ zh: 'RR_B1银行', en: 'RR_B1 Bank' });
    expect(seen.body.deadline.stage).toBe('acknowledge');
    expect(new Date(seen.body.deadline.dueAt).getTime()).toBeGreaterThan(later.getTime());
    const told = await notes(s.token, id);
    expect(told.map((n) => n.type)).toEqual(['referral.rerouted', 'referral.overdue']);
    expect(told[0].body.zh).toContain('RR_A1银行未在约定的工作日内受理');
    expect(told[0].body.zh).toContain('转给RR_B1银行办理');
    const mails = await waitFor(() => (smtp.to(s.email).length >= 2 ? smtp.to(s.email) : null));
    // From now on the workers sweep at today's time (the other tests' referrals are not late).
    for (const w of workers) w.clock.set(new Date());
    expect(mails.map((m) => m.subject)).toEqual(
      expect.arrayContaining([
        expect.stringContaining(told[0].title.zh),
        expect.stringContaining(told[1].title.zh),
      ]),
    );
    expect(mails.some((m) => m.text.includes(told[1].body.zh))).toBe(true);

    const after = await api.http.get('/api/v1/admin/escalations?limit=100', { token: admin });
    expect(after.body.items.map((e: { referralId: string }) => e.referralId)).not.toContain(id);

    // The new bank acknowledges.
    expect((await bankEvent(keys.RR_B1, id, { type: 'acknowledged' })).status).toBe(201);
    const acked = await api.http.get(`/api/v1/referrals/${id}`, { token: s.token });
    expect(acked.body).toMatchObject({ status: 'acknowledged', deadline: { stage: 'contact' } });
  });

  it('should re-route a decline to the next bank, which sees neither reason nor note, and keep the decliner away for 90 days', async () => {
    const { keys } = await partners(['RR_A2', 'RR_B2', 'RR_C2']);
    const s = await sme();
    const { id, bankCode } = await submit(s);
    expect(bankCode).toBe('RR_A2');
    expect((await bankEvent(keys.RR_A2, id, { type: 'acknowledged' })).status).toBe(201);
    const decline = await bankEvent(keys.RR_A2, id, {
      type: 'declined',
      reason: 'insufficient_credit',
      note: '征信查询次数过多',
    });
    expect(decline.status).toBe(201);
    expect(decline.body).toMatchObject({ type: 'declined', bankCode: 'RR_A2' });

    const seen = await api.http.get(`/api/v1/referrals/${id}`, { token: s.token });
    expect(seen.body).toMatchObject({ status: 'submitted', bankCode: 'RR_B2' });
    expect(seen.body.events.map((e: { type: string }) => e.type)).toEqual([
      'submitted',
      'acknowledged',
      'declined',
      'rerouted',
    ]);
    const seenByB = await api.http.get(`/api/v1/bank/referrals/${id}`, { apiKey: keys.RR_B2 });
    expect(seenByB.status).toBe(200);
    expect(JSON.stringify(seenByB.body)).not.toMatch(/征信查询次数过多|insufficient_credit|RR_A2/);
    expectProblem(
      await api.http.get(`/api/v1/bank/referrals/${id}`, { apiKey: keys.RR_A2 }),
      404,
      'not_found',
    );
    // One notification that says both what happened and where it went.
    const told = await notes(s.token, id);
    expect(told.map((n) => n.type).sort()).toEqual(['referral.acknowledged', 'referral.rerouted']);
    expect(told.find((n) => n.type === 'referral.rerouted')!.body.zh).toContain(
      '（原因：信用状况不满足要求）',
    );

    // The applicant's own decline ends it there.
    expect((await bankEvent(keys.RR_B2, id, { type: 'acknowledged' })).status).toBe(201);
    expect(
      (await bankEvent(keys.RR_B2, id, { type: 'declined', reason: 'applicant_declined_offer' }))
        .status,
    ).toBe(201);
    const ended = await api.http.get(`/api/v1/referrals/${id}`, { token: s.token });
    expect(ended.body).toMatchObject({ status: 'declined', bankCode: 'RR_B2' });
    expect((await notes(s.token, id)).map((n) => n.type)).toContain('referral.declined');

    // A new referral of the same enterprise skips the bank that declined it (all idle: RR_A2 would
    // win on its code), but not the one the applicant turned down.
    const again = await submit(s, { granted: true });
    expect(again.bankCode).toBe('RR_B2');
  });

  it('should let the SME re-route by hand with fresh consent, and refuse clearly otherwise', async () => {
    await partners(['RR_A3', 'RR_B3']);
    const s = await sme();
    const { id } = await submit(s, { granted: true });
    const reroute = (body: Record<string, unknown>, token = s.token) =>
      api.http.post(`/api/v1/referrals/${id}/reroute`, body, { token });

    const early = await reroute({ consent: { granted: true } });
    expectProblem(early, 409, 'invalid_transition');
    expect(early.body.errors[0]).toMatchObject({ code: 'not_overdue' });

    await missAcknowledgeDeadline(id);
    await sleep(800); // the workers sweep: without allowReroute nothing moves
    expect((await eventsOf(id)).map((e) => e.type)).toEqual(['submitted', 'overdue']);

    const noConsent = await reroute({ consent: { granted: false } });
    expectProblem(noConsent, 422, 'validation_failed');
    expect(noConsent.body.errors[0]).toMatchObject({ code: 'consent_required' });
    const same = await reroute({ bankCode: 'RR_A3', consent: { granted: true } });
    expectProblem(same, 422, 'bank_unavailable');
    expect(same.body.errors[0]).toMatchObject({ path: 'bankCode', code: 'already_tried' });
    expect(same.body.availableBankCodes).toEqual(['RR_B3']);
    expectProblem(
      await reroute({ bankCode: 'CCB', consent: { granted: true } }),
      422,
      'no_partner_bank',
    );
    expectProblem(
      await reroute({ consent: { granted: true } }, (await sme()).token),
      404,
      'not_found',
    );
    expectProblem(
      await api.http.post(
        `/api/v1/admin/referrals/${id}/reassign`,
        { bankCode: 'RR_B3', note: '改派' },
        { token: admin },
      ),
      409,
      'consent_required',
    );

    const moved = await reroute({
      consent: { granted: true, dataCategories: ['identity', 'financing_need'] },
    });
    expect(moved.status).toBe(201);
    expect(moved.body).toMatchObject({ status: 'submitted', bankCode: 'RR_B3', overdue: false });
    expect(moved.body.consent).toMatchObject({
      bankCode: 'RR_B3',
      basis: 'fresh',
      allowReroute: false,
      dataCategories: ['identity', 'financing_need'],
    });
    expect(moved.body.consent.text.zh).toContain('RR_B3银行');
    const [{ snapshot }] = await api.sql<{ snapshot: Record<string, unknown> }>(
      'SELECT enterprise_snapshot AS snapshot FROM referral WHERE id = $1',
      [id],
    );
    expect(Object.keys(snapshot)).not.toContain('employees');
    expect(Object.keys(snapshot)).toContain('financingNeed');
    const rerouted = (await notes(s.token, id)).find((n) => n.type === 'referral.rerouted');
    expect(rerouted?.body.zh).toContain('按照您的要求');
  });

  it('should let an admin reassign on the SME’s permission, audited, up to three banks', async () => {
    await partners(['RR_A4', 'RR_B4', 'RR_C4', 'RR_D4']);
    const s = await sme();
    const { id } = await submit(s);
    const reassign = (bankCode: string) =>
      api.http.post(
        `/api/v1/admin/referrals/${id}/reassign`,
        { bankCode, note: '原银行暂停受理，经企业同意改派' },
        { token: admin },
      );
    expectProblem(await reassign('RR_A4'), 422, 'bank_unavailable');
    const toC = await reassign('RR_C4');
    expect(toC.status).toBe(201);
    expect(toC.body.bankCode).toBe('RR_C4');
    expect(toC.body.events.at(-1)).toMatchObject({
      type: 'rerouted',
      actor: 'admin',
      reason: 'admin_reassign',
      note: '原银行暂停受理，经企业同意改派',
      fromBankCode: 'RR_A4',
    });
    expect((await reassign('RR_B4')).status).toBe(201);
    const fourth = await reassign('RR_D4');
    expectProblem(fourth, 409, 'reroute_limit_reached');
    const audit = await api.sql<{ action: string }>(
      `SELECT action FROM audit_entry WHERE entity_type = 'referral' AND entity_key = $1`,
      [id],
    );
    expect(audit.map((a) => a.action)).toEqual(['referral.reassigned', 'referral.reassigned']);
    expectProblem(
      await api.http.post(
        `/api/v1/admin/referrals/${id}/reassign`,
        { bankCode: 'RR_D4' },
        { token: admin },
      ),
      400,
      'validation_failed',
    );
    expectProblem(
      await api.http.post(
        `/api/v1/admin/referrals/${id}/reassign`,
        { bankCode: 'RR_D4', note: 'x' },
        { token: s.token },
      ),
      403,
      'forbidden',
    );
  });

  it('should keep the state and tell the SME and the admins when no bank is left', async () => {
    const { keys } = await partners(['RR_A5', 'RR_B5']);
    await api.sql(`UPDATE partner_bank SET accepting_referrals = false WHERE code = 'RR_B5'`);
    const s = await sme();
    const { id } = await submit(s);
    expect((await bankEvent(keys.RR_A5, id, { type: 'acknowledged' })).status).toBe(201);
    expect(
      (await bankEvent(keys.RR_A5, id, { type: 'declined', reason: 'not_eligible' })).status,
    ).toBe(201);
    const seen = await api.http.get(`/api/v1/referrals/${id}`, { token: s.token });
    expect(seen.body).toMatchObject({ status: 'declined', bankCode: 'RR_A5' });
    expect(seen.body.events.at(-1)).toMatchObject({
      type: 'reroute_exhausted',
      reason: 'no_bank_available',
    });
    expect((await notes(s.token, id)).map((n) => n.type).sort()).toEqual([
      'referral.acknowledged',
      'referral.declined',
      'referral.reroute_exhausted',
    ]);
    const escalations = await api.http.get('/api/v1/admin/escalations?limit=100', { token: admin });
    expect(escalations.body.items).toContainEqual(
      expect.objectContaining({
        referralId: id,
        reason: 'reroute_exhausted',
        status: 'declined',
        stage: null,
        dueAt: null,
      }),
    );

    // The other bank resumes: an admin moves it on, and it leaves the escalations.
    await api.sql(`UPDATE partner_bank SET accepting_referrals = true WHERE code = 'RR_B5'`);
    const moved = await api.http.post(
      `/api/v1/admin/referrals/${id}/reassign`,
      { bankCode: 'RR_B5', note: '该行已恢复受理' },
      { token: admin },
    );
    expect(moved.status).toBe(201);
    expect(moved.body).toMatchObject({ status: 'submitted', bankCode: 'RR_B5' });
    const after = await api.http.get('/api/v1/admin/escalations?limit=100', { token: admin });
    expect(after.body.items.map((e: { referralId: string }) => e.referralId)).not.toContain(id);
  });
});
