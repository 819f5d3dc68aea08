/**
 * Matching against the SEEDED catalogue (seeds/catalog/products.ts, PROVENANCE.md) over real HTTP:
 * realistic Jiangxi profiles get the statuses the programme facts of docs/domain/programmes.md imply, with the
 * failing criteria named by the seed's condition ids; result shape and order; preview stores
 * nothing; stored runs cite every version they used; catalogue changes reach the matcher.
 */
import { summariseResult } from '../../src/modules/matching/match-view';
import { usccFor, yearsBefore } from '../support/fixtures';
import { createTestApp, TestApp } from '../support/test-app';
import { ADMIN } from '../support/env';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const SEEDED = [
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
/** PROVENANCE.md: which seeded products are provisional. */
const PROVISIONAL = new Set([
  'CAIYUAN_XINDAITONG',
  'HUINONG_XINDAITONG',
  'KEDAITONG',
  'GANGONGDAI',
  'GOV_PROCUREMENT_LOAN',
  'RECEIVABLES_FINANCING',
  'STARTUP_LOAN_PARTNERSHIP',
]);
/** Products whose rule has a `sizeClass` condition, and that condition's id. */
const SIZE_CRITERION: Record<string, string> = {
  CAIYUAN_XINDAITONG: 'size_sme',
  WENQIDAI: 'size_sme',
  STARTUP_LOAN_SME: 'size_small_or_micro',
  GOV_PROCUREMENT_LOAN: 'size_sme',
  RECEIVABLES_FINANCING: 'size_sme',
};
const STATUS_RANK = { eligible: 0, needs_info: 1, ineligible: 2 } as const;

type Status = keyof typeof STATUS_RANK;
interface Criterion {
  id: string;
  group?: string | null;
  kind?: 'all' | 'any' | 'not';
  label: { zh: string; en: string };
  outcome: 'pass' | 'fail' | 'unknown';
  detail?: { zh: string; en: string };
}
interface Result {
  productCode: string;
  productVersion: number;
  provisional: boolean;
  status: Status;
  score: number;
  criteria: Criterion[];
  missingFacts: string[];
  hints: { zh: string; en: string }[];
  applicableLimit: {
    amountMaxYuan: number | null;
    termMonthsMax: number | null;
    reason: { zh: string; en: string } | null;
  };
}
type Res = { status: number; body: any; headers: Headers };

const CLEAN_CREDIT = {
  dishonestDebtor: false,
  overdueLoans: false,
  badCreditRecord: false,
  wageOrSocialInsuranceArrears: false,
};

// ---- Realistic profiles ----------------------------------------------------------------------

/** 南昌 electronics maker in a provincial industrial park, registered 科技型中小企业 (docs/rules.md example). */
function techSme(o: Record<string, unknown> = {}): Record<string, any> {
  return {
    uscc: '91360100MA35FXXX9C',
    name: '南昌某电子科技有限公司',
    entityType: 'enterprise',
    regionCode: '360111',
    industryCode: 'C3982',
    establishedOn: '2019-04-18',
    employees: 38,
    annualRevenueYuan: 16_500_000,
    totalAssetsYuan: 21_000_000,
    inIndustrialPark: true,
    certifications: ['tech_sme'],
    listings: [],
    taxPaidLastYearYuan: 120_000,
    credit: CLEAN_CREDIT,
    financingNeed: {
      amountYuan: 2_000_000,
      termMonths: 12,
      purpose: 'working_capital',
      collateralAvailable: false,
    },
    ...o,
  };
}

/** 上犹县 family farm growing rice (A0111), wants a two-year agricultural loan. */
function familyFarm(): Record<string, any> {
  return {
    uscc: usccFor(101, '92', '360724'),
    name: '上犹县某家庭农场',
    entityType: 'family_farm',
    regionCode: '360724',
    industryCode: 'A0111',
    establishedOn: '2017-03-01',
    employees: 4,
    annualRevenueYuan: 800_000,
    agriOperatorType: 'family_farm',
    credit: CLEAN_CREDIT,
    financingNeed: {
      amountYuan: 300_000,
      termMonths: 24,
      purpose: 'agriculture',
      collateralAvailable: false,
    },
  };
}

/** 景德镇 ceramics-art studio (R8810 文艺创作与表演) in the 文企贷 pool. */
function culturalEnterprise(): Record<string, any> {
  return {
    uscc: usccFor(102, '91', '360203'),
    name: '景德镇某陶瓷文化创意有限公司',
    entityType: 'enterprise',
    regionCode: '360203',
    industryCode: 'R8810',
    establishedOn: '2016-09-10',
    employees: 25,
    annualRevenueYuan: 6_000_000,
    certifications: ['cultural_enterprise'],
    listings: ['culture_loan_pool'],
    credit: CLEAN_CREDIT,
    financingNeed: {
      amountYuan: 3_000_000,
      termMonths: 24,
      purpose: 'expansion',
      collateralAvailable: false,
    },
  };
}

/** A 2025 college graduate starting a software studio as a natural person: no credit code yet. */
function graduateFounder(today: string): Record<string, any> {
  return {
    name: '张某（高校毕业生创业）',
    entityType: 'individual',
    regionCode: '360102',
    industryCode: 'I6513',
    establishedOn: yearsBefore(today, 0),
    employees: 2,
    annualRevenueYuan: 0,
    founder: { categories: ['college_graduate'] },
    credit: CLEAN_CREDIT,
    financingNeed: {
      amountYuan: 200_000,
      termMonths: 36,
      purpose: 'startup',
      collateralAvailable: false,
    },
  };
}

/**
 * 赣州 auto-parts maker with 2000 staff and 5亿 revenue: large under the standard (industry: large
 * needs ≥ 1000 staff and ≥ 4亿). It holds what the other rules ask for (whitelist, park letter,
 * a procurement contract, receivables, retention), so the size criterion is what shuts it out.
 */
function largeManufacturer(): Record<string, any> {
  return {
    uscc: usccFor(103, '91', '360703'),
    name: '赣州某汽车零部件股份有限公司',
    entityType: 'enterprise',
    regionCode: '360703',
    industryCode: 'C3670',
    establishedOn: '2008-05-20',
    employees: 2000,
    annualRevenueYuan: 500_000_000,
    totalAssetsYuan: 620_000_000,
    inIndustrialPark: true,
    certifications: ['high_tech_enterprise'],
    listings: ['industry_finance_whitelist', 'caiyuan_recommendation', 'culture_loan_pool'],
    taxPaidLastYearYuan: 18_000_000,
    jobRetentionRate: 0.97,
    credit: CLEAN_CREDIT,
    receivables: { amountYuan: 40_000_000, debtorIsGovernmentOrLargeEnterprise: true },
    governmentProcurementContract: { amountYuan: 8_000_000 },
    financingNeed: {
      amountYuan: 5_000_000,
      termMonths: 12,
      purpose: 'working_capital',
      collateralAvailable: true,
    },
  };
}

/** 九江 wholesaler that leaves out credit, certifications, listings, park and tax. */
function sparseWholesaler(): Record<string, any> {
  return {
    uscc: usccFor(104, '91', '360402'),
    name: '九江某建材贸易有限公司',
    entityType: 'enterprise',
    regionCode: '360402',
    industryCode: 'F5165',
    establishedOn: '2015-06-01',
    employees: 12,
    annualRevenueYuan: 30_000_000,
    financingNeed: {
      amountYuan: 1_000_000,
      termMonths: 12,
      purpose: 'working_capital',
      collateralAvailable: false,
    },
  };
}

// ---- Helpers --------------------------------------------------------------------------------

/**
 * Results by product code, their criteria reduced to the conditions (without their `group`): what
 * most checks here are about. `expectWellFormed` and the group checks read the full criteria.
 */
function byCode(results: Result[]): Record<string, Result> {
  return Object.fromEntries(
    results.map((r) => [
      r.productCode,
      {
        ...r,
        criteria: r.criteria.filter((c) => !c.kind).map(({ group: _group, ...c }) => c),
      },
    ]),
  );
}
function failing(r: Result): string[] {
  return r.criteria
    .filter((c) => c.outcome === 'fail' && !c.kind)
    .map((c) => c.id)
    .sort();
}
function unknown(r: Result): string[] {
  return r.criteria
    .filter((c) => c.outcome === 'unknown' && !c.kind)
    .map((c) => c.id)
    .sort();
}

/** docs/api.md's order and shape hold for every result list. */
function expectWellFormed(results: Result[], codes = SEEDED): void {
  expect(results.map((r) => r.productCode).sort()).toEqual([...codes].sort());
  for (let i = 1; i < results.length; i++) {
    const [a, b] = [results[i - 1], results[i]];
    const order = STATUS_RANK[a.status] - STATUS_RANK[b.status] || b.score - a.score;
    expect({ pair: [a.productCode, b.productCode], ok: order <= 0 }).toEqual({
      pair: [a.productCode, b.productCode],
      ok: true,
    });
  }
  for (const r of results) {
    expect(r).toEqual({
      productCode: expect.any(String),
      productVersion: expect.any(Number),
      provisional: PROVISIONAL.has(r.productCode),
      status: expect.stringMatching(/^(eligible|needs_info|ineligible)$/),
      score: expect.any(Number),
      criteria: expect.any(Array),
      missingFacts: expect.any(Array),
      hints: expect.any(Array),
      applicableLimit: expect.any(Object),
      // No referral was decided here: too few to show (docs/outcomes.md).
      outlook: {
        decided: null,
        approvalRate: null,
        medianWorkingDaysToDecision: null,
        topDeclineReasons: null,
        insufficientData: true,
      },
    });
    const { amountMaxYuan, termMonthsMax, reason } = r.applicableLimit;
    expect(amountMaxYuan === null || Number.isInteger(amountMaxYuan)).toBe(true);
    expect(termMonthsMax === null || Number.isInteger(termMonthsMax)).toBe(true);
    if (reason !== null) expect(reason).toEqual({ zh: expect.any(String), en: expect.any(String) });
    expect(Number.isInteger(r.productVersion) && r.productVersion >= 1).toBe(true);
    expect(Number.isInteger(r.score) && r.score >= 0 && r.score <= 100).toBe(true);
    expect(r.criteria.length).toBeGreaterThan(0);
    // The rule's structure: one root, every other entry in a group listed before it.
    expect(r.criteria.filter((c) => c.group === null)).toHaveLength(1);
    expect(r.criteria[0].group).toBeNull();
    const seenGroups = new Set<string>();
    for (const c of r.criteria) {
      expect(c.label.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(c.label.en).toMatch(/[A-Za-z]/);
      if (c.group != null) expect(seenGroups.has(c.group)).toBe(true);
      if (c.kind) seenGroups.add(c.id);
      else if (c.outcome !== 'pass')
        expect(c.detail).toEqual({ zh: expect.any(String), en: expect.any(String) });
    }
    // The root's outcome is the status (open on known facts yet unable to pass: ineligible).
    expect(r.criteria[0].outcome).toBe(
      { eligible: 'pass', ineligible: r.criteria[0].outcome, needs_info: 'unknown' }[r.status],
    );
    if (r.status === 'ineligible') expect(r.criteria[0].outcome).not.toBe('pass');
    // Every product excludes 失信被执行人 (PROVENANCE.md, rules for all ten).
    expect(r.criteria.map((c) => c.id)).toContain('not_dishonest_debtor');
    // Status follows the criteria (three-valued logic). An eligible product may still list a failed
    // branch of an `any` that passed another way, but has nothing left to hint at.
    if (r.status === 'eligible') expect(r.hints).toEqual([]);
    if (r.status === 'needs_info') {
      expect(r.missingFacts.length).toBeGreaterThan(0);
      expect(unknown(r).length).toBeGreaterThan(0);
    } else expect(r.missingFacts).toEqual([]);
    if (r.status === 'ineligible') expect(failing(r).length).toBeGreaterThan(0);
    for (const h of r.hints)
      expect(h).toEqual({ zh: expect.stringMatching(/[\u4e00-\u9fff]/), en: expect.any(String) });
  }
}

describe('matching against the seeded catalogue (e2e)', () => {
  let t: TestApp;
  let sme: string;
  let otherSme: string;
  let admin: string;
  let today: string;
  const preview = async (profile: unknown): Promise<{ res: Res; results: Result[] }> => {
    const res = await t.http.post('/api/v1/matches/preview', profile);
    expect({ status: res.status, body: res.status === 200 ? 'ok' : res.body }).toEqual({
      status: 200,
      body: 'ok',
    });
    expectWellFormed(res.body.results);
    return { res, results: res.body.results };
  };
  const count = async (table: string) =>
    Number((await t.sql<{ n: string }>(`SELECT count(*) AS n FROM ${table}`))[0].n);

  beforeAll(async () => {
    t = await createTestApp();
    [sme, otherSme, admin] = await Promise.all([
      t.http.registerSme('matcher@example.cn'),
      t.http.registerSme('other-matcher@example.cn'),
      t.http.login(ADMIN.email, ADMIN.password),
    ]);
    today = t.clock.today();
  });
  afterAll(async () => t.close());

  it('should find KEDAITONG eligible and CAIYUAN_XINDAITONG ineligible for want of the letter when a park tech SME has no recommendation letter', async () => {
    const { res, results } = await preview(techSme());
    expect(res.body.derived).toMatchObject({
      sizeClass: 'small',
      cityCode: '360100',
      industrySection: 'C',
      hasCreditIssues: false,
    });
    const r = byCode(results);

    expect(r.KEDAITONG.status).toBe('eligible');
    expect(r.KEDAITONG.criteria.map((c) => [c.id, c.outcome])).toEqual(
      expect.arrayContaining([
        ['tech_sme', 'pass'],
        ['tech_sme_staff_500', 'pass'],
        ['tech_sme_revenue_2yi', 'pass'],
        ['not_dishonest_debtor', 'pass'],
      ]),
    );
    expect(r.KEDAITONG.hints).toEqual([]);

    expect(r.CAIYUAN_XINDAITONG.status).toBe('ineligible');
    expect(failing(r.CAIYUAN_XINDAITONG)).toEqual(['caiyuan_recommendation']);
    expect(r.CAIYUAN_XINDAITONG.criteria.find((c) => c.id === 'caiyuan_recommendation')).toEqual({
      id: 'caiyuan_recommendation',
      label: {
        zh: '持有当地财园信贷通协调领导小组推荐函（一年内有效）',
        en: expect.stringContaining('recommendation letter'),
      },
      outcome: 'fail',
      detail: {
        zh: expect.stringContaining('财园信贷通推荐函'),
        en: expect.stringContaining('Caiyuan credit recommendation letter'),
      },
    });
    // The hint of the failed condition, and only that one.
    expect(r.CAIYUAN_XINDAITONG.hints).toEqual([
      {
        zh: '取得财园信贷通协调领导小组推荐函后可申请',
        en: expect.stringContaining('recommendation letter'),
      },
    ]);

    // Not a culture, agricultural or partnership borrower.
    expect(failing(r.WENQIDAI)).toEqual(['culture_loan_pool']);
    expect(failing(r.STARTUP_LOAN_PARTNERSHIP)).toEqual(['partnership']);
    // A manufacturer is outside 惠农信贷通's target group whatever it left out.
    expect(r.HUINONG_XINDAITONG).toMatchObject({ status: 'ineligible', missingFacts: [] });
    expect(failing(r.HUINONG_XINDAITONG)).toEqual(['agri_entity_type', 'agriculture_section']);
    // Whether its founder applies personally (a one-person company) is open, not guessed.
    expect(r.STARTUP_LOAN_INDIVIDUAL).toMatchObject({
      status: 'needs_info',
      missingFacts: ['founder.partners'],
    });
    // What it did not say keeps the rest open, never guessed (docs/rules.md three-valued logic).
    expect(r.STARTUP_LOAN_SME).toMatchObject({
      status: 'needs_info',
      // Derived facts are reported as the profile fields behind them (targetGroupHireShare → hiring).
      missingFacts: ['hiring.newHiresFromTargetGroups', 'jobRetentionRate'],
    });
    expect(r.GOV_PROCUREMENT_LOAN).toMatchObject({
      status: 'needs_info',
      missingFacts: ['governmentProcurementContract.amountYuan'],
    });
    expect(r.RECEIVABLES_FINANCING).toMatchObject({
      status: 'needs_info',
      missingFacts: ['receivables.amountYuan'],
    });
    expect(results[0].productCode).toBe('KEDAITONG');
  });

  it('should find CAIYUAN_XINDAITONG eligible when the park SME holds the letter, has 3 years, 50000 yuan tax and wants working capital', async () => {
    // Exactly on the thresholds: founded 3 years ago today, 50,000 yuan tax.
    const onThreshold = techSme({
      listings: ['caiyuan_recommendation'],
      establishedOn: yearsBefore(today, 3),
      taxPaidLastYearYuan: 50_000,
      taxRelief: false,
    });
    const { res, results } = await preview(onThreshold);
    expect(res.body.derived.yearsInOperation).toBe(3);
    const caiyuan = byCode(results).CAIYUAN_XINDAITONG;
    expect(caiyuan.status).toBe('eligible');
    expect(caiyuan.criteria.map((c) => c.id)).toEqual([
      'in_industrial_park',
      'caiyuan_recommendation',
      'size_sme',
      'working_capital_purpose',
      'years_in_operation_3',
      'tax_paid_last_year_50k',
      'tax_relief',
      'no_bad_credit_record',
      'not_dishonest_debtor',
    ]);
    // Only the tax-relief branch of "50,000 yuan tax, unless relieved" fails; the branch passes.
    expect(caiyuan.criteria.filter((c) => c.outcome !== 'pass').map((c) => c.id)).toEqual([
      'tax_relief',
    ]);
    expect(caiyuan).toMatchObject({ provisional: true, hints: [], missingFacts: [] });

    // One step short of each threshold, or another purpose, or out of the park: ineligible, naming that criterion.
    const cases: [Record<string, unknown>, string][] = [
      [{ establishedOn: yearsBefore(today, 2) }, 'years_in_operation_3'],
      [
        {
          financingNeed: {
            amountYuan: 2_000_000,
            termMonths: 12,
            purpose: 'equipment',
            collateralAvailable: false,
          },
        },
        'working_capital_purpose',
      ],
      [{ inIndustrialPark: false }, 'in_industrial_park'],
      [{ credit: { ...CLEAN_CREDIT, badCreditRecord: true } }, 'no_bad_credit_record'],
    ];
    for (const [change, id] of cases) {
      const r = byCode((await preview({ ...onThreshold, ...change })).results).CAIYUAN_XINDAITONG;
      expect({ change, status: r.status, failing: failing(r) }).toEqual({
        change,
        status: 'ineligible',
        failing: [id, 'tax_relief'].sort(),
      });
      const hinted = r.criteria.find((c) => c.id === id)!;
      expect(hinted.outcome).toBe('fail');
      expect(r.hints).toHaveLength(1);
    }
    // Tax below 50,000 yuan: ineligible without tax relief, eligible with it (the source's exception).
    const lowTax = { ...onThreshold, taxPaidLastYearYuan: 20_000 };
    const noRelief = byCode((await preview(lowTax)).results).CAIYUAN_XINDAITONG;
    expect({ status: noRelief.status, failing: failing(noRelief) }).toEqual({
      status: 'ineligible',
      failing: ['tax_paid_last_year_50k', 'tax_relief'],
    });
    const relieved = byCode(
      (await preview({ ...lowTax, taxRelief: true })).results,
    ).CAIYUAN_XINDAITONG;
    expect(relieved).toMatchObject({ status: 'eligible', missingFacts: [] });
    const unsaid = byCode(
      (await preview({ ...lowTax, taxRelief: undefined })).results,
    ).CAIYUAN_XINDAITONG;
    expect(unsaid).toMatchObject({ status: 'needs_info', missingFacts: ['taxRelief'] });
    // The park condition and the profile flag name no park level: the sources name none.
    const park = caiyuan.criteria.find((c) => c.id === 'in_industrial_park')!;
    expect(park.label.zh).toBe('位于工业园区');
    expect(park.label.zh).not.toContain('省级');

    // Left out instead of false: needs_info naming the fact.
    const { inIndustrialPark: _omit, ...noPark } = onThreshold;
    const open = byCode((await preview(noPark)).results).CAIYUAN_XINDAITONG;
    expect(open).toMatchObject({ status: 'needs_info', missingFacts: ['inIndustrialPark'] });
  });

  it('should find HUINONG_XINDAITONG eligible when a family farm asks for an agricultural loan', async () => {
    const { res, results } = await preview(familyFarm());
    // Agriculture (group 1) is sized by revenue alone: 80万 ≥ 50万 → small.
    expect(res.body.derived).toMatchObject({
      sizeClass: 'small',
      industrySection: 'A',
      cityCode: '360700',
    });
    const r = byCode(results);
    expect(r.HUINONG_XINDAITONG.status).toBe('eligible');
    expect(r.HUINONG_XINDAITONG.criteria).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: 'agri_operator_type', outcome: 'pass' }),
        expect.objectContaining({ id: 'agri_entity_type', outcome: 'pass' }),
      ]),
    );
    expect(results[0].productCode).toBe('HUINONG_XINDAITONG');
    // It did not say whether it holds certifications: open, not a guess.
    expect(r.KEDAITONG).toMatchObject({ status: 'needs_info', missingFacts: ['certifications'] });
    expect(failing(r.STARTUP_LOAN_SME)).toContain('enterprise');

    // A large grower registered as an individual business qualifies through agriOperatorType alone.
    const grower = {
      ...familyFarm(),
      entityType: 'individual_business',
      agriOperatorType: 'large_grower',
    };
    const g = byCode((await preview(grower)).results).HUINONG_XINDAITONG;
    expect(g.status).toBe('eligible');
    expect(g.criteria.find((c) => c.id === 'agri_entity_type')!.outcome).toBe('fail');
    // 农业产业化龙头企业 is not confirmed eligible (docs/domain/programmes.md), so a leading enterprise alone is not.
    const leader = {
      ...familyFarm(),
      entityType: 'enterprise',
      agriOperatorType: 'leading_enterprise',
    };
    const l = byCode((await preview(leader)).results).HUINONG_XINDAITONG;
    expect({ status: l.status, failing: failing(l) }).toEqual({
      status: 'ineligible',
      failing: ['agri_entity_type', 'agri_operator_type'],
    });
    // A farming company that has not said its operator type is still open; the same company in
    // manufacturing is not the programme's borrower, whatever it left out.
    const farmingCompany: Record<string, any> = { ...familyFarm(), entityType: 'enterprise' };
    delete farmingCompany.agriOperatorType;
    const open = byCode((await preview(farmingCompany)).results).HUINONG_XINDAITONG;
    expect(open).toMatchObject({ status: 'needs_info', missingFacts: ['agriOperatorType'] });
    const factory = byCode(
      (await preview({ ...farmingCompany, industryCode: 'C1310' })).results,
    ).HUINONG_XINDAITONG;
    expect(factory).toMatchObject({ status: 'ineligible', missingFacts: [] });
  });

  it('should find WENQIDAI eligible when a small cultural enterprise is in the 文企贷 pool', async () => {
    const { res, results } = await preview(culturalEnterprise());
    // Group 16 (other industries) is sized by staff alone: 25 ≥ 10 → small.
    expect(res.body.derived).toMatchObject({
      sizeClass: 'small',
      industrySection: 'R',
      industryDivision: '88',
    });
    const r = byCode(results);
    expect(r.WENQIDAI).toMatchObject({
      status: 'eligible',
      provisional: false,
      missingFacts: [],
      hints: [],
    });
    expect(r.WENQIDAI.criteria.map((c) => [c.id, c.outcome])).toEqual([
      ['culture_loan_pool', 'pass'],
      ['size_sme', 'pass'],
      ['not_dishonest_debtor', 'pass'],
    ]);
    // The certification alone is not the pool: without the listing it is ineligible.
    const notPooled = byCode(
      (await preview({ ...culturalEnterprise(), listings: [] })).results,
    ).WENQIDAI;
    expect({ status: notPooled.status, failing: failing(notPooled) }).toEqual({
      status: 'ineligible',
      failing: ['culture_loan_pool'],
    });
    expect(notPooled.hints.length).toBe(1);
  });

  it('should find STARTUP_LOAN_INDIVIDUAL eligible when a college graduate founds a business as an individual without a credit code', async () => {
    const founder = graduateFounder(today);
    expect(founder).not.toHaveProperty('uscc');
    const { res, results } = await preview(founder);
    expect(res.body.derived).toMatchObject({ sizeClass: 'micro', yearsInOperation: 0 });
    const r = byCode(results);
    expect(r.STARTUP_LOAN_INDIVIDUAL).toMatchObject({ status: 'eligible', provisional: false });
    expect(r.STARTUP_LOAN_INDIVIDUAL.criteria.map((c) => [c.id, c.outcome])).toEqual(
      expect.arrayContaining([
        ['individual_founder', 'pass'],
        ['not_dishonest_debtor', 'pass'],
      ]),
    );
    expect(results[0].productCode).toBe('STARTUP_LOAN_INDIVIDUAL');
    expect(failing(r.STARTUP_LOAN_SME)).toContain('enterprise');
    expect(failing(r.STARTUP_LOAN_PARTNERSHIP)).toEqual(['partnership']);
    // A founder with no credit code can also register and run a stored match.
    const created = await t.http.post('/api/v1/enterprises', founder, { token: sme });
    expect(created.status).toBe(201);
    const run = await t.http.post(`/api/v1/enterprises/${created.body.id}/matches`, undefined, {
      token: sme,
    });
    expect(run.status).toBe(201);
    expect(byCode(run.body.results).STARTUP_LOAN_INDIVIDUAL.status).toBe('eligible');
  });

  it('should find every size-limited product ineligible on its size criterion when a manufacturer is large', async () => {
    const { res, results } = await preview(largeManufacturer());
    expect(res.body.derived.sizeClass).toBe('large');
    expect(res.body.derived.sizeClassBasis).toMatchObject({ group: 2, missing: [] });
    expect(res.body.derived.sizeClassBasis.decidedBy.zh).toMatch(
      /从业人员 2000 ≥ 1000 且营业收入 50000万 ≥ 40000万 → 大型/,
    );
    const r = byCode(results);
    for (const [code, id] of Object.entries(SIZE_CRITERION)) {
      expect({ code, status: r[code].status }).toEqual({ code, status: 'ineligible' });
      expect(r[code].criteria.find((c) => c.id === id)).toEqual(
        expect.objectContaining({
          outcome: 'fail',
          detail: {
            zh: expect.stringContaining('大型企业'),
            en: expect.stringContaining('Large enterprise'),
          },
        }),
      );
    }
    // Where everything else holds, size is the only reason.
    expect(failing(r.RECEIVABLES_FINANCING)).toEqual(['size_sme']);
    expect(failing(r.GOV_PROCUREMENT_LOAN)).toEqual(['size_sme']);
    expect(failing(r.WENQIDAI)).toEqual(['size_sme']);
    expect(failing(r.CAIYUAN_XINDAITONG)).toEqual(['size_sme']);
    // employees_up_to_100 fails inside an `any` that passes on the 97% job-retention rate.
    expect(failing(r.STARTUP_LOAN_SME)).toEqual(['employees_up_to_100', 'size_small_or_micro']);
    expect(r.STARTUP_LOAN_SME.criteria.find((c) => c.id === 'job_retention_95pct')!.outcome).toBe(
      'pass',
    );
    expect(r.STARTUP_LOAN_SME.hints).toEqual([]);
    // 科贷通 applies the tech-SME limits (≤ 500 staff, ≤ 2亿 sales), not the general size class.
    expect(failing(r.KEDAITONG)).toEqual([
      'tech_sme',
      'tech_sme_revenue_2yi',
      'tech_sme_staff_500',
    ]);
    // The same enterprise at 999 staff is medium, and the size criteria pass again.
    const medium = await preview({ ...largeManufacturer(), employees: 999 });
    expect(medium.res.body.derived.sizeClass).toBe('medium');
    const m = byCode(medium.results);
    expect(m.RECEIVABLES_FINANCING.status).toBe('eligible');
    expect(failing(m.STARTUP_LOAN_SME)).toEqual(['employees_up_to_100', 'size_small_or_micro']);
  });

  it('should find every product ineligible on not_dishonest_debtor when the enterprise is a dishonest judgment debtor', async () => {
    for (const base of [
      techSme({ listings: ['caiyuan_recommendation'] }),
      familyFarm(),
      culturalEnterprise(),
      graduateFounder(today),
    ]) {
      const profile = { ...base, credit: { ...CLEAN_CREDIT, dishonestDebtor: true } };
      const { res, results } = await preview(profile);
      expect(res.body.derived.hasCreditIssues).toBe(true);
      for (const r of results) {
        expect({ code: r.productCode, status: r.status }).toEqual({
          code: r.productCode,
          status: 'ineligible',
        });
        expect(r.criteria.find((c) => c.id === 'not_dishonest_debtor')).toEqual(
          expect.objectContaining({
            outcome: 'fail',
            detail: { zh: expect.stringContaining('是'), en: expect.stringContaining('yes') },
          }),
        );
        expect(r.hints).toContainEqual(
          expect.objectContaining({
            zh: '履行生效法律文书确定的义务、移出失信被执行人名单后可申请',
          }),
        );
      }
    }
  });

  it('should answer needs_info naming the missing facts when a profile leaves facts out', async () => {
    const { res, results } = await preview(sparseWholesaler());
    // Wholesale (group 4): 12 ≥ 5 staff and 3000万 ≥ 1000万 → small.
    expect(res.body.derived).toMatchObject({ sizeClass: 'small', hasCreditIssues: null });
    const r = byCode(results);
    expect(r.KEDAITONG).toMatchObject({
      status: 'needs_info',
      missingFacts: ['certifications', 'credit.dishonestDebtor'],
    });
    expect(unknown(r.KEDAITONG)).toEqual(['not_dishonest_debtor', 'tech_sme']);
    expect(r.KEDAITONG.criteria.find((c) => c.id === 'tech_sme')!.detail).toEqual({
      zh: '未提供',
      en: 'not provided',
    });
    expect(r.CAIYUAN_XINDAITONG).toMatchObject({
      status: 'needs_info',
      missingFacts: [
        'credit.badCreditRecord',
        'credit.dishonestDebtor',
        'inIndustrialPark',
        'listings',
        'taxPaidLastYearYuan',
        'taxRelief',
      ],
    });
    expect(r.WENQIDAI).toMatchObject({
      status: 'needs_info',
      missingFacts: ['credit.dishonestDebtor', 'listings'],
    });
    // Unknown conditions with hints contribute them (docs/rules.md).
    expect(r.CAIYUAN_XINDAITONG.hints).toContainEqual(
      expect.objectContaining({ zh: '取得财园信贷通协调领导小组推荐函后可申请' }),
    );
    // A known failure still wins over unknowns: a wholesaler is never a partnership.
    expect(r.STARTUP_LOAN_PARTNERSHIP).toMatchObject({ status: 'ineligible', missingFacts: [] });
    expect(failing(r.STARTUP_LOAN_PARTNERSHIP)).toEqual(['partnership']);
    expect(results.every((x) => x.status !== 'eligible')).toBe(true);
  });

  it('should find GANGONGDAI eligible for a trade-union member running an individual business, and not for others', async () => {
    // A returning migrant worker, union member, running a small shop as an individual business.
    const member = {
      ...graduateFounder(today),
      name: '李某（返乡创业）',
      entityType: 'individual_business',
      uscc: usccFor(105, '92', '360781'),
      regionCode: '360781',
      industryCode: 'F5292',
      founder: { categories: ['returning_migrant_worker', 'trade_union_member'] },
      financingNeed: {
        amountYuan: 100_000,
        termMonths: 12,
        purpose: 'working_capital',
        collateralAvailable: false,
      },
    };
    const r = byCode((await preview(member)).results);
    expect(r.GANGONGDAI).toMatchObject({ status: 'eligible', provisional: true, missingFacts: [] });
    expect(r.GANGONGDAI.criteria.find((c) => c.id === 'trade_union_member')!.outcome).toBe('pass');
    const product = await t.http.get('/api/v1/products/GANGONGDAI');
    expect(product.body).toMatchObject({
      partnerBankCodes: ['PSBC'],
      amountMaxYuan: 100_000,
      termMonthsMax: 12,
      collateral: 'none',
    });
    expect(product.body.note.zh).toContain('劳模20万元');

    // Not a union member: ineligible, with the hint to join.
    const notMember = { ...member, founder: { categories: ['returning_migrant_worker'] } };
    const n = byCode((await preview(notMember)).results).GANGONGDAI;
    // (`company` is the failed branch of the personal-applicant group, which passes.)
    expect({ status: n.status, failing: failing(n) }).toEqual({
      status: 'ineligible',
      failing: ['company', 'trade_union_member'],
    });
    // A large industrial firm with three founders is not a personal microloan borrower.
    const firm = {
      ...largeManufacturer(),
      founder: { categories: ['trade_union_member'], partners: 3 },
    };
    const f = byCode((await preview(firm)).results).GANGONGDAI;
    expect({ status: f.status, failing: failing(f) }).toEqual({
      status: 'ineligible',
      failing: ['individual_founder', 'single_founder', 'small_business'],
    });
    // Nor is it one when it leaves its founders out: its size alone settles that.
    const { founder: _founder, ...unsaid } = firm;
    const u = byCode((await preview(unsaid)).results).GANGONGDAI;
    expect({ status: u.status, missingFacts: u.missingFacts }).toEqual({
      status: 'ineligible',
      missingFacts: [],
    });
  });

  it('should cap a partnership start-up loan by its number of partners, provisionally', async () => {
    const partnership = {
      ...graduateFounder(today),
      entityType: 'partnership',
      uscc: usccFor(107, '93', '360102'),
      founder: { categories: ['college_graduate'], partners: 3 },
      financingNeed: {
        amountYuan: 900_000,
        termMonths: 24,
        purpose: 'startup',
        collateralAvailable: false,
      },
    };
    const three = byCode((await preview(partnership)).results).STARTUP_LOAN_PARTNERSHIP;
    expect(three.status).toBe('eligible');
    expect(three.applicableLimit).toEqual({
      amountMaxYuan: 990_000,
      termMonthsMax: 36,
      reason: {
        zh: expect.stringContaining('3名合伙人'),
        en: expect.stringContaining('(provisional)'),
      },
    });
    const many = byCode(
      (await preview({ ...partnership, founder: { categories: ['veteran'], partners: 20 } }))
        .results,
    ).STARTUP_LOAN_PARTNERSHIP;
    expect(many.applicableLimit).toEqual({
      amountMaxYuan: 4_000_000,
      termMonthsMax: 36,
      reason: null,
    });
    const unsaid = byCode(
      (await preview({ ...partnership, founder: { categories: ['veteran'] } })).results,
    ).STARTUP_LOAN_PARTNERSHIP;
    expect(unsaid.applicableLimit.amountMaxYuan).toBe(4_000_000);
    expect(unsaid.applicableLimit.reason?.zh).toContain('合伙创业人数');
  });

  it('should let the founder of a one-person company apply personally for the individual start-up loan', async () => {
    const company = {
      ...graduateFounder(today),
      entityType: 'enterprise',
      uscc: usccFor(106, '91', '360102'),
      founder: { categories: ['college_graduate'], partners: 1 },
    };
    const one = byCode((await preview(company)).results).STARTUP_LOAN_INDIVIDUAL;
    expect(one).toMatchObject({ status: 'eligible', missingFacts: [] });
    expect(one.criteria.find((c) => c.id === 'single_founder')!.outcome).toBe('pass');
    const three = byCode(
      (await preview({ ...company, founder: { categories: ['college_graduate'], partners: 3 } }))
        .results,
    ).STARTUP_LOAN_INDIVIDUAL;
    expect({ status: three.status, failing: failing(three) }).toEqual({
      status: 'ineligible',
      failing: ['individual_founder', 'single_founder'],
    });
  });

  it('should apply the tech-SME limits to KEDAITONG where the general size class would pass', async () => {
    // 800 staff and 3亿 revenue: medium under the general standard, over the tech-SME limits.
    const { res, results } = await preview(
      techSme({ employees: 800, annualRevenueYuan: 300_000_000 }),
    );
    expect(res.body.derived.sizeClass).toBe('medium');
    const k = byCode(results).KEDAITONG;
    expect({ status: k.status, failing: failing(k) }).toEqual({
      status: 'ineligible',
      failing: ['tech_sme_revenue_2yi', 'tech_sme_staff_500'],
    });
    // 400 staff and 2亿 in retail: large under the general standard, within the tech-SME limits.
    const retail = await preview(
      techSme({ industryCode: 'F5271', employees: 400, annualRevenueYuan: 200_000_000 }),
    );
    expect(retail.res.body.derived.sizeClass).toBe('large');
    expect(byCode(retail.results).KEDAITONG.status).toBe('eligible');
  });

  it('should size a loading firm as transport and a private school by analogy, saying so', async () => {
    const loader = await preview(
      techSme({ industryCode: 'G5910', employees: 150, annualRevenueYuan: 25_000_000 }),
    );
    expect(loader.res.body.derived).toMatchObject({
      sizeClass: 'small',
      sizeClassBasis: { group: 6, byAnalogy: false },
    });
    const school = await preview(
      techSme({ industryCode: 'P8331', employees: 40, annualRevenueYuan: 3_000_000 }),
    );
    expect(school.res.body.derived).toMatchObject({
      sizeClass: 'small',
      sizeClassBasis: { group: 16, byAnalogy: true },
    });
    expect(school.res.body.derived.sizeClassBasis.decidedBy.zh).toContain('参照其他未列明行业');
    expect(school.res.body.derived.sizeClassBasis.decidedBy.en).toContain('by analogy');
  });

  it('should order results eligible, needs_info, ineligible, each by descending score', async () => {
    const { results } = await preview(
      techSme({ listings: ['caiyuan_recommendation', 'culture_loan_pool'] }),
    );
    const groups = results.map((r) => r.status);
    expect(groups).toEqual([...groups].sort((a, b) => STATUS_RANK[a] - STATUS_RANK[b]));
    expect(new Set(groups)).toEqual(new Set(['eligible', 'needs_info', 'ineligible']));
    const eligible = results.filter((r) => r.status === 'eligible');
    expect(eligible.map((r) => r.productCode).sort()).toEqual([
      'CAIYUAN_XINDAITONG',
      'KEDAITONG',
      'WENQIDAI',
    ]);
    for (const status of ['eligible', 'needs_info', 'ineligible'] as const) {
      const scores = results.filter((r) => r.status === status).map((r) => r.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
    }
    // A need far above a product's cap scores lower on that product than a need within it.
    const big = byCode(
      (
        await preview(
          techSme({
            financingNeed: {
              amountYuan: 20_000_000,
              termMonths: 12,
              purpose: 'working_capital',
              collateralAvailable: false,
            },
          }),
        )
      ).results,
    );
    const small = byCode(results);
    expect(big.KEDAITONG.score).toBeLessThan(small.KEDAITONG.score);
  });

  it('should store nothing and need no credentials when previewing', async () => {
    const runs = await count('match_run');
    const enterprises = await count('enterprise');
    const res = await t.http.post('/api/v1/matches/preview', techSme());
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(['derived', 'questions', 'results']);
    // With a token it is the same answer.
    const withToken = await t.http.post('/api/v1/matches/preview', techSme(), { token: sme });
    expect(withToken.body).toEqual(res.body);
    expect(await count('match_run')).toBe(runs);
    expect(await count('enterprise')).toBe(enterprises);
  });

  it('should ask a sparse enterprise the questions that settle its open answers, until none is open', async () => {
    let profile = sparseWholesaler();
    const full: Record<string, unknown> = {
      credit: {
        dishonestDebtor: false,
        overdueLoans: false,
        badCreditRecord: false,
        wageOrSocialInsuranceArrears: false,
      },
      receivables: { amountYuan: 2_000_000, debtorIsGovernmentOrLargeEnterprise: true },
      governmentProcurementContract: { amountYuan: 800_000 },
      founder: { categories: ['veteran'], partners: 2 },
      certifications: [],
      listings: [],
      inIndustrialPark: false,
      taxPaidLastYearYuan: 90_000,
      taxRelief: false,
      hiring: { newHiresLast12Months: 2, newHiresFromTargetGroups: 0 },
      jobRetentionRate: 1,
      totalAssetsYuan: 5_000_000,
      agriOperatorType: 'large_grower',
    };
    const asked: string[] = [];
    for (let step = 0; step < 15; step++) {
      const res = await t.http.post('/api/v1/matches/preview', profile);
      expect(res.status).toBe(200);
      const open = (res.body.results as Result[]).filter((r) => r.status === 'needs_info');
      const questions = res.body.questions as { field: string; label: object; settles: string[] }[];
      if (open.length === 0) {
        expect(questions).toEqual([]);
        break;
      }
      const [first] = questions;
      expect(first.label).toEqual({ zh: expect.any(String), en: expect.any(String) });
      for (const code of first.settles) expect(open.map((r) => r.productCode)).toContain(code);
      expect(asked).not.toContain(first.field);
      asked.push(first.field);
      profile = { ...profile, [first.field]: full[first.field] };
    }
    // Every product reads the credit record: it comes first.
    expect(asked[0]).toBe('credit');
    const last = await t.http.post('/api/v1/matches/preview', profile);
    expect(last.body.results.filter((r: Result) => r.status === 'needs_info')).toEqual([]);
  });

  it('should answer a compact summary with ?view=summary, and store runs whole', async () => {
    const full = await t.http.post('/api/v1/matches/preview', sparseWholesaler());
    const summary = await t.http.post('/api/v1/matches/preview?view=summary', sparseWholesaler());
    expect(summary.status).toBe(200);
    expect(summary.body.derived).toEqual(full.body.derived);
    expect(summary.body.questions).toEqual(full.body.questions);
    const fullResults = full.body.results as Result[];
    const summaryResults = summary.body.results as Result[];
    expect(summaryResults.map(({ criteria: _c, ...r }) => r)).toEqual(
      fullResults.map(({ criteria: _c, ...r }) => r),
    );
    summaryResults.forEach((r, i) => {
      expect(r.criteria).toEqual(summariseResult(fullResults[i]).criteria);
      if (r.status === 'eligible') expect(r.criteria).toEqual([]);
      // Every group an entry names is in the summary too, and (no catalogue rule has a not) every
      // entry counts against the product.
      const ids = new Set(r.criteria.map((c) => c.id));
      for (const c of r.criteria) {
        if (c.group != null) expect(ids).toContain(c.group);
        expect(c.outcome).not.toBe('pass');
      }
    });
    expect(JSON.stringify(summary.body).length).toBeLessThan(JSON.stringify(full.body).length);
    const explicit = await t.http.post('/api/v1/matches/preview?view=full', sparseWholesaler());
    expect(explicit.body).toEqual(full.body);
    const wrong = await t.http.post('/api/v1/matches/preview?view=short', sparseWholesaler());
    expect(wrong.status).toBe(400);

    // A run answered in summary is stored whole: reading it back gives every criterion.
    const profile = techSme({ uscc: usccFor(202, '91', '360111', ['M', 'C']) });
    const created = await t.http.post('/api/v1/enterprises', profile, { token: sme });
    expect(created.status).toBe(201);
    const run = await t.http.post(
      `/api/v1/enterprises/${created.body.id}/matches?view=summary`,
      undefined,
      { token: sme },
    );
    expect(run.status).toBe(201);
    for (const r of run.body.results as Result[]) {
      if (r.status === 'eligible') expect(r.criteria).toEqual([]);
      else expect(r.criteria.every((c) => c.outcome !== 'pass')).toBe(true);
    }
    const stored = await t.http.get(`/api/v1/match-runs/${run.body.id}`, { token: sme });
    expect(stored.body.results.every((r: Result) => r.criteria.length > 0)).toBe(true);
    const storedSummary = await t.http.get(`/api/v1/match-runs/${run.body.id}?view=summary`, {
      token: sme,
    });
    expect(storedSummary.body).toEqual(run.body);
  });

  it('should give deeply equal results when the same profile is previewed twice', async () => {
    for (const p of [techSme(), familyFarm(), sparseWholesaler(), largeManufacturer()]) {
      const [a, b] = await Promise.all([
        t.http.post('/api/v1/matches/preview', p),
        t.http.post('/api/v1/matches/preview', p),
      ]);
      expect(a.status).toBe(200);
      expect(b.body).toEqual(a.body);
      const c = await t.http.post('/api/v1/matches/preview', p);
      expect(c.body).toEqual(a.body);
    }
  });

  it('should store a run citing the enterprise, engine and product versions when the owner matches, and read it back unchanged', async () => {
    const profile = techSme({ uscc: usccFor(201, '91', '360111', ['M', 'B']) });
    const created = await t.http.post('/api/v1/enterprises', profile, { token: sme });
    expect(created.status).toBe(201);
    const id = created.body.id;
    const runsBefore = await count('match_run');

    const run = await t.http.post(`/api/v1/enterprises/${id}/matches`, undefined, { token: sme });
    expect(run.status).toBe(201);
    expect(run.body).toEqual({
      id: expect.stringMatching(UUID),
      enterpriseId: id,
      enterpriseVersion: 1,
      engineVersion: expect.any(String),
      asOf: today,
      createdAt: expect.any(String),
      derived: expect.objectContaining({ sizeClass: 'small' }),
      results: expect.any(Array),
      questions: expect.any(Array),
    });
    expect(run.body.engineVersion.length).toBeGreaterThan(0);
    expectWellFormed(run.body.results);
    expect(await count('match_run')).toBe(runsBefore + 1);
    // The stored run answers what the preview answers for the same profile.
    const p = await t.http.post('/api/v1/matches/preview', profile);
    expect(run.body.results).toEqual(p.body.results);
    expect(run.body.derived).toEqual(p.body.derived);
    expect(run.body.questions).toEqual(p.body.questions);

    const [row] = await t.sql<{
      enterprise_id: string;
      enterprise_version: number;
      engine_version: string;
      as_of: string;
      product_versions: { code: string; version: number }[];
    }>(
      `SELECT enterprise_id, enterprise_version, engine_version, to_char(as_of, 'YYYY-MM-DD') AS as_of, product_versions FROM match_run WHERE id = $1`,
      [run.body.id],
    );
    expect(row).toMatchObject({
      enterprise_id: id,
      enterprise_version: 1,
      engine_version: run.body.engineVersion,
      as_of: today,
    });
    expect(row.product_versions.map((v) => v.code).sort()).toEqual(SEEDED);
    // Each cited version is the one the result reports, and a published version of that product.
    const published = await t.sql<{ code: string; version: number }>(
      'SELECT p.code, v.version FROM financing_product_version v JOIN financing_product p ON p.id = v.product_id',
    );
    for (const v of row.product_versions) {
      expect(byCode(run.body.results)[v.code].productVersion).toBe(v.version);
      expect(published).toContainEqual({ code: v.code, version: v.version });
    }

    const got = await t.http.get(`/api/v1/match-runs/${run.body.id}`, { token: sme });
    expect(got.status).toBe(200);
    expect(got.body).toEqual(run.body);
    const byAdmin = await t.http.get(`/api/v1/match-runs/${run.body.id}`, { token: admin });
    expect(byAdmin.body).toEqual(run.body);
    expect(
      (await t.http.get(`/api/v1/match-runs/${run.body.id}`, { token: otherSme })).status,
    ).toBe(404);

    // After a new profile version, the next run cites version 2 and the old run is unchanged.
    const put = await t.http.put(
      `/api/v1/enterprises/${id}`,
      { ...profile, listings: ['caiyuan_recommendation'] },
      { token: sme },
    );
    expect(put.body.version).toBe(2);
    const run2 = await t.http.post(`/api/v1/enterprises/${id}/matches`, undefined, { token: sme });
    expect(run2.status).toBe(201);
    expect(run2.body.enterpriseVersion).toBe(2);
    expect(byCode(run2.body.results).CAIYUAN_XINDAITONG.status).toBe('eligible');
    expect(byCode(run.body.results).CAIYUAN_XINDAITONG.status).toBe('ineligible');
    expect((await t.http.get(`/api/v1/match-runs/${run.body.id}`, { token: sme })).body).toEqual(
      run.body,
    );
  });

  it('should match the new version when an admin publishes a changed product, and keep the old version in runs stored before', async () => {
    const created = await t.http.post(
      '/api/v1/enterprises',
      techSme({ uscc: usccFor(301, '91', '360111', ['M', 'B']) }),
      {
        token: sme,
      },
    );
    const before = await t.http.post(`/api/v1/enterprises/${created.body.id}/matches`, undefined, {
      token: sme,
    });
    const v1 = byCode(before.body.results).KEDAITONG;
    expect(v1.status).toBe('eligible');

    // Tighten the cap from 500万 to 100万: the 200万 need now exceeds it.
    const patch = await t.http.patch(
      '/api/v1/admin/products/KEDAITONG',
      { amountMaxYuan: 1_000_000 },
      { token: admin },
    );
    expect(patch.status).toBe(200);
    const published = await t.http.post('/api/v1/admin/products/KEDAITONG/publish', undefined, {
      token: admin,
    });
    expect(published.status).toBe(201);
    expect(published.body).toEqual({ code: 'KEDAITONG', version: v1.productVersion + 1 });

    const after = byCode((await preview(techSme())).results).KEDAITONG;
    expect(after).toMatchObject({ productVersion: v1.productVersion + 1, status: 'eligible' });
    expect(after.score).toBeLessThan(v1.score);
    const run = await t.http.post(`/api/v1/enterprises/${created.body.id}/matches`, undefined, {
      token: sme,
    });
    const [row] = await t.sql<{ product_versions: { code: string; version: number }[] }>(
      'SELECT product_versions FROM match_run WHERE id = $1',
      [run.body.id],
    );
    expect(row.product_versions).toContainEqual({
      code: 'KEDAITONG',
      version: v1.productVersion + 1,
    });
    const old = await t.http.get(`/api/v1/match-runs/${before.body.id}`, { token: sme });
    expect(byCode(old.body.results).KEDAITONG).toEqual(v1);
  });

  it('should stop matching a product when an admin retires it, and keep it in runs stored before', async () => {
    const created = await t.http.post('/api/v1/enterprises', culturalEnterprise(), { token: sme });
    expect(created.status).toBe(201);
    const before = await t.http.post(`/api/v1/enterprises/${created.body.id}/matches`, undefined, {
      token: sme,
    });
    expect(byCode(before.body.results).WENQIDAI.status).toBe('eligible');

    const retire = await t.http.post('/api/v1/admin/products/WENQIDAI/retire', undefined, {
      token: admin,
    });
    expect(retire.status).toBeLessThan(300);
    expectProblemStatus(
      await t.http.post('/api/v1/admin/products/WENQIDAI/retire', undefined, { token: sme }),
      403,
    );

    const after = await t.http.post('/api/v1/matches/preview', culturalEnterprise());
    expect(after.status).toBe(200);
    expect(after.body.results.map((r: Result) => r.productCode)).not.toContain('WENQIDAI');
    expectWellFormed(
      after.body.results,
      SEEDED.filter((c) => c !== 'WENQIDAI'),
    );
    const run = await t.http.post(`/api/v1/enterprises/${created.body.id}/matches`, undefined, {
      token: sme,
    });
    expect(run.body.results.map((r: Result) => r.productCode)).not.toContain('WENQIDAI');
    const [row] = await t.sql<{ product_versions: { code: string }[] }>(
      'SELECT product_versions FROM match_run WHERE id = $1',
      [run.body.id],
    );
    expect(row.product_versions.map((v) => v.code)).not.toContain('WENQIDAI');
    // History is kept: the earlier run still shows it.
    const old = await t.http.get(`/api/v1/match-runs/${before.body.id}`, { token: sme });
    expect(byCode(old.body.results).WENQIDAI.status).toBe('eligible');
  });
});

function expectProblemStatus(res: Res, status: number): void {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
}
