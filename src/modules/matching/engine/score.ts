/**
 * The fit score (0–100) of a product for an enterprise's stated financing need (docs/api.md):
 * amount, term, collateral and cost. Eligibility is decided by the rule; the score only orders.
 */
import type { FinancingPurpose } from './facts';

/** The `financingNeed` of a profile (docs/rules.md). */
export interface FinancingNeed {
  amountYuan: number;
  termMonths: number;
  purpose: FinancingPurpose;
  collateralAvailable: boolean;
}

/**
 * The terms of a product that the score compares with the need. A null minimum means none; a null
 * maximum amount or term means the sources leave it unknown.
 */
export interface ProductTerms {
  amountMinYuan: number | null;
  amountMaxYuan: number | null;
  termMonthsMax: number | null;
  /** `LPR_1Y`: the 1-year loan prime rate plus at most `spreadMaxBp`; `FIXED`: `fixedBp` a year. */
  rate: { basis: 'LPR_1Y' | 'FIXED'; spreadMaxBp?: number; fixedBp?: number };
  /** What the borrower must put up: nothing, a guarantee, collateral, or either. */
  collateral: 'none' | 'guarantee' | 'collateral' | 'any';
  /** Guarantee fee a year, in basis points of the loan, when a guarantor charges one. */
  guaranteeFeeMaxBp?: number;
}

/** Inputs of the score that are not the product or the need. */
export interface ScoreOptions {
  /** The current 1-year LPR in basis points (e.g. 300 for 3.00%). */
  lpr1yBp: number;
}

/** Component weights; they sum to 100. */
export const SCORE_WEIGHTS = { amount: 40, term: 25, collateral: 20, cost: 15 } as const;

/** Annual cost above the LPR at which the cost component reaches 0. */
export const COST_ZERO_ABOVE_LPR_BP = 700;
/** Cost component when the product's cost is not known. */
export const UNKNOWN_COST_POINTS = 8;

/** The score formula in Markdown, quoted by the README and the API docs. */
export const SCORE_FORMULA_DOC = `### Fit score (0–100)

The score orders products within a status group; it never decides eligibility. It is the sum of four
components, rounded to the nearest integer:

| component | weight | how |
|---|---|---|
| amount | 40 | need within [min, max] → 40; above max → 40 × max / need; below min → 40 × need / min; max unknown → 20 (or less when below min) |
| term | 25 | need ≤ the product's longest term → 25; else 25 × max term / need; longest term unknown → 12.5 |
| collateral | 20 | product needs none → 20; a guarantee → 15; collateral → 20 if the enterprise can offer collateral, else 0; collateral or guarantee ("any") → 20 if it can, else 12 |
| cost | 15 | annual cost = (LPR 1Y + max spread, or the fixed rate) + max guarantee fee, in bp; 15 at ≤ LPR, 0 at ≥ LPR + 700 bp, linear between; unknown cost (no max spread, or no fixed rate) → 8 |

- A product with no minimum amount has no lower bound. A maximum amount or longest term the product
  leaves unknown (null) scores half the component, the same as a need left unstated, so an unknown
  cap never ranks above a known cap that fits the need.
- The limits are the ones that apply to the enterprise (\`applicableLimit\`: a conditional limit
  whose condition holds, else the product's own).
- A need field that is missing (amount, term, whether collateral is available) gives half the
  component's weight, when the component depends on it (amount 20, term 12.5, collateral 10).
- Ties within a status group are broken by product code, ascending.
`;

function isPositive(value: unknown): value is number {
  // Stryker disable next-line ConditionalExpression: Number.isFinite is false for every non-number, so the typeof test only narrows the type
  return typeof value === 'number' && Number.isFinite(value) && value > 0;
}

function amountPoints(terms: ProductTerms, amount: unknown): number {
  const w = SCORE_WEIGHTS.amount;
  const { amountMinYuan: min, amountMaxYuan: max } = terms;
  if (!isPositive(amount)) return w / 2;
  // Stryker disable next-line EqualityOperator: at amount = max, w × max / amount is w, and with max = 0 both branches give 0
  if (max !== null && amount > max) return max > 0 ? (w * max) / amount : 0;
  // An unknown cap scores like an unstated need: never better than a known cap that fits.
  const ceiling = max === null ? w / 2 : w;
  // Stryker disable next-line EqualityOperator: at amount = min, w × amount / min is w, never below the ceiling
  if (min !== null && amount < min) return Math.min(ceiling, (w * amount) / min);
  return ceiling;
}

function termPoints(terms: ProductTerms, term: unknown): number {
  const w = SCORE_WEIGHTS.term;
  const max = terms.termMonthsMax;
  if (max === null || !isPositive(term)) return w / 2;
  // Stryker disable next-line EqualityOperator: at term = max, w × max / term is w
  return term <= max ? w : (w * Math.max(max, 0)) / term;
}

function collateralPoints(terms: ProductTerms, available: unknown): number {
  const w = SCORE_WEIGHTS.collateral;
  switch (terms.collateral) {
    case 'none':
      return w;
    case 'guarantee':
      return 15;
    case 'collateral':
      if (typeof available !== 'boolean') return w / 2;
      return available ? w : 0;
    case 'any':
      if (typeof available !== 'boolean') return w / 2;
      return available ? w : 12;
  }
}

function costPoints(terms: ProductTerms, lpr1yBp: number): number {
  const w = SCORE_WEIGHTS.cost;
  const { rate } = terms;
  const base = rate.basis === 'LPR_1Y' ? rate.spreadMaxBp : rate.fixedBp;
  // Stryker disable next-line ConditionalExpression: Number.isFinite is false for every non-number, so the typeof test only narrows the type
  if (typeof base !== 'number' || !Number.isFinite(base)) return UNKNOWN_COST_POINTS;
  const costBp = (rate.basis === 'LPR_1Y' ? lpr1yBp + base : base) + (terms.guaranteeFeeMaxBp ?? 0);
  const above = costBp - lpr1yBp;
  // Stryker disable next-line EqualityOperator: at above = 0 the linear part gives w too
  if (above <= 0) return w;
  // Stryker disable next-line EqualityOperator: at above = COST_ZERO_ABOVE_LPR_BP the linear part gives 0 too
  if (above >= COST_ZERO_ABOVE_LPR_BP) return 0;
  return (w * (COST_ZERO_ABOVE_LPR_BP - above)) / COST_ZERO_ABOVE_LPR_BP;
}

/**
 * How well a product's terms fit a financing need, an integer 0–100 (formula:
 * {@link SCORE_FORMULA_DOC}). Missing need fields score half of the components that use them.
 * @throws RangeError when `opts.lpr1yBp` is not a finite number (a caller bug).
 */
export function scoreFit(
  product: ProductTerms,
  need: Partial<FinancingNeed>,
  opts: ScoreOptions,
): number {
  if (!Number.isFinite(opts.lpr1yBp)) throw new RangeError('lpr1yBp must be a finite number');
  const total =
    amountPoints(product, need.amountYuan) +
    termPoints(product, need.termMonths) +
    collateralPoints(product, need.collateralAvailable) +
    costPoints(product, opts.lpr1yBp);
  // Rounded once, at the end, so component fractions are not lost; the inner rounding drops float
  // noise (84.49999999 from 84.5) so that halves round up reliably.
  const rounded = Math.round(Math.round(total * 1e6) / 1e6);
  return Number.isFinite(rounded) ? Math.min(100, Math.max(0, rounded)) : 0;
}
