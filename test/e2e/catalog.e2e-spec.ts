import fc from 'fast-check';
import { ApiKeysService } from '../../src/modules/auth/api-keys.service';
import { FACTS, OPERATORS, validateRule } from '../../src/modules/matching/engine';
import { jsonInputProblems } from '../../src/common/validation/validation';
import { expectProblem } from '../support/problems';
import { createTestApp, TestApp } from '../support/test-app';
import { ADMIN } from '../support/env';
import { waitFor } from '../support/webhook-receiver';

const P = '/api/v1';

const SEEDED_CODES = [
  'CAIYUAN_XINDAITONG',
  'GANGONGDAI',
  'GOV_PROCUREMENT_LOAN',
  'HUINONG_XINDAITONG',
  'KEDAITONG',
  'RECEIVABLES_FINANCING',
  'STARTUP_LOAN_INDIVIDUAL',
  'STARTUP_LOAN_PARTNERSHIP',
  'STARTUP_LOAN_SME',
  'WENQIDAI',
];

function cond(id: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    fact: 'employees',
    operator: 'greaterThanInclusive',
    value: 1,
    label: { zh: `条件${id}`, en: `Condition ${id}` },
    ...extra,
  };
}

/** A complete, publishable product body. */
function productBody(code: string, overrides: Record<string, unknown> = {}): Record<string, any> {
  return {
    code,
    name: { zh: '测试贷', en: 'Test loan' },
    category: 'policy_credit_loan',
    administrator: { zh: '江西省财政厅', en: 'Jiangxi Department of Finance' },
    summary: { zh: '用于测试的产品', en: 'A product for tests' },
    amountMinYuan: 100_000,
    amountMaxYuan: 1_000_000,
    termMonthsMax: 12,
    rate: { basis: 'LPR_1Y', spreadMaxBp: 50 },
    collateral: 'none',
    eligibility: {
      all: [
        cond('employees_min'),
        {
          id: 'no_dishonest',
          fact: 'credit.dishonestDebtor',
          operator: 'equal',
          value: false,
          label: { zh: '未被列为失信被执行人', en: 'Not a dishonest debtor' },
          hint: { zh: '移出名单后可申请', en: 'Apply once off the list' },
        },
      ],
    },
    partnerBankCodes: ['JIANGXI_BANK'],
    sourceUrls: ['https://www.jiangxi.gov.cn/policy/1'],
    provisional: false,
    ...overrides,
  };
}

