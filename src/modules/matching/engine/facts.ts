/**
 * The fact vocabulary of the rule language (docs/rules.md). Every fact a rule may name is listed
 * here with its type; the validator checks rules against this table and the profile DTOs and the
 * derived-fact module use the same enumerations. Adding a fact = one row here + the profile field.
 */

export const ENTITY_TYPES = [
  'enterprise',
  'individual_business',
  'farmer_cooperative',
  'family_farm',
  'partnership',
  'individual',
] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

export const CERTIFICATIONS = [
  'high_tech_enterprise',
  'tech_sme',
  'specialized_sme',
  'specialized_little_giant',
  'cultural_enterprise',
  'agri_leading_enterprise',
] as const;
export type Certification = (typeof CERTIFICATIONS)[number];

export const AGRI_OPERATOR_TYPES = [
  'large_grower',
  'family_farm',
  'farmer_cooperative',
  'leading_enterprise',
] as const;
export type AgriOperatorType = (typeof AGRI_OPERATOR_TYPES)[number];

export const FOUNDER_CATEGORIES = [
  'college_graduate',
  'registered_unemployed',
  'hard_to_employ',
  'veteran',
  'returning_migrant_worker',
  'rural_self_employed',
  'poverty_alleviated',
  'disabled',
  'high_level_talent',
  'trade_union_member',
  'model_worker',
] as const;
export type FounderCategory = (typeof FOUNDER_CATEGORIES)[number];

export const LISTINGS = [
  'caiyuan_recommendation',
  'culture_loan_pool',
  'industry_finance_whitelist',
  'financing_coordination_list',
] as const;
export type Listing = (typeof LISTINGS)[number];

export const FINANCING_PURPOSES = [
  'working_capital',
  'equipment',
  'technology',
  'expansion',
  'startup',
  'agriculture',
] as const;
export type FinancingPurpose = (typeof FINANCING_PURPOSES)[number];

export const SIZE_CLASSES = ['large', 'medium', 'small', 'micro'] as const;
export type SizeClass = (typeof SIZE_CLASSES)[number];

/**
 * The type of a fact as rules see it.
 * - `integer` / `number`: compared numerically; `integer` values must be safe integers.
 * - `string`: free string (codes); `date`: `YYYY-MM-DD`, ordered chronologically.
 * - `boolean`.
 * - `enum`: one string out of `values`.
 * - `enumArray`: an array of strings out of `values` (use `contains` / `doesNotContain`).
 */
export type FactType =
  | { kind: 'integer'; min?: number; max?: number }
  | { kind: 'number'; min?: number; max?: number }
  | { kind: 'string'; pattern?: RegExp }
  | { kind: 'date' }
  | { kind: 'boolean' }
  | { kind: 'enum'; values: readonly string[] }
  | { kind: 'enumArray'; values: readonly string[] };

export interface FactDefinition {
  type: FactType;
  /** `profile`: submitted by the SME; `derived`: computed by the service (docs/rules.md). */
  source: 'profile' | 'derived';
  label: { zh: string; en: string };
}

const money = { kind: 'integer', min: 0 } as const;
const count = { kind: 'integer', min: 0 } as const;

