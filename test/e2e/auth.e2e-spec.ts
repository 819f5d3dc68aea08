import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { ApiKeysService } from '../../src/modules/auth/api-keys.service';
import { expectProblem } from '../support/problems';
import { createTestApp, TestApp } from '../support/test-app';
import { ADMIN } from '../support/env';

function forgeToken(payload: object, secret: string): string {
  const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const head = enc({ alg: 'HS256', typ: 'JWT' });
  const body = enc(payload);
  const sig = createHmac('sha256', secret).update(`${head}.${body}`).digest('base64url');
  return `${head}.${body}.${sig}`;
}

describe('accounts (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it('should register, log in and answer /auth/me when the credentials are right', async () => {
    const reg = await t.http.post('/api/v1/auth/register', {
      email: 'Owner@Example.CN',
      password: 'long-enough-password',
      displayName: '南昌某电子科技',
    });
    expect(reg.status).toBe(201);
    expect(reg.body).toEqual({
      id: expect.any(String),
      email: 'owner@example.cn',
      role: 'sme',
      displayName: '南昌某电子科技',
      emailNotifications: true,
    });
    expect(reg.body).not.toHaveProperty('passwordHash');

    const login = await t.http.post('/api/v1/auth/login', {
      email: 'owner@example.cn',
      password: 'long-enough-password',
    });
    expect(login.status).toBe(200);
    expect(login.body).toMatchObject({
      tokenType: 'Bearer',
      expiresIn: 3600,
      accessToken: expect.any(String),
    });

    const me = await t.http.get('/api/v1/auth/me', { token: login.body.accessToken });
    expect(me.status).toBe(200);
    expect(me.body).toEqual(reg.body);

    const [row] = await t.sql<{ password_hash: string }>(
      'SELECT password_hash FROM app_user WHERE id = $1',
      [reg.body.id],
    );
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('should answer an unknown email and a wrong password with the same 401', async () => {
    await t.http.registerSme('same-answer@example.cn');
    const wrong = await t.http.post('/api/v1/auth/login', {
      email: 'same-answer@example.cn',
      password: 'not-the-password',
    });
    const unknown = await t.http.post('/api/v1/auth/login', {
      email: 'nobody@example.cn',
      password: 'not-the-password',
    });
    expectProblem(wrong, 401, 'unauthenticated');
    expectProblem(unknown, 401, 'unauthenticated');
    expect(unknown.body.detail).toBe(wrong.body.detail);
  });

  it.each([
    ['application/x-www-form-urlencoded', 'email=admin%40test.example&password=admin-password-123'],
    ['text/plain', '{"email":"admin@test.example","password":"admin-password-123"}'],
  ])('should refuse a login sent as %s with 415: JSON only', async (type, rawBody) => {
    const res = await t.http.request('POST', '/api/v1/auth/login', {
      rawBody,
      headers: { 'content-type': type },
    });
    expectProblem(res, 415, 'unsupported_media_type');
    expect(res.body.accessToken).toBeUndefined();
  });

  it('should answer 409 when the email is already registered', async () => {
    await t.http.registerSme('dup@example.cn');
    const again = await t.http.post('/api/v1/auth/register', {
      email: 'DUP@example.cn',
      password: 'another-password',
    });
    expectProblem(again, 409, 'conflict');
    expect(again.body.errors).toEqual([expect.objectContaining({ path: 'email' })]);
  });

  it('should answer 400 naming the field when the password is too short', async () => {
    const res = await t.http.post('/api/v1/auth/register', {
      email: 'weak@example.cn',
      password: 'short',
    });
    expectProblem(res, 400, 'validation_failed');
    expect(res.body.errors).toEqual([
      expect.objectContaining({ path: 'password', code: 'minLength' }),
    ]);
    const rows = await t.sql("SELECT 1 FROM app_user WHERE email = 'weak@example.cn'");
    expect(rows).toHaveLength(0);
  });

  it('should answer 400 when the body has an unknown property', async () => {
    const res = await t.http.post('/api/v1/auth/register', {
      email: 'x@example.cn',
      password: 'long-enough-password',
      role: 'admin',
    });
    expectProblem(res, 400, 'validation_failed');
    expect(res.body.errors).toContainEqual(
      expect.objectContaining({ path: 'role', code: 'unknown_property' }),
    );
  });

  it('should answer 400 problem details when the body is not JSON', async () => {
    const res = await t.http.request('POST', '/api/v1/auth/login', { rawBody: '{"email":' });
    expectProblem(res, 400, 'validation_failed');
  });

  it('should answer 413 when the body is larger than the limit', async () => {
    const res = await t.http.post('/api/v1/auth/register', {
      email: 'big@example.cn',
      password: 'x'.repeat(300_000),
    });
    expectProblem(res, 413, 'payload_too_large');
  });

  it('should answer 401 without a token and with a forged or expired token', async () => {
    expectProblem(await t.http.get('/api/v1/auth/me'), 401, 'unauthenticated');
    const forged = forgeToken(
      { sub: '00000000-0000-4000-8000-000000000000', role: 'admin', iss: 'sme-finance-matcher' },
      'not-the-secret-not-the-secret-not-the-secret',
    );
    expectProblem(await t.http.get('/api/v1/auth/me', { token: forged }), 401, 'unauthenticated');
    const now = Math.floor(Date.now() / 1000);
    const expired = forgeToken(
      {
        sub: '00000000-0000-4000-8000-000000000000',
        role: 'sme',
        iss: 'sme-finance-matcher',
        iat: now - 7200,
        exp: now - 3600,
      },
      t.env.JWT_SECRET,
    );
    expectProblem(await t.http.get('/api/v1/auth/me', { token: expired }), 401, 'unauthenticated');
    const noneAlg = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"sub":"x","role":"admin"}').toString('base64url')}.`;
    expectProblem(await t.http.get('/api/v1/auth/me', { token: noneAlg }), 401, 'unauthenticated');
  });

  it('should answer 403 when an SME calls an admin route', async () => {
    const sme = await t.http.registerSme('not-admin@example.cn');
    expectProblem(await t.http.get('/api/v1/admin/banks', { token: sme }), 403, 'forbidden');
  });

  it('should reject a revoked bank API key at once', async () => {
    const [bank] = await t.sql<{ id: string }>(
      `INSERT INTO partner_bank (code, name_zh, name_en, region_codes) VALUES ('KEYTEST_BANK', '测试银行', 'Test Bank', '{360100}') RETURNING id`,
    );
    const keys = t.app.get(ApiKeysService);
    const issued = await keys.issue(bank.id);
    const [stored] = await t.sql<{ key_hash: string }>(
      'SELECT key_hash FROM bank_api_key WHERE id = $1',
      [issued.id],
    );
    expect(stored.key_hash).not.toContain(issued.apiKey);
    expect(await keys.authenticate(issued.apiKey)).toMatchObject({ keyId: issued.id });
    const admin = await t.http.login(ADMIN.email, ADMIN.password);
    expectProblem(await t.http.get('/api/v1/auth/me', { apiKey: issued.apiKey }), 403, 'forbidden');
    await keys.revoke(bank.id, issued.id);
    expectProblem(
      await t.http.get('/api/v1/auth/me', { apiKey: issued.apiKey }),
      401,
      'unauthenticated',
    );
    expectProblem(
      await t.http.get('/api/v1/auth/me', { apiKey: issued.apiKey.slice(0, -2) + 'xx' }),
      401,
      'unauthenticated',
    );
    expect(admin).toEqual(expect.any(String));
  });

  it('should never answer 5xx to random JSON on the account endpoints', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('/api/v1/auth/register', '/api/v1/auth/login'),
        fc.oneof(
          fc.jsonValue(),
          fc.record(
            {
              email: fc.oneof(fc.string(), fc.emailAddress(), fc.integer()),
              password: fc.oneof(fc.string(), fc.integer(), fc.constant(null)),
              displayName: fc.anything(),
            },
            { requiredKeys: [] },
          ),
        ),
        async (path, body) => {
          const res = await t.http.post(path, body);
          expect(res.status).toBeLessThan(500);
          if (res.status >= 400)
            expect(res.body).toMatchObject({ status: res.status, code: expect.any(String) });
        },
      ),
      { numRuns: 150 },
    );
  });
});
