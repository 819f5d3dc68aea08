/**
 * The interview on the seeded catalogue (issue 9): an SME that starts from a sparse profile and
 * answers the first question each time, with the values of its full profile, reaches a result with
 * nothing left open, and is never asked a field that no open answer depends on.
 */
import fc from 'fast-check';

import { seededCatalogue } from '../../../../seeds/catalog/matchable.fixture';
import { deriveFacts, toFacts } from '../../enterprises/domain/derived-facts';
import { questionFieldsOf } from '../../enterprises/domain/fact-inputs';
import type { EnterpriseProfile } from '../../enterprises/domain/profile';
import { exampleProfile } from '../../enterprises/domain/profile.fixture';
import { matchAndAsk, type MatchableProduct } from './match';
import { defaultFieldsOf } from './questions';
import { resolveFacts } from './resolve-facts';
import type { FactName } from './facts';

const AS_OF = '2026-06-30';
const OPTS = { asOf: AS_OF, lpr1yBp: 300 };

const compileCatalogue = (): MatchableProduct[] => seededCatalogue();

// Compiled once per test, never at load: StrykerJS counts code run outside a test as covered by no
// test ("static") and re-runs the whole suite for each mutant in it.
let compiledFor: { test: string | undefined; catalogue: MatchableProduct[] } | undefined;
function catalogue(): MatchableProduct[] {
  const test = expect.getState().currentTestName;
  if (compiledFor === undefined || compiledFor.test !== test) {
    compiledFor = { test, catalogue: compileCatalogue() };
  }
  return compiledFor.catalogue;
}

function ask(profile: EnterpriseProfile) {
  const derived = deriveFacts(profile, AS_OF);
  const facts = toFacts(profile, derived);
  const fieldsOf = questionFieldsOf(derived);
  const answer = matchAndAsk(catalogue(), facts, { ...OPTS, fieldsOf });
  // The fields each open result waits for, as the interview maps facts to fields.
  const values = resolveFacts(facts).values;
  const waitsFor = (missing: readonly string[]): Set<string> =>
    new Set(missing.flatMap((f) => fieldsOf(f as FactName) ?? defaultFieldsOf(f, values)));
  return { ...answer, waitsFor };
}

const get = (o: unknown, path: string): unknown =>
  path
    .split('.')
    .reduce<unknown>(
      (at, k) =>
        typeof at === 'object' && at !== null ? (at as Record<string, unknown>)[k] : undefined,
      o,
    );

function withAnswer(profile: EnterpriseProfile, hidden: EnterpriseProfile, field: string) {
  const [head, leaf] = field.split('.');
  const copy = { ...profile } as Record<string, unknown>;
  if (leaf === undefined) copy[head] = get(hidden, head);
  else copy[head] = { ...(copy[head] as object), [leaf]: get(hidden, field) };
  return copy as unknown as EnterpriseProfile;
}

const OPTIONAL = [
  'totalAssetsYuan',
  'inIndustrialPark',
  'certifications',
  'agriOperatorType',
  'founder',
  'hiring',
  'credit',
  'receivables',
  'governmentProcurementContract',
  'listings',
  'taxPaidLastYearYuan',
  'taxRelief',
  'jobRetentionRate',
] as const;

const CLEAN = {
  dishonestDebtor: false,
  overdueLoans: false,
  badCreditRecord: false,
  wageOrSocialInsuranceArrears: false,
};