/** Every fact a rule may name, by its dotted path. */
export const FACTS = {
  uscc: {
    type: { kind: 'string' },
    source: 'profile',
    label: { zh: '统一社会信用代码', en: 'Unified social credit code' },
  },
  name: {
    type: { kind: 'string' },
    source: 'profile',
    label: { zh: '名称', en: 'Registered name' },
  },
  entityType: {
    type: { kind: 'enum', values: ENTITY_TYPES },
    source: 'profile',
    label: { zh: '主体类型', en: 'Entity type' },
  },
  regionCode: {
    type: { kind: 'string', pattern: /^36\d{4}$/ },
    source: 'profile',
    label: { zh: '所在区县', en: 'County or city code' },
  },
  industryCode: {
    type: { kind: 'string', pattern: /^[A-T]\d{2,4}$/ },
    source: 'profile',
    label: { zh: '行业代码', en: 'Industry code' },
  },
  establishedOn: {
    type: { kind: 'date' },
    source: 'profile',
    label: { zh: '成立日期', en: 'Date established' },
  },
  employees: { type: count, source: 'profile', label: { zh: '从业人员', en: 'Employees' } },
  annualRevenueYuan: {
    type: money,
    source: 'profile',
    label: { zh: '上年营业收入（元）', en: 'Revenue last year (yuan)' },
  },
  totalAssetsYuan: {
    type: money,
    source: 'profile',
    label: { zh: '资产总额（元）', en: 'Total assets (yuan)' },
  },
  inIndustrialPark: {
    type: { kind: 'boolean' },
    source: 'profile',
    label: { zh: '位于省级以上工业园区', en: 'Located in an industrial park' },
  },
  certifications: {
    type: { kind: 'enumArray', values: CERTIFICATIONS },
    source: 'profile',
    label: { zh: '资质认定', en: 'Certifications' },
  },
  agriOperatorType: {
    type: { kind: 'enum', values: AGRI_OPERATOR_TYPES },
    source: 'profile',
    label: { zh: '新型农业经营主体类型', en: 'Agricultural operator type' },
  },
  'founder.categories': {
    type: { kind: 'enumArray', values: FOUNDER_CATEGORIES },
    source: 'profile',
    label: { zh: '创业者类别', en: 'Founder categories' },
  },
  'founder.partners': {
    type: { kind: 'integer', min: 1 },
    source: 'profile',
    label: { zh: '合伙创业人数', en: 'Partners starting the business together' },
  },
  'hiring.newHiresLast12Months': {
    type: count,
    source: 'profile',
    label: { zh: '近12个月新招用人数', en: 'New hires, last 12 months' },
  },
  'hiring.newHiresFromTargetGroups': {
    type: count,
    source: 'profile',
    label: { zh: '新招用符合条件人员数', en: 'New hires from target groups' },
  },
  'credit.dishonestDebtor': {
    type: { kind: 'boolean' },
    source: 'profile',
    label: { zh: '失信被执行人', en: 'Listed dishonest judgment debtor' },
  },
  'credit.overdueLoans': {
    type: { kind: 'boolean' },
    source: 'profile',
    label: { zh: '有逾期贷款', en: 'Has overdue loans' },
  },
  'credit.badCreditRecord': {
    type: { kind: 'boolean' },
    source: 'profile',
    label: { zh: '有不良信用记录', en: 'Has a bad credit record' },
  },
  'credit.wageOrSocialInsuranceArrears': {
    type: { kind: 'boolean' },
    source: 'profile',
    label: { zh: '拖欠工资或欠缴社保', en: 'Wage or social-insurance arrears' },
  },
  'receivables.amountYuan': {
    type: money,
    source: 'profile',
    label: { zh: '应收账款金额（元）', en: 'Receivables (yuan)' },
  },
  'receivables.debtorIsGovernmentOrLargeEnterprise': {
    type: { kind: 'boolean' },
    source: 'profile',
    label: {
      zh: '应收账款债务人为政府或大型企业',
      en: 'Receivables owed by government or a large enterprise',
    },
  },
  'governmentProcurementContract.amountYuan': {
    type: money,
    source: 'profile',
    label: { zh: '政府采购合同金额（元）', en: 'Government procurement contract (yuan)' },
  },
  listings: {
    type: { kind: 'enumArray', values: LISTINGS },
    source: 'profile',
    label: { zh: '入选名单与推荐函', en: 'Government lists and letters held' },
  },
  taxPaidLastYearYuan: {
    type: money,
    source: 'profile',
    label: { zh: '上年度纳税额（元）', en: 'Tax paid last year (yuan)' },
  },
  taxRelief: {
    type: { kind: 'boolean' },
    source: 'profile',
    label: {
      zh: '依法免税或享受税收优惠',
      en: 'Exempt from tax or enjoying a tax preference',
    },
  },
  jobRetentionRate: {
    type: { kind: 'number', min: 0, max: 1 },
    source: 'profile',
    label: { zh: '稳岗率', en: 'Job retention rate' },
  },
  'financingNeed.amountYuan': {
    type: { kind: 'integer', min: 1 },
    source: 'profile',
    label: { zh: '融资金额（元）', en: 'Amount needed (yuan)' },
  },
  'financingNeed.termMonths': {
    type: { kind: 'integer', min: 1, max: 120 },
    source: 'profile',
    label: { zh: '融资期限（月）', en: 'Term needed (months)' },
  },
  'financingNeed.purpose': {
    type: { kind: 'enum', values: FINANCING_PURPOSES },
    source: 'profile',
    label: { zh: '融资用途', en: 'Purpose' },
  },
  'financingNeed.collateralAvailable': {
    type: { kind: 'boolean' },
    source: 'profile',
    label: { zh: '可提供抵押', en: 'Collateral available' },
  },
  sizeClass: {
    type: { kind: 'enum', values: SIZE_CLASSES },
    source: 'derived',
    label: { zh: '企业规模', en: 'Size class' },
  },
  yearsInOperation: {
    type: { kind: 'integer', min: 0 },
    source: 'derived',
    label: { zh: '经营年限', en: 'Years in operation' },
  },
  cityCode: {
    type: { kind: 'string', pattern: /^36\d{2}00$/ },
    source: 'derived',
    label: { zh: '所在设区市', en: 'City code' },
  },
  industrySection: {
    type: { kind: 'string', pattern: /^[A-T]$/ },
    source: 'derived',
    label: { zh: '行业门类', en: 'Industry section' },
  },
  industryDivision: {
    type: { kind: 'string', pattern: /^\d{2}$/ },
    source: 'derived',
    label: { zh: '行业大类', en: 'Industry division' },
  },
  targetGroupHireShare: {
    type: { kind: 'number', min: 0 },
    source: 'derived',
    label: {
      zh: '新招用重点群体人数占在职职工比例',
      en: 'Target-group new hires as a share of staff',
    },
  },
  hasCreditIssues: {
    type: { kind: 'boolean' },
    source: 'derived',
    label: { zh: '存在信用问题', en: 'Has credit issues' },
  },
} as const satisfies Record<string, FactDefinition>;

export type FactName = keyof typeof FACTS;

export function isFactName(name: string): name is FactName {
  return Object.prototype.hasOwnProperty.call(FACTS, name);
}