/** YYYY-MM-DD in China Standard Time, `days` from the real today. */
function cstDay(days: number): string {
  return new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

async function productRows(t: TestApp, code: string): Promise<number> {
  return (await t.sql('SELECT 1 FROM financing_product WHERE code = $1', [code])).length;
}

async function adminId(t: TestApp, token: string): Promise<string> {
  return (await t.http.get(`${P}/auth/me`, { token })).body.id as string;
}

describe('seeded catalogue (e2e)', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.http.login(ADMIN.email, ADMIN.password);
  });
  afterAll(async () => t.close());

  it('should list exactly the ten seeded products when nothing has been published since seeding', async () => {
    const res = await t.http.get(`${P}/products`);
    expect(res.status).toBe(200);
    expect(res.body.nextCursor).toBeNull();
    expect(res.body.items.map((p: any) => p.code).sort()).toEqual(SEEDED_CODES);
    for (const p of res.body.items) expect(p).toMatchObject({ status: 'published', version: 1 });
  });

  it('should give every seeded product sources, both languages, existing partner banks and a valid rule when listed', async () => {
    const banks = await t.http.get(`${P}/admin/banks?limit=100`, { token: admin });
    expect(banks.status).toBe(200);
    const bankCodes = new Set(banks.body.items.map((b: any) => b.code));
    expect(bankCodes.size).toBeGreaterThanOrEqual(9);

    const bilingual = (text: any, where: string) => {
      expect({ where, zh: typeof text?.zh, en: typeof text?.en }).toEqual({
        where,
        zh: 'string',
        en: 'string',
      });
      expect({ where, zhBlank: text.zh.trim() === '', enBlank: text.en.trim() === '' }).toEqual({
        where,
        zhBlank: false,
        enBlank: false,
      });
    };
    const walk = (rule: any, path: string, visit: (node: any, path: string) => void) => {
      visit(rule, path);
      rule.all?.forEach((c: any, i: number) => walk(c, `${path}.all[${i}]`, visit));
      rule.any?.forEach((c: any, i: number) => walk(c, `${path}.any[${i}]`, visit));
      if (rule.not) walk(rule.not, `${path}.not`, visit);
    };

    const { body } = await t.http.get(`${P}/products`);
    expect(body.items).toHaveLength(10);
    for (const p of body.items) {
      expect(p.sourceUrls.length).toBeGreaterThan(0);
      for (const url of p.sourceUrls) expect(url).toMatch(/^https?:\/\/\S+$/);
      bilingual(p.name, `${p.code}.name`);
      bilingual(p.summary, `${p.code}.summary`);
      bilingual(p.administrator, `${p.code}.administrator`);
      if (p.provisional) bilingual(p.note, `${p.code}.note`);
      expect(p.partnerBankCodes.length).toBeGreaterThan(0);
      for (const bank of p.partnerBankCodes)
        expect({ product: p.code, bank, exists: bankCodes.has(bank) }).toEqual({
          product: p.code,
          bank,
          exists: true,
        });
      expect({ code: p.code, issues: validateRule(p.eligibility) }).toEqual({
        code: p.code,
        issues: [],
      });
      let conditions = 0;
      walk(p.eligibility, `${p.code}.eligibility`, (node, path) => {
        if ('fact' in node) {
          conditions++;
          bilingual(node.label, `${path}.label`);
        } else if (node.label) {
          bilingual(node.label, `${path}.label`);
        }
        if (node.hint) bilingual(node.hint, `${path}.hint`);
      });
      expect(conditions).toBeGreaterThan(0);
    }
    expect(body.items.filter((p: any) => p.provisional).length).toBeGreaterThan(0);
  });

  it('should return one seeded product by code and 404 for an unknown code when asked publicly', async () => {
    const res = await t.http.get(`${P}/products/KEDAITONG`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      code: 'KEDAITONG',
      name: { zh: '科贷通' },
      category: 'policy_credit_loan',
      status: 'published',
      version: 1,
    });
    // Read from the bank–product links, in bank-code order.
    expect(res.body.partnerBankCodes).toEqual(['BOC', 'BOCOM', 'CCB', 'JINGDEZHEN_RCB']);
    expectProblem(await t.http.get(`${P}/products/NO_SUCH_PRODUCT`), 404, 'not_found');
    expectProblem(await t.http.get(`${P}/products/kedaitong`), 404, 'not_found');
  });

  it('should name each partner bank beside its code, also for an admin, and follow a rename', async () => {
    const partnerBanks = async () =>
      (await t.http.get(`${P}/products/KEDAITONG`)).body.partnerBanks as {
        code: string;
        name: { zh: string; en: string };
      }[];
    expect(await partnerBanks()).toEqual([
      { code: 'BOC', name: { zh: '中国银行', en: 'Bank of China' } },
      { code: 'BOCOM', name: { zh: '交通银行', en: 'Bank of Communications' } },
      { code: 'CCB', name: { zh: '中国建设银行', en: 'China Construction Bank' } },
      {
        code: 'JINGDEZHEN_RCB',
        name: { zh: '景德镇农村商业银行', en: 'Jingdezhen Rural Commercial Bank' },
      },
    ]);
    const listed = (await t.http.get(`${P}/products?limit=100`)).body.items;
    for (const p of listed)
      expect(p.partnerBanks.map((b: { code: string }) => b.code)).toEqual(p.partnerBankCodes);
    const adminView = await t.http.get(`${P}/admin/products/KEDAITONG`, { token: admin });
    expect(adminView.body.published.partnerBanks).toEqual(await partnerBanks());

    // The catalogue cache holds the names; a rename reaches it without a publish.
    const renamed = { zh: '中国银行江西省分行', en: 'Bank of China Jiangxi Branch' };
    const rename = (name: { zh: string; en: string }) =>
      t.http.patch(`${P}/admin/banks/BOC`, { name }, { token: admin });
    expect((await rename(renamed)).status).toBe(200);
    try {
      await waitFor(async () => (await partnerBanks())[0].name.zh === renamed.zh);
    } finally {
      await rename({ zh: '中国银行', en: 'Bank of China' });
    }
    await waitFor(async () => (await partnerBanks())[0].name.zh === '中国银行');
  });

  it.each([
    [
      'category=startup_guarantee_loan',
      ['STARTUP_LOAN_INDIVIDUAL', 'STARTUP_LOAN_PARTNERSHIP', 'STARTUP_LOAN_SME'],
    ],
    ['category=policy_credit_loan', ['GANGONGDAI', 'HUINONG_XINDAITONG', 'KEDAITONG', 'WENQIDAI']],
    ['category=bond_financing', []],
    [`q=${encodeURIComponent('信贷通')}`, ['CAIYUAN_XINDAITONG', 'HUINONG_XINDAITONG']],
    [
      `q=${encodeURIComponent('创业担保')}`,
      ['STARTUP_LOAN_INDIVIDUAL', 'STARTUP_LOAN_PARTNERSHIP', 'STARTUP_LOAN_SME'],
    ],
    ['q=kedaitong', ['KEDAITONG']],
    ['q=RECEIVABLES', ['RECEIVABLES_FINANCING']],
    ['q=Zhengcaidai', ['GOV_PROCUREMENT_LOAN']],
    [`q=${encodeURIComponent('信贷通')}&category=guarantee_loan`, ['CAIYUAN_XINDAITONG']],
    ['q=no-such-name', []],
  ])('should filter the public list when the query is %s', async (query, expected) => {
    const res = await t.http.get(`${P}/products?${query}`);
    expect(res.status).toBe(200);
    expect(res.body.items.map((p: any) => p.code).sort()).toEqual(expected);
  });

  it('should answer 400 when the category filter is not a known category', async () => {
    const res = await t.http.get(`${P}/products?category=mortgage`);
    expectProblem(res, 400, 'validation_failed');
    expect(res.body.errors).toEqual([expect.objectContaining({ path: 'category', code: 'isIn' })]);
  });

  it('should answer 304 without a body when If-None-Match carries the current ETag, and change the ETag after a publish', async () => {
    const first = await t.http.get(`${P}/products`);
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{16,}"$/);

    const again = await t.http.get(`${P}/products`, { headers: { 'if-none-match': etag! } });
    expect(again.status).toBe(304);
    expect(again.body).toBe('');
    expect(again.headers.get('etag')).toBe(etag);

    const other = await t.http.get(`${P}/products`, {
      headers: { 'if-none-match': '"something-else"' },
    });
    expect(other.status).toBe(200);
    expect(other.body.items).toHaveLength(10);

    const one = await t.http.get(`${P}/products/WENQIDAI`);
    const oneEtag = one.headers.get('etag')!;
    expect(oneEtag).not.toBe(etag);
    expect(
      (await t.http.get(`${P}/products/WENQIDAI`, { headers: { 'if-none-match': oneEtag } }))
        .status,
    ).toBe(304);

    expect(
      (await t.http.post(`${P}/admin/products`, productBody('ETAG_LOAN'), { token: admin })).status,
    ).toBe(201);
    // A draft changes nothing customers see.
    expect(
      (await t.http.get(`${P}/products`, { headers: { 'if-none-match': etag! } })).status,
    ).toBe(304);
    expect(
      (await t.http.post(`${P}/admin/products/ETAG_LOAN/publish`, undefined, { token: admin }))
        .status,
    ).toBe(201);

    const after = await t.http.get(`${P}/products`, { headers: { 'if-none-match': etag! } });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
    expect(after.body.items.map((p: any) => p.code)).toContain('ETAG_LOAN');
    // WENQIDAI itself did not change: its ETag still holds.
    expect(
      (await t.http.get(`${P}/products/WENQIDAI`, { headers: { 'if-none-match': oneEtag } }))
        .status,
    ).toBe(304);
  });
});