/** Complete profiles: every optional field given, founders' partners included. */
const HIDDEN: EnterpriseProfile[] = [
  {
    ...exampleProfile(),
    agriOperatorType: 'leading_enterprise',
    founder: { categories: ['high_level_talent'], partners: 2 },
    hiring: { newHiresLast12Months: 6, newHiresFromTargetGroups: 2 },
    receivables: { amountYuan: 3_000_000, debtorIsGovernmentOrLargeEnterprise: true },
    governmentProcurementContract: { amountYuan: 1_500_000 },
    taxRelief: false,
    jobRetentionRate: 0.95,
  },
  {
    // A start-up partnership of three graduates.
    ...exampleProfile(),
    uscc: undefined,
    entityType: 'partnership',
    industryCode: 'I6513',
    establishedOn: '2026-01-10',
    employees: 3,
    annualRevenueYuan: 0,
    totalAssetsYuan: 200_000,
    inIndustrialPark: false,
    certifications: [],
    agriOperatorType: undefined as never,
    founder: { categories: ['college_graduate'], partners: 3 },
    hiring: { newHiresLast12Months: 0, newHiresFromTargetGroups: 0 },
    credit: CLEAN,
    receivables: { amountYuan: 0, debtorIsGovernmentOrLargeEnterprise: false },
    governmentProcurementContract: { amountYuan: 0 },
    listings: [],
    taxPaidLastYearYuan: 0,
    taxRelief: true,
    jobRetentionRate: 1,
    financingNeed: {
      amountYuan: 600_000,
      termMonths: 24,
      purpose: 'startup',
      collateralAvailable: false,
    },
  },
  {
    // A family farm growing navel oranges in 赣州.
    ...exampleProfile(),
    entityType: 'family_farm',
    regionCode: '360702',
    industryCode: 'A0151',
    employees: 6,
    annualRevenueYuan: 900_000,
    totalAssetsYuan: 1_500_000,
    inIndustrialPark: false,
    certifications: [],
    agriOperatorType: 'family_farm',
    founder: { categories: ['returning_migrant_worker', 'trade_union_member'], partners: 1 },
    hiring: { newHiresLast12Months: 2, newHiresFromTargetGroups: 2 },
    credit: { ...CLEAN, overdueLoans: true },
    receivables: { amountYuan: 50_000, debtorIsGovernmentOrLargeEnterprise: false },
    governmentProcurementContract: { amountYuan: 0 },
    listings: [],
    taxPaidLastYearYuan: 1_000,
    taxRelief: true,
    jobRetentionRate: 0.5,
    financingNeed: {
      amountYuan: 300_000,
      termMonths: 12,
      purpose: 'agriculture',
      collateralAvailable: true,
    },
  },
  {
    // A cultural firm in the pool, construction-sized assets unknown until asked.
    ...exampleProfile(),
    industryCode: 'R8710',
    employees: 60,
    annualRevenueYuan: 30_000_000,
    totalAssetsYuan: 40_000_000,
    certifications: ['cultural_enterprise'],
    agriOperatorType: undefined as never,
    founder: { categories: ['model_worker', 'trade_union_member'], partners: 1 },
    hiring: { newHiresLast12Months: 20, newHiresFromTargetGroups: 4 },
    credit: CLEAN,
    receivables: { amountYuan: 8_000_000, debtorIsGovernmentOrLargeEnterprise: true },
    governmentProcurementContract: { amountYuan: 2_000_000 },
    listings: ['culture_loan_pool', 'caiyuan_recommendation'],
    taxPaidLastYearYuan: 600_000,
    taxRelief: false,
    jobRetentionRate: 0.9,
  },
  {
    // A construction firm: its size class needs total assets.
    ...exampleProfile(),
    industryCode: 'E4710',
    employees: 120,
    annualRevenueYuan: 50_000_000,
    totalAssetsYuan: 30_000_000,
    certifications: ['specialized_sme'],
    agriOperatorType: undefined as never,
    founder: { categories: ['veteran'], partners: 4 },
    hiring: { newHiresLast12Months: 30, newHiresFromTargetGroups: 20 },
    credit: CLEAN,
    receivables: { amountYuan: 10_000_000, debtorIsGovernmentOrLargeEnterprise: true },
    governmentProcurementContract: { amountYuan: 5_000_000 },
    listings: ['industry_finance_whitelist', 'financing_coordination_list'],
    taxPaidLastYearYuan: 900_000,
    taxRelief: false,
    jobRetentionRate: 0.97,
  },
].map((p) => {
  // `undefined as never` above stands for "not an agricultural operator": drop the key.
  const out = { ...p } as Record<string, unknown>;
  for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
  return out as unknown as EnterpriseProfile;
});

function sparse(hidden: EnterpriseProfile, drop: readonly string[]): EnterpriseProfile {
  const out = { ...hidden } as Record<string, unknown>;
  for (const k of drop) delete out[k];
  return out as unknown as EnterpriseProfile;
}

/** Answers the first question until nothing is open; returns the fields asked. */
function interviewFrom(start: EnterpriseProfile, hidden: EnterpriseProfile): string[] {
  const asked: string[] = [];
  let profile = start;
  for (;;) {
    const { results, questions, waitsFor } = ask(profile);
    const open = results.filter((r) => r.status === 'needs_info');
    if (open.length === 0) {
      expect(questions).toEqual([]);
      return asked;
    }
    expect(questions.length).toBeGreaterThan(0);
    const [first] = questions;
    // Never a field already answered, never one that no open answer waits for.
    expect(asked).not.toContain(first.field);
    expect(get(profile, first.field)).toBeUndefined();
    expect(open.some((r) => waitsFor(r.missingFacts).has(first.field))).toBe(true);
    // Every question is about some open product, and each settled product is an open one.
    for (const q of questions) {
      expect(open.some((r) => waitsFor(r.missingFacts).has(q.field))).toBe(true);
      for (const code of q.settles) expect(open.map((r) => r.productCode)).toContain(code);
    }
    // The first question settles the most products.
    expect(first.settles.length).toBe(Math.max(...questions.map((q) => q.settles.length)));
    asked.push(first.field);
    profile = withAnswer(profile, hidden, first.field);
    // What the first question said it would settle is settled by the real answer.
    const after = ask(profile).results;
    for (const code of first.settles) {
      expect(after.find((r) => r.productCode === code)?.status).not.toBe('needs_info');
    }
    expect(asked.length).toBeLessThanOrEqual(OPTIONAL.length + 2);
  }
}

describe('the interview on the seeded catalogue', () => {
  it.each(HIDDEN.map((h, i) => [i, h] as const))(
    'should reach a fully decided result for hidden profile %i with every optional field left out',
    (_i, hidden) => {
      const asked = interviewFrom(sparse(hidden, OPTIONAL), hidden);
      expect(asked.length).toBeGreaterThan(0);
    },
  );

  it('should reach a fully decided result from any sparse version of the hidden profiles', () => {
    fc.assert(
      fc.property(fc.constantFrom(...HIDDEN), fc.subarray([...OPTIONAL]), (hidden, drop) => {
        interviewFrom(sparse(hidden, drop), hidden);
      }),
      { numRuns: 120 },
    );
  });

  it('should ask a sparse enterprise first about its credit record, which every product reads', () => {
    const hidden = HIDDEN[0];
    const { questions } = ask(sparse(hidden, OPTIONAL));
    expect(questions[0]).toMatchObject({
      field: 'credit',
      label: { zh: '信用状况', en: 'Credit record' },
    });
  });

  it('should ask for total assets when the size class of a construction firm needs them', () => {
    const hidden = HIDDEN[4];
    const { questions } = ask(sparse(hidden, ['totalAssetsYuan']));
    expect(questions.map((q) => q.field)).toEqual(['totalAssetsYuan']);
    expect(questions[0].settles.length).toBeGreaterThan(0);
  });
});
