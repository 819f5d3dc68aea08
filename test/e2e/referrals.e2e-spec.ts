import { Webhook } from 'standardwebhooks';
import { ApiKeysService } from '../../src/modules/auth/api-keys.service';
import { techSmeProfile } from '../support/fixtures';
import { createTestApp, TestApp } from '../support/test-app';
import { waitFor, WebhookReceiver } from '../support/webhook-receiver';
import { ADMIN } from '../support/env';

const FAST = {
  APP_ROLE: 'all',
  WEBHOOK_RETRY_SCHEDULE: '0,1,1',
  WEBHOOK_TIMEOUT_MS: '1000',
  WORKER_LOCK_MS: '2000',
  OUTBOX_POLL_MS: '200',
  DELIVERY_SWEEP_GRACE_MS: '2000',
};

describe('referrals (e2e)', () => {
  let t: TestApp;
  let receiver: WebhookReceiver;
  let admin: string;
  let secret: string;
  let bankKey: string;
  let otherBankKey: string;

  beforeAll(async () => {
    t = await createTestApp({ env: FAST });
    receiver = new WebhookReceiver();
    const url = await receiver.start();
    admin = await t.http.login(ADMIN.email, ADMIN.password);
    const ccb = await t.http.patch(
      '/api/v1/admin/banks/CCB',
      { webhookUrl: url, rotateWebhookSecret: true },
      { token: admin },
    );
    expect(ccb.status).toBe(200);
    secret = ccb.body.webhookSecret;
    const keys = t.app.get(ApiKeysService);
    const [ccbRow] = await t.sql<{ id: string }>("SELECT id FROM partner_bank WHERE code = 'CCB'");
    const [bocRow] = await t.sql<{ id: string }>("SELECT id FROM partner_bank WHERE code = 'BOC'");
    bankKey = (await keys.issue(ccbRow.id)).apiKey;
    otherBankKey = (await keys.issue(bocRow.id)).apiKey;
  });
  afterAll(async () => {
    await receiver.stop();
    await t.close();
  });

  async function smeWithEnterprise(email: string) {
    const token = await t.http.registerSme(email);
    const ent = await t.http.post('/api/v1/enterprises', techSmeProfile(), { token });
    expect(ent.status).toBe(201);
    return { token, enterpriseId: ent.body.id as string };
  }

  const referral = (enterpriseId: string, extra: Record<string, unknown> = {}) => ({
    enterpriseId,
    productCode: 'KEDAITONG',
    bankCode: 'CCB',
    requestedAmountYuan: 2_000_000,
    termMonths: 12,
    consent: { granted: true },
    ...extra,
  });

  it('should deliver one signed webhook and let the bank work the referral to disbursed while the SME follows', async () => {
    const { token, enterpriseId } = await smeWithEnterprise('happy@example.cn');
    const res = await t.http.post('/api/v1/referrals', referral(enterpriseId), {
      token,
      headers: { 'idempotency-key': 'happy-1' },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: 'submitted',
      bankCode: 'CCB',
      bankName: { zh: '中国建设银行', en: 'China Construction Bank' },
      productCode: 'KEDAITONG',
      productVersion: 1,
      enterpriseVersion: 1,
    });

    const hook = await waitFor(() =>
      receiver.received.find((r) => r.json?.data?.referral?.id === res.body.id),
    );
    // The independent Standard Webhooks implementation verifies the signature.
    const verified = new Webhook(secret).verify(hook.body, {
      'webhook-id': String(hook.headers['webhook-id']),
      'webhook-timestamp': String(hook.headers['webhook-timestamp']),
      'webhook-signature': String(hook.headers['webhook-signature']),
    }) as any;
    expect(verified.type).toBe('referral.submitted');
    expect(verified.data.referral).toMatchObject({ id: res.body.id, enterpriseId });
    expect(verified.data.product).toMatchObject({
      code: 'KEDAITONG',
      version: 1,
      name: { zh: expect.any(String), en: expect.any(String) },
    });
    // Only consented fields: founder is sensitive and not in the default consent.
    expect(verified.data.enterprise).not.toHaveProperty('founder');
    expect(verified.data.enterprise).toMatchObject({
      name: '南昌某电子科技有限公司',
      employees: 38,
    });
    expect(Object.keys(verified.data.enterprise).sort()).toEqual(
      expect.arrayContaining([
        'uscc',
        'name',
        'entityType',
        'regionCode',
        'industryCode',
        'employees',
        'financingNeed',
      ]),
    );

    const id = res.body.id as string;
    for (const step of [
      { type: 'acknowledged' },
      { type: 'contacted', note: '已电话联系企业财务负责人' },
      { type: 'approved', amountYuan: 1_500_000 },
      { type: 'disbursed', amountYuan: 1_500_000 },
    ]) {
      const ev = await t.http.post(`/api/v1/bank/referrals/${id}/events`, step, {
        apiKey: bankKey,
      });
      expect(ev.status).toBe(201);
      expect(ev.body.type).toBe(step.type);
    }
    const seen = await t.http.get(`/api/v1/referrals/${id}`, { token });
    expect(seen.status).toBe(200);
    expect(seen.body.status).toBe('disbursed');
    expect(seen.body.approvedAmountYuan).toBe(1_500_000);
    expect(seen.body.events.map((e: any) => e.type)).toEqual([
      'submitted',
      'acknowledged',
      'contacted',
      'approved',
      'disbursed',
    ]);
    expect(seen.body.delivery.mode).toBe('webhook');
    await waitFor(
      async () =>
        (await t.http.get(`/api/v1/referrals/${id}`, { token })).body.delivery.deliveries[0]
          ?.status === 'delivered',
    );
    expect(seen.body.consent).toMatchObject({
      bankCode: 'CCB',
      dataCategories: expect.not.arrayContaining(['founder']),
    });

    const [consent] = await t.sql<any>('SELECT * FROM referral_consent WHERE referral_id = $1', [
      id,
    ]);
    expect(consent.consent_text.zh).toContain('中国建设银行');
    expect(consent.purpose_code).toBe('financing_referral');
  });

  it('should answer 409 invalid_transition for an illegal lifecycle step', async () => {
    const { token, enterpriseId } = await smeWithEnterprise('illegal@example.cn');
    const res = await t.http.post('/api/v1/referrals', referral(enterpriseId), {
      token,
      headers: { 'idempotency-key': 'illegal-1' },
    });
    const bad = await t.http.post(
      `/api/v1/bank/referrals/${res.body.id}/events`,
      { type: 'disbursed', amountYuan: 1 },
      { apiKey: bankKey },
    );
    expect(bad.status).toBe(409);
    expect(bad.body.code).toBe('invalid_transition');
  });

  it('should replay the same 201 for the same key and body and refuse another body with the key', async () => {
    const { token, enterpriseId } = await smeWithEnterprise('idem@example.cn');
    const body = referral(enterpriseId);
    const first = await t.http.post('/api/v1/referrals', body, {
      token,
      headers: { 'idempotency-key': 'idem-1' },
    });
    const again = await t.http.post('/api/v1/referrals', body, {
      token,
      headers: { 'idempotency-key': 'idem-1' },
    });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    const other = await t.http.post(
      '/api/v1/referrals',
      { ...body, termMonths: 6 },
      { token, headers: { 'idempotency-key': 'idem-1' } },
    );
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('idempotency_key_reused');
    const missing = await t.http.post('/api/v1/referrals', body, { token });
    expect(missing.status).toBe(400);
    const rows = await t.sql('SELECT id FROM referral WHERE enterprise_id = $1', [enterpriseId]);
    expect(rows).toHaveLength(1);
  });

  it('should make one referral from concurrent submissions with one key', async () => {
    const { token, enterpriseId } = await smeWithEnterprise('concurrent@example.cn');
    const body = referral(enterpriseId);
    const answers = await Promise.all(
      Array.from({ length: 8 }, () =>
        t.http.post('/api/v1/referrals', body, {
          token,
          headers: { 'idempotency-key': 'same-key' },
        }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(201));
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    expect(
      await t.sql('SELECT id FROM referral WHERE enterprise_id = $1', [enterpriseId]),
    ).toHaveLength(1);
    expect(
      await t.sql(
        'SELECT d.id FROM webhook_delivery d JOIN referral r ON r.id = d.referral_id WHERE r.enterprise_id = $1',
        [enterpriseId],
      ),
    ).toHaveLength(1);
  });

  it('should refuse an ineligible enterprise with 422 not_eligible naming the failing criteria', async () => {
    const token = await t.http.registerSme('ineligible@example.cn');
    const ent = await t.http.post('/api/v1/enterprises', techSmeProfile({ certifications: [] }), {
      token,
    });
    const res = await t.http.post('/api/v1/referrals', referral(ent.body.id), {
      token,
      headers: { 'idempotency-key': 'inel-1' },
    });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('not_eligible');
    expect(res.body.criteria.map((c: any) => c.id)).toContain('tech_sme');
    expect(
      await t.sql('SELECT id FROM referral WHERE enterprise_id = $1', [ent.body.id]),
    ).toHaveLength(0);
  });

  it("should answer 404 for another SME's enterprise and another bank's referral, and 403 when an SME posts bank events", async () => {
    const a = await smeWithEnterprise('owner-a@example.cn');
    const b = await t.http.registerSme('owner-b@example.cn');
    const stolen = await t.http.post('/api/v1/referrals', referral(a.enterpriseId), {
      token: b,
      headers: { 'idempotency-key': 'steal-1' },
    });
    expect(stolen.status).toBe(404);
    const mine = await t.http.post('/api/v1/referrals', referral(a.enterpriseId), {
      token: a.token,
      headers: { 'idempotency-key': 'mine-1' },
    });
    expect(
      (await t.http.get(`/api/v1/bank/referrals/${mine.body.id}`, { apiKey: otherBankKey })).status,
    ).toBe(404);
    expect((await t.http.get(`/api/v1/referrals/${mine.body.id}`, { token: b })).status).toBe(404);
    expect(
      (await t.http.get(`/api/v1/bank/referrals/${mine.body.id}`, { apiKey: bankKey })).status,
    ).toBe(200);
    const smeEvent = await t.http.post(
      `/api/v1/bank/referrals/${mine.body.id}/events`,
      { type: 'acknowledged' },
      { token: a.token },
    );
    expect(smeEvent.status).toBe(403);
  });

  it('should send a referral.withdrawn webhook when the SME withdraws before approval', async () => {
    const { token, enterpriseId } = await smeWithEnterprise('withdraw@example.cn');
    const res = await t.http.post('/api/v1/referrals', referral(enterpriseId), {
      token,
      headers: { 'idempotency-key': 'wd-1' },
    });
    const w = await t.http.post(`/api/v1/referrals/${res.body.id}/withdraw`, undefined, { token });
    expect(w.status).toBe(201);
    expect(w.body.status).toBe('withdrawn');
    await waitFor(() =>
      receiver.received.find(
        (r) => r.json?.type === 'referral.withdrawn' && r.json?.data?.referral?.id === res.body.id,
      ),
    );
    const again = await t.http.post(`/api/v1/referrals/${res.body.id}/withdraw`, undefined, {
      token,
    });
    expect(again.status).toBe(409);
  });
});
