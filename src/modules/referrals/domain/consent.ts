/**
 * The consent model of a referral (PIPL Art. 23; docs/api.md "Consent"): the purpose, the named
 * data categories an SME agrees to share with one bank, the text shown, and the allow-list that
 * builds the enterprise snapshot the bank receives. Pure: the service stores the record.
 */

/** Bilingual text. */
export interface Bilingual {
  zh: string;
  en: string;
}

/** Stable code of the only purpose referrals serve, stored on the consent record. */
export const CONSENT_PURPOSE_CODE = 'financing_referral';

/** Why the data is shared: the referral of a financing application to the named bank. */
export const CONSENT_PURPOSE: Readonly<Bilingual> = {
  zh: '向所选合作银行推荐本企业的融资申请，供其审核申请并与本企业联系',
  en:
    'referral of a financing application to the named partner bank, ' +
    'for it to assess the application and contact the applicant',
};

/** One named category of profile data an SME may consent to share. */
export interface ConsentDataCategory {
  id: string;
  label: Bilingual;
  /** What the category covers, in words, for the consent text. */
  description: Bilingual;
  /** The top-level profile fields (docs/rules.md) the category covers. */
  fields: readonly string[];
  /**
   * Set when the category may hold sensitive personal information (PIPL Art. 28): the notice the
   * consent text adds so that the SME sees it before agreeing.
   */
  sensitiveNotice: Bilingual | null;
}

/** The fixed list of data categories; together they cover every profile field exactly once. */
export const CONSENT_DATA_CATEGORIES = [
  {
    id: 'identity',
    label: { zh: '企业身份信息', en: 'Identity' },
    description: {
      zh: '统一社会信用代码、名称、主体类型、所在地区、行业、成立日期',
      en: 'credit code, name, entity type, region, industry, date established',
    },
    fields: ['uscc', 'name', 'entityType', 'regionCode', 'industryCode', 'establishedOn'],
    sensitiveNotice: null,
  },
  {
    id: 'scale',
    label: { zh: '经营规模', en: 'Scale' },
    description: {
      zh: '从业人员、营业收入、资产总额',
      en: 'employees, annual revenue, total assets',
    },
    fields: ['employees', 'annualRevenueYuan', 'totalAssetsYuan'],
    sensitiveNotice: null,
  },
  {
    id: 'qualifications',
    label: { zh: '资质与认定', en: 'Qualifications' },
    description: {
      zh: '园区入驻、资质认定、农业经营主体类型、入选名单与推荐函',
      en: 'industrial park, certifications, agricultural operator type, government lists held',
    },
    fields: ['inIndustrialPark', 'certifications', 'agriOperatorType', 'listings'],
    sensitiveNotice: null,
  },
  {
    id: 'founder',
    label: { zh: '创业者身份', en: 'Founder' },
    description: { zh: '创业者所属的扶持人群类别', en: "the founder's target-group categories" },
    fields: ['founder'],
    // `disabled` or `poverty_alleviated` reveal a "specific identity" (PIPL Art. 28).
    sensitiveNotice: {
      zh: '“创业者身份”可能包含残疾、脱贫等特定身份信息，属于敏感个人信息。',
      en:
        'The founder information may reveal a specific identity such as disability or ' +
        'poverty-alleviation status, which is sensitive personal information.',
    },
  },
  {
    id: 'employment',
    label: { zh: '用工情况', en: 'Employment' },
    description: {
      zh: '近12个月新招用人数、稳岗率',
      en: 'hires in the last 12 months, job retention',
    },
    fields: ['hiring', 'jobRetentionRate'],
    sensitiveNotice: null,
  },
  {
    id: 'credit',
    label: { zh: '信用状况', en: 'Credit' },
    description: {
      zh: '失信被执行、逾期贷款、不良信用记录、欠薪欠缴社保情况',
      en:
        'dishonest-debtor listing, overdue loans, bad credit records, ' +
        'wage or social-insurance arrears',
    },
    fields: ['credit'],
    sensitiveNotice: null,
  },
  {
    id: 'finances',
    label: { zh: '财务往来', en: 'Finances' },
    description: {
      zh: '应收账款、政府采购合同、上年度纳税额、税收减免情况',
      en: 'receivables, government procurement contract, tax paid last year, tax relief',
    },
    fields: ['receivables', 'governmentProcurementContract', 'taxPaidLastYearYuan', 'taxRelief'],
    sensitiveNotice: null,
  },
  {
    id: 'financing_need',
    label: { zh: '融资需求', en: 'Financing need' },
    description: {
      zh: '融资金额、期限、用途、可否提供抵押',
      en: 'amount, term, purpose, collateral available',
    },
    fields: ['financingNeed'],
    sensitiveNotice: null,
  },
] as const satisfies readonly ConsentDataCategory[];

