/**
 * Every list answers `{items, nextCursor}`, takes `?limit=` (default 20, max 100) and `?cursor=`,
 * and refuses a malformed or forged cursor with 400 `invalid_cursor`, never a 500.
 */
import { techSmeProfile } from '../support/fixtures';
import { ADMIN } from '../support/env';
import { expectProblem } from '../support/problems';
import { createTestApp, TestApp } from '../support/test-app';

const P = '/api/v1';
const b64 = (s: string) => Buffer.from(s).toString('base64url');
const UUID = '7f1b1f7e-0a4e-4a8e-9f55-0d3b6c1a2b3c';

describe('pagination (e2e)', () => {
  let t: TestApp;
  let admin: string;
  let sme: string;
  let bankKey: string;
  let enterpriseId: string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.http.login(ADMIN.email, ADMIN.password);
    sme = await t.http.registerSme('pages@example.cn');
    const issued = await t.http.post(`${P}/admin/banks/CCB/api-keys`, undefined, { token: admin });
    expect(issued.status).toBe(201);
    bankKey = issued.body.apiKey;
    const created = await t.http.post(`${P}/enterprises`, techSmeProfile(), { token: sme });
    expect(created.status).toBe(201);
    enterpriseId = created.body.id;
    for (let i = 0; i < 2; i++) {
      const put = await t.http.put(`${P}/enterprises/${enterpriseId}`, techSmeProfile(), {
        token: sme,
      });
      expect(put.status).toBe(200);
    }
  });
  afterAll(async () => t.close());

  const lists = () =>
    [
      ['/products', {}],
      ['/admin/products', { token: admin }],
      ['/admin/products/KEDAITONG/versions', { token: admin }],
      ['/admin/banks', { token: admin }],
      ['/admin/banks/CCB/api-keys', { token: admin }],
      ['/admin/deliveries', { token: admin }],
      ['/enterprises', { token: sme }],
      [`/enterprises/${enterpriseId}/versions`, { token: sme }],
      ['/referrals', { token: sme }],
      ['/bank/referrals', { apiKey: bankKey }],
    ] as const;

  it('should answer {items, nextCursor} and walk every item exactly once with limit=1 on every list', async () => {
    for (const [path, auth] of lists()) {
      const whole = await t.http.get(`${P}${path}?limit=100`, auth);
      expect({ path, status: whole.status }).toEqual({ path, status: 200 });
      expect(Object.keys(whole.body).sort()).toEqual(['items', 'nextCursor']);
      expect(Array.isArray(whole.body.items)).toBe(true);
      const seen: unknown[] = [];
      let cursor: string | null = null;
      do {
        const sep: string = path.includes('?') ? '&' : '?';
        const page: { status: number; body: { items: unknown[]; nextCursor: string | null } } =
          await t.http.get(`${P}${path}${sep}limit=1${cursor ? `&cursor=${cursor}` : ''}`, auth);
        expect({ path, status: page.status }).toEqual({ path, status: 200 });
        expect(page.body.items.length).toBeLessThanOrEqual(1);
        seen.push(...page.body.items);
        cursor = page.body.nextCursor;
      } while (cursor && seen.length <= whole.body.items.length);
      expect({ path, seen }).toEqual({ path, seen: whole.body.items });
    }
  });

  it('should page lists that have more than one item (seeded products, banks, versions)', async () => {
    for (const path of ['/products', '/admin/banks', `/enterprises/${enterpriseId}/versions`]) {
      const first = await t.http.get(`${P}${path}?limit=2`, { token: admin });
      expect({ path, n: first.body.items.length }).toEqual({ path, n: 2 });
      expect(first.body.nextCursor).toEqual(expect.any(String));
      const second = await t.http.get(`${P}${path}?limit=2&cursor=${first.body.nextCursor}`, {
        token: admin,
      });
      expect(second.status).toBe(200);
      expect(second.body.items.length).toBeGreaterThan(0);
      expect(second.body.items).not.toContainEqual(first.body.items[0]);
      expect(second.body.items).not.toContainEqual(first.body.items[1]);
    }
    const versions = await t.http.get(`${P}/enterprises/${enterpriseId}/versions?limit=2`, {
      token: sme,
    });
    expect(versions.body.items.map((v: { version: number }) => v.version)).toEqual([1, 2]);
  });

  it('should default to 20 items and refuse limit 0 and 101 on every list', async () => {
    const products = await t.http.get(`${P}/products`);
    expect(products.body.items.length).toBeLessThanOrEqual(20);
    for (const [path, auth] of lists()) {
      for (const limit of ['0', '101', 'ten']) {
        const res = await t.http.get(`${P}${path}?limit=${limit}`, auth);
        expect({ path, limit, status: res.status, code: res.body.code }).toEqual({
          path,
          limit,
          status: 400,
          code: 'validation_failed',
        });
        expect(res.body.errors.length).toBeGreaterThan(0);
        expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(
          res.body.errors.map(() => 'limit'),
        );
      }
    }
  });

  const forged = [
    ['an impossible day', b64(JSON.stringify(['2024-02-30T00:00:00.000000Z', UUID]))],
    ['month 13', b64(JSON.stringify(['2024-13-01T00:00:00.000000Z', UUID]))],
    ['year 0000', b64(JSON.stringify(['0000-01-01T00:00:00.000000Z', UUID]))],
    ['hour 25', b64(JSON.stringify(['2024-01-01T25:00:00.000000Z', UUID]))],
    ['the old text format with an impossible day', b64(`2024-02-30T00:00:00.000000Z|${UUID}`)],
    ['no JSON', 'bm90LWEtY3Vyc29y'],
    ['a boolean where a key belongs', b64(JSON.stringify([true]))],
    ['a version beyond int32', b64(JSON.stringify([2 ** 31]))],
    ['a negative version', b64(JSON.stringify([-1]))],
    ['characters outside base64url', '%2B%2F%3D'],
    ['an over-long cursor', 'A'.repeat(500)],
    ['an empty key', b64('[]')],
  ];

  it.each(forged)(
    'should answer 400 invalid_cursor on every list when the cursor holds %s',
    async (_what, cursor) => {
      for (const [path, auth] of lists()) {
        const res = await t.http.get(`${P}${path}?cursor=${cursor}`, auth);
        expect({ path, status: res.status, code: res.body.code }).toEqual({
          path,
          status: 400,
          code: 'invalid_cursor',
        });
        expectProblem(res, 400, 'invalid_cursor');
        expect(res.body.errors).toEqual([
          { path: 'cursor', code: 'invalid_cursor', message: expect.any(String) },
        ]);
      }
    },
  );

  it('should refuse a cursor of one list on another list with 400 invalid_cursor', async () => {
    const versions = await t.http.get(`${P}/enterprises/${enterpriseId}/versions?limit=1`, {
      token: sme,
    });
    expect(versions.body.nextCursor).toEqual(expect.any(String));
    expectProblem(
      await t.http.get(`${P}/enterprises?cursor=${versions.body.nextCursor}`, { token: sme }),
      400,
      'invalid_cursor',
    );
  });

  it.each([
    ['/admin/products/KEDAITONG/versions/2147483648', 'version'],
    ['/admin/products/KEDAITONG/versions/99999999999999999999', 'version'],
    ['/admin/products/KEDAITONG/versions/0', 'version'],
    ['/admin/products/KEDAITONG/versions/1.5', 'version'],
    ['/admin/products/KEDAITONG/diff?from=1&to=2147483648', 'to'],
    ['/admin/products/KEDAITONG/diff?from=9999999999&to=1', 'from'],
    ['/admin/products/KEDAITONG/diff?to=1', 'from'],
  ])('should answer 400 naming the parameter when %s is asked for', async (path, field) => {
    const res = await t.http.get(`${P}${path}`, { token: admin });
    expectProblem(res, 400, 'validation_failed');
    expect(res.body.errors).toEqual([
      { path: field, code: 'version', message: expect.stringMatching(new RegExp(`^${field} `)) },
    ]);
  });

  it('should still answer the largest int32 version with 404 and version 1 with 200', async () => {
    expectProblem(
      await t.http.get(`${P}/admin/products/KEDAITONG/versions/2147483647`, { token: admin }),
      404,
      'not_found',
    );
    expect(
      (await t.http.get(`${P}/admin/products/KEDAITONG/versions/1`, { token: admin })).status,
    ).toBe(200);
  });
});
