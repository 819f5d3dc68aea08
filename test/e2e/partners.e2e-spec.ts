import { ApiKeysService } from '../../src/modules/auth/api-keys.service';
import { PartnersService } from '../../src/modules/partners/partners.service';
import { expectProblem } from '../support/problems';
import { createTestApp, TestApp } from '../support/test-app';
import { ADMIN } from '../support/env';

const P = '/api/v1';
const SECRET = /^whsec_([A-Za-z0-9+/]{43}=)$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function bankBody(code: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    code,
    name: { zh: '赣州银行', en: 'Bank of Ganzhou' },
    webhookUrl: 'http://127.0.0.1:9/webhooks/sme',
    regionCodes: ['360700', '360702'],
    ...overrides,
  };
}

async function bankRows(t: TestApp, code: string) {
  return t.sql<{
    id: string;
    webhook_secret_enc: string | null;
    webhook_url: string | null;
    region_codes: string[];
  }>('SELECT id, webhook_secret_enc, webhook_url, region_codes FROM partner_bank WHERE code = $1', [
    code,
  ]);
}

describe('partner banks (e2e)', () => {
  let t: TestApp;
  let admin: string;
  let adminUserId: string;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.http.login(ADMIN.email, ADMIN.password);
    adminUserId = (await t.http.get(`${P}/auth/me`, { token: admin })).body.id;
  });
  afterAll(async () => t.close());

  it('should show the webhook secret once and store it only encrypted when a bank is created', async () => {
    const res = await t.http.post(`${P}/admin/banks`, bankBody('GANZHOU_BANK'), { token: admin });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.stringMatching(UUID),
      code: 'GANZHOU_BANK',
      name: { zh: '赣州银行', en: 'Bank of Ganzhou' },
      regionCodes: ['360700', '360702'],
      webhookUrl: 'http://127.0.0.1:9/webhooks/sme',
      webhookDisabledAt: null,
      active: true,
      acceptingReferrals: true,
      dailyCapacity: null,
      contact: null,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
      webhookSecret: expect.stringMatching(SECRET),
    });
    const secret: string = res.body.webhookSecret;
    const raw = SECRET.exec(secret)![1];
    expect(Buffer.from(raw, 'base64')).toHaveLength(32);
    expect(Buffer.from(raw, 'base64').toString('base64')).toBe(raw);

    const one = await t.http.get(`${P}/admin/banks/GANZHOU_BANK`, { token: admin });
    expect(one.status).toBe(200);
    const { webhookSecret: _shownOnce, ...withoutSecret } = res.body;
    expect(one.body).toEqual(withoutSecret);
    const list = await t.http.get(`${P}/admin/banks?limit=100`, { token: admin });
    expect(list.body.items.find((b: any) => b.code === 'GANZHOU_BANK')).toEqual(withoutSecret);
    for (const shown of [one, list]) {
      expect(JSON.stringify(shown.body)).not.toContain(raw);
      expect(JSON.stringify(shown.body)).not.toContain('webhookSecret');
    }

    const [row] = await bankRows(t, 'GANZHOU_BANK');
    expect(row.webhook_secret_enc).toMatch(/^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(row.webhook_secret_enc).not.toContain(raw);
    expect(row.webhook_secret_enc).not.toContain(Buffer.from(raw, 'base64').toString('base64url'));
    expect(row.webhook_secret_enc).not.toContain(
      Buffer.from(secret).toString('base64url').slice(0, 20),
    );

    const partners = t.app.get(PartnersService);
    expect(partners.webhookSecretOf(await partners.get('GANZHOU_BANK'))).toBe(secret);

    const audit = await t.sql<{ actor_id: string; action: string; changes: unknown }>(
      `SELECT actor_id, action, changes FROM audit_entry WHERE entity_type = 'bank' AND entity_key = 'GANZHOU_BANK'`,
    );
    expect(audit).toEqual([
      {
        actor_id: adminUserId,
        action: 'bank.created',
        changes: expect.objectContaining({ regionCodes: ['360700', '360702'] }),
      },
    ]);
    expect(JSON.stringify(audit)).not.toContain(raw);
  });

  it('should return a new secret and stop using the old one when the secret is rotated', async () => {
    const created = await t.http.post(`${P}/admin/banks`, bankBody('ROTATE_BANK'), {
      token: admin,
    });
    const oldSecret: string = created.body.webhookSecret;
    const partners = t.app.get(PartnersService);
    const [before] = await bankRows(t, 'ROTATE_BANK');

    // An edit without rotation shows no secret and keeps it.
    const renamed = await t.http.patch(
      `${P}/admin/banks/ROTATE_BANK`,
      { name: { zh: '轮换银行', en: 'Rotation Bank' } },
      { token: admin },
    );
    expect(renamed.status).toBe(200);
    expect(renamed.body).not.toHaveProperty('webhookSecret');
    expect(renamed.body.name).toEqual({ zh: '轮换银行', en: 'Rotation Bank' });
    expect(partners.webhookSecretOf(await partners.get('ROTATE_BANK'))).toBe(oldSecret);

    const rotated = await t.http.patch(
      `${P}/admin/banks/ROTATE_BANK`,
      { rotateWebhookSecret: true },
      { token: admin },
    );
    expect(rotated.status).toBe(200);
    expect(rotated.body.webhookSecret).toMatch(SECRET);
    expect(rotated.body.webhookSecret).not.toBe(oldSecret);
    const current = partners.webhookSecretOf(await partners.get('ROTATE_BANK'));
    expect(current).toBe(rotated.body.webhookSecret);
    expect(current).not.toBe(oldSecret);
    const [after] = await bankRows(t, 'ROTATE_BANK');
    expect(after.webhook_secret_enc).not.toBe(before.webhook_secret_enc);
    expect(
      (await t.http.get(`${P}/admin/banks/ROTATE_BANK`, { token: admin })).body,
    ).not.toHaveProperty('webhookSecret');

    const audit = await t.sql<{ action: string; changes: any }>(
      `SELECT action, changes FROM audit_entry WHERE entity_key = 'ROTATE_BANK' ORDER BY created_at`,
    );
    expect(audit.map((a) => a.action)).toEqual(['bank.created', 'bank.updated', 'bank.updated']);
    expect(audit[1].changes).toEqual({
      name: {
        from: { zh: '赣州银行', en: 'Bank of Ganzhou' },
        to: { zh: '轮换银行', en: 'Rotation Bank' },
      },
    });
    expect(audit[2].changes).toEqual({ webhookSecret: 'rotated' });
    expect(JSON.stringify(audit)).not.toContain(SECRET.exec(rotated.body.webhookSecret)![1]);
  });

  it('should answer 422 naming the region and write nothing when a region code is unknown', async () => {
    const res = await t.http.post(
      `${P}/admin/banks`,
      bankBody('UNKNOWN_REGION_BANK', { regionCodes: ['360100', '369999'] }),
      { token: admin },
    );
    expectProblem(res, 422, 'validation_failed');
    expect(res.body.errors).toEqual([
      { path: 'regionCodes[1]', code: 'unknown_region', message: expect.any(String) },
    ]);
    expect(await bankRows(t, 'UNKNOWN_REGION_BANK')).toHaveLength(0);

    const patch = await t.http.patch(
      `${P}/admin/banks/GANZHOU_BANK`,
      { regionCodes: ['369998'] },
      { token: admin },
    );
    expectProblem(patch, 422, 'validation_failed');
    expect(patch.body.errors).toEqual([
      { path: 'regionCodes[0]', code: 'unknown_region', message: expect.any(String) },
    ]);
    expect((await bankRows(t, 'GANZHOU_BANK'))[0].region_codes).toEqual(['360700', '360702']);
  });

  it.each([
    {
      name: 'a region code outside Jiangxi',
      body: bankBody('SHAPE_BANK', { regionCodes: ['110000'] }),
      path: 'regionCodes',
    },
    {
      name: 'the name is missing',
      body: { code: 'SHAPE_BANK', regionCodes: ['360100'] },
      path: 'name',
    },
    {
      name: 'the English name is empty',
      body: bankBody('SHAPE_BANK', { name: { zh: '某行', en: '' } }),
      path: 'name.en',
    },
    {
      name: 'an unknown property is sent',
      body: bankBody('SHAPE_BANK', { webhookSecret: 'whsec_mine' }),
      path: 'webhookSecret',
    },
    { name: 'the code is not upper case', body: bankBody('shape_bank'), path: 'code' },
  ])('should answer 400 at $path and write nothing when $name', async ({ body, path }) => {
    const res = await t.http.post(`${P}/admin/banks`, body, { token: admin });
    expectProblem(res, 400, 'validation_failed');
    expect(res.body.errors.map((e: any) => e.path)).toContain(path);
    expect(await t.sql(`SELECT 1 FROM partner_bank WHERE lower(code) = 'shape_bank'`)).toHaveLength(
      0,
    );
  });

  it.each([
    { name: 'active is null', body: { active: null }, path: 'active' },
    { name: 'the name is null', body: { name: null }, path: 'name' },
    { name: 'regionCodes is null', body: { regionCodes: null }, path: 'regionCodes' },
    {
      name: 'rotateWebhookSecret is a string',
      body: { rotateWebhookSecret: 'yes' },
      path: 'rotateWebhookSecret',
    },
    { name: 'the code is sent', body: { code: 'RENAMED_BANK' }, path: 'code' },
  ])(
    'should answer 400 at $path and change nothing when a PATCH has $name',
    async ({ body, path }) => {
      const before = (await t.http.get(`${P}/admin/banks/GANZHOU_BANK`, { token: admin })).body;
      const res = await t.http.patch(`${P}/admin/banks/GANZHOU_BANK`, body, { token: admin });
      expectProblem(res, 400, 'validation_failed');
      expect(res.body.errors.map((e: any) => e.path)).toContain(path);
      expect((await t.http.get(`${P}/admin/banks/GANZHOU_BANK`, { token: admin })).body).toEqual(
        before,
      );
    },
  );

  it('should answer 409 when the code is taken, even by concurrent requests', async () => {
    expectProblem(
      await t.http.post(`${P}/admin/banks`, bankBody('ABC'), { token: admin }),
      409,
      'conflict',
    );
    const dup = await t.http.post(
      `${P}/admin/banks`,
      bankBody('GANZHOU_BANK', { name: { zh: '别的', en: 'Other' } }),
      { token: admin },
    );
    expectProblem(dup, 409, 'conflict');
    expect(dup.body.errors).toEqual([expect.objectContaining({ path: 'code', code: 'taken' })]);
    expect((await t.http.get(`${P}/admin/banks/GANZHOU_BANK`, { token: admin })).body.name).toEqual(
      { zh: '赣州银行', en: 'Bank of Ganzhou' },
    );

    const racing = await Promise.all(
      Array.from({ length: 5 }, () =>
        t.http.post(`${P}/admin/banks`, bankBody('RACE_BANK'), { token: admin }),
      ),
    );
    expect(racing.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409]);
    for (const r of racing.filter((x) => x.status === 409)) expectProblem(r, 409, 'conflict');
    expect(await bankRows(t, 'RACE_BANK')).toHaveLength(1);
  });

  it('should answer 404 when editing or issuing a key for a bank that does not exist', async () => {
    expectProblem(
      await t.http.patch(`${P}/admin/banks/NO_SUCH_BANK`, { active: false }, { token: admin }),
      404,
      'not_found',
    );
    expectProblem(
      await t.http.get(`${P}/admin/banks/NO_SUCH_BANK`, { token: admin }),
      404,
      'not_found',
    );
    expectProblem(
      await t.http.post(`${P}/admin/banks/NO_SUCH_BANK/api-keys`, undefined, { token: admin }),
      404,
      'not_found',
    );
  });

  it('should authenticate a bank with an issued key, list prefixes only, and refuse the key at once when revoked', async () => {
    await t.http.post(`${P}/admin/banks`, bankBody('KEY_BANK'), { token: admin });
    const issued = await t.http.post(`${P}/admin/banks/KEY_BANK/api-keys`, undefined, {
      token: admin,
    });
    expect(issued.status).toBe(201);
    expect(issued.body).toEqual({
      id: expect.stringMatching(UUID),
      apiKey: expect.stringMatching(/^sfm_[a-z0-9]{12}_[A-Za-z0-9_-]{43}$/),
      prefix: expect.stringMatching(/^[a-z0-9]{12}$/),
      createdAt: expect.any(String),
    });
    const { id, apiKey, prefix } = issued.body;
    expect(apiKey.startsWith(`sfm_${prefix}_`)).toBe(true);
    const other = (
      await t.http.post(`${P}/admin/banks/KEY_BANK/api-keys`, undefined, { token: admin })
    ).body;

    // Stored hashed.
    const [stored] = await t.sql<{ key_hash: string }>(
      'SELECT key_hash FROM bank_api_key WHERE id = $1',
      [id],
    );
    expect(stored.key_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.key_hash).not.toContain(apiKey.slice(17));

    // Works: the service resolves it to the bank, and the guard knows the caller (403 on a user route, not 401).
    const keys = t.app.get(ApiKeysService);
    expect(await keys.authenticate(apiKey)).toMatchObject({
      keyId: id,
      bank: { code: 'KEY_BANK' },
    });
    expectProblem(await t.http.get(`${P}/auth/me`, { apiKey }), 403, 'forbidden');
    expectProblem(await t.http.get(`${P}/admin/banks`, { apiKey }), 403, 'forbidden');
    expectProblem(
      await t.http.get(`${P}/auth/me`, {
        apiKey: apiKey.slice(0, -1) + (apiKey.endsWith('A') ? 'B' : 'A'),
      }),
      401,
      'unauthenticated',
    );

    // The list shows prefixes only.
    const list = await t.http.get(`${P}/admin/banks/KEY_BANK/api-keys`, { token: admin });
    expect(list.status).toBe(200);
    // Newest first, like every list ordered by creation.
    expect(list.body).toEqual({
      items: [
        { id: other.id, prefix: other.prefix, createdAt: expect.any(String), revokedAt: null },
        { id, prefix, createdAt: expect.any(String), revokedAt: null },
      ],
      nextCursor: null,
    });
    expect(JSON.stringify(list.body)).not.toContain(apiKey);
    expect(JSON.stringify(list.body)).not.toContain(stored.key_hash);

    // Revoking through another bank's path finds nothing and changes nothing.
    expectProblem(
      await t.http.delete(`${P}/admin/banks/GANZHOU_BANK/api-keys/${id}`, { token: admin }),
      404,
      'not_found',
    );
    expectProblem(await t.http.get(`${P}/auth/me`, { apiKey }), 403, 'forbidden');
    expectProblem(
      await t.http.delete(`${P}/admin/banks/KEY_BANK/api-keys/not-a-uuid`, { token: admin }),
      400,
      'validation_failed',
    );

    const revoked = await t.http.delete(`${P}/admin/banks/KEY_BANK/api-keys/${id}`, {
      token: admin,
    });
    expect(revoked.status).toBe(204);
    expect(revoked.body).toBe('');
    expectProblem(await t.http.get(`${P}/auth/me`, { apiKey }), 401, 'unauthenticated');
    expect(await keys.authenticate(apiKey)).toBeNull();
    expectProblem(
      await t.http.delete(`${P}/admin/banks/KEY_BANK/api-keys/${id}`, { token: admin }),
      404,
      'not_found',
    );
    const afterList = (await t.http.get(`${P}/admin/banks/KEY_BANK/api-keys`, { token: admin }))
      .body.items;
    expect(afterList.find((k: any) => k.id === id).revokedAt).toEqual(
      expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    );
    // The bank's other key is unaffected.
    expectProblem(await t.http.get(`${P}/auth/me`, { apiKey: other.apiKey }), 403, 'forbidden');

    const audit = await t.sql<{ actor_id: string; action: string; entity_key: string }>(
      `SELECT actor_id, action, entity_key FROM audit_entry WHERE entity_type = 'api_key' AND entity_key = $1 ORDER BY created_at`,
      [`KEY_BANK:${id}`],
    );
    expect(audit).toEqual([
      { actor_id: adminUserId, action: 'api_key.issued', entity_key: `KEY_BANK:${id}` },
      { actor_id: adminUserId, action: 'api_key.revoked', entity_key: `KEY_BANK:${id}` },
    ]);
  });

  it('should refuse the keys of a deactivated bank and accept them again when it is reactivated', async () => {
    await t.http.post(`${P}/admin/banks`, bankBody('PAUSED_BANK'), { token: admin });
    const { apiKey } = (
      await t.http.post(`${P}/admin/banks/PAUSED_BANK/api-keys`, undefined, { token: admin })
    ).body;
    expectProblem(await t.http.get(`${P}/auth/me`, { apiKey }), 403, 'forbidden');
    expect(
      (await t.http.patch(`${P}/admin/banks/PAUSED_BANK`, { active: false }, { token: admin })).body
        .active,
    ).toBe(false);
    expectProblem(await t.http.get(`${P}/auth/me`, { apiKey }), 401, 'unauthenticated');
    expect(
      (await t.http.patch(`${P}/admin/banks/PAUSED_BANK`, { active: true }, { token: admin })).body
        .active,
    ).toBe(true);
    expectProblem(await t.http.get(`${P}/auth/me`, { apiKey }), 403, 'forbidden');
  });

  describe('access', () => {
    let sme: string;
    let bankKey: string;
    beforeAll(async () => {
      sme = await t.http.registerSme('partners-sme@example.cn');
      const [bank] = await t.sql<{ id: string }>(`SELECT id FROM partner_bank WHERE code = 'ABC'`);
      bankKey = (await t.app.get(ApiKeysService).issue(bank.id)).apiKey;
    });

    it.each([
      { method: 'GET', path: '/admin/banks' },
      { method: 'GET', path: '/admin/banks/ABC' },
      { method: 'POST', path: '/admin/banks', body: bankBody('ACCESS_BANK') },
      { method: 'PATCH', path: '/admin/banks/ABC', body: { rotateWebhookSecret: true } },
      { method: 'POST', path: '/admin/banks/ABC/api-keys' },
      { method: 'GET', path: '/admin/banks/ABC/api-keys' },
      { method: 'DELETE', path: '/admin/banks/ABC/api-keys/00000000-0000-4000-8000-000000000000' },
    ])(
      'should answer 403 to an SME and a bank and 401 to anonymous callers when calling $method $path',
      async ({ method, path, body }) => {
        expectProblem(
          await t.http.request(method, P + path, { body, token: sme }),
          403,
          'forbidden',
        );
        expectProblem(
          await t.http.request(method, P + path, { body, apiKey: bankKey }),
          403,
          'forbidden',
        );
        expectProblem(await t.http.request(method, P + path, { body }), 401, 'unauthenticated');
      },
    );

    it('should have written nothing when the forbidden calls were refused', async () => {
      expect(await bankRows(t, 'ACCESS_BANK')).toHaveLength(0);
      const [abc] = await t.sql<{ n: string }>(
        `SELECT count(*) AS n FROM bank_api_key k JOIN partner_bank b ON b.id = k.bank_id WHERE b.code = 'ABC'`,
      );
      expect(Number(abc.n)).toBe(1);
      // Only the seed's creation row: no change was recorded.
      expect(await t.sql(`SELECT action FROM audit_entry WHERE entity_key LIKE 'ABC%'`)).toEqual([
        { action: 'bank.created' },
      ]);
    });
  });
});

