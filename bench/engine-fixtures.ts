/**
 * Deterministic generators for the engine benchmark: product-like rule trees, profiles with their
 * derived facts, product terms, and the translation of our rules to json-rules-engine.
 */
import type { RuleProperties, TopLevelCondition } from 'json-rules-engine';

import {
  CERTIFICATIONS,
  ENTITY_TYPES,
  FINANCING_PURPOSES,
  FOUNDER_CATEGORIES,
  LISTINGS,
  type Condition,
  type Facts,
  type FactName,
  type Operator,
  type ProductTerms,
  type Rule,
  type RuleValue,
} from '../src/modules/matching/engine';

/** mulberry32: a small seeded PRNG, so every run benchmarks the same data. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Rng = () => number;

const int = (rng: Rng, min: number, max: number): number =>
  min + Math.floor(rng() * (max - min + 1));
const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)];
const chance = (rng: Rng, p: number): boolean => rng() < p;
function subset<T>(rng: Rng, xs: readonly T[], p: number): T[] {
  return xs.filter(() => chance(rng, p));
}
function shuffle<T>(rng: Rng, xs: T[]): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [xs[i], xs[j]] = [xs[j], xs[i]];
  }
  return xs;
}

const REGIONS = [
  '360102',
  '360111',
  '360403',
  '360502',
  '360702',
  '360781',
  '361102',
  '360902',
  '360802',
  '360302',
];
const INDUSTRIES = [
  'C3982',
  'C3911',
  'C2710',
  'A0111',
  'F5211',
  'I6510',
  'E4700',
  'M7320',
  'K6620',
  'G5920',
];
const SIZE_ORDER = ['micro', 'small', 'medium', 'large'] as const;

/** A random profile merged with the derived facts, as the matching service would pass it. */
/** Optional profile fields (and the derived facts they feed) a sparse profile leaves out. */
export const SPARSE_DROPS = [
  'totalAssetsYuan',
  'inIndustrialPark',
  'taxPaidLastYearYuan',
  'jobRetentionRate',
  'founder',
  'credit',
  'hasCreditIssues',
  'hiring',
  'targetGroupHireShare',
  'certifications',
  'listings',
];

export function randomFacts(rng: Rng): Facts {
  const industryCode = pick(rng, INDUSTRIES);
  const regionCode = pick(rng, REGIONS);
  const year = int(rng, 2005, 2024);
  const establishedOn = `${year}-${String(int(rng, 1, 12)).padStart(2, '0')}-${String(int(rng, 1, 28)).padStart(2, '0')}`;
  const employees = int(rng, 1, 600);
  const facts: Facts = {
    uscc: '91360100MA35FXXX4W',
    name: '南昌某电子科技有限公司',
    entityType: chance(rng, 0.8) ? 'enterprise' : pick(rng, ENTITY_TYPES),
    regionCode,
    industryCode,
    establishedOn,
    employees,
    annualRevenueYuan: int(rng, 100_000, 500_000_000),
    certifications: subset(rng, CERTIFICATIONS, 0.2),
    listings: subset(rng, LISTINGS, 0.15),
    financingNeed: {
      amountYuan: int(rng, 10, 2000) * 10_000,
      termMonths: pick(rng, [6, 12, 24, 36, 60]),
      purpose: pick(rng, FINANCING_PURPOSES),
      collateralAvailable: chance(rng, 0.4),
    },
    // derived
    sizeClass:
      employees < 20 ? 'micro' : employees < 300 ? 'small' : employees < 500 ? 'medium' : 'large',
    yearsInOperation: 2025 - year,
    cityCode: `${regionCode.slice(0, 4)}00`,
    industrySection: industryCode[0],
    industryDivision: industryCode.slice(1, 3),
  };
  if (chance(rng, 0.6)) facts.totalAssetsYuan = int(rng, 100_000, 400_000_000);
  if (chance(rng, 0.8)) facts.inIndustrialPark = chance(rng, 0.6);
  if (chance(rng, 0.8)) facts.taxPaidLastYearYuan = int(rng, 0, 2_000_000);
  if (chance(rng, 0.7)) facts.jobRetentionRate = Math.round(rng() * 100) / 100;
  if (chance(rng, 0.2)) facts.founder = { categories: subset(rng, FOUNDER_CATEGORIES, 0.2) };
  if (chance(rng, 0.85)) {
    const credit = {
      dishonestDebtor: chance(rng, 0.05),
      overdueLoans: chance(rng, 0.1),
      badCreditRecord: chance(rng, 0.08),
      wageOrSocialInsuranceArrears: chance(rng, 0.05),
    };
    facts.credit = credit;
    facts.hasCreditIssues = Object.values(credit).some(Boolean);
  }
  if (chance(rng, 0.6)) {
    const newHiresLast12Months = int(rng, 0, 50);
    const newHiresFromTargetGroups = int(rng, 0, newHiresLast12Months);
    facts.hiring = { newHiresLast12Months, newHiresFromTargetGroups };
    facts.targetGroupHireShare = newHiresFromTargetGroups / employees;
  }
  return facts;
}