export type ConsentCategoryId = (typeof CONSENT_DATA_CATEGORIES)[number]['id'];

/** The category ids, in canonical order. */
export const CONSENT_CATEGORY_IDS: readonly ConsentCategoryId[] = CONSENT_DATA_CATEGORIES.map(
  (category) => category.id,
);

// Object-valued profile fields are copied key by key too, so that stray nested keys (an old
// stored profile, a future field nobody consented to) never reach a bank.
const NESTED_FIELDS: Readonly<Record<string, readonly string[]>> = {
  founder: ['categories', 'partners'],
  hiring: ['newHiresLast12Months', 'newHiresFromTargetGroups'],
  credit: ['dishonestDebtor', 'overdueLoans', 'badCreditRecord', 'wageOrSocialInsuranceArrears'],
  receivables: ['amountYuan', 'debtorIsGovernmentOrLargeEnterprise'],
  governmentProcurementContract: ['amountYuan'],
  financingNeed: ['amountYuan', 'termMonths', 'purpose', 'collateralAvailable'],
};

/** Whether `id` names a consent data category. */
export function isConsentCategoryId(id: string): id is ConsentCategoryId {
  return (CONSENT_CATEGORY_IDS as readonly string[]).includes(id);
}

/**
 * The category that covers a profile field, for choosing what a referral needs to share.
 *
 * @param field a profile field or a dotted fact path into one (`financingNeed.amountYuan`)
 * @returns the category id, or null for a field no category covers (e.g. a derived fact)
 */
export function consentCategoryOfField(field: string): ConsentCategoryId | null {
  const top = field.split('.')[0];
  const found = CONSENT_DATA_CATEGORIES.find((c) => (c.fields as readonly string[]).includes(top));
  return found?.id ?? null;
}

/**
 * The consent text shown to the SME when none is supplied: it names the receiving bank, the
 * product, the purpose and each data category shared (with what it covers), calls out sensitive
 * categories, and says that nothing else is shared.
 *
 * @param bankName the receiving bank's name
 * @param productName the financing product applied for
 * @param categories the categories to share (order and duplicates do not matter)
 * @param opts.allowReroute the SME also agrees that the referral may go on to the next partner bank
 *   (docs/routing.md): the text says when and to whom, so that the permission is informed
 * @throws Error when `categories` is empty or names an unknown category
 */
