/**
 * needs_info only when an answer could still make the enterprise eligible (docs/rules.md): for
 * every seeded product, enterprises outside its target group get `ineligible` from the required
 * fields alone, whatever they left out. Each product names its outsiders here, so a new product
 * cannot be added without saying who it is not for.
 */
import { compileRule } from '../../src/modules/matching/engine';
import { deriveFacts, toFacts } from '../../src/modules/enterprises/domain/derived-facts';
import {
  exampleProfile,
  sparseProfile as sparse,
} from '../../src/modules/enterprises/domain/profile.fixture';
import type { EnterpriseProfile } from '../../src/modules/enterprises/domain/profile';
import { PRODUCTS } from './products';

const AS_OF = '2026-06-30';

const base = exampleProfile();
/** The three firms the audit found answered needs_info by the farm loan, and more. */
const SOFTWARE_START_UP: EnterpriseProfile = {
  ...base,
  name: '南昌某软件有限公司',
  industryCode: 'I6510',
  establishedOn: '2025-03-01',
  employees: 6,
  annualRevenueYuan: 800_000,
};
const SHOP: EnterpriseProfile = {
  ...base,
  name: '九江某便利店',
  entityType: 'individual_business',
  industryCode: 'F5271',
  employees: 3,
  annualRevenueYuan: 1_200_000,
};
/** 1,200 staff and 5亿 revenue: large under the industry standard. */
const LARGE_MANUFACTURER: EnterpriseProfile = {
  ...base,
  name: '赣州某机械制造股份有限公司',
  industryCode: 'C3421',
  employees: 1_200,
  annualRevenueYuan: 500_000_000,
};
/** 600 staff: medium by the industry standard, over the tech-SME standard's 500. */
const MIDSIZE_SOFTWARE: EnterpriseProfile = {
  ...SOFTWARE_START_UP,
  name: '南昌某信息技术股份有限公司',
  establishedOn: '2012-05-01',
  employees: 600,
  annualRevenueYuan: 150_000_000,
};
const COOPERATIVE: EnterpriseProfile = {
  ...base,
  name: '上饶某蔬菜种植专业合作社',
  entityType: 'farmer_cooperative',
  uscc: '93361100MA35FXXX0X',
  industryCode: 'A0141',
  employees: 12,
  annualRevenueYuan: 2_000_000,
};

/** By product: enterprises outside its target group, whatever their optional fields say. */
const OUTSIDERS: Record<string, EnterpriseProfile[]> = {
  // Park SMEs: a large firm is not an SME.
  CAIYUAN_XINDAITONG: [LARGE_MANUFACTURER],
  // Farm operators in agriculture: none of these is one.
  HUINONG_XINDAITONG: [SOFTWARE_START_UP, SHOP, LARGE_MANUFACTURER],
  // Tech SMEs (≤ 500 staff, ≤ 2亿 revenue).
  KEDAITONG: [MIDSIZE_SOFTWARE, LARGE_MANUFACTURER],
  // A union member's microloan for a business they run: not a large firm, not a cooperative.
  GANGONGDAI: [LARGE_MANUFACTURER, MIDSIZE_SOFTWARE, COOPERATIVE],
  // Culture SMEs in the pool: a large firm is not an SME.
  WENQIDAI: [LARGE_MANUFACTURER],
  // A person's own start-up: not a large or medium company, not a cooperative.
  STARTUP_LOAN_INDIVIDUAL: [LARGE_MANUFACTURER, MIDSIZE_SOFTWARE, COOPERATIVE],
  // Partnerships only.
  STARTUP_LOAN_PARTNERSHIP: [SOFTWARE_START_UP, SHOP, COOPERATIVE],
  // Small and micro employers.
  STARTUP_LOAN_SME: [LARGE_MANUFACTURER, MIDSIZE_SOFTWARE],
  // SME suppliers to government.
  GOV_PROCUREMENT_LOAN: [LARGE_MANUFACTURER],
  // SME suppliers with receivables.
  RECEIVABLES_FINANCING: [LARGE_MANUFACTURER],
};

function statusOf(code: string, profile: EnterpriseProfile): string {
  const product = PRODUCTS.find((p) => p.code === code)!;
  return compileRule(product.eligibility).evaluate(toFacts(profile, deriveFacts(profile, AS_OF)))
    .status;
}

describe('target groups of the seeded catalogue', () => {
  it('should name outsiders for every seeded product', () => {
    expect(Object.keys(OUTSIDERS).sort()).toEqual(PRODUCTS.map((p) => p.code).sort());
  });

  it('should leave out every optional field, keeping the required ones', () => {
    const s = sparse({ ...LARGE_MANUFACTURER, taxRelief: true, founder: { categories: [] } });
    expect(Object.keys(s).sort()).toEqual(
      [
        'annualRevenueYuan',
        'employees',
        'entityType',
        'establishedOn',
        'financingNeed',
        'industryCode',
        'name',
        'regionCode',
      ].sort(),
    );
  });

  const cases = Object.entries(OUTSIDERS).flatMap(([code, profiles]) =>
    profiles.map((profile) => [code, profile.name, profile] as const),
  );
  it.each(cases)('should find %s ineligible for %s, sparse or not', (code, _name, profile) => {
    expect(statusOf(code, sparse(profile))).toBe('ineligible');
    expect(statusOf(code, profile)).toBe('ineligible');
  });

  it('should still leave open what an answer could change for an enterprise inside the group', () => {
    // The example manufacturer (38 staff, small) left its founders out: the personal loans
    // wait for them, the farm loan does not.
    const inside = sparse(base);
    expect(statusOf('STARTUP_LOAN_INDIVIDUAL', inside)).toBe('needs_info');
    expect(statusOf('GANGONGDAI', inside)).toBe('needs_info');
    expect(statusOf('HUINONG_XINDAITONG', inside)).toBe('ineligible');
  });
});
