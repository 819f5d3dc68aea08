import { JwtService } from '@nestjs/jwt';
import { ApiKeysService } from '../../src/modules/auth/api-keys.service';
import { ADMIN } from '../support/env';
import { techSmeProfile } from '../support/fixtures';
import { expectProblem } from '../support/problems';
import { createTestApp, TestApp } from '../support/test-app';

/** The refresh cookie's value from a Set-Cookie answer (fetch joins several with ", "). */
function refreshCookie(headers: Headers): string | undefined {
  return /sfm_refresh=([A-Za-z0-9_-]*)/.exec(headers.get('set-cookie') ?? '')?.[1];
}

describe('bank officers and browser sessions (e2e)', () => {
  let t: TestApp;
  let admin: string;
  let ccbKey: string;
  let ccbKeyId: string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.http.login(ADMIN.email, ADMIN.password);
    const [ccb] = await t.sql<{ id: string }>("SELECT id FROM partner_bank WHERE code = 'CCB'");
    const issued = await t.app.get(ApiKeysService).issue(ccb.id);
    ccbKey = issued.apiKey;
    ccbKeyId = issued.id;
  });
  afterAll(() => t.close());

  async function officer(email: string, bank = 'CCB'): Promise<{ id: string; token: string }> {
    const created = await t.http.post(
      `/api/v1/admin/banks/${bank}/users`,
      { email, password: 'officer-password-1' },
      { token: admin },
    );
    expect(created.status).toBe(201);
    return { id: created.body.id, token: await t.http.login(email, 'officer-password-1') };
  }

  async function submitToCcb(email: string): Promise<string> {
    const token = await t.http.registerSme(email);
    const ent = await t.http.post('/api/v1/enterprises', techSmeProfile(), { token });
    expect(ent.status).toBe(201);
    const res = await t.http.post(
      '/api/v1/referrals',
      {
        enterpriseId: ent.body.id,
        productCode: 'KEDAITONG',
        bankCode: 'CCB',
        requestedAmountYuan: 2_000_000,
        termMonths: 12,
        consent: { granted: true },
      },
      { token, headers: { 'idempotency-key': `k-${email.replace(/@/g, '.')}` } },
    );
    expect(res.status).toBe(201);
    return res.body.id as string;
  }

  it('should let an officer invited without a password choose one with the one-time token, once', async () => {
    const created = await t.http.post(
      '/api/v1/admin/banks/CCB/users',
      { email: 'Invited@CCB.example', displayName: '李伟' },
      { token: admin },
    );
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      email: 'invited@ccb.example',
      role: 'bank',
      bankCode: 'CCB',
      displayName: '李伟',
      passwordSet: false,
      disabledAt: null,
      setPasswordToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
    });
    const token = created.body.setPasswordToken as string;
    // Only a hash of the token is stored.
    const stored = await t.sql<{ token_hash: string }>(
      'SELECT token_hash FROM password_token WHERE user_id = $1',
      [created.body.id],
    );
    expect(stored).toHaveLength(1);
    expect(stored[0].token_hash).not.toContain(token);

    expectProblem(
      await t.http.post('/api/v1/auth/login', {
        email: 'invited@ccb.example',
        password: 'anything-at-all',
      }),
      401,
      'unauthenticated',
    );
    const short = await t.http.post('/api/v1/auth/password', { token, newPassword: 'short' });
    expectProblem(short, 400, 'validation_failed');
    expect(
      (await t.http.post('/api/v1/auth/password', { token, newPassword: 'officer-chosen-1' }))
        .status,
    ).toBe(204);
    const again = await t.http.post('/api/v1/auth/password', {
      token,
      newPassword: 'officer-chosen-2',
    });
    expectProblem(again, 422, 'validation_failed');
    expect(again.body.errors[0]).toMatchObject({ path: 'token', code: 'token_invalid' });

    const jwt = await t.http.login('invited@ccb.example', 'officer-chosen-1');
    const me = await t.http.get('/api/v1/auth/me', { token: jwt });
    expect(me.status).toBe(200);
    expect(me.body).toEqual({
      id: created.body.id,
      email: 'invited@ccb.example',
      role: 'bank',
      displayName: '李伟',
      bankCode: 'CCB',
      emailNotifications: expect.any(Boolean),
    });
  });

  it('should refuse an expired set-password token and a request with both token and current password', async () => {
    const created = await t.http.post(
      '/api/v1/admin/banks/CCB/users',
      { email: 'late@ccb.example' },
      { token: admin },
    );
    await t.sql(
      "UPDATE password_token SET expires_at = now() - interval '1 second' WHERE user_id = $1",
      [created.body.id],
    );
    const expired = await t.http.post('/api/v1/auth/password', {
      token: created.body.setPasswordToken,
      newPassword: 'officer-chosen-1',
    });
    expectProblem(expired, 422, 'validation_failed');
    const both = await t.http.post('/api/v1/auth/password', {
      token: 'x',
      currentPassword: 'y',
      newPassword: 'officer-chosen-1',
    });
    expectProblem(both, 400, 'validation_failed');
    const anonymous = await t.http.post('/api/v1/auth/password', {
      currentPassword: 'y',
      newPassword: 'officer-chosen-1',
    });
    expectProblem(anonymous, 401, 'unauthenticated');
  });

  it('should change a signed-in user’s password only with the right current password', async () => {
    const sme = await t.http.registerSme('changer@example.cn', 'first-password-1');
    const wrong = await t.http.post(
      '/api/v1/auth/password',
      { currentPassword: 'not-my-password', newPassword: 'second-password-2' },
      { token: sme },
    );
    expectProblem(wrong, 422, 'validation_failed');
    expect(wrong.body.errors[0]).toMatchObject({ path: 'currentPassword', code: 'incorrect' });
    const ok = await t.http.post(
      '/api/v1/auth/password',
      { currentPassword: 'first-password-1', newPassword: 'second-password-2' },
      { token: sme },
    );
    expect(ok.status).toBe(204);
    await expect(t.http.login('changer@example.cn', 'first-password-1')).rejects.toThrow(/401/);
    expect(await t.http.login('changer@example.cn', 'second-password-2')).toEqual(
      expect.any(String),
    );
  });

  it('should refuse a taken email, an unknown bank and non-admins, and list officers page by page', async () => {
    await officer('list-a@ccb.example');
    await officer('list-b@ccb.example');
    expectProblem(
      await t.http.post(
        '/api/v1/admin/banks/CCB/users',
        { email: 'list-a@ccb.example' },
        { token: admin },
      ),
      409,
      'conflict',
    );
    expectProblem(
      await t.http.post(
        '/api/v1/admin/banks/NO_SUCH/users',
        { email: 'x@y.example' },
        { token: admin },
      ),
      404,
      'not_found',
    );
    expectProblem(
      await t.http.post(
        '/api/v1/admin/banks/CCB/users',
        { email: 'x@y.example' },
        { apiKey: ccbKey },
      ),
      403,
      'forbidden',
    );
    const first = await t.http.get('/api/v1/admin/banks/CCB/users?limit=1', { token: admin });
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(1);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await t.http.get(
      `/api/v1/admin/banks/CCB/users?limit=1&cursor=${first.body.nextCursor}`,
      { token: admin },
    );
    expect(second.body.items).toHaveLength(1);
    expect(second.body.items[0].id).not.toBe(first.body.items[0].id);
    const boc = await t.http.get('/api/v1/admin/banks/BOC/users', { token: admin });
    expect(boc.body).toEqual({ items: [], nextCursor: null });
  });

  it('should let an officer work the bank’s inbox with a JWT, recording who acted', async () => {
    const { id: officerId, token } = await officer('inbox@ccb.example');
    const id = await submitToCcb('inbox-sme@example.cn');
    const inbox = await t.http.get('/api/v1/bank/referrals?status=submitted', { token });
    expect(inbox.status).toBe(200);
    expect(inbox.body.items.map((r: any) => r.id)).toContain(id);
    const one = await t.http.get(`/api/v1/bank/referrals/${id}`, { token });
    expect(one.status).toBe(200);
    expect(one.body.enterprise).toMatchObject({ employees: 38 });

    const ack = await t.http.post(
      `/api/v1/bank/referrals/${id}/events`,
      { type: 'acknowledged' },
      { token },
    );
    expect(ack.status).toBe(201);
    expect(ack.body).toMatchObject({ actor: 'bank', actorUserId: officerId, actorApiKeyId: null });
    // The bank's API key is the same bank: it may take the next step.
    const contacted = await t.http.post(
      `/api/v1/bank/referrals/${id}/events`,
      { type: 'contacted', note: '已电话联系' },
      { apiKey: ccbKey },
    );
    expect(contacted.status).toBe(201);
    expect(contacted.body).toMatchObject({ actorUserId: null, actorApiKeyId: ccbKeyId });
    const approved = await t.http.post(
      `/api/v1/bank/referrals/${id}/events`,
      { type: 'approved', amountYuan: 1_800_000 },
      { token },
    );
    expect(approved.status).toBe(201);
    const seen = await t.http.get(`/api/v1/bank/referrals/${id}`, { token });
    expect(seen.body.status).toBe('approved');
    expect(seen.body.events.map((e: any) => [e.type, e.actorUserId, e.actorApiKeyId])).toEqual([
      ['submitted', null, null],
      ['acknowledged', officerId, null],
      ['contacted', null, ccbKeyId],
      ['approved', officerId, null],
    ]);

    // Another bank's officer sees 404; an SME token is the wrong role; both credentials at once is 400.
    const boc = await officer('other@boc.example', 'BOC');
    expectProblem(
      await t.http.get(`/api/v1/bank/referrals/${id}`, { token: boc.token }),
      404,
      'not_found',
    );
    expectProblem(await t.http.get('/api/v1/admin/banks', { token }), 403, 'forbidden');
    const both = await t.http.get('/api/v1/bank/referrals', { token, apiKey: ccbKey });
    expectProblem(both, 400, 'validation_failed');
    expect(both.body.errors[0]).toMatchObject({ code: 'ambiguous_credentials' });
  });

  it('should refuse a disabled officer and every officer of a deactivated bank on their next request', async () => {
    const a = await officer('disable-me@ccb.example');
    const b = await officer('stays@ccb.example');
    expect((await t.http.get('/api/v1/bank/referrals', { token: a.token })).status).toBe(200);
    const del = await t.http.delete(`/api/v1/admin/banks/CCB/users/${a.id}`, { token: admin });
    expect(del.status).toBe(204);
    expectProblem(
      await t.http.get('/api/v1/bank/referrals', { token: a.token }),
      401,
      'unauthenticated',
    );
    await expect(t.http.login('disable-me@ccb.example', 'officer-password-1')).rejects.toThrow(
      /401/,
    );
    // Disabling twice is harmless; another bank's path does not find the officer.
    expect(
      (await t.http.delete(`/api/v1/admin/banks/CCB/users/${a.id}`, { token: admin })).status,
    ).toBe(204);
    expectProblem(
      await t.http.delete(`/api/v1/admin/banks/BOC/users/${b.id}`, { token: admin }),
      404,
      'not_found',
    );

    const off = await t.http.patch('/api/v1/admin/banks/CCB', { active: false }, { token: admin });
    expect(off.status).toBe(200);
    try {
      expectProblem(
        await t.http.get('/api/v1/bank/me', { token: b.token }),
        401,
        'unauthenticated',
      );
      expectProblem(
        await t.http.get('/api/v1/bank/me', { apiKey: ccbKey }),
        401,
        'unauthenticated',
      );
    } finally {
      await t.http.patch('/api/v1/admin/banks/CCB', { active: true }, { token: admin });
    }
    expect((await t.http.get('/api/v1/bank/me', { token: b.token })).status).toBe(200);
  });

  it('should refuse an access token without an expiry', async () => {
    const { id } = await officer('no-exp@ccb.example');
    const jwt = t.app.get(JwtService);
    const noExp = await jwt.signAsync({ sub: id, role: 'bank' });
    expect(jwt.decode<{ exp?: number }>(noExp).exp).toBeUndefined();
    const withExp = await jwt.signAsync({ sub: id, role: 'bank' }, { expiresIn: 60 });
    expect((await t.http.get('/api/v1/auth/me', { token: withExp })).status).toBe(200);
    expectProblem(await t.http.get('/api/v1/auth/me', { token: noExp }), 401, 'unauthenticated');
  });

  it('should let a bank read and change its own settings with a JWT or its key, audited by actor', async () => {
    const { id: officerId, token } = await officer('settings@ccb.example');
    const me = await t.http.get('/api/v1/bank/me', { token });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      code: 'CCB',
      acceptingReferrals: true,
      dailyCapacity: null,
      contact: null,
      assignedToday: expect.any(Number),
      openReferrals: expect.any(Number),
    });
    const patched = await t.http.patch(
      '/api/v1/bank/me',
      {
        dailyCapacity: 40,
        contact: { name: '王敏', phone: '0791-8600 0000', email: 'sme@ccb.example' },
      },
      { token },
    );
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      dailyCapacity: 40,
      contact: { name: '王敏', phone: '0791-8600 0000', email: 'sme@ccb.example' },
    });
    const byKey = await t.http.patch(
      '/api/v1/bank/me',
      { dailyCapacity: null },
      { apiKey: ccbKey },
    );
    expect(byKey.body.dailyCapacity).toBeNull();
    for (const bad of [
      { dailyCapacity: 1.5 },
      { dailyCapacity: -1 },
      { acceptingReferrals: 'no' },
      { acceptingReferrals: null },
      { contact: { name: '王敏' } },
      { somethingElse: true },
    ])
      expectProblem(
        await t.http.patch('/api/v1/bank/me', bad, { token }),
        400,
        'validation_failed',
      );

    const audit = await t.http.get(
      '/api/v1/admin/audit?entity=bank&entityKey=CCB&action=bank.settings_updated',
      {
        token: admin,
      },
    );
    expect(audit.status).toBe(200);
    expect(audit.body.items.slice(0, 2)).toEqual([
      expect.objectContaining({
        actorId: ccbKeyId,
        actorKind: 'api_key',
        changes: { dailyCapacity: { from: 40, to: null } },
      }),
      expect.objectContaining({
        actorId: officerId,
        actorKind: 'user',
        changes: expect.objectContaining({ dailyCapacity: { from: null, to: 40 } }),
      }),
    ]);
    const byOfficer = await t.http.get(`/api/v1/admin/audit?actor=${officerId}`, { token: admin });
    expect(byOfficer.body.items.every((e: any) => e.actorId === officerId)).toBe(true);
    expect(byOfficer.body.items.length).toBeGreaterThan(0);
    const officers = await t.http.get('/api/v1/admin/audit?entity=bank_user&limit=2', {
      token: admin,
    });
    expect(officers.body.items).toHaveLength(2);
    expect(officers.body.items[0]).toMatchObject({ action: expect.stringMatching(/^bank_user\./) });
    expectProblem(
      await t.http.get('/api/v1/admin/audit?actor=nope', { token: admin }),
      400,
      'validation_failed',
    );
    expectProblem(await t.http.get('/api/v1/admin/audit', { token }), 403, 'forbidden');
  });

  it('should keep a browser session with a rotated httpOnly refresh cookie and end it on logout', async () => {
    const login = await t.http.post('/api/v1/auth/login', {
      email: ADMIN.email,
      password: ADMIN.password,
    });
    expect(login.status).toBe(200);
    const setCookie = login.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(setCookie).toMatch(/Path=\/api\/v1\/auth/);
    const first = refreshCookie(login.headers)!;
    expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const stored = await t.sql<{ n: number }>(
      'SELECT count(*)::int AS n FROM refresh_token WHERE token_hash LIKE $1',
      [`%${first}%`],
    );
    expect(stored[0].n).toBe(0);

    const refreshed = await t.http.post('/api/v1/auth/refresh', undefined, {
      headers: { cookie: `other=1; sfm_refresh=${first}` },
    });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body).toMatchObject({ tokenType: 'Bearer', expiresIn: expect.any(Number) });
    expect(
      (await t.http.get('/api/v1/auth/me', { token: refreshed.body.accessToken })).body.role,
    ).toBe('admin');
    const second = refreshCookie(refreshed.headers)!;
    expect(second).not.toBe(first);

    // The spent cookie coming back means it was copied: the whole session ends.
    const replay = await t.http.post('/api/v1/auth/refresh', undefined, {
      headers: { cookie: `sfm_refresh=${first}` },
    });
    expectProblem(replay, 401, 'unauthenticated');
    expectProblem(
      await t.http.post('/api/v1/auth/refresh', undefined, {
        headers: { cookie: `sfm_refresh=${second}` },
      }),
      401,
      'unauthenticated',
    );

    const other = await t.http.post('/api/v1/auth/login', {
      email: ADMIN.email,
      password: ADMIN.password,
    });
    const third = refreshCookie(other.headers)!;
    const out = await t.http.post('/api/v1/auth/logout', undefined, {
      headers: { cookie: `sfm_refresh=${third}` },
    });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/sfm_refresh=;.*Max-Age=0/);
    expectProblem(
      await t.http.post('/api/v1/auth/refresh', undefined, {
        headers: { cookie: `sfm_refresh=${third}` },
      }),
      401,
      'unauthenticated',
    );
    expectProblem(await t.http.post('/api/v1/auth/refresh'), 401, 'unauthenticated');
  });
});
