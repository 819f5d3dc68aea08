import type { Issue } from '../../common/errors/issue';
import { checkServiceLevel, type ServiceLevel } from '../calendar/domain/deadlines';
import type { ProductLimit, Rule, Text } from '../matching/engine';

export const PRODUCT_CATEGORIES = [
  'policy_credit_loan',
  'guarantee_loan',
  'receivables_financing',
  'procurement_contract_financing',
  'startup_guarantee_loan',
  'bond_financing',
] as const;
export type ProductCategory = (typeof PRODUCT_CATEGORIES)[number];
export const RATE_BASES = ['LPR_1Y', 'FIXED'] as const;
export const COLLATERAL_KINDS = ['none', 'guarantee', 'collateral', 'any'] as const;

/** A product as admins write it (docs/api.md Product without code, status and version). */
export interface ProductBody {
  name: Text;
  category: ProductCategory;
  administrator: Text;
  summary: Text;
  amountMinYuan: number | null;
  amountMaxYuan: number | null;
  termMonthsMax: number | null;
  rate: { basis: (typeof RATE_BASES)[number]; spreadMaxBp?: number; fixedBp?: number };
  collateral: (typeof COLLATERAL_KINDS)[number];
  guaranteeFeeMaxBp?: number;
  interestSubsidy?: Text;
  eligibility: Rule;
  /** Caps that depend on the borrower (docs/rules.md, "Conditional limits"); first match wins. */
  limits?: ProductLimit[];
  /** Working days a bank has to acknowledge, contact and decide (defaults 1 / 3 / 10). */
  serviceLevel?: ServiceLevel;
  partnerBankCodes: string[];
  sourceUrls: string[];
  provisional: boolean;
  note?: Text;
  validFrom?: string | null;
  validTo?: string | null;
}

export const PRODUCT_BODY_KEYS: readonly (keyof ProductBody)[] = [
  'name',
  'category',
  'administrator',
  'summary',
  'amountMinYuan',
  'amountMaxYuan',
  'termMonthsMax',
  'rate',
  'collateral',
  'guaranteeFeeMaxBp',
  'interestSubsidy',
  'eligibility',
  'limits',
  'serviceLevel',
  'partnerBankCodes',
  'sourceUrls',
  'provisional',
  'note',
  'validFrom',
  'validTo',
];

/**
 * What must hold before a draft becomes a version customers see: every text in both languages,
 * a coherent amount range and validity window, and a note on a provisional product.
 */
export function publishIssues(body: ProductBody): Issue[] {
  const issues: Issue[] = [];
  const text = (path: string, t: Partial<Text> | undefined, required: boolean) => {
    if (!t) {
      if (required)
        issues.push({
          path,
          code: 'missing_translation',
          message: `${path} is required in zh and en`,
        });
      return;
    }
    for (const lang of ['zh', 'en'] as const) {
      if (typeof t[lang] !== 'string' || t[lang].trim() === '') {
        issues.push({
          path: `${path}.${lang}`,
          code: 'missing_translation',
          message: `${path}.${lang} must not be empty`,
        });
      }
    }
  };
  text('name', body.name, true);
  text('summary', body.summary, true);
  text('administrator', body.administrator, true);
  text('interestSubsidy', body.interestSubsidy, false);
  text('note', body.note, body.provisional);
  const walk = (rule: unknown, path: string) => {
    if (!rule || typeof rule !== 'object') return;
    const r = rule as Record<string, unknown>;
    if ('fact' in r) {
      text(`${path}.label`, r.label as Text, true);
      if (r.hint !== undefined) text(`${path}.hint`, r.hint as Text, false);
      return;
    }
    if (r.label !== undefined) text(`${path}.label`, r.label as Text, false);
    if (Array.isArray(r.all)) r.all.forEach((c, i) => walk(c, `${path}.all[${i}]`));
    if (Array.isArray(r.any)) r.any.forEach((c, i) => walk(c, `${path}.any[${i}]`));
    if (r.not) walk(r.not, `${path}.not`);
  };
  walk(body.eligibility, 'eligibility');
  (body.limits ?? []).forEach((limit, i) => {
    text(`limits[${i}].label`, limit.label, true);
    walk(limit.when, `limits[${i}].when`);
  });
  if (body.serviceLevel) {
    for (const p of checkServiceLevel(body.serviceLevel)) {
      issues.push({
        path: `serviceLevel.${p.path}`,
        code: 'invalid_service_level',
        message: p.message,
      });
    }
  }
  if (
    body.amountMinYuan != null &&
    body.amountMaxYuan != null &&
    body.amountMinYuan > body.amountMaxYuan
  ) {
    issues.push({
      path: 'amountMinYuan',
      code: 'amount_range',
      message: 'amountMinYuan must not exceed amountMaxYuan',
    });
  }
  if (body.validFrom && body.validTo && body.validFrom > body.validTo) {
    issues.push({
      path: 'validFrom',
      code: 'validity_window',
      message: 'validFrom must not be after validTo',
    });
  }
  if (body.partnerBankCodes.length === 0) {
    issues.push({
      path: 'partnerBankCodes',
      code: 'no_partner_bank',
      message: 'name at least one partner bank',
    });
  }
  return issues;
}
