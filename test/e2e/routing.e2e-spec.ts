import { ADMIN } from '../support/env';
import { techSmeProfile } from '../support/fixtures';
import { expectProblem } from '../support/problems';
import { createTestApp, TestApp } from '../support/test-app';

const PRODUCT = 'KEDAITONG';
const NANCHANG = '360100'; // the example enterprise is in a county of Nanchang

describe('bank-product links and routing (e2e)', () => {
  let t: TestApp;
  let admin: string;
  let serial = 0;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.http.login(ADMIN.email, ADMIN.password);
  });
  afterAll(() => t.close());

  async function createBank(code: string): Promise<void> {
    const res = await t.http.post(
      '/api/v1/admin/banks',
      { code, name: { zh: `${code} 银行`, en: `${code} Bank` }, regionCodes: [NANCHANG] },
      { token: admin },
    );
    expect(res.status).toBe(201);
  }

  /** Makes `codes` the product's only partner banks, through the links API alone. */
  async function onlyPartners(codes: string[]): Promise<void> {
    const banks = (await t.http.get('/api/v1/admin/banks?limit=100', { token: admin })).body
      .items as { code: string }[];
    for (const { code } of banks) {
      const current = (await t.http.get(`/api/v1/admin/banks/${code}/products`, { token: admin }))
        .body.productCodes as string[];
      const wanted = codes.includes(code)
        ? [...new Set([...current, PRODUCT])]
        : current.filter((c) => c !== PRODUCT);
      if (wanted.length !== current.length) {
        const put = await t.http.put(
          `/api/v1/admin/banks/${code}/products`,
          { productCodes: wanted },
          { token: admin },
        );
        expect(put.status).toBe(200);
      }
    }
  }

  async function sme(): Promise<{ token: string; enterpriseId: string }> {
    serial += 1;
    const token = await t.http.registerSme(`routing-${serial}@example.cn`);
    const ent = await t.http.post('/api/v1/enterprises', techSmeProfile(), { token });
    expect(ent.status).toBe(201);
    return { token, enterpriseId: ent.body.id };
  }

  function submit(app: TestApp, s: { token: string; enterpriseId: string }, bankCode?: string) {
    return app.http.post(
      '/api/v1/referrals',
      {
        enterpriseId: s.enterpriseId,
        productCode: PRODUCT,
        ...(bankCode ? { bankCode } : {}),
        requestedAmountYuan: 2_000_000,
        termMonths: 12,
        consent: { granted: true },
      },
      { token: s.token, headers: { 'idempotency-key': `routing-${s.enterpriseId}` } },
    );
  }

  async function officerToken(bank: string): Promise<string> {
    const email = `officer-${bank.toLowerCase()}@bank.example`;
    const res = await t.http.post(
      `/api/v1/admin/banks/${bank}/users`,
      { email, password: 'officer-password-1' },
      { token: admin },
    );
    expect(res.status).toBe(201);
    return t.http.login(email, 'officer-password-1');
  }

  it('should read a product’s partner banks from the links, changed without republishing', async () => {
    const before = await t.http.get(`/api/v1/products/${PRODUCT}`);
    expect(before.status).toBe(200);
    // The seeds linked the product to the banks its programme names.
    expect(before.body.partnerBankCodes).toEqual(['BOC', 'BOCOM', 'CCB', 'JINGDEZHEN_RCB']);
    const ccb = await t.http.get('/api/v1/admin/banks/CCB/products', { token: admin });
    expect(ccb.status).toBe(200);
    expect(ccb.body).toEqual({ bankCode: 'CCB', productCodes: expect.arrayContaining([PRODUCT]) });

    const put = await t.http.put(
      '/api/v1/admin/banks/CCB/products',
      { productCodes: ccb.body.productCodes.filter((c: string) => c !== PRODUCT) },
      { token: admin },
    );
    expect(put.status).toBe(200);
    const after = await t.http.get(`/api/v1/products/${PRODUCT}`);
    expect(after.body.partnerBankCodes).toEqual(['BOC', 'BOCOM', 'JINGDEZHEN_RCB']);
    expect(after.body.version).toBe(before.body.version);
    expect(after.headers.get('etag')).not.toBe(before.headers.get('etag'));

    const audit = await t.http.get('/api/v1/admin/audit?entity=bank_product&entityKey=CCB', {
      token: admin,
    });
    expect(audit.body.items[0]).toMatchObject({
      action: 'bank_product.updated',
      changes: { added: [], removed: [PRODUCT] },
    });

    const unknown = await t.http.put(
      '/api/v1/admin/banks/CCB/products',
      { productCodes: [PRODUCT, 'NO_SUCH_PRODUCT'] },
      { token: admin },
    );
    expectProblem(unknown, 422, 'validation_failed');
    expect(unknown.body.errors).toEqual([
      expect.objectContaining({ path: 'productCodes[1]', code: 'unknown_product' }),
    ]);
    expectProblem(
      await t.http.put(
        '/api/v1/admin/banks/CCB/products',
        { productCodes: ['bad code'] },
        { token: admin },
      ),
      400,
      'validation_failed',
    );
    expectProblem(
      await t.http.put('/api/v1/admin/banks/NOPE/products', { productCodes: [] }, { token: admin }),
      404,
      'not_found',
    );
  });

  it('should send nothing to a paused bank, refuse it by name with the others listed, and prefer the least-loaded', async () => {
    await createBank('PAUSE_A');
    await createBank('PAUSE_B');
    await onlyPartners(['PAUSE_A', 'PAUSE_B']);
    const officerA = await officerToken('PAUSE_A');
    const paused = await t.http.patch(
      '/api/v1/bank/me',
      { acceptingReferrals: false },
      { token: officerA },
    );
    expect(paused.status).toBe(200);
    expect(paused.body.acceptingReferrals).toBe(false);

    for (let i = 0; i < 3; i++) {
      const res = await submit(t, await sme());
      expect(res.status).toBe(201);
      expect(res.body.bankCode).toBe('PAUSE_B');
    }
    const named = await submit(t, await sme(), 'PAUSE_A');
    expectProblem(named, 422, 'bank_unavailable');
    expect(named.body.availableBankCodes).toEqual(['PAUSE_B']);
    expect(named.body.errors[0]).toMatchObject({ path: 'bankCode', code: 'paused' });
    const inbox = await t.http.get('/api/v1/bank/referrals', { token: officerA });
    expect(inbox.body.items).toEqual([]);

    // Resumed, A has no open referrals and B has three: A is the least-loaded.
    await t.http.patch('/api/v1/bank/me', { acceptingReferrals: true }, { token: officerA });
    const next = await submit(t, await sme());
    expect(next.body.bankCode).toBe('PAUSE_A');
    expect((await t.http.get('/api/v1/bank/me', { token: officerA })).body).toMatchObject({
      assignedToday: 1,
      openReferrals: 1,
    });

    // Both paused: a clear 422 that says no bank can take it now.
    await t.http.patch('/api/v1/bank/me', { acceptingReferrals: false }, { token: officerA });
    await t.http.patch(
      '/api/v1/bank/me',
      { acceptingReferrals: false },
      { token: await officerToken('PAUSE_B') },
    );
    const none = await submit(t, await sme());
    expectProblem(none, 422, 'no_bank_available');
    expect(none.body.errors.map((e: any) => e.code)).toEqual(['paused', 'paused']);
  });

  it('should hold a daily capacity under concurrent submissions through two API processes', async () => {
    await createBank('CAPPED');
    await onlyPartners(['CAPPED']);
    const officer = await officerToken('CAPPED');
    expect(
      (await t.http.patch('/api/v1/bank/me', { dailyCapacity: 3 }, { token: officer })).status,
    ).toBe(200);
    const dbName = new URL(t.databaseUrl).pathname.slice(1);
    const second = await createTestApp({
      database: dbName,
      env: { JWT_SECRET: t.env.JWT_SECRET, SECRET_ENCRYPTION_KEY: t.env.SECRET_ENCRYPTION_KEY },
    });
    try {
      const smes = [];
      for (let i = 0; i < 8; i++) smes.push(await sme());
      const answers = await Promise.all(smes.map((s, i) => submit(i % 2 ? second : t, s)));
      const statuses = answers.map((a) => a.status).sort();
      expect(statuses).toEqual([201, 201, 201, 422, 422, 422, 422, 422]);
      for (const a of answers.filter((x) => x.status === 422))
        expectProblem(a, 422, 'no_bank_available');
      const [row] = await t.sql<{ n: number }>(
        `SELECT count(*)::int AS n FROM referral_consent c JOIN partner_bank b ON b.id = c.bank_id
          WHERE b.code = 'CAPPED'`,
      );
      expect(row.n).toBe(3);
      expect((await t.http.get('/api/v1/bank/me', { token: officer })).body.assignedToday).toBe(3);
      // The next Asia/Shanghai day has room again.
      t.clock.advance(24 * 3600_000);
      const tomorrow = await submit(t, await sme());
      expect(tomorrow.status).toBe(201);
      expect(tomorrow.body.bankCode).toBe('CAPPED');
    } finally {
      t.clock.set(new Date());
      await second.close();
    }
  });
});