export function defaultConsentText(
  bankName: Bilingual,
  productName: Bilingual,
  categories: readonly string[],
  opts: { allowReroute?: boolean } = {},
): Bilingual {
  const chosen = resolveCategories(categories);
  if (chosen.length === 0) throw new Error('Consent must name at least one data category');
  const zhItems = chosen.map((c) => `${c.label.zh}（${c.description.zh}）`).join('；');
  const enItems = chosen.map((c) => `${c.label.en} (${c.description.en})`).join('; ');
  const notices = chosen.flatMap((c) => (c.sensitiveNotice === null ? [] : [c.sensitiveNotice]));
  // Stryker disable next-line StringLiteral: one category (founder) carries a notice, so no separator shows
  const zhSensitive = notices.map((n) => n.zh).join('');
  // Stryker disable next-line StringLiteral: as above
  const enSensitive = notices.map((n) => ` ${n.en}`).join('');
  const reroute = opts.allowReroute ? rerouteClause(bankName) : { zh: '', en: '' };
  return {
    zh:
      `本人同意将本企业的以下信息提供给${bankName.zh}，用于${CONSENT_PURPOSE.zh}` +
      `（申请产品：${productName.zh}）：${zhItems}。${zhSensitive}` +
      `除上述信息外，不会向${bankName.zh}提供本企业档案中的其他信息。${reroute.zh}`,
    en:
      `I consent to ${bankName.en} receiving the following information about my enterprise ` +
      `for the ${CONSENT_PURPOSE.en} (product applied for: ${productName.en}): ${enItems}.` +
      `${enSensitive} No other information from the enterprise profile is shared with ` +
      `${bankName.en}.${reroute.en}`,
  };
}

/** The permission to re-route, in the words the SME agrees to. */
function rerouteClause(bankName: Bilingual): Bilingual {
  return {
    zh:
      `如${bankName.zh}未在约定的工作日内确认受理，或未通过本申请（本人放弃授信方案的除外），` +
      `本人同意平台将本申请连同上述信息转给该产品在本企业所在地区的下一家合作银行办理，` +
      `每家接手的银行同样只获得上述信息；一笔申请最多转给三家银行。`,
    en:
      ` If ${bankName.en} does not acknowledge the application within the agreed working days, ` +
      `or declines it (other than because I turned an offer down), I agree that the platform ` +
      `passes the application with the same information to the next partner bank of the product ` +
      `in my enterprise's region; each bank that takes it over receives only that information, ` +
      `and one application goes to at most three banks.`,
  };
}

/**
 * Builds the enterprise snapshot a bank receives: an allow-list copy of the profile holding only
 * the top-level fields of the consented categories (and, for object fields, only their known
 * keys), deep-copied. Absent fields stay absent; unknown keys, inherited properties and fields of
 * categories not consented to never appear.
 *
 * @param profile the enterprise profile (as stored)
 * @param categories the consented category ids
 * @throws Error when `categories` names an unknown category (a typo must not silently share less)
 */
export function buildConsentedSnapshot(
  profile: Record<string, unknown>,
  categories: readonly string[],
): Record<string, unknown> {
  const snapshot: Record<string, unknown> = {};
  for (const category of resolveCategories(categories)) {
    for (const field of category.fields) {
      // Stryker disable next-line ConditionalExpression: a shortcut; copyField(undefined) is undefined too
      if (!Object.hasOwn(profile, field) || profile[field] === undefined) continue;
      const value = copyField(field, profile[field]);
      if (value !== undefined) snapshot[field] = value;
    }
  }
  return snapshot;
}

function copyField(field: string, value: unknown): unknown {
  const keys = Object.hasOwn(NESTED_FIELDS, field) ? NESTED_FIELDS[field] : undefined;
  if (keys === undefined || value === null) return structuredClone(value);
  // A non-object where an object belongs has no known keys to copy: leave it out.
  if (typeof value !== 'object' || Array.isArray(value)) return undefined;
  const source = value as Record<string, unknown>;
  const copy: Record<string, unknown> = {};
  for (const key of keys) {
    if (Object.hasOwn(source, key) && source[key] !== undefined) {
      copy[key] = structuredClone(source[key]);
    }
  }
  return copy;
}

function resolveCategories(ids: readonly string[]): (typeof CONSENT_DATA_CATEGORIES)[number][] {
  const unknown = ids.filter((id) => !isConsentCategoryId(id));
  if (unknown.length > 0) {
    throw new Error(`Unknown consent data categories: ${unknown.join(', ')}`);
  }
  // Canonical order and no duplicates, so the same choice always yields the same text.
  return CONSENT_DATA_CATEGORIES.filter((category) => ids.includes(category.id));
}