describe('catalogue administration (e2e)', () => {
  let t: TestApp;
  let admin: string;
  let adminUserId: string;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.http.login(ADMIN.email, ADMIN.password);
    adminUserId = await adminId(t, admin);
  });
  afterAll(async () => t.close());

  it('should show only published versions publicly while an admin drafts, publishes, edits, republishes and retires', async () => {
    const code = 'LIFECYCLE_LOAN';
    const publicList = async () =>
      (await t.http.get(`${P}/products?limit=100`)).body.items.filter((p: any) => p.code === code);

    // create → a draft nobody else sees
    const created = await t.http.post(`${P}/admin/products`, productBody(code), { token: admin });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      code,
      status: 'draft',
      latestVersion: 0,
      hasDraft: true,
      published: null,
    });
    expect(created.body.draft).toMatchObject({
      code,
      status: 'draft',
      version: 0,
      amountMaxYuan: 1_000_000,
    });
    expect(await publicList()).toEqual([]);
    expectProblem(await t.http.get(`${P}/products/${code}`), 404, 'not_found');

    // edit the draft
    const edited = await t.http.patch(
      `${P}/admin/products/${code}`,
      { summary: { zh: '第一版', en: 'First version' } },
      { token: admin },
    );
    expect(edited.status).toBe(200);
    expect(edited.body.draft.summary).toEqual({ zh: '第一版', en: 'First version' });
    expect(edited.body.draft.name).toEqual({ zh: '测试贷', en: 'Test loan' });
    expect(await publicList()).toEqual([]);

    // publish v1
    const v1 = await t.http.post(`${P}/admin/products/${code}/publish`, undefined, {
      token: admin,
    });
    expect(v1.status).toBe(201);
    expect(v1.body).toEqual({ code, version: 1 });
    const listedV1 = await publicList();
    expect(listedV1).toHaveLength(1);
    expect(listedV1[0]).toMatchObject({
      version: 1,
      status: 'published',
      summary: { zh: '第一版', en: 'First version' },
      amountMaxYuan: 1_000_000,
    });
    const oneV1 = await t.http.get(`${P}/products/${code}`);
    expect(oneV1.status).toBe(200);
    expect(oneV1.body).toEqual(listedV1[0]);

    // edit again: the public still sees v1
    const edited2 = await t.http.patch(
      `${P}/admin/products/${code}`,
      { amountMaxYuan: 2_000_000 },
      { token: admin },
    );
    expect(edited2.status).toBe(200);
    expect(edited2.body).toMatchObject({ status: 'published', latestVersion: 1, hasDraft: true });
    expect(edited2.body.draft).toMatchObject({
      amountMaxYuan: 2_000_000,
      summary: { zh: '第一版', en: 'First version' },
    });
    expect(edited2.body.published).toMatchObject({ version: 1, amountMaxYuan: 1_000_000 });
    const stillV1 = await t.http.get(`${P}/products/${code}`);
    expect(stillV1.body).toMatchObject({ version: 1, amountMaxYuan: 1_000_000 });
    expect((await publicList())[0]).toMatchObject({ version: 1, amountMaxYuan: 1_000_000 });

    // publish v2
    const v2 = await t.http.post(`${P}/admin/products/${code}/publish`, undefined, {
      token: admin,
    });
    expect(v2.body).toEqual({ code, version: 2 });
    expect((await t.http.get(`${P}/products/${code}`)).body).toMatchObject({
      version: 2,
      amountMaxYuan: 2_000_000,
    });
    expect(await publicList()).toEqual([
      expect.objectContaining({ version: 2, amountMaxYuan: 2_000_000 }),
    ]);
    const adminView = await t.http.get(`${P}/admin/products/${code}`, { token: admin });
    expect(adminView.body).toMatchObject({
      status: 'published',
      latestVersion: 2,
      hasDraft: false,
      draft: null,
    });

    // nothing left to publish
    const nothing = await t.http.post(`${P}/admin/products/${code}/publish`, undefined, {
      token: admin,
    });
    expectProblem(nothing, 422, 'not_publishable');
    expect(nothing.body.errors).toEqual([
      expect.objectContaining({ path: 'draft', code: 'no_draft' }),
    ]);

    // history and diff
    const versions = await t.http.get(`${P}/admin/products/${code}/versions`, { token: admin });
    expect(versions.status).toBe(200);
    expect(versions.body.nextCursor).toBeNull();
    expect(versions.body.items).toEqual([
      {
        version: 1,
        publishedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
        publishedBy: adminUserId,
        validFrom: null,
        validTo: null,
      },
      {
        version: 2,
        publishedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
        publishedBy: adminUserId,
        validFrom: null,
        validTo: null,
      },
    ]);
    expect(Date.parse(versions.body.items[1].publishedAt)).toBeGreaterThanOrEqual(
      Date.parse(versions.body.items[0].publishedAt),
    );
    const asPublished = await t.http.get(`${P}/admin/products/${code}/versions/1`, {
      token: admin,
    });
    // The version as published; the banks' names belong to the catalogue's current links only.
    expect(asPublished.body).toEqual({ ...oneV1.body, partnerBanks: undefined });
    const diff = await t.http.get(`${P}/admin/products/${code}/diff?from=1&to=2`, { token: admin });
    expect(diff.status).toBe(200);
    expect(diff.body).toEqual({
      code,
      from: 1,
      to: 2,
      changes: { amountMaxYuan: { from: 1_000_000, to: 2_000_000 } },
    });
    expectProblem(
      await t.http.get(`${P}/admin/products/${code}/diff?from=1&to=3`, { token: admin }),
      404,
      'not_found',
    );
    expectProblem(
      await t.http.get(`${P}/admin/products/${code}/diff?from=one&to=2`, { token: admin }),
      400,
      'validation_failed',
    );

    // retire: gone from the public catalogue, history kept
    const retired = await t.http.post(`${P}/admin/products/${code}/retire`, undefined, {
      token: admin,
    });
    expect(retired.status).toBe(201);
    expect(retired.body).toMatchObject({ code, status: 'retired', latestVersion: 2 });
    expect(await publicList()).toEqual([]);
    expectProblem(await t.http.get(`${P}/products/${code}`), 404, 'not_found');
    expect(
      (await t.http.get(`${P}/admin/products/${code}/versions`, { token: admin })).body.items,
    ).toHaveLength(2);
    const retiredList = await t.http.get(`${P}/admin/products?status=retired`, { token: admin });
    expect(retiredList.body.items.map((p: any) => p.code)).toEqual([code]);
    const publishedList = await t.http.get(`${P}/admin/products?status=published`, {
      token: admin,
    });
    expect(publishedList.body.items.map((p: any) => p.code)).not.toContain(code);

    // one audit row per change, by the admin
    const audit = await t.sql<{
      actor_id: string;
      action: string;
      entity_type: string;
      changes: any;
    }>(
      `SELECT actor_id, action, entity_type, changes FROM audit_entry WHERE entity_key = $1 ORDER BY created_at, action`,
      [code],
    );
    expect(audit.map((a) => a.action)).toEqual([
      'product.created',
      'product.draft_updated',
      'product.partner_banks_linked', // the first publication links its banks
      'product.published',
      'product.draft_updated',
      'product.published',
      'product.retired',
    ]);
    for (const a of audit)
      expect(a).toMatchObject({ actor_id: adminUserId, entity_type: 'product' });
    expect(audit[1].changes).toEqual({
      summary: {
        from: { zh: '用于测试的产品', en: 'A product for tests' },
        to: { zh: '第一版', en: 'First version' },
      },
    });
    expect(audit[2].changes).toEqual({ partnerBankCodes: { from: [], to: ['JIANGXI_BANK'] } });
    expect(audit[4].changes).toEqual({ amountMaxYuan: { from: 1_000_000, to: 2_000_000 } });
    expect(audit[5].changes).toEqual({ version: 2 });
  });

  it('should answer 409 and keep the first product when the code is already used', async () => {
    expect(
      (await t.http.post(`${P}/admin/products`, productBody('TAKEN_LOAN'), { token: admin }))
        .status,
    ).toBe(201);
    const again = await t.http.post(
      `${P}/admin/products`,
      productBody('TAKEN_LOAN', { name: { zh: '别的', en: 'Other' } }),
      { token: admin },
    );
    expectProblem(again, 409, 'conflict');
    expect(again.body.errors).toEqual([expect.objectContaining({ path: 'code', code: 'taken' })]);
    const stored = await t.http.get(`${P}/admin/products/TAKEN_LOAN`, { token: admin });
    expect(stored.body.draft.name).toEqual({ zh: '测试贷', en: 'Test loan' });
    const seeded = await t.http.post(`${P}/admin/products`, productBody('KEDAITONG'), {
      token: admin,
    });
    expectProblem(seeded, 409, 'conflict');
  });

  it('should answer 404 when editing, publishing or retiring a product that does not exist', async () => {
    expectProblem(
      await t.http.patch(
        `${P}/admin/products/NO_SUCH_LOAN`,
        { termMonthsMax: 6 },
        { token: admin },
      ),
      404,
      'not_found',
    );
    expectProblem(
      await t.http.post(`${P}/admin/products/NO_SUCH_LOAN/publish`, undefined, { token: admin }),
      404,
      'not_found',
    );
    expectProblem(
      await t.http.post(`${P}/admin/products/NO_SUCH_LOAN/retire`, undefined, { token: admin }),
      404,
      'not_found',
    );
    expectProblem(
      await t.http.get(`${P}/admin/products/NO_SUCH_LOAN/versions`, { token: admin }),
      404,
      'not_found',
    );
  });

  const ruleCases: { name: string; eligibility: unknown; path: string; code: string }[] = [
    {
      name: 'an unknown fact',
      eligibility: { all: [cond('a'), cond('b', { fact: 'turnoverYuan' })] },
      path: 'eligibility.all[1].fact',
      code: 'rule_unknown_fact',
    },
    {
      name: 'an unknown operator',
      eligibility: { all: [cond('a'), cond('b', { operator: 'between' })] },
      path: 'eligibility.all[1].operator',
      code: 'rule_unknown_operator',
    },
    {
      name: 'a string value for an integer fact',
      eligibility: { all: [cond('a'), cond('b', { value: 'ten' })] },
      path: 'eligibility.all[1].value',
      code: 'rule_invalid_value',
    },
    {
      name: 'a value outside the enumeration of an enum fact',
      eligibility: {
        any: [
          cond('a'),
          { not: cond('b', { fact: 'sizeClass', operator: 'equal', value: 'huge' }) },
        ],
      },
      path: 'eligibility.any[1].not.value',
      code: 'rule_invalid_value',
    },
    {
      name: 'a wrongly typed member of an in list',
      eligibility: {
        all: [cond('a', { fact: 'regionCode', operator: 'in', value: ['360100', 360200] })],
      },
      path: 'eligibility.all[0].value[1]',
      code: 'rule_invalid_value',
    },
    {
      name: 'an empty all at the root',
      eligibility: { all: [] },
      path: 'eligibility.all',
      code: 'rule_empty_group',
    },
    {
      name: 'an empty nested any',
      eligibility: { all: [cond('a'), { any: [] }] },
      path: 'eligibility.all[1].any',
      code: 'rule_empty_group',
    },
    {
      name: 'a duplicate condition id in another branch',
      eligibility: {
        all: [cond('a'), { any: [cond('b'), cond('a', { fact: 'employees', value: 3 })] }],
      },
      path: 'eligibility.all[1].any[1].id',
      code: 'rule_duplicate_id',
    },
  ];

  it.each(ruleCases)(
    'should answer 422 naming $path and write nothing when the rule has $name',
    async ({ eligibility, path, code }) => {
      const productCode = `BAD_RULE_${ruleCases.findIndex((c) => c.path === path && c.code === code)}`;
      const res = await t.http.post(
        `${P}/admin/products`,
        productBody(productCode, { eligibility }),
        { token: admin },
      );
      expectProblem(res, 422, 'invalid_rule');
      expect(res.body.errors).toEqual([{ path, code, message: expect.any(String) }]);
      expect(await productRows(t, productCode)).toBe(0);
      expect(
        await t.sql('SELECT 1 FROM audit_entry WHERE entity_key = $1', [productCode]),
      ).toHaveLength(0);
    },
  );

  it('should answer 422 naming the path when a conditional limit is bad, and keep good limits with the version', async () => {
    const limit = {
      when: cond('mw', { fact: 'founder.categories', operator: 'contains', value: 'model_worker' }),
      amountMaxYuan: 200_000,
      label: { zh: '劳动模范可贷 20 万元', en: 'Model workers may borrow 200,000 yuan' },
    };
    const bad = await t.http.post(
      `${P}/admin/products`,
      productBody('BAD_LIMIT_LOAN', {
        limits: [limit, { ...limit, when: cond('x', { fact: 'shoeSize' }), amountMaxYuan: 0 }],
      }),
      { token: admin },
    );
    expectProblem(bad, 422, 'invalid_rule');
    expect(bad.body.errors).toEqual(
      expect.arrayContaining([
        { path: 'limits[1].when.fact', code: 'rule_unknown_fact', message: expect.any(String) },
        {
          path: 'limits[1].amountMaxYuan',
          code: 'rule_invalid_value',
          message: expect.any(String),
        },
      ]),
    );
    expect(await productRows(t, 'BAD_LIMIT_LOAN')).toBe(0);

    const good = await t.http.post(
      `${P}/admin/products`,
      productBody('GOOD_LIMIT_LOAN', { limits: [limit] }),
      { token: admin },
    );
    expect(good.status).toBe(201);
    expect(
      (await t.http.post(`${P}/admin/products/GOOD_LIMIT_LOAN/publish`, {}, { token: admin }))
        .status,
    ).toBe(201);
    const published = await t.http.get(`${P}/products/GOOD_LIMIT_LOAN`);
    expect(published.body.limits).toEqual([limit]);
  });

  it('should answer 422 and keep the draft unchanged when a PATCH brings an invalid rule', async () => {
    const code = 'PATCH_RULE_LOAN';
    expect(
      (await t.http.post(`${P}/admin/products`, productBody(code), { token: admin })).status,
    ).toBe(201);
    const before = (
      await t.sql<{ draft: any }>('SELECT draft FROM financing_product WHERE code = $1', [code])
    )[0].draft;
    const res = await t.http.patch(
      `${P}/admin/products/${code}`,
      { eligibility: { any: [cond('x', { fact: 'revenue' })] } },
      { token: admin },
    );
    expectProblem(res, 422, 'invalid_rule');
    expect(res.body.errors).toEqual([
      { path: 'eligibility.any[0].fact', code: 'rule_unknown_fact', message: expect.any(String) },
    ]);
    const after = (
      await t.sql<{ draft: any }>('SELECT draft FROM financing_product WHERE code = $1', [code])
    )[0].draft;
    expect(after).toEqual(before);
    expect(
      (await t.sql('SELECT action FROM audit_entry WHERE entity_key = $1', [code])).map(
        (r: any) => r.action,
      ),
    ).toEqual(['product.created']);
  });

  const publishCases: {
    name: string;
    edit: (b: Record<string, any>) => void;
    path: string;
    code: string;
  }[] = [
    {
      name: 'the English name is empty',
      edit: (b) => (b.name.en = ''),
      path: 'name.en',
      code: 'missing_translation',
    },
    {
      name: 'the Chinese summary is blank',
      edit: (b) => (b.summary.zh = '  '),
      path: 'summary.zh',
      code: 'missing_translation',
    },
    {
      name: 'a condition label has an empty zh',
      edit: (b) => (b.eligibility.all[0].label.zh = ''),
      path: 'eligibility.all[0].label.zh',
      code: 'missing_translation',
    },
    {
      name: 'a condition hint has an empty en',
      edit: (b) => (b.eligibility.all[1].hint.en = ''),
      path: 'eligibility.all[1].hint.en',
      code: 'missing_translation',
    },
    {
      name: 'a group label has an empty en',
      edit: (b) => (b.eligibility.label = { zh: '全部条件', en: '' }),
      path: 'eligibility.label.en',
      code: 'missing_translation',
    },
    {
      name: 'amountMinYuan exceeds amountMaxYuan',
      edit: (b) => Object.assign(b, { amountMinYuan: 2_000_000, amountMaxYuan: 1_000_000 }),
      path: 'amountMinYuan',
      code: 'amount_range',
    },
    {
      name: 'a provisional product has no note',
      edit: (b) => (b.provisional = true),
      path: 'note',
      code: 'missing_translation',
    },
    {
      name: 'validFrom is after validTo',
      edit: (b) => Object.assign(b, { validFrom: '2031-01-02', validTo: '2031-01-01' }),
      path: 'validFrom',
      code: 'validity_window',
    },
    {
      name: 'a partner bank does not exist',
      edit: (b) => (b.partnerBankCodes = ['JIANGXI_BANK', 'NO_SUCH_BANK']),
      path: 'partnerBankCodes[1]',
      code: 'unknown_bank',
    },
    {
      name: 'no partner bank is named',
      edit: (b) => (b.partnerBankCodes = []),
      path: 'partnerBankCodes',
      code: 'no_partner_bank',
    },
  ];

  it.each(publishCases)(
    'should save the draft but refuse to publish it (422 not_publishable at $path) when $name',
    async ({ edit, path, code }) => {
      const productCode = `UNPUBLISHABLE_${publishCases.findIndex((c) => c.path === path && c.code === code)}`;
      const body = productBody(productCode);
      edit(body);
      const created = await t.http.post(`${P}/admin/products`, body, { token: admin });
      expect(created.status).toBe(201);
      expect(created.body.status).toBe('draft');

      const res = await t.http.post(`${P}/admin/products/${productCode}/publish`, undefined, {
        token: admin,
      });
      expectProblem(res, 422, 'not_publishable');
      expect(res.body.errors).toEqual([{ path, code, message: expect.any(String) }]);

      expect(
        await t.sql(
          'SELECT 1 FROM financing_product_version v JOIN financing_product p ON p.id = v.product_id WHERE p.code = $1',
          [productCode],
        ),
      ).toHaveLength(0);
      expect(
        (await t.http.get(`${P}/admin/products/${productCode}`, { token: admin })).body,
      ).toMatchObject({ status: 'draft', latestVersion: 0, hasDraft: true });
      expectProblem(await t.http.get(`${P}/products/${productCode}`), 404, 'not_found');
    },
  );

  it('should publish once the empty translation is filled in when it was refused before', async () => {
    const code = 'FIXED_LATER_LOAN';
    const body = productBody(code);
    body.eligibility.all[0].label.en = '';
    expect((await t.http.post(`${P}/admin/products`, body, { token: admin })).status).toBe(201);
    expectProblem(
      await t.http.post(`${P}/admin/products/${code}/publish`, undefined, { token: admin }),
      422,
      'not_publishable',
    );
    const fixed = productBody(code).eligibility;
    expect(
      (await t.http.patch(`${P}/admin/products/${code}`, { eligibility: fixed }, { token: admin }))
        .status,
    ).toBe(200);
    const published = await t.http.post(`${P}/admin/products/${code}/publish`, undefined, {
      token: admin,
    });
    expect(published.body).toEqual({ code, version: 1 });
    expect((await t.http.get(`${P}/products/${code}`)).body.eligibility).toEqual(fixed);
  });

  const shapeCases: {
    name: string;
    edit: (b: Record<string, any>) => void;
    path: string;
    code: string;
  }[] = [
    { name: 'the name is missing', edit: (b) => delete b.name, path: 'name', code: 'required' },
    {
      name: 'the summary is missing',
      edit: (b) => delete b.summary,
      path: 'summary',
      code: 'required',
    },
    { name: 'the rate is missing', edit: (b) => delete b.rate, path: 'rate', code: 'required' },
    {
      name: 'the English name is missing',
      edit: (b) => delete b.name.en,
      path: 'name.en',
      code: 'isString',
    },
    {
      name: 'amountMaxYuan is a string',
      edit: (b) => (b.amountMaxYuan = '5000000'),
      path: 'amountMaxYuan',
      code: 'isInt',
    },
    {
      name: 'amountMaxYuan is missing',
      edit: (b) => delete b.amountMaxYuan,
      path: 'amountMaxYuan',
      code: 'isInt',
    },
    {
      name: 'there is an unknown top-level property',
      edit: (b) => (b.interestRatePercent = 3.5),
      path: 'interestRatePercent',
      code: 'unknown_property',
    },
    {
      name: 'there is an unknown property inside rate',
      edit: (b) => (b.rate.floorBp = 10),
      path: 'rate.floorBp',
      code: 'unknown_property',
    },
    {
      name: 'the category is unknown',
      edit: (b) => (b.category = 'mortgage'),
      path: 'category',
      code: 'isIn',
    },
    {
      name: 'the code is lower case',
      edit: (b) => (b.code = 'lower_case'),
      path: 'code',
      code: 'matches',
    },
    {
      name: 'a source URL is not a URL',
      edit: (b) => (b.sourceUrls = ['not a url']),
      path: 'sourceUrls',
      code: 'isUrl',
    },
    {
      name: 'validFrom is not a calendar day',
      edit: (b) => (b.validFrom = '2027-02-30'),
      path: 'validFrom',
      code: 'isCalendarDate',
    },
    {
      name: 'eligibility is an array',
      edit: (b) => (b.eligibility = [cond('a')]),
      path: 'eligibility',
      code: 'isObject',
    },
    {
      name: 'a key is a name every object inherits',
      edit: (b) => Object.defineProperty(b.name, 'constructor', { value: 'x', enumerable: true }),
      path: 'name.constructor',
      code: 'unknown_property',
    },
    {
      name: 'a string holds a NUL character',
      edit: (b) => (b.name.zh = '测\u0000试'),
      path: 'name.zh',
      code: 'invalid_character',
    },
    {
      name: 'a string holds an unpaired surrogate',
      edit: (b) => (b.summary.en = 'broken \ud800 text'),
      path: 'summary.en',
      code: 'invalid_character',
    },
  ];

  it.each(shapeCases)(
    'should answer 400 validation_failed at $path and write nothing when $name',
    async ({ edit, path, code }) => {
      const body = productBody(
        `SHAPE_${shapeCases.findIndex((c) => c.path === path && c.code === code)}`,
      );
      edit(body);
      const res = await t.http.post(`${P}/admin/products`, body, { token: admin });
      expectProblem(res, 400, 'validation_failed');
      expect(res.body.errors).toContainEqual(expect.objectContaining({ path, code }));
      for (const e of res.body.errors) expect(e.path).toBe(path);
      expect(await productRows(t, body.code)).toBe(0);
    },
  );

  it('should answer 400 and write nothing when a key holds a NUL character or the JSON is nested absurdly deep', async () => {
    const nulKey = productBody('NUL_KEY_LOAN');
    nulKey.eligibility.all[0]['note\u0000'] = 1;
    const res = await t.http.post(`${P}/admin/products`, nulKey, { token: admin });
    expectProblem(res, 400, 'validation_failed');
    expect(res.body.errors).toEqual([
      expect.objectContaining({ path: 'eligibility.all[0].note\u0000', code: 'invalid_character' }),
    ]);
    expect(await productRows(t, 'NUL_KEY_LOAN')).toBe(0);

    // 20 000 levels: class-transformer would overflow the stack on it (a 500 before the fix).
    const depth = 20_000;
    const raw = JSON.stringify(productBody('DEEP_LOAN')).replace(
      '"provisional":false',
      `"provisional":false,"sourceUrls":${'['.repeat(depth)}${']'.repeat(depth)}`,
    );
    const deep = await t.http.request('POST', `${P}/admin/products`, {
      rawBody: raw.replace(/"sourceUrls":\["https:[^\]]*\],/, ''),
      token: admin,
    });
    expectProblem(deep, 400, 'validation_failed');
    expect(deep.body.errors).toEqual([
      expect.objectContaining({
        code: 'too_deep',
        path: expect.stringMatching(/^sourceUrls(\[0\])+$/),
      }),
    ]);
    expect(await productRows(t, 'DEEP_LOAN')).toBe(0);

    // A rule nested past the engine's limit but within the JSON limit is the engine's 422.
    let rule: Record<string, unknown> = cond('leaf');
    for (let i = 0; i < 40; i++) rule = { not: rule };
    const tooDeepRule = await t.http.post(
      `${P}/admin/products`,
      productBody('DEEP_RULE_LOAN', { eligibility: rule }),
      { token: admin },
    );
    expectProblem(tooDeepRule, 422, 'invalid_rule');
    expect(tooDeepRule.body.errors).toEqual([
      expect.objectContaining({
        code: 'rule_invalid_shape',
        path: `eligibility${'.not'.repeat(32)}`,
      }),
    ]);
  });

  it('should answer 400 and keep the draft when a PATCH clears a required field or adds an unknown one', async () => {
    const code = 'PATCH_SHAPE_LOAN';
    expect(
      (await t.http.post(`${P}/admin/products`, productBody(code), { token: admin })).status,
    ).toBe(201);
    const cleared = await t.http.patch(
      `${P}/admin/products/${code}`,
      { partnerBankCodes: null, category: null },
      { token: admin },
    );
    expectProblem(cleared, 400, 'validation_failed');
    expect(cleared.body.errors.map((e: any) => e.path).sort()).toEqual([
      'category',
      'partnerBankCodes',
    ]);
    const unknown = await t.http.patch(
      `${P}/admin/products/${code}`,
      { code: 'RENAMED_LOAN' },
      { token: admin },
    );
    expectProblem(unknown, 400, 'validation_failed');
    expect(unknown.body.errors).toEqual([
      expect.objectContaining({ path: 'code', code: 'unknown_property' }),
    ]);
    const stored = (await t.http.get(`${P}/admin/products/${code}`, { token: admin })).body.draft;
    expect(stored).toMatchObject({
      code,
      category: 'policy_credit_loan',
      partnerBankCodes: ['JIANGXI_BANK'],
    });
    // An optional field may be cleared with null.
    const clearedOptional = await t.http.patch(
      `${P}/admin/products/${code}`,
      { amountMinYuan: null },
      { token: admin },
    );
    expect(clearedOptional.status).toBe(200);
    expect(clearedOptional.body.draft.amountMinYuan).toBeNull();
    expect(
      (await t.http.post(`${P}/admin/products/${code}/publish`, undefined, { token: admin })).body,
    ).toEqual({ code, version: 1 });
  });

  describe('access', () => {
    let sme: string;
    let bankKey: string;
    beforeAll(async () => {
      sme = await t.http.registerSme('catalog-sme@example.cn');
      const [bank] = await t.sql<{ id: string }>(
        `SELECT id FROM partner_bank WHERE code = 'JIANGXI_BANK'`,
      );
      bankKey = (await t.app.get(ApiKeysService).issue(bank.id)).apiKey;
    });

    const adminRoutes: { method: string; path: string; body?: unknown }[] = [
      { method: 'GET', path: '/admin/products' },
      { method: 'GET', path: '/admin/products/KEDAITONG' },
      { method: 'POST', path: '/admin/products', body: productBody('ACCESS_LOAN') },
      { method: 'PATCH', path: '/admin/products/KEDAITONG', body: { termMonthsMax: 6 } },
      { method: 'POST', path: '/admin/products/KEDAITONG/publish' },
      { method: 'POST', path: '/admin/products/KEDAITONG/retire' },
      { method: 'GET', path: '/admin/products/KEDAITONG/versions' },
      { method: 'GET', path: '/admin/products/KEDAITONG/versions/1' },
      { method: 'GET', path: '/admin/products/KEDAITONG/diff?from=1&to=1' },
    ];

    it.each(adminRoutes)(
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
        expectProblem(
          await t.http.request(method, P + path, { body, token: 'not-a-jwt' }),
          401,
          'unauthenticated',
        );
        expectProblem(
          await t.http.request(method, P + path, { body, apiKey: 'sfm_notakey' }),
          401,
          'unauthenticated',
        );
      },
    );

    it('should have changed nothing when the forbidden calls were refused', async () => {
      expect(await productRows(t, 'ACCESS_LOAN')).toBe(0);
      const kedaitong = await t.http.get(`${P}/admin/products/KEDAITONG`, { token: admin });
      expect(kedaitong.body).toMatchObject({
        status: 'published',
        latestVersion: 1,
        hasDraft: false,
      });
    });

    it('should serve the public catalogue to anyone when anonymous, an SME or a bank asks', async () => {
      for (const opts of [{}, { token: sme }, { apiKey: bankKey }]) {
        const list = await t.http.get(`${P}/products`, opts);
        expect(list.status).toBe(200);
        expect(list.body.items.length).toBeGreaterThanOrEqual(10);
        expect((await t.http.get(`${P}/products/KEDAITONG`, opts)).status).toBe(200);
      }
    });
  });
});

