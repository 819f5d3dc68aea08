/**
 * The seed catalogue as the matching service offers it after seeding, for unit tests: one published
 * version of each product, its rule and conditional limits compiled (catalog-cache.service.ts does
 * the same with the stored versions).
 */
import {
  compileLimits,
  compileRule,
  type MatchableProduct,
} from '../../src/modules/matching/engine';
import { PRODUCTS } from './products';

export function seededCatalogue(): MatchableProduct[] {
  return PRODUCTS.map((p) => ({
    code: p.code,
    version: 1,
    provisional: p.provisional,
    terms: {
      amountMinYuan: p.amountMinYuan,
      amountMaxYuan: p.amountMaxYuan,
      termMonthsMax: p.termMonthsMax,
      rate: p.rate,
      collateral: p.collateral,
      ...(p.guaranteeFeeMaxBp !== undefined ? { guaranteeFeeMaxBp: p.guaranteeFeeMaxBp } : {}),
    },
    compiled: compileRule(p.eligibility),
    limits: compileLimits(p.limits),
  }));
}
