import { ApiKeysService } from '../../src/modules/auth/api-keys.service';
import { ADMIN } from '../support/env';
import { techSmeProfile } from '../support/fixtures';
import { SmtpSink } from '../support/smtp-sink';
import { createTestApp, TestApp } from '../support/test-app';
import { waitFor } from '../support/webhook-receiver';

const FAST = {
  APP_ROLE: 'all',
  WEBHOOK_RETRY_SCHEDULE: '0,1,1,1,1,1,1,1',
  WEBHOOK_TIMEOUT_MS: '1000',
  SMTP_TIMEOUT_MS: '1000',
  WORKER_LOCK_MS: '2000',
  OUTBOX_POLL_MS: '200',
  DELIVERY_SWEEP_GRACE_MS: '2000',
  SMTP_FROM: '融资服务平台 <no-reply@sfm.test>',
  PUBLIC_URL: 'https://sfm.test',
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('notifications to SMEs, in the service and by email (e2e)', () => {
  let t: TestApp;
  let smtp: SmtpSink;
  let admin: string;
  let bankKey: string;

  beforeAll(async () => {
    smtp = new SmtpSink();
    const url = await smtp.start();
    t = await createTestApp({ env: { ...FAST, SMTP_URL: url } });
    admin = await t.http.login(ADMIN.email, ADMIN.password);
    const [ccb] = await t.sql<{ id: string }>("SELECT id FROM partner_bank WHERE code = 'CCB'");
    bankKey = (await t.app.get(ApiKeysService).issue(ccb.id)).apiKey;
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  let seq = 0;
  async function referredSme(email: string) {
    const token = await t.http.registerSme(email);
    const ent = await t.http.post('/api/v1/enterprises', techSmeProfile(), { token });
    expect(ent.status).toBe(201);
    const ref = await t.http.post(
      '/api/v1/referrals',
      {
        enterpriseId: ent.body.id,
        productCode: 'KEDAITONG',
        bankCode: 'CCB',
        requestedAmountYuan: 2_000_000,
        termMonths: 12,
        consent: { granted: true },
      },
      { token, headers: { 'idempotency-key': `n-${++seq}` } },
    );
    expect(ref.status).toBe(201);
    return { token, enterpriseId: ent.body.id as string, referralId: ref.body.id as string };
  }

  const event = (referralId: string, body: Record<string, unknown>) =>
    t.http.post(`/api/v1/bank/referrals/${referralId}/events`, body, { apiKey: bankKey });

  const mailRows = (notificationId: string) =>
    t.sql<{ status: string; attempts: number }>(
      'SELECT status, attempts FROM mail_delivery WHERE notification_id = $1',
      [notificationId],
    );

  it('should tell the SME of each bank event in the service and by exactly one bilingual mail', async () => {
    const email = 'notify-1@example.cn';
    const { token, referralId } = await referredSme(email);
    expect((await event(referralId, { type: 'acknowledged' })).status).toBe(201);
    expect((await event(referralId, { type: 'contacted' })).status).toBe(201);
    expect((await event(referralId, { type: 'approved', amountYuan: 1_500_000 })).status).toBe(201);

    const list = await t.http.get('/api/v1/notifications', { token });
    expect(list.status).toBe(200);
    expect(list.body.nextCursor).toBeNull();
    expect(list.body.items.map((n: any) => n.type)).toEqual([
      'referral.approved',
      'referral.contacted',
      'referral.acknowledged',
    ]);
    const approved = list.body.items[0];
    expect(approved).toEqual({
      id: expect.any(String),
      type: 'referral.approved',
      title: { zh: expect.stringContaining('获批'), en: expect.stringContaining('approved') },
      body: {
        zh: expect.stringContaining('150万元'),
        en: expect.stringContaining('CNY 1,500,000'),
      },
      referralId,
      productCode: 'KEDAITONG',
      createdAt: expect.any(String),
      readAt: null,
    });

    const mails = await waitFor(() => (smtp.to(email).length === 3 ? smtp.to(email) : null));
    const mail = mails.find((m) => m.messageId.includes(approved.id))!;
    expect(mail.messageId).toBe(`<${approved.id}@sfm.test>`);
    expect(mail.subject).toBe(`${approved.title.zh} | ${approved.title.en}`);
    expect(mail.text).toContain(approved.body.zh);
    expect(mail.text).toContain(approved.body.en);
    expect(mail.html).toContain('150万元');
    expect(mail.html).toContain('href="https://sfm.test/notifications"');
    expect(mail.headers['content-type']).toMatch(/multipart\/alternative/);
    // Nothing about the enterprise beyond what the notification says (no credit code, no name).
    expect(mail.raw).not.toMatch(/南昌某电子科技有限公司|91360100/);

    // One mail per notification, even after retries and sweeps have had time to run.
    await waitFor(async () => (await mailRows(approved.id))[0]?.status === 'delivered');
    await sleep(2500);
    const ids = smtp.to(email).map((m) => m.messageId);
    expect(ids).toHaveLength(3);
    expect(new Set(ids).size).toBe(3);
  });

  it('should word a decline with its reason and a disbursement with its amount', async () => {
    const { token, referralId } = await referredSme('notify-2@example.cn');
    await event(referralId, { type: 'acknowledged' });
    expect(
      (await event(referralId, { type: 'declined', reason: 'insufficient_collateral' })).status,
    ).toBe(201);
    const { referralId: other, token: otherToken } = await referredSme('notify-3@example.cn');
    await event(other, { type: 'acknowledged' });
    await event(other, { type: 'contacted' });
    await event(other, { type: 'approved', amountYuan: 2_000_000 });
    await event(other, { type: 'disbursed', amountYuan: 1_234_567 });

    const declined = (await t.http.get('/api/v1/notifications', { token })).body.items[0];
    expect(declined.type).toBe('referral.declined');
    expect(declined.body.zh).toContain('抵押或担保不足');
    expect(declined.body.en).toContain('Insufficient collateral or guarantee');
    expect(JSON.stringify(declined)).not.toContain('insufficient_collateral');
    const disbursed = (await t.http.get('/api/v1/notifications', { token: otherToken })).body
      .items[0];
    expect(disbursed.type).toBe('referral.disbursed');
    expect(disbursed.body.zh).toContain('123.4567万元');
    expect(disbursed.body.en).toContain('CNY 1,234,567');
  });

  it('should write no notification when the bank event is refused', async () => {
    const { token, referralId } = await referredSme('notify-4@example.cn');
    const bad = await event(referralId, { type: 'approved', amountYuan: 1000 });
    expect(bad.status).toBe(409);
    expect((await t.http.get('/api/v1/notifications', { token })).body.items).toEqual([]);
  });

  it('should show an SME only its own notifications and let it mark them read', async () => {
    const a = await referredSme('notify-5@example.cn');
    const b = await referredSme('notify-6@example.cn');
    await event(a.referralId, { type: 'acknowledged' });
    await event(a.referralId, { type: 'contacted' });
    await event(b.referralId, { type: 'acknowledged' });
    const mine = (await t.http.get('/api/v1/notifications', { token: a.token })).body.items;
    expect(mine).toHaveLength(2);
    expect(mine.every((n: any) => n.referralId === a.referralId)).toBe(true);

    // Another SME's notification is not there for b: 404, as if it did not exist.
    const probe = await t.http.post(`/api/v1/notifications/${mine[0].id}/read`, undefined, {
      token: b.token,
    });
    expect(probe.status).toBe(404);
    expect(probe.body.code).toBe('not_found');
    expect(
      (await t.http.post('/api/v1/notifications/not-a-uuid/read', undefined, { token: a.token }))
        .status,
    ).toBe(404);

    const read = await t.http.post(`/api/v1/notifications/${mine[1].id}/read`, undefined, {
      token: a.token,
    });
    expect(read.status).toBe(200);
    expect(read.body.readAt).toEqual(expect.any(String));
    const again = await t.http.post(`/api/v1/notifications/${mine[1].id}/read`, undefined, {
      token: a.token,
    });
    expect(again.body.readAt).toBe(read.body.readAt);

    const unread = await t.http.get('/api/v1/notifications?unread=true', { token: a.token });
    expect(unread.body.items.map((n: any) => n.id)).toEqual([mine[0].id]);
    const page = await t.http.get('/api/v1/notifications?limit=1', { token: a.token });
    expect(page.body.items).toHaveLength(1);
    expect(page.body.nextCursor).toEqual(expect.any(String));
    const next = await t.http.get(`/api/v1/notifications?limit=1&cursor=${page.body.nextCursor}`, {
      token: a.token,
    });
    expect(next.body.items[0].id).toBe(mine[1].id);

    const all = await t.http.post('/api/v1/notifications/read-all', undefined, { token: a.token });
    expect(all.status).toBe(200);
    expect(all.body).toEqual({ updated: 1 });
    expect(
      (await t.http.get('/api/v1/notifications?unread=true', { token: a.token })).body.items,
    ).toEqual([]);
    // b's own stays unread.
    expect(
      (await t.http.get('/api/v1/notifications?unread=true', { token: b.token })).body.items,
    ).toHaveLength(1);

    expect(
      (await t.http.get('/api/v1/notifications?unread=maybe', { token: a.token })).status,
    ).toBe(400);
    expect((await t.http.get('/api/v1/notifications', { token: admin })).status).toBe(403);
    expect((await t.http.get('/api/v1/notifications')).status).toBe(401);
  });

  it('should send no mail once the SME turns email off, and keep the notification', async () => {
    const email = 'notify-quiet@example.cn';
    const { token, referralId } = await referredSme(email);
    const off = await t.http.patch('/api/v1/auth/me', { emailNotifications: false }, { token });
    expect(off.status).toBe(200);
    expect(off.body.emailNotifications).toBe(false);
    expect((await t.http.get('/api/v1/auth/me', { token })).body.emailNotifications).toBe(false);
    expect(
      (await t.http.patch('/api/v1/auth/me', { emailNotifications: 'no' }, { token })).status,
    ).toBe(400);
    expect(
      (await t.http.patch('/api/v1/auth/me', { emailNotifications: null }, { token })).status,
    ).toBe(400);

    await event(referralId, { type: 'acknowledged' });
    const [n] = (await t.http.get('/api/v1/notifications', { token })).body.items;
    expect(n.type).toBe('referral.acknowledged');
    expect(await mailRows(n.id)).toEqual([]);
    await sleep(1500);
    expect(smtp.to(email)).toEqual([]);
  });

  it('should deliver a mail once when the SMTP server was down and comes back', async () => {
    const email = 'notify-outage@example.cn';
    const { token, referralId } = await referredSme(email);
    await smtp.stop();
    try {
      await event(referralId, { type: 'acknowledged' });
      const [n] = (await t.http.get('/api/v1/notifications', { token })).body.items;
      await waitFor(async () => {
        const [row] = await mailRows(n.id);
        return row?.status === 'failed' && row.attempts >= 2;
      });
      expect(smtp.to(email)).toEqual([]);
    } finally {
      await smtp.start();
    }
    const [n] = (await t.http.get('/api/v1/notifications', { token })).body.items;
    await waitFor(() => smtp.to(email).length > 0);
    await waitFor(async () => (await mailRows(n.id))[0]?.status === 'delivered');
    await sleep(2500);
    expect(smtp.to(email).map((m) => m.messageId)).toEqual([`<${n.id}@sfm.test>`]);
  });

  it('should let an admin see a dead mail and redeliver it once', async () => {
    const email = 'notify-dead@example.cn';
    const { token, referralId } = await referredSme(email);
    smtp.rejectWith = 550;
    try {
      await event(referralId, { type: 'acknowledged' });
      const [n] = (await t.http.get('/api/v1/notifications', { token })).body.items;
      await waitFor(async () => (await mailRows(n.id))[0]?.status === 'dead');
    } finally {
      smtp.rejectWith = null;
    }
    const dead = await t.http.get('/api/v1/admin/mail-deliveries?status=dead', { token: admin });
    expect(dead.status).toBe(200);
    const row = dead.body.items.find((d: any) => d.status === 'dead');
    expect(row).toMatchObject({
      kind: 'notification',
      status: 'dead',
      attempts: 1,
      lastError: expect.stringContaining('550'),
    });
    expect(dead.body.items.every((d: any) => d.status === 'dead')).toBe(true);

    const redo = await t.http.post(`/api/v1/admin/mail-deliveries/${row.id}/redeliver`, undefined, {
      token: admin,
    });
    expect(redo.status).toBe(201);
    expect(redo.body.status).toBe('pending');
    await waitFor(() => smtp.to(email).length === 1);
    await waitFor(async () => (await mailRows(row.notificationId))[0]?.status === 'delivered');

    // Delivered: not sent again, whoever asks.
    const twice = await t.http.post(
      `/api/v1/admin/mail-deliveries/${row.id}/redeliver`,
      undefined,
      { token: admin },
    );
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('conflict');
    expect(smtp.to(email)).toHaveLength(1);
    const audit = await t.sql<{ action: string }>(
      "SELECT action FROM audit_entry WHERE entity_type = 'mail_delivery' AND entity_key = $1",
      [row.id],
    );
    expect(audit.map((a) => a.action)).toEqual(['mail.redelivered']);
    expect(
      (
        await t.http.post(
          '/api/v1/admin/mail-deliveries/00000000-0000-4000-8000-000000000000/redeliver',
          undefined,
          { token: admin },
        )
      ).status,
    ).toBe(404);
    expect((await t.http.get('/api/v1/admin/mail-deliveries', { token })).status).toBe(403);
    expect(
      (await t.http.get('/api/v1/admin/mail-deliveries?status=lost', { token: admin })).status,
    ).toBe(400);
  });

  it('should mail a one-time reset link that sets a new password once, and answer the same for an unknown address', async () => {
    const email = 'forgetful@example.cn';
    await t.http.registerSme(email, 'old-password-123');
    const known = await t.http.post('/api/v1/auth/password-reset', {
      email: 'Forgetful@example.cn',
    });
    const unknown = await t.http.post('/api/v1/auth/password-reset', {
      email: 'nobody-here@example.cn',
    });
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(unknown.body).toEqual(known.body);
    expect(known.body.message.zh).toMatch(/邮件/);

    const [mail] = await waitFor(() => (smtp.to(email).length ? smtp.to(email) : null));
    expect(mail.subject).toContain('Reset your password');
    const link = /https:\/\/sfm\.test\/password\/reset\?token=([A-Za-z0-9_-]+)/.exec(mail.text);
    expect(link).not.toBeNull();
    expect(mail.html).toContain(link![0]);
    const token = link![1];
    // Stored hashed, and the sealed copy for the mail is gone once it was sent.
    const [row] = await t.sql<{ token_hash: string }>(
      "SELECT token_hash FROM password_token WHERE purpose = 'reset_password'",
    );
    expect(row.token_hash).not.toContain(token);
    await waitFor(async () => {
      const [d] = await t.sql<{ status: string; sealed_secret: string | null }>(
        "SELECT status, sealed_secret FROM mail_delivery WHERE kind = 'password_reset'",
      );
      return d?.status === 'delivered' && d.sealed_secret === null;
    });
    expect(smtp.to('nobody-here@example.cn')).toEqual([]);

    const set = await t.http.post('/api/v1/auth/password', {
      token,
      newPassword: 'brand-new-password-1',
    });
    expect(set.status).toBe(204);
    expect(await t.http.login(email, 'brand-new-password-1')).toEqual(expect.any(String));
    const again = await t.http.post('/api/v1/auth/password', {
      token,
      newPassword: 'another-password-22',
    });
    expect(again.status).toBe(422);
    expect(again.body.errors).toEqual([expect.objectContaining({ path: 'token' })]);
    expect(
      (await t.http.post('/api/v1/auth/password-reset', { email: 'x', extra: true })).status,
    ).toBe(400);
  });
});