describe('partner banks with private webhook targets refused (e2e)', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await createTestApp({ env: { WEBHOOK_ALLOW_PRIVATE_TARGETS: 'false' } });
    admin = await t.http.login(ADMIN.email, ADMIN.password);
  });
  afterAll(async () => t.close());

  it.each([
    { url: 'http://93.184.216.34/webhooks', code: 'webhook_url_scheme' },
    { url: 'https://127.0.0.1/webhooks', code: 'webhook_url_private_address' },
    { url: 'https://10.1.2.3/webhooks', code: 'webhook_url_private_address' },
    { url: 'https://192.168.1.10:8443/webhooks', code: 'webhook_url_private_address' },
    { url: 'https://169.254.169.254/latest/meta-data', code: 'webhook_url_private_address' },
    { url: 'https://[::1]/webhooks', code: 'webhook_url_private_address' },
    { url: 'https://2130706433/webhooks', code: 'webhook_url_private_address' },
    { url: 'https://localhost/webhooks', code: 'webhook_url_private_address' },
    { url: 'https://user:pass@93.184.216.34/webhooks', code: 'webhook_url_credentials' },
    { url: 'not a url', code: 'webhook_url_invalid_url' },
  ])(
    'should answer 422 $code and write nothing when the webhook URL is $url',
    async ({ url, code }) => {
      const res = await t.http.post(
        `${P}/admin/banks`,
        bankBody('PRIVATE_BANK', { webhookUrl: url }),
        { token: admin },
      );
      expectProblem(res, 422, 'validation_failed');
      expect(res.body.errors).toEqual([{ path: 'webhookUrl', code, message: expect.any(String) }]);
      // A refusal a developer can meet on a laptop names the setting that allows it.
      if (code === 'webhook_url_scheme' || code === 'webhook_url_private_address')
        expect(res.body.errors[0].message).toContain('WEBHOOK_ALLOW_PRIVATE_TARGETS=true');
      expect(await bankRows(t, 'PRIVATE_BANK')).toHaveLength(0);
    },
  );

  it('should answer 400 for an empty webhook URL (null means no endpoint) and store nothing', async () => {
    const res = await t.http.post(
      `${P}/admin/banks`,
      bankBody('EMPTY_URL_BANK', { webhookUrl: '' }),
      { token: admin },
    );
    expectProblem(res, 400, 'validation_failed');
    expect(res.body.errors).toEqual([
      {
        path: 'webhookUrl',
        code: 'minLength',
        message: 'webhookUrl must be a URL, or null for no endpoint',
      },
    ]);
    expect(await bankRows(t, 'EMPTY_URL_BANK')).toHaveLength(0);
  });

  it('should answer 400 to a PATCH whose body is null or absent', async () => {
    for (const rawBody of ['null', undefined]) {
      const res = await t.http.request('PATCH', `${P}/admin/banks/CCB`, {
        token: admin,
        ...(rawBody === undefined ? {} : { rawBody }),
      });
      expectProblem(res, 400, 'validation_failed');
      expect(res.body.errors).toEqual([
        { path: '(body)', code: 'required', message: 'send a JSON object as the request body' },
      ]);
    }
  });

  it('should accept an https URL on a public address and refuse a private one on edit when private targets are not allowed', async () => {
    const created = await t.http.post(
      `${P}/admin/banks`,
      bankBody('PUBLIC_BANK', { webhookUrl: 'https://93.184.216.34/webhooks/sme' }),
      { token: admin },
    );
    expect(created.status).toBe(201);
    expect(created.body.webhookUrl).toBe('https://93.184.216.34/webhooks/sme');

    const edit = await t.http.patch(
      `${P}/admin/banks/PUBLIC_BANK`,
      { webhookUrl: 'http://127.0.0.1:3000/hook' },
      { token: admin },
    );
    expectProblem(edit, 422, 'validation_failed');
    expect(edit.body.errors).toEqual([
      { path: 'webhookUrl', code: 'webhook_url_scheme', message: expect.any(String) },
    ]);
    expect((await bankRows(t, 'PUBLIC_BANK'))[0].webhook_url).toBe(
      'https://93.184.216.34/webhooks/sme',
    );

    // No webhook at all (the bank pulls referrals) is always fine.
    const pull = await t.http.patch(
      `${P}/admin/banks/PUBLIC_BANK`,
      { webhookUrl: null },
      { token: admin },
    );
    expect(pull.status).toBe(200);
    expect(pull.body.webhookUrl).toBeNull();
  });
});