describe('catalogue effective dates (e2e)', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.http.login(ADMIN.email, ADMIN.password);
  });
  afterEach(() => t.clock.set(new Date()));
  afterAll(async () => t.close());

  const visible = async (code: string) => {
    const one = await t.http.get(`${P}/products/${code}`);
    const inList = (await t.http.get(`${P}/products`)).body.items.find((p: any) => p.code === code);
    expect(inList ?? null).toEqual(one.status === 200 ? one.body : null);
    return one.status === 200 ? (one.body.version as number) : null;
  };
  const publish = async (code: string) => {
    const res = await t.http.post(`${P}/admin/products/${code}/publish`, undefined, {
      token: admin,
    });
    expect(res.status).toBe(201);
    return res.body.version as number;
  };

  it('should hide a product until its validFrom day comes when it is published ahead of time', async () => {
    const from = cstDay(30);
    expect(
      (
        await t.http.post(`${P}/admin/products`, productBody('FUTURE_LOAN', { validFrom: from }), {
          token: admin,
        })
      ).status,
    ).toBe(201);
    expect(await publish('FUTURE_LOAN')).toBe(1);
    expect(await visible('FUTURE_LOAN')).toBeNull();

    t.clock.set(`${cstDay(29)}T23:59:00+08:00`);
    expect(await visible('FUTURE_LOAN')).toBeNull();
    t.clock.set(`${from}T00:00:00+08:00`);
    expect(await visible('FUTURE_LOAN')).toBe(1);
    const versions = await t.http.get(`${P}/admin/products/FUTURE_LOAN/versions`, { token: admin });
    expect(versions.body.items).toEqual([
      expect.objectContaining({ version: 1, validFrom: from, validTo: null }),
    ]);
  });

  it('should keep v1 live until the validFrom of v2 when v2 is published with a future validFrom', async () => {
    const code = 'SCHEDULED_LOAN';
    expect(
      (await t.http.post(`${P}/admin/products`, productBody(code), { token: admin })).status,
    ).toBe(201);
    expect(await publish(code)).toBe(1);
    const from = cstDay(10);
    const patched = await t.http.patch(
      `${P}/admin/products/${code}`,
      { validFrom: from, termMonthsMax: 36 },
      { token: admin },
    );
    expect(patched.status).toBe(200);
    expect(await publish(code)).toBe(2);

    expect(await visible(code)).toBe(1);
    expect((await t.http.get(`${P}/products/${code}`)).body.termMonthsMax).toBe(12);
    t.clock.set(`${cstDay(9)}T12:00:00+08:00`);
    expect(await visible(code)).toBe(1);
    t.clock.set(`${from}T00:00:01+08:00`);
    expect(await visible(code)).toBe(2);
    expect((await t.http.get(`${P}/products/${code}`)).body).toMatchObject({
      termMonthsMax: 36,
      validFrom: from,
    });
  });

  it('should hide a product whose validTo has passed and show one whose validTo is today', async () => {
    const yesterday = cstDay(-1);
    const today = cstDay(0);
    expect(
      (
        await t.http.post(
          `${P}/admin/products`,
          productBody('EXPIRED_LOAN', { validTo: yesterday }),
          { token: admin },
        )
      ).status,
    ).toBe(201);
    expect(await publish('EXPIRED_LOAN')).toBe(1);
    expect(await visible('EXPIRED_LOAN')).toBeNull();

    expect(
      (
        await t.http.post(`${P}/admin/products`, productBody('LAST_DAY_LOAN', { validTo: today }), {
          token: admin,
        })
      ).status,
    ).toBe(201);
    expect(await publish('LAST_DAY_LOAN')).toBe(1);
    expect(await visible('LAST_DAY_LOAN')).toBe(1);
    t.clock.set(`${cstDay(1)}T00:00:00+08:00`);
    expect(await visible('LAST_DAY_LOAN')).toBeNull();
    // The admin view still has it: it is published, only out of its window.
    const admin1 = await t.http.get(`${P}/admin/products/LAST_DAY_LOAN`, { token: admin });
    expect(admin1.body).toMatchObject({ status: 'published', latestVersion: 1 });
  });
});

