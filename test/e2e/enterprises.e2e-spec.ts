/**
 * Enterprise profiles over real HTTP (docs/api.md "Enterprises and matching", docs/rules.md "The profile"):
 * create, validation layers (400 shape / 422 semantics), one credit code per enterprise, versions,
 * owner-only visibility with 404 for other parties, cursor pagination, auth, and a property test
 * that no input produces a 5xx or writes a row on rejection.
 */
import fc from 'fast-check';
import { ApiKeysService } from '../../src/modules/auth/api-keys.service';
import { exampleProfileJson, usccFor, yearsBefore } from '../support/fixtures';
import { expectProblem } from '../support/problems';
import { createTestApp, TestApp } from '../support/test-app';
import { ADMIN } from '../support/env';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

type Res = { status: number; body: any; headers: Headers };

function errorPaths(res: Res): string[] {
  return (res.body.errors ?? []).map((e: { path: string }) => e.path);
}

describe('enterprise profiles (e2e)', () => {
  let t: TestApp;
  let smeA: string;
  let smeB: string;
  let admin: string;
  let today: string;
  let next = 1;
  const freshUscc = () => usccFor(next++);
  const count = async (table: string) =>
    Number((await t.sql<{ n: string }>(`SELECT count(*) AS n FROM ${table}`))[0].n);

  beforeAll(async () => {
    t = await createTestApp();
    [smeA, smeB, admin] = await Promise.all([
      t.http.registerSme('owner-a@example.cn'),
      t.http.registerSme('owner-b@example.cn'),
      t.http.login(ADMIN.email, ADMIN.password),
    ]);
    today = t.clock.today();
  });
  afterAll(async () => t.close());

  const create = (body: unknown, token = smeA) =>
    t.http.post('/api/v1/enterprises', body, { token });

  it('should answer 201 with version 1, the profile and a small size class when a tech SME registers', async () => {
    const profile = exampleProfileJson();
    const res = await create(profile);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.stringMatching(UUID),
      version: 1,
      profile,
      derived: {
        sizeClass: 'small',
        sizeClassBasis: {
          group: 2,
          groupName: { zh: '工业', en: expect.any(String) },
          indicators: ['employees', 'annualRevenueYuan'],
          decidedBy: { zh: expect.stringContaining('小型'), en: expect.stringContaining('small') },
          missing: [],
          byAnalogy: false,
        },
        yearsInOperation: Number(today.slice(0, 4)) - 2019 - (today.slice(5) < '04-18' ? 1 : 0),
        cityCode: '360100',
        industrySection: 'C',
        industryDivision: '39',
        targetGroupHireShare: null,
        hasCreditIssues: false,
      },
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    // The thresholds that decided: 38 ≥ 20 staff and 1650万 ≥ 300万 revenue, short of medium (300 / 2000万).
    expect(res.body.derived.sizeClassBasis.decidedBy.zh).toMatch(/从业人员 38 ≥ 20/);
    expect(res.body.derived.sizeClassBasis.decidedBy.zh).toMatch(/营业收入 1650万 ≥ 300万/);

    const [row] = await t.sql<{ owner_id: string; uscc: string; current_version: number }>(
      'SELECT owner_id, uscc, current_version FROM enterprise WHERE id = $1',
      [res.body.id],
    );
    const me = await t.http.get('/api/v1/auth/me', { token: smeA });
    expect(row).toEqual({ owner_id: me.body.id, uscc: '91360100MA35FXXX9C', current_version: 1 });
    const versions = await t.sql<{ version: number; profile: unknown; derived: any }>(
      'SELECT version, profile, derived FROM enterprise_version WHERE enterprise_id = $1',
      [res.body.id],
    );
    expect(versions).toEqual([
      { version: 1, profile, derived: expect.objectContaining({ sizeClass: 'small' }) },
    ]);
    // Omitted optional facts stay omitted (unknown), never stored as null.
    expect(Object.keys(versions[0].profile as object)).not.toContain('hiring');
  });

  it('should classify by the thresholds of the industry when the profile is in another size group', async () => {
    // Software (group 12): 120 staff ≥ 100 and 8000万 ≥ 1000万 → medium (below the 300 staff / 1亿 ceiling).
    const software = await create(
      exampleProfileJson({
        uscc: freshUscc(),
        industryCode: 'I6513',
        employees: 120,
        annualRevenueYuan: 80_000_000,
        totalAssetsYuan: undefined,
      }),
    );
    expect(software.status).toBe(201);
    expect(software.body.derived).toMatchObject({
      sizeClass: 'medium',
      industrySection: 'I',
      industryDivision: '65',
    });
    expect(software.body.derived.sizeClassBasis).toMatchObject({ group: 12, missing: [] });
    // Retail (group 5): 8 staff < 10 → micro, whatever the revenue.
    const shop = await create(
      exampleProfileJson({
        uscc: freshUscc(),
        industryCode: 'F5261',
        employees: 8,
        annualRevenueYuan: 3_000_000,
      }),
    );
    expect(shop.status).toBe(201);
    expect(shop.body.derived.sizeClass).toBe('micro');
    expect(shop.body.derived.sizeClassBasis.decidedBy.zh).toContain('从业人员 8 < 10');
  });

  it('should answer 409 conflict on path uscc when a second enterprise uses a registered credit code', async () => {
    const code = freshUscc();
    expect((await create(exampleProfileJson({ uscc: code }))).status).toBe(201);
    const before = await count('enterprise');
    for (const token of [smeA, smeB]) {
      const again = await create(exampleProfileJson({ uscc: code, name: '另一家公司' }), token);
      expectProblem(again, 409, 'conflict');
      expect(again.body.errors).toEqual([expect.objectContaining({ path: 'uscc' })]);
    }
    expect(await count('enterprise')).toBe(before);
  });

  it('should create exactly one enterprise and answer 409 to the others when three requests race for a credit code', async () => {
    const code = freshUscc();
    const results = await Promise.all([
      create(exampleProfileJson({ uscc: code })),
      create(exampleProfileJson({ uscc: code }), smeB),
      create(exampleProfileJson({ uscc: code })),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    for (const r of results.filter((x) => x.status === 409)) expectProblem(r, 409, 'conflict');
    expect(await t.sql('SELECT id FROM enterprise WHERE uscc = $1', [code])).toHaveLength(1);
  });

  it('should answer 422 invalid_credit_code on path uscc when the check digit is wrong', async () => {
    const before = await count('enterprise');
    const res = await create(exampleProfileJson({ uscc: '91360100MA35FXXX9D' }));
    expectProblem(res, 422, 'invalid_credit_code');
    expect(res.body.errors).toEqual([
      expect.objectContaining({ path: 'uscc', code: 'invalid_credit_code' }),
    ]);
    // The documented known-bad sample of uscc.md, and a code using a letter the charset excludes.
    for (const bad of ['91350203M0001QAY9B', '91360100MA35FXXI9C']) {
      const r = await create(exampleProfileJson({ uscc: bad }));
      expectProblem(r, 422, 'invalid_credit_code');
      expect(errorPaths(r)).toEqual(['uscc']);
    }
    // The same check guards the anonymous preview.
    expectProblem(
      await t.http.post(
        '/api/v1/matches/preview',
        exampleProfileJson({ uscc: '91360100MA35FXXX9D' }),
      ),
      422,
      'invalid_credit_code',
    );
    expect(await count('enterprise')).toBe(before);
  });

  it('should answer 422 on path uscc when an enterprise that is not an individual founder omits the credit code', async () => {
    const { uscc: _omit, ...noCode } = exampleProfileJson();
    const res = await create(noCode);
    expectProblem(res, 422, 'validation_failed');
    expect(res.body.errors).toEqual([expect.objectContaining({ path: 'uscc', code: 'required' })]);
  });

  it('should answer 422 on path regionCode when the region is unknown or outside Jiangxi', async () => {
    const before = await count('enterprise');
    // 360199: a Nanchang-shaped code that does not exist; 110101: Beijing; 360000: the province itself.
    for (const regionCode of ['360199', '110101', '360000']) {
      const res = await create(exampleProfileJson({ uscc: freshUscc(), regionCode }));
      expectProblem(res, 422, 'validation_failed');
      expect(res.body.errors).toEqual([
        expect.objectContaining({ path: 'regionCode', code: 'unknown_region' }),
      ]);
    }
    expect(await count('enterprise')).toBe(before);
  });

  it('should answer 422 on path industryCode when the division is unknown or under the wrong section', async () => {
    // A39: division 39 is manufacturing (C), not agriculture; C99 and Z12 do not exist.
    for (const industryCode of ['A39', 'C99', 'Z12']) {
      const res = await create(exampleProfileJson({ uscc: freshUscc(), industryCode }));
      expectProblem(res, 422, 'validation_failed');
      expect(res.body.errors).toEqual([
        expect.objectContaining({ path: 'industryCode', code: 'unknown_industry' }),
      ]);
    }
  });

  it('should answer 422 on path establishedOn when the founding date is in the future', async () => {
    const before = await count('enterprise');
    const res = await create(
      exampleProfileJson({ uscc: freshUscc(), establishedOn: yearsBefore(today, -1) }),
    );
    expectProblem(res, 422, 'validation_failed');
    expect(res.body.errors).toEqual([
      expect.objectContaining({ path: 'establishedOn', code: 'invalid_date' }),
    ]);
    // Founded today is not in the future.
    const founded = await create(exampleProfileJson({ uscc: freshUscc(), establishedOn: today }));
    expect(founded.status).toBe(201);
    expect(founded.body.derived.yearsInOperation).toBe(0);
    expect(await count('enterprise')).toBe(before + 1);
  });

  it('should answer 422 on the hiring path when target-group hires exceed all hires', async () => {
    const res = await create(
      exampleProfileJson({
        uscc: freshUscc(),
        hiring: { newHiresLast12Months: 3, newHiresFromTargetGroups: 5 },
      }),
    );
    expectProblem(res, 422, 'validation_failed');
    expect(errorPaths(res)).toEqual(['hiring.newHiresFromTargetGroups']);
  });

  it('should answer 400 naming the field path when a field is mistyped, out of range or unknown', async () => {
    const before = await count('enterprise');
    const cases: [string, (p: Record<string, any>) => void][] = [
      ['financingNeed.amountYuan', (p) => (p.financingNeed.amountYuan = 1500000.5)],
      ['financingNeed.amountYuan', (p) => (p.financingNeed.amountYuan = '2000000')],
      ['financingNeed.amountYuan', (p) => (p.financingNeed.amountYuan = 0)],
      ['financingNeed.termMonths', (p) => (p.financingNeed.termMonths = 121)],
      ['financingNeed.purpose', (p) => (p.financingNeed.purpose = 'speculation')],
      ['financingNeed.extra', (p) => (p.financingNeed.extra = 1)],
      ['financingNeed', (p) => delete p.financingNeed],
      ['employees', (p) => (p.employees = -1)],
      ['annualRevenueYuan', (p) => (p.annualRevenueYuan = 1e300)],
      ['uscc', (p) => (p.uscc = '91360100ma35fxxx9c')],
      ['credit', (p) => (p.credit = null)],
      ['credit.dishonestDebtor', (p) => (p.credit.dishonestDebtor = 'no')],
      ['certifications[0]', (p) => (p.certifications = ['iso9001'])],
      ['jobRetentionRate', (p) => (p.jobRetentionRate = 1.5)],
      ['establishedOn', (p) => (p.establishedOn = '2019-4-18')],
      ['registeredCapitalYuan', (p) => (p.registeredCapitalYuan = 1_000_000)],
      // Valid JSON strings PostgreSQL jsonb cannot store: a lone surrogate and U+0000.
      ['name', (p) => (p.name = '南昌\ud800科技')],
      ['name', (p) => (p.name = '南昌\u0000科技')],
    ];
    for (const [path, mutate] of cases) {
      const body = exampleProfileJson({ uscc: freshUscc() });
      mutate(body);
      const res = await create(body);
      expectProblem(res, 400, 'validation_failed');
      const paths = errorPaths(res);
      // Arrays may be reported on the element or on the array itself.
      expect(
        paths.some((p) => p === path || (path.includes('[') && p === path.replace(/\[\d+\]$/, ''))),
      ).toBe(true);
      if (path === 'registeredCapitalYuan' || path === 'financingNeed.extra') {
        expect(res.body.errors).toContainEqual(
          expect.objectContaining({ path, code: 'unknown_property' }),
        );
      }
    }
    expect(await count('enterprise')).toBe(before);
  });

  it('should word route-schema errors for a person, not as Ajv does', async () => {
    const body = exampleProfileJson({ uscc: freshUscc() });
    delete body.entityType;
    body.financingNeed.termMonths = 0;
    body.regionCode = '36011';
    const res = await create(body);
    expectProblem(res, 400, 'validation_failed');
    expect(res.body.errors).toEqual(
      expect.arrayContaining([
        { path: 'entityType', code: 'required', message: 'entityType is required' },
        {
          path: 'financingNeed.termMonths',
          code: 'min',
          message: 'financingNeed.termMonths must be at least 1',
        },
        { path: 'regionCode', code: 'pattern', message: 'regionCode must be six digits' },
      ]),
    );
  });

  it('should keep version 1 and store version 2 when the owner replaces the profile', async () => {
    const v1 = exampleProfileJson({ uscc: freshUscc() });
    const created = await create(v1);
    expect(created.status).toBe(201);
    const id = created.body.id;

    const v2 = {
      ...v1,
      employees: 45,
      annualRevenueYuan: 21_000_000,
      listings: ['caiyuan_recommendation'],
    };
    const put = await t.http.put(`/api/v1/enterprises/${id}`, v2, { token: smeA });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({
      id,
      version: 2,
      profile: v2,
      derived: { sizeClass: 'small' },
    });

    const got = await t.http.get(`/api/v1/enterprises/${id}`, { token: smeA });
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ id, version: 2, profile: v2 });

    const history = await t.http.get(`/api/v1/enterprises/${id}/versions`, { token: smeA });
    expect(history.status).toBe(200);
    expect(history.body.items.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    expect(history.body.items[0].profile).toEqual(v1);
    expect(history.body.items[1].profile).toEqual(v2);

    const rows = await t.sql<{ version: number; profile: any }>(
      'SELECT version, profile FROM enterprise_version WHERE enterprise_id = $1 ORDER BY version',
      [id],
    );
    expect(rows).toEqual([
      { version: 1, profile: v1 },
      { version: 2, profile: v2 },
    ]);
    const [e] = await t.sql<{ current_version: number }>(
      'SELECT current_version FROM enterprise WHERE id = $1',
      [id],
    );
    expect(e.current_version).toBe(2);

    // A rejected replacement changes nothing.
    const bad = await t.http.put(
      `/api/v1/enterprises/${id}`,
      { ...v2, employees: 'many' },
      { token: smeA },
    );
    expectProblem(bad, 400, 'validation_failed');
    const taken = await t.http.put(
      `/api/v1/enterprises/${id}`,
      { ...v2, uscc: '91360100MA35FXXX9C' },
      { token: smeA },
    );
    expectProblem(taken, 409, 'conflict');
    expect(errorPaths(taken)).toEqual(['uscc']);
    expect(
      await t.sql('SELECT 1 FROM enterprise_version WHERE enterprise_id = $1', [id]),
    ).toHaveLength(2);
    expect((await t.http.get(`/api/v1/enterprises/${id}`, { token: smeA })).body.version).toBe(2);
  });

  it("should list only the caller's own enterprises a page at a time when an SME lists them, and all of them for an admin", async () => {
    const owner = await t.http.registerSme('lister@example.cn');
    const first = await create(exampleProfileJson({ uscc: freshUscc(), name: '第一家' }), owner);
    const second = await create(exampleProfileJson({ uscc: freshUscc(), name: '第二家' }), owner);
    const other = await create(exampleProfileJson({ uscc: freshUscc(), name: '别人家' }), smeB);
    expect([first.status, second.status, other.status]).toEqual([201, 201, 201]);

    const page1 = await t.http.get('/api/v1/enterprises?limit=1', { token: owner });
    expect(page1.status).toBe(200);
    expect(page1.body.items.map((e: any) => e.id)).toEqual([second.body.id]); // newest first
    expect(page1.body.items[0]).toMatchObject({
      version: 1,
      profile: { name: '第二家' },
      derived: { sizeClass: 'small' },
    });
    expect(page1.body.nextCursor).toEqual(expect.any(String));
    const page2 = await t.http.get(
      `/api/v1/enterprises?limit=1&cursor=${encodeURIComponent(page1.body.nextCursor)}`,
      { token: owner },
    );
    expect(page2.status).toBe(200);
    expect(page2.body.items.map((e: any) => e.id)).toEqual([first.body.id]);
    expect(page2.body.nextCursor).toBeNull();

    const all = await t.http.get('/api/v1/enterprises', { token: owner });
    expect(all.body).toEqual({
      items: [
        expect.objectContaining({ id: second.body.id }),
        expect.objectContaining({ id: first.body.id }),
      ],
      nextCursor: null,
    });

    const adminIds: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Res = await t.http.get(
        `/api/v1/enterprises?limit=100${cursor ? `&cursor=${cursor}` : ''}`,
        { token: admin },
      );
      expect(page.status).toBe(200);
      adminIds.push(...page.body.items.map((e: any) => e.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(adminIds).toEqual(
      expect.arrayContaining([first.body.id, second.body.id, other.body.id]),
    );
    expect(adminIds).toHaveLength(await count('enterprise'));

    expectProblem(
      await t.http.get('/api/v1/enterprises?limit=0', { token: owner }),
      400,
      'validation_failed',
    );
    expectProblem(
      await t.http.get('/api/v1/enterprises?limit=101', { token: owner }),
      400,
      'validation_failed',
    );
    expectProblem(
      await t.http.get('/api/v1/enterprises?cursor=bm90LWEtY3Vyc29y', { token: owner }),
      400,
      'invalid_cursor',
    );
  });

  // Regression: the cursor once carried milliseconds while created_at has microseconds.
  it('should list every enterprise exactly once across pages when two were created in the same millisecond', async () => {
    const owner = await t.http.registerSme('same-ms@example.cn');
    const me = await t.http.get('/api/v1/auth/me', { token: owner });
    const profile = exampleProfileJson({ uscc: freshUscc() });
    const ids: string[] = [];
    for (const at of ['2026-01-05 08:00:00.123456+00', '2026-01-05 08:00:00.123100+00']) {
      const p = { ...profile, uscc: freshUscc() };
      const [e] = await t.sql<{ id: string }>(
        'INSERT INTO enterprise (owner_id, uscc, current_version, created_at, updated_at) VALUES ($1, $2, 1, $3, $3) RETURNING id',
        [me.body.id, p.uscc, at],
      );
      await t.sql(
        `INSERT INTO enterprise_version (enterprise_id, version, profile, derived, derived_as_of) VALUES ($1, 1, $2, '{}', '2026-01-05')`,
        [e.id, JSON.stringify(p)],
      );
      ids.push(e.id);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Res = await t.http.get(
        `/api/v1/enterprises?limit=1${cursor ? `&cursor=${cursor}` : ''}`,
        { token: owner },
      );
      seen.push(...page.body.items.map((e: any) => e.id));
      cursor = page.body.nextCursor;
    } while (cursor && seen.length < 5);
    expect(seen).toEqual(ids);
  });

  it('should answer 404, not 403, when another SME reads, replaces or matches an enterprise or reads its match run', async () => {
    const own = await create(exampleProfileJson({ uscc: freshUscc() }));
    const id = own.body.id;
    const run = await t.http.post(`/api/v1/enterprises/${id}/matches`, undefined, { token: smeA });
    expect(run.status).toBe(201);

    const probes: Res[] = [
      await t.http.get(`/api/v1/enterprises/${id}`, { token: smeB }),
      await t.http.get(`/api/v1/enterprises/${id}/versions`, { token: smeB }),
      await t.http.get(`/api/v1/match-runs/${run.body.id}`, { token: smeB }),
      await t.http.put(`/api/v1/enterprises/${id}`, exampleProfileJson({ uscc: freshUscc() }), {
        token: smeB,
      }),
      await t.http.post(`/api/v1/enterprises/${id}/matches`, undefined, { token: smeB }),
    ];
    const unknown: Res[] = [
      await t.http.get('/api/v1/enterprises/00000000-0000-4000-8000-000000000000', { token: smeB }),
      await t.http.get('/api/v1/enterprises/not-a-uuid', { token: smeB }),
      await t.http.get('/api/v1/match-runs/00000000-0000-4000-8000-000000000000', { token: smeB }),
      // Found by the fuzzer: a replace naming an id that is not a UUID reached PostgreSQL (500).
      await t.http.put('/api/v1/enterprises/1.5', exampleProfileJson({ uscc: freshUscc() }), {
        token: smeA,
      }),
      await t.http.post('/api/v1/enterprises/1.5/matches', undefined, { token: smeA }),
      await t.http.get('/api/v1/enterprises/1.5/versions', { token: smeA }),
      await t.http.get('/api/v1/match-runs/1.5', { token: smeA }),
    ];
    for (const res of [...probes, ...unknown]) expectProblem(res, 404, 'not_found');
    // Same answer for someone else's id as for an id that does not exist, so ids cannot be probed.
    expect(probes[0].body.detail).toBe(unknown[0].body.detail);
    expect(
      await t.sql('SELECT 1 FROM enterprise_version WHERE enterprise_id = $1', [id]),
    ).toHaveLength(1);

    // The admin may read all of it.
    expect((await t.http.get(`/api/v1/enterprises/${id}`, { token: admin })).status).toBe(200);
    expect((await t.http.get(`/api/v1/enterprises/${id}/versions`, { token: admin })).status).toBe(
      200,
    );
    expect((await t.http.get(`/api/v1/match-runs/${run.body.id}`, { token: admin })).status).toBe(
      200,
    );
  });

  it('should answer 401 without credentials and 403 with a bank API key or the wrong role', async () => {
    const own = await create(exampleProfileJson({ uscc: freshUscc() }));
    const id = own.body.id;
    const run = await t.http.post(`/api/v1/enterprises/${id}/matches`, undefined, { token: smeA });
    const [bank] = await t.sql<{ id: string }>(
      `SELECT id FROM partner_bank WHERE code = 'JIANGXI_BANK'`,
    );
    const { apiKey } = await t.app.get(ApiKeysService).issue(bank.id);

    const calls: [string, string, unknown?][] = [
      ['POST', '/api/v1/enterprises', exampleProfileJson({ uscc: freshUscc() })],
      ['GET', '/api/v1/enterprises'],
      ['GET', `/api/v1/enterprises/${id}`],
      ['PUT', `/api/v1/enterprises/${id}`, exampleProfileJson({ uscc: freshUscc() })],
      ['GET', `/api/v1/enterprises/${id}/versions`],
      ['POST', `/api/v1/enterprises/${id}/matches`],
      ['GET', `/api/v1/match-runs/${run.body.id}`],
    ];
    const before = await count('enterprise');
    for (const [method, path, body] of calls) {
      expectProblem(await t.http.request(method, path, { body }), 401, 'unauthenticated');
      expectProblem(
        await t.http.request(method, path, { body, token: 'not.a.jwt' }),
        401,
        'unauthenticated',
      );
      expectProblem(await t.http.request(method, path, { body, apiKey }), 403, 'forbidden');
    }
    // Only an SME owns enterprises: an admin may read but not create, replace or match.
    expectProblem(
      await t.http.post('/api/v1/enterprises', exampleProfileJson({ uscc: freshUscc() }), {
        token: admin,
      }),
      403,
      'forbidden',
    );
    expectProblem(
      await t.http.put(`/api/v1/enterprises/${id}`, exampleProfileJson({ uscc: freshUscc() }), {
        token: admin,
      }),
      403,
      'forbidden',
    );
    expectProblem(
      await t.http.post(`/api/v1/enterprises/${id}/matches`, undefined, { token: admin }),
      403,
      'forbidden',
    );
    expect(await count('enterprise')).toBe(before);
  });

  it('should never answer 5xx and never write an enterprise when it answers 4xx, whatever the profile body', async () => {
    // Strings from awkward pieces: CJK and astral characters, bidi controls, NUL and lone surrogates.
    const awkward = fc.string({
      unit: fc.constantFrom(
        '南',
        '昌',
        'a',
        ' ',
        '𠮷',
        '\u202e',
        '\u0000',
        '\ud800',
        '\udfff',
        '"',
        '\\',
      ),
      maxLength: 12,
    });
    const text = fc.oneof(
      fc.string(),
      fc.string({ unit: 'grapheme' }),
      awkward,
      fc.constantFrom('', ' ', '南昌某科技', '\u202e', '𠮷'.repeat(60)),
    );
    const int = fc.oneof(
      fc.integer({ min: -5, max: 2_000 }),
      fc.constantFrom(
        0,
        1,
        -1,
        2 ** 31,
        2 ** 53 - 1,
        2 ** 53,
        2 ** 63,
        1e21,
        1e308,
        -1e308,
        0.5,
        -0,
      ),
      fc.double(),
    );
    const junk = fc.oneof(
      fc.constant(null),
      fc.boolean(),
      text,
      int,
      fc.array(fc.string(), { maxLength: 3 }),
      fc.object({ maxDepth: 2 }),
    );
    const validUscc = fc.integer({ min: 10_000, max: 2_000_000 }).map((n) => usccFor(n));
    const field = <T>(good: fc.Arbitrary<T>) =>
      fc.oneof({ weight: 3, arbitrary: good }, { weight: 1, arbitrary: junk });
    const profile = fc.record(
      {
        uscc: field(
          fc.oneof(
            validUscc,
            fc.constant('91360100MA35FXXX9D'),
            fc.string({ minLength: 18, maxLength: 18 }),
          ),
        ),
        name: field(text),
        entityType: field(
          fc.constantFrom(
            'enterprise',
            'individual_business',
            'farmer_cooperative',
            'family_farm',
            'partnership',
            'individual',
            'ENTERPRISE',
          ),
        ),
        regionCode: field(
          fc.constantFrom(
            '360111',
            '360724',
            '361102',
            '360000',
            '110101',
            '36011',
            '３６０１１１',
          ),
        ),
        industryCode: field(
          fc.constantFrom('C3982', 'A0111', 'I6513', 'K70', 'K7010', 'E4710', 'A39', 'c3982'),
        ),
        establishedOn: field(
          fc.oneof(
            fc.constantFrom(
              '2019-04-18',
              '2019-02-29',
              '9999-12-31',
              '0001-01-01',
              '2020-13-01',
              today,
            ),
            fc.string(),
          ),
        ),
        employees: field(int),
        annualRevenueYuan: field(int),
        totalAssetsYuan: field(int),
        inIndustrialPark: field(fc.boolean()),
        certifications: field(
          fc.array(
            fc.constantFrom('tech_sme', 'high_tech_enterprise', 'cultural_enterprise', 'nope'),
            { maxLength: 3 },
          ),
        ),
        listings: field(
          fc.array(fc.constantFrom('caiyuan_recommendation', 'culture_loan_pool', 'x'), {
            maxLength: 3,
          }),
        ),
        agriOperatorType: field(
          fc.constantFrom('family_farm', 'large_grower', 'leading_enterprise'),
        ),
        founder: field(
          fc.record({
            categories: field(
              fc.array(fc.constantFrom('college_graduate', 'veteran', 'alien'), { maxLength: 3 }),
            ),
          }),
        ),
        hiring: field(fc.record({ newHiresLast12Months: int, newHiresFromTargetGroups: int })),
        credit: field(
          fc.record({
            dishonestDebtor: field(fc.boolean()),
            overdueLoans: fc.boolean(),
            badCreditRecord: fc.boolean(),
            wageOrSocialInsuranceArrears: fc.boolean(),
          }),
        ),
        receivables: field(
          fc.record({ amountYuan: int, debtorIsGovernmentOrLargeEnterprise: fc.boolean() }),
        ),
        governmentProcurementContract: field(fc.record({ amountYuan: int })),
        taxPaidLastYearYuan: field(int),
        jobRetentionRate: field(fc.oneof(fc.double(), fc.constantFrom(0, 1, 0.95, 1.0000001))),
        financingNeed: field(
          fc.record(
            {
              amountYuan: field(int),
              termMonths: field(fc.integer({ min: -1, max: 130 })),
              purpose: field(
                fc.constantFrom('working_capital', 'equipment', 'agriculture', 'gambling'),
              ),
              collateralAvailable: field(fc.boolean()),
            },
            { requiredKeys: [] },
          ),
        ),
      },
      { requiredKeys: [] },
    );
    // A valid profile with up to three fields replaced by (or stripped to) generated values, so the
    // happy path and the 409 path are exercised as well as rejection.
    const keys = Object.keys(exampleProfileJson());
    const mutated = fc
      .tuple(
        validUscc,
        fc.subarray([...keys, 'hiring', 'founder', 'jobRetentionRate', 'unknownField'], {
          maxLength: 3,
        }),
        profile,
        junk,
      )
      .map(([code, picked, rec, extra]) => {
        const b: Record<string, unknown> = exampleProfileJson({ uscc: code });
        for (const k of picked) {
          if (k === 'unknownField') b[k] = extra;
          else if ((rec as Record<string, unknown>)[k] === undefined) delete b[k];
          else b[k] = (rec as Record<string, unknown>)[k];
        }
        return b;
      });
    // The one free-text field, on an otherwise valid profile.
    const named = fc
      .tuple(validUscc, text)
      .map(([code, name]) => exampleProfileJson({ uscc: code, name }));
    const body = fc.oneof(
      { weight: 1, arbitrary: fc.jsonValue() },
      { weight: 2, arbitrary: profile },
      { weight: 3, arbitrary: mutated },
      { weight: 1, arbitrary: named },
    );

    const seen = { created: 0, conflict: 0, rejected: 0 };
    await fc.assert(
      fc.asyncProperty(body, async (b) => {
        const preview = await t.http.post('/api/v1/matches/preview', b);
        expect(preview.status).toBeLessThan(500);
        expect([200, 400, 422]).toContain(preview.status);
        if (preview.status === 200) expect(preview.body.results.length).toBeGreaterThan(0);
        else
          expect(preview.body).toMatchObject({ status: preview.status, code: expect.any(String) });

        const before = await count('enterprise');
        const res = await create(b);
        expect(res.status).toBeLessThan(500);
        const after = await count('enterprise');
        if (res.status >= 400) {
          expect(res.body).toMatchObject({ status: res.status, code: expect.any(String) });
          expect(after).toBe(before);
        } else {
          expect(res.status).toBe(201);
          expect(after).toBe(before + 1);
        }
        // Both endpoints validate a profile alike; registration adds only the credit-code conflict.
        if (preview.status === 200) expect([201, 409]).toContain(res.status);
        else expect(res.status).toBe(preview.status);
        if (res.status === 201) seen.created++;
        else if (res.status === 409) seen.conflict++;
        else seen.rejected++;
      }),
      { numRuns: 150 },
    );
    // The generator must reach both the happy path and rejection, or the property proves little.
    expect(seen.created).toBeGreaterThan(0);
    expect(seen.rejected).toBeGreaterThan(0);
  });
});
