/**
 * The seeded catalogue's answers that the matching e2e tests hold (test/e2e/matching.e2e-spec.ts),
 * checked here without a database: the products as seeded, matched by the engine as the matching
 * service matches them.
 */
import { deriveFacts, toFacts } from '../../src/modules/enterprises/domain/derived-facts';
import type { EnterpriseProfile } from '../../src/modules/enterprises/domain/profile';
import { exampleProfile } from '../../src/modules/enterprises/domain/profile.fixture';
import { matchProducts, type MatchResult } from '../../src/modules/matching/engine';
import { seededCatalogue } from './matchable.fixture';

const AS_OF = '2026-06-30';
const OPTS = { asOf: AS_OF, lpr1yBp: 300 };

function match(profile: EnterpriseProfile) {
  const derived = deriveFacts(profile, AS_OF);
  const results = matchProducts(seededCatalogue(), toFacts(profile, derived), OPTS);
  const byCode = Object.fromEntries(results.map((r) => [r.productCode, r]));
  return { derived, results, byCode };
}

const failing = (r: MatchResult): string[] =>
  r.criteria
    .filter((c) => c.outcome === 'fail' && !c.kind)
    .map((c) => c.id)
    .sort();

describe('财园信贷通 (CAIYUAN_XINDAITONG) on the seeded catalogue', () => {
  // A park SME with the recommendation letter, 7 years old, wanting working capital, that paid
  // 20,000 yuan tax last year: below the 50,000 yuan the product asks for unless it is relieved.
  const lowTax = (taxRelief?: boolean): EnterpriseProfile => ({
    ...exampleProfile(),
    listings: ['caiyuan_recommendation'],
    taxPaidLastYearYuan: 20_000,
    ...(taxRelief === undefined ? {} : { taxRelief }),
  });

  it('should find a park SME paying little tax eligible when it is relieved of tax', () => {
    const r = match(lowTax(true)).byCode.CAIYUAN_XINDAITONG;
    expect(r).toMatchObject({ status: 'eligible', missingFacts: [], hints: [] });
  });

  it('should find it ineligible when it is not relieved, naming the tax conditions', () => {
    const r = match(lowTax(false)).byCode.CAIYUAN_XINDAITONG;
    expect({ status: r.status, failing: failing(r) }).toEqual({
      status: 'ineligible',
      failing: ['tax_paid_last_year_50k', 'tax_relief'],
    });
    expect(r.hints.map((h) => h.en)).toEqual([
      'Apply with 50,000 yuan tax paid last year, or with a tax exemption or preference',
    ]);
  });

  it('should leave it needs_info, asking for tax relief, when the SME does not say', () => {
    const r = match(lowTax()).byCode.CAIYUAN_XINDAITONG;
    expect(r).toMatchObject({ status: 'needs_info', missingFacts: ['taxRelief'] });
  });

  it('should name no park level in its park condition: the sources name none', () => {
    const r = match(lowTax(true)).byCode.CAIYUAN_XINDAITONG;
    const park = r.criteria.find((c) => c.id === 'in_industrial_park')!;
    expect(park).toMatchObject({ outcome: 'pass' });
    expect(park.label).toEqual({ zh: '位于工业园区', en: 'Located in an industrial park' });
    expect(park.label.zh).not.toMatch(/省级|国家级|市级/);
    expect(park.label.en).not.toMatch(/provincial|national|city-level/i);
  });
});

describe('科贷通 (KEDAITONG) on the seeded catalogue', () => {
  // A software firm (I6510) with 1.5亿 revenue, registered tech-based SME: large by the general
  // size standard from 300 staff, but within the tech-SME limits up to 500 staff.
  const softwareFirm = (employees: number): EnterpriseProfile => ({
    ...exampleProfile(),
    industryCode: 'I6510',
    employees,
    annualRevenueYuan: 150_000_000,
    certifications: ['tech_sme'],
  });

  it('should find a 400-staff software firm eligible though it is large by the general standard', () => {
    const { derived, byCode } = match(softwareFirm(400));
    expect(derived.sizeClass).toBe('large');
    expect(byCode.KEDAITONG).toMatchObject({ status: 'eligible', missingFacts: [] });
    // Products for SMEs by the general standard are not open to it.
    expect(failing(byCode.CAIYUAN_XINDAITONG)).toContain('size_sme');
  });

  it('should find the same firm with 600 staff ineligible for the staff limit alone', () => {
    const { derived, byCode } = match(softwareFirm(600));
    expect(derived.sizeClass).toBe('large');
    expect({ status: byCode.KEDAITONG.status, failing: failing(byCode.KEDAITONG) }).toEqual({
      status: 'ineligible',
      failing: ['tech_sme_staff_500'],
    });
  });
});

describe('ranking of products whose cap the sources leave unknown', () => {
  const contractor = (o: Partial<EnterpriseProfile> = {}): EnterpriseProfile => ({
    ...exampleProfile(),
    listings: ['caiyuan_recommendation'],
    taxRelief: false,
    governmentProcurementContract: { amountYuan: 1_500_000 },
    receivables: { amountYuan: 3_000_000, debtorIsGovernmentOrLargeEnterprise: true },
    ...o,
  });
  const need = (
    amountYuan: number,
    termMonths: number,
    collateralAvailable = false,
  ): EnterpriseProfile['financingNeed'] => ({
    amountYuan,
    termMonths,
    purpose: 'working_capital',
    collateralAvailable,
  });
  // Park SMEs with a procurement contract, eligible for several products with known caps.
  const PROFILES: [string, EnterpriseProfile][] = [
    ['2 million for 12 months', contractor()],
    ['8 million for 12 months', contractor({ financingNeed: need(8_000_000, 12) })],
    [
      '300,000 for 6 months, collateral offered',
      contractor({ financingNeed: need(300_000, 6, true) }),
    ],
    [
      'a culture firm in the pool: 3 million for 24 months',
      contractor({
        industryCode: 'R8710',
        certifications: ['cultural_enterprise'],
        listings: ['culture_loan_pool'],
        financingNeed: need(3_000_000, 24),
      }),
    ],
  ];

  it.each(PROFILES)(
    'should rank every product whose known cap fits the need above GOV_PROCUREMENT_LOAN: %s',
    (_name, profile) => {
      const { results, byCode } = match(profile);
      const { amountYuan, termMonths } = profile.financingNeed;
      const eligible = results.filter((r) => r.status === 'eligible');
      expect(eligible.length).toBeGreaterThanOrEqual(3);
      const unknownCap = eligible.filter((r) => r.applicableLimit.amountMaxYuan === null);
      expect(unknownCap.map((r) => r.productCode)).toContain('GOV_PROCUREMENT_LOAN');
      expect(byCode.GOV_PROCUREMENT_LOAN.applicableLimit.amountMaxYuan).toBeNull();
      const fits = eligible.filter(
        ({ applicableLimit: l }) =>
          l.amountMaxYuan !== null &&
          l.amountMaxYuan >= amountYuan &&
          l.termMonthsMax !== null &&
          l.termMonthsMax >= termMonths,
      );
      expect(fits.length).toBeGreaterThan(0);
      for (const unknown of unknownCap) {
        for (const known of fits) {
          const pair = { known: known.productCode, unknown: unknown.productCode };
          expect({ ...pair, above: known.score > unknown.score }).toEqual({ ...pair, above: true });
          expect({ ...pair, before: results.indexOf(known) < results.indexOf(unknown) }).toEqual({
            ...pair,
            before: true,
          });
        }
      }
    },
  );
});
