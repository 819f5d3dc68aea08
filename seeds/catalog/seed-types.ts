/**
 * Types of the seed catalogue: financing products and partner banks as data (docs/api.md,
 * "Catalogue" and "Partner banks"; rule language: docs/rules.md).
 */
import type { ProductBody } from '../../src/modules/catalog/product-body';

// The rule language and the product shape are the service's own: seeds are typed by them.
export {
  OPERATORS,
  type AllRule,
  type AnyRule,
  type Condition,
  type NotRule,
  type Operator,
  type ProductLimit,
  type Rule,
  type Text,
} from '../../src/modules/matching/engine';
export {
  COLLATERAL_KINDS as COLLATERAL_REQUIREMENTS,
  PRODUCT_CATEGORIES,
  RATE_BASES,
  type ProductCategory,
} from '../../src/modules/catalog/product-body';

/**
 * A product as seeded: docs/api.md's Product without `status` and `version` (seeding creates and
 * publishes the versions) and without `validFrom` / `validTo` (no source dates a current
 * programme).
 *
 * Money is integer yuan (万元 × 10 000). `amountMaxYuan` / `termMonthsMax` null: the sources
 * give no limit, so the product is `provisional` and its `note` says so. `amountMinYuan` null:
 * the sources state no minimum (none of them does).
 */
export type SeedProduct = { code: string } & Omit<ProductBody, 'validFrom' | 'validTo'>;

/** A partner bank as seeded (demo banks: no webhook URL; an admin adds one to go live). */
export interface SeedBank {
  code: string;
  name: { zh: string; en: string };
  /** Jiangxi city codes (e.g. 360100) or county codes (regions.json) the bank lends in. */
  regionCodes: string[];
}