/** A realistic product rule tree with 8–15 conditions. */
export function randomRule(rng: Rng): Rule {
  let n = 0;
  const c = (fact: FactName, operator: Operator, value: RuleValue, hint = false): Condition => ({
    id: `c${n++}`,
    fact,
    operator,
    value,
    label: { zh: `条件${n}`, en: `Condition ${n}` },
    ...(hint ? { hint: { zh: `提示：${fact}`, en: `Hint: ${fact}` } } : {}),
  });
  const sizes = SIZE_ORDER.slice(0, int(rng, 2, 3));
  const core: Rule[] = [
    c('sizeClass', 'in', sizes),
    c('yearsInOperation', 'greaterThanInclusive', int(rng, 1, 5), true),
    c('credit.dishonestDebtor', 'equal', false),
    c('financingNeed.amountYuan', 'lessThanInclusive', pick(rng, [3, 5, 10, 20]) * 1_000_000),
  ];
  const optional: (() => Rule)[] = [
    () => c('certifications', 'contains', pick(rng, CERTIFICATIONS), true),
    () => c('credit.overdueLoans', 'equal', false),
    () => c('credit.badCreditRecord', 'equal', false),
    () => c('hasCreditIssues', 'equal', false),
    () => c('financingNeed.termMonths', 'lessThanInclusive', pick(rng, [12, 24, 36])),
    () => c('entityType', 'in', ['enterprise', 'individual_business']),
    () =>
      c(
        'cityCode',
        'in',
        subset(rng, ['360100', '360400', '360500', '360700', '361100'], 0.6).concat('360100'),
      ),
    () => c('taxPaidLastYearYuan', 'greaterThanInclusive', 50_000, true),
    () => c('employees', 'lessThanInclusive', 300),
    () => c('annualRevenueYuan', 'lessThanInclusive', 400_000_000),
    () => c('establishedOn', 'lessThanInclusive', '2022-06-30'),
    () => ({ not: c('industrySection', 'in', ['K', 'L']) }),
    () =>
      c(
        'financingNeed.purpose',
        'in',
        subset(rng, FINANCING_PURPOSES, 0.5).concat('working_capital'),
      ),
    () => c('jobRetentionRate', 'greaterThanInclusive', 0.8),
  ];
  const extra = shuffle(rng, optional)
    .slice(0, int(rng, 1, 8))
    .map((make) => make());
  const alternatives: Rule = {
    any: [
      c('listings', 'contains', 'caiyuan_recommendation', true),
      c('targetGroupHireShare', 'greaterThanInclusive', 0.15),
      c('inIndustrialPark', 'equal', true),
    ],
  };
  return { all: [...core, ...extra, alternatives] };
}

/** Random product terms, like the catalogue's. */
export function randomTerms(rng: Rng): ProductTerms {
  return {
    amountMinYuan: chance(rng, 0.3) ? int(rng, 1, 50) * 10_000 : null,
    amountMaxYuan: chance(rng, 0.9) ? pick(rng, [100, 300, 500, 1000, 2000]) * 10_000 : null,
    termMonthsMax: chance(rng, 0.85) ? pick(rng, [12, 24, 36, 60]) : null,
    rate: chance(rng, 0.7)
      ? { basis: 'LPR_1Y', ...(chance(rng, 0.8) ? { spreadMaxBp: int(rng, -20, 300) } : {}) }
      : { basis: 'FIXED', ...(chance(rng, 0.8) ? { fixedBp: int(rng, 250, 900) } : {}) },
    collateral: pick(rng, ['none', 'guarantee', 'collateral', 'any'] as const),
    ...(chance(rng, 0.5) ? { guaranteeFeeMaxBp: int(rng, 0, 150) } : {}),
  };
}

type JreNode = TopLevelCondition | { fact: string; operator: string; value: unknown };

function toJreNode(rule: Rule): JreNode {
  if ('all' in rule) return { all: rule.all.map(toJreNode) };
  if ('any' in rule) return { any: rule.any.map(toJreNode) };
  if ('not' in rule) return { not: toJreNode(rule.not) };
  return { fact: rule.fact, operator: rule.operator, value: rule.value };
}

/** The same tree as a json-rules-engine rule (its root must be all/any/not). */
export function toJreRule(rule: Rule): RuleProperties {
  const root = toJreNode(rule);
  const conditions = ('fact' in root ? { all: [root] } : root) as TopLevelCondition;
  return { conditions, event: { type: 'eligible' } };
}

/** Nested facts flattened to dotted keys (`credit.dishonestDebtor`), json-rules-engine's fact ids. */
export function flattenFacts(
  facts: Facts,
  prefix = '',
  out: Record<string, unknown> = {},
): Record<string, unknown> {
  for (const [key, value] of Object.entries(facts)) {
    const path = prefix + key;
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      flattenFacts(value as Facts, `${path}.`, out);
    } else {
      out[path] = value;
    }
  }
  return out;
}