describe('catalogue writes with random input (e2e, property-based)', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.http.login(ADMIN.email, ADMIN.password);
  });
  afterAll(async () => t.close());

  const FACT_NAMES = Object.keys(FACTS);
  /** Conditions the engine accepts, so that random trees are valid often enough to reach 201. */
  const VALID_TESTS: [string, string, unknown][] = [
    ['employees', 'greaterThanInclusive', 5],
    ['sizeClass', 'in', ['small', 'micro']],
    ['certifications', 'contains', 'tech_sme'],
    ['credit.dishonestDebtor', 'equal', false],
    ['regionCode', 'equal', '360100'],
    ['establishedOn', 'lessThan', '2024-01-01'],
    ['jobRetentionRate', 'greaterThan', 0.5],
    ['financingNeed.purpose', 'notIn', ['startup']],
    ['listings', 'doesNotContain', 'culture_loan_pool'],
    ['industrySection', 'equal', 'C'],
  ];
  const goodText = fc.record({
    zh: fc.string({ minLength: 1, maxLength: 6 }).map((s) => `条${s}`),
    en: fc.string({ minLength: 1, maxLength: 6 }).map((s) => `c${s}`),
  });
  const text = fc.oneof(
    { weight: 8, arbitrary: goodText },
    {
      weight: 1,
      arbitrary: fc.record({ zh: fc.constantFrom('', ' ', '中'), en: fc.constantFrom('', 'x') }),
    },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
    {
      weight: 1,
      arbitrary: fc.record({
        zh: fc.string({ unit: 'binary', maxLength: 4 }),
        en: fc.constant('x'),
      }),
    },
  );
  const id = fc.oneof(
    { weight: 6, arbitrary: fc.string({ minLength: 6, maxLength: 10 }) },
    { weight: 1, arbitrary: fc.constantFrom('a', 'b', '', ' ') },
    { weight: 1, arbitrary: fc.integer() },
  );
  const validCondition = fc
    .record({
      test: fc.constantFrom(...VALID_TESTS),
      id,
      label: text,
      hint: fc.option(text, { nil: undefined }),
    })
    .map(({ test: [fact, operator, value], id: cid, label, hint }) => ({
      id: cid,
      fact,
      operator,
      value,
      label,
      ...(hint === undefined ? {} : { hint }),
    }));
  const scalar = fc.oneof(
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.string({ maxLength: 6 }),
    fc.constantFrom('360100', 'small', 'tech_sme', '2020-01-01', 'C39'),
  );
  const randomCondition = fc.record(
    {
      id,
      fact: fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(...FACT_NAMES) },
        { weight: 1, arbitrary: fc.string({ maxLength: 10 }) },
      ),
      operator: fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(...OPERATORS) },
        { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
      ),
      value: fc.oneof(scalar, fc.array(scalar, { maxLength: 3 }), fc.jsonValue({ maxDepth: 2 })),
      label: text,
      hint: text,
      extra: fc.jsonValue({ maxDepth: 1 }),
    },
    { requiredKeys: ['id', 'fact', 'operator', 'value'] },
  );
  const { rule } = fc.letrec<{ rule: unknown }>((tie) => ({
    rule: fc.oneof(
      { maxDepth: 4, depthIdentifier: 'rule' },
      { weight: 8, arbitrary: validCondition },
      { weight: 2, arbitrary: randomCondition },
      { weight: 3, arbitrary: fc.record({ all: fc.array(tie('rule'), { maxLength: 3 }) }) },
      {
        weight: 3,
        arbitrary: fc.record(
          { any: fc.array(tie('rule'), { maxLength: 3 }), label: text },
          { requiredKeys: ['any'] },
        ),
      },
      { weight: 2, arbitrary: fc.record({ not: tie('rule') }) },
      { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
    ),
  }));
  /** Mostly a valid value for the field, sometimes any JSON at all. */
  const field = <T>(valid: fc.Arbitrary<T>) =>
    fc.oneof(
      { weight: 12, arbitrary: valid },
      { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
    );
  const overrides = fc.record(
    {
      name: field(text),
      category: field(
        fc.constantFrom(
          'policy_credit_loan',
          'guarantee_loan',
          'receivables_financing',
          'bond_financing',
        ),
      ),
      administrator: field(text),
      summary: field(text),
      amountMinYuan: field(fc.oneof(fc.constant(null), fc.nat())),
      amountMaxYuan: field(
        fc.oneof(fc.constant(null), fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER })),
      ),
      termMonthsMax: field(fc.oneof(fc.constant(null), fc.integer({ min: 1, max: 600 }))),
      rate: field(
        fc.record(
          {
            basis: fc.constantFrom('LPR_1Y', 'FIXED'),
            spreadMaxBp: fc.integer({ min: 0, max: 10000 }),
            fixedBp: fc.integer({ min: 0, max: 10000 }),
          },
          { requiredKeys: ['basis'] },
        ),
      ),
      collateral: field(fc.constantFrom('none', 'guarantee', 'collateral', 'any')),
      guaranteeFeeMaxBp: field(fc.integer({ min: 0, max: 10000 })),
      interestSubsidy: field(text),
      eligibility: rule,
      partnerBankCodes: field(
        fc.uniqueArray(fc.constantFrom('JIANGXI_BANK', 'ABC', 'NO_SUCH_BANK'), { maxLength: 3 }),
      ),
      sourceUrls: field(fc.array(fc.webUrl(), { maxLength: 2 })),
      provisional: field(fc.boolean()),
      note: field(text),
      validFrom: field(
        fc.constantFrom(
          null,
          '2024-01-01',
          '2099-12-31',
          '2024-02-29',
          '2025-02-29',
          '2025-13-01',
          '0000-01-01',
          'soon',
        ),
      ),
      validTo: field(fc.constantFrom(null, '2020-01-01', '2099-12-31', '2024-02-30')),
    },
    { requiredKeys: ['eligibility'] },
  );
  const product = fc.record({
    overrides,
    code: fc.oneof(
      { weight: 9, arbitrary: fc.constant(undefined) },
      { weight: 1, arbitrary: fc.string({ maxLength: 10 }) },
    ),
    extra: fc.oneof(
      { weight: 9, arbitrary: fc.constant({}) },
      {
        weight: 1,
        arbitrary: fc.dictionary(
          fc.string({ minLength: 1, maxLength: 6 }),
          fc.jsonValue({ maxDepth: 1 }),
          { maxKeys: 2 },
        ),
      },
    ),
  });
  /** What the server receives (NaN and -0 as JSON has them). */
  const wire = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
  /** Fastify refuses prototype-poisoning keys with 400 before any validation. */
  // Prototype keys, U+0000 and lone surrogates are refused before any rule check (400).
  const poisoned = (v: unknown) =>
    /"(__proto__|constructor)":/.test(JSON.stringify(v)) || jsonInputProblems(v).length > 0;

  it('should answer 201, 400 or 422 and never 5xx, and leave no row after a 4xx, when random products are posted and published', async () => {
    let n = 0;
    const seen = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(product, async ({ overrides: o, code: randomCode, extra }) => {
        n++;
        const payload: Record<string, unknown> = wire({
          ...productBody(`PBT_${n}`),
          ...o,
          ...extra,
          ...(randomCode === undefined ? {} : { code: randomCode }),
        });
        const res = await t.http.post(`${P}/admin/products`, payload, { token: admin });
        seen.set(res.status, (seen.get(res.status) ?? 0) + 1);
        expect([201, 400, 422]).toContain(res.status);
        const rows = typeof payload.code === 'string' ? await productRows(t, payload.code) : 0;
        if (res.status !== 201) {
          expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
          expect(res.body).toMatchObject({ status: res.status, code: expect.any(String) });
          if (!poisoned(payload)) expect(res.body.errors.length).toBeGreaterThan(0);
          expect(rows).toBe(0);
          return;
        }
        expect(rows).toBe(1);
        const pub = await t.http.post(
          `${P}/admin/products/${payload.code as string}/publish`,
          undefined,
          { token: admin },
        );
        expect([201, 422]).toContain(pub.status);
        const versions = await t.http.get(
          `${P}/admin/products/${payload.code as string}/versions`,
          { token: admin },
        );
        expect(versions.body.items).toHaveLength(pub.status === 201 ? 1 : 0);
      }),
      { numRuns: 100 },
    );
    // The generators must reach every outcome, or the property proves little.
    expect([...seen.keys()].sort()).toEqual([201, 400, 422]);
    expect((await t.http.get(`${P}/products`)).status).toBe(200);
  });

  it('should answer 422 or 201 and never 5xx when random rule trees are posted in an otherwise valid product', async () => {
    let n = 0;
    const seen = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(rule, async (generated) => {
        const code = `RULE_PBT_${++n}`;
        const eligibility = wire(generated);
        const res = await t.http.post(`${P}/admin/products`, productBody(code, { eligibility }), {
          token: admin,
        });
        seen.set(res.status, (seen.get(res.status) ?? 0) + 1);
        // 400 only when eligibility is not an object at all (or carries prototype-poisoning keys).
        const isObject =
          typeof eligibility === 'object' && eligibility !== null && !Array.isArray(eligibility);
        expect(isObject && !poisoned(eligibility) ? [201, 422] : [400]).toContain(res.status);
        const issues = isObject ? validateRule(eligibility) : [];
        if (res.status === 422) {
          expect(res.body.code).toBe('invalid_rule');
          expect(res.body.errors.length).toBeGreaterThan(0);
          for (const e of res.body.errors) expect(e.path).toMatch(/^eligibility/);
          expect(await productRows(t, code)).toBe(0);
        } else if (res.status === 201) {
          // Accepted rules are valid for the engine up to blank translations, which publishing checks.
          expect(
            issues.every((i) => i.code === 'rule_invalid_shape' && /\.(label|hint)$/.test(i.path)),
          ).toBe(true);
          expect(await productRows(t, code)).toBe(1);
          const pub = await t.http.post(`${P}/admin/products/${code}/publish`, undefined, {
            token: admin,
          });
          expect(pub.status).toBe(issues.length ? 422 : 201);
        }
      }),
      { numRuns: 100 },
    );
    expect(seen.get(201)).toBeGreaterThan(0);
    expect(seen.get(422)).toBeGreaterThan(0);
  });
});
