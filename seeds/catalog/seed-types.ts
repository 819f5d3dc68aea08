/**
 * Types of the seed catalogue: financing products and partner banks as data (spec: api.md,
 * "Catalogue" and "Partner banks"; rule language: rules.md).
 *
 * The rule types are declared here on purpose, not imported from the matching engine: the engine
 * is built separately and the seed data must only depend on the fact vocabulary (`facts.ts`). The
 * shapes are those of rules.md, so a seed rule is accepted by any engine that implements the spec.
 */
import type { FactName } from '../../src/modules/matching/engine/facts';

/** A bilingual text: every name, label, hint and note is shown in Chinese and English. */
export interface Text {
  zh: string;
  en: string;
}

/** The condition operators of rules.md (json-rules-engine's vocabulary). */
export const OPERATORS = [
  'equal',
  'notEqual',
  'lessThan',
  'lessThanInclusive',
  'greaterThan',
  'greaterThanInclusive',
  'in',
  'notIn',
  'contains',
  'doesNotContain',
] as const;

/** One of {@link OPERATORS}. */
export type Operator = (typeof OPERATORS)[number];

/** A constant a condition compares a fact with. */
export type Scalar = string | number | boolean;

/** A condition's `value`: a scalar, or an array of scalars for `in` / `notIn`. */
export type ConditionValue = Scalar | readonly Scalar[];

/** A leaf of the rule tree: compares one fact (a `FACTS` key) with a constant. */
export interface Condition {
  /** snake_case, unique within the product's rule; reported back in a match's `criteria`. */
  id: string;
  fact: FactName;
  operator: Operator;
  value: ConditionValue;
  label: Text;
  /** What the enterprise can do about it; shown when the condition fails or is unknown. */
  hint?: Text;
}

/** Passes when every child passes. */
export interface AllRule {
  all: Rule[];
  label?: Text;
}

/** Passes when some child passes. */
export interface AnyRule {
  any: Rule[];
  label?: Text;
}

/** Swaps pass and fail of its child. */
export interface NotRule {
  not: Rule;
  label?: Text;
}

/** A product's `eligibility` tree (rules.md). */
export type Rule = AllRule | AnyRule | NotRule | Condition;

/** `category` values of api.md. */
export const PRODUCT_CATEGORIES = [
  'policy_credit_loan',
  'guarantee_loan',
  'receivables_financing',
  'procurement_contract_financing',
  'startup_guarantee_loan',
  'bond_financing',
] as const;
export type ProductCategory = (typeof PRODUCT_CATEGORIES)[number];

/** What the borrower must provide: nothing, a guarantee, collateral, or not settled / any. */
export const COLLATERAL_REQUIREMENTS = ['none', 'guarantee', 'collateral', 'any'] as const;
export type CollateralRequirement = (typeof COLLATERAL_REQUIREMENTS)[number];

export const RATE_BASES = ['LPR_1Y', 'FIXED'] as const;
export type RateBasis = (typeof RATE_BASES)[number];

/**
 * The price rule. `LPR_1Y` with `spreadMaxBp` caps the rate at the 1-year LPR plus that many basis
 * points; `LPR_1Y` without a spread means the sources give no cap. `FIXED` needs `fixedBp`.
 */
export interface RateRule {
  basis: RateBasis;
  spreadMaxBp?: number;
  fixedBp?: number;
}

/**
 * A product as seeded: api.md's Product without `status` and `version` (seeding creates and
 * publishes the versions) and without `validFrom` / `validTo` (no source dates a current
 * programme).
 *
 * Money is integer yuan (万元 × 10 000). `amountMaxYuan` / `termMonthsMax` null: the sources
 * give no limit, so the product is `provisional` and its `note` says so. `amountMinYuan` null:
 * the sources state no minimum (none of them does).
 */
export interface SeedProduct {
  code: string;
  name: Text;
  category: ProductCategory;
  administrator: Text;
  summary: Text;
  amountMinYuan: number | null;
  amountMaxYuan: number | null;
  termMonthsMax: number | null;
  rate: RateRule;
  collateral: CollateralRequirement;
  guaranteeFeeMaxBp?: number;
  interestSubsidy?: Text;
  eligibility: Rule;
  /** Codes of {@link SeedBank}s in banks.ts. */
  partnerBankCodes: string[];
  /** The programs.md source URLs that support the product. */
  sourceUrls: string[];
  /** True when the sources do not settle the product's rules; `note` says what is unsettled. */
  provisional: boolean;
  note?: Text;
}

/** A partner bank as seeded (demo banks: no webhook URL; an admin adds one to go live). */
export interface SeedBank {
  code: string;
  name: Text;
  /** Jiangxi city codes (e.g. 360100) or county codes (regions.json) the bank lends in. */
  regionCodes: string[];
}
