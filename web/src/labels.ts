import {
  AGRI_OPERATOR_TYPE_LABELS,
  CERTIFICATION_LABELS,
  ENTITY_TYPE_LABELS,
  FINANCING_PURPOSE_LABELS,
  FOUNDER_CATEGORY_LABELS,
  LISTING_LABELS,
} from '../../src/modules/matching/engine/profile-fields';
import type { Schemas } from './api/client';

/**
 * Labels of the API's enumerations, zh first. Keyed by the schema's own enums, so a value the
 * contract adds or drops breaks the build here instead of showing a raw code on a page.
 */
type Labels<T extends string> = Record<T, readonly [string, string]>;

/** An engine label table ({zh, en} by value) as label pairs, in the same order. */
function pairs<T extends string>(
  table: Readonly<Record<T, { zh: string; en: string }>>,
): Labels<T> {
  const out = {} as Record<T, readonly [string, string]>;
  for (const key of Object.keys(table) as T[]) out[key] = [table[key].zh, table[key].en];
  return out;
}

// The profile's enumerations carry their labels where they are declared, in the engine's field
// table; the form, the match details and the bank's snapshot all read the same words.
export const ENTITY_TYPES: Labels<Schemas['EntityType']> = pairs(ENTITY_TYPE_LABELS);
export const CERTIFICATIONS: Labels<Schemas['Certification']> = pairs(CERTIFICATION_LABELS);
export const LISTINGS: Labels<Schemas['Listing']> = pairs(LISTING_LABELS);
export const AGRI_OPERATOR_TYPES: Labels<Schemas['AgriOperatorType']> =
  pairs(AGRI_OPERATOR_TYPE_LABELS);
export const FOUNDER_CATEGORIES: Labels<Schemas['FounderCategory']> =
  pairs(FOUNDER_CATEGORY_LABELS);
export const PURPOSES: Labels<Schemas['FinancingPurpose']> = pairs(FINANCING_PURPOSE_LABELS);

export const MATCH_STATUS: Labels<Schemas['MatchResultDto']['status']> = {
  eligible: ['符合条件', 'Eligible'],
  needs_info: ['还需补充信息', 'More information needed'],
  ineligible: ['暂不符合', 'Not eligible'],
};

export const OUTCOMES: Labels<Schemas['CriterionDto']['outcome']> = {
  pass: ['满足', 'Met'],
  fail: ['不满足', 'Not met'],
  unknown: ['未知', 'Unknown'],
};

export const REFERRAL_STATUS: Labels<Schemas['ReferralResponse']['status']> = {
  submitted: ['已提交', 'Submitted'],
  acknowledged: ['银行已受理', 'Acknowledged'],
  contacted: ['银行已联系', 'Contacted'],
  approved: ['已获批', 'Approved'],
  declined: ['未获批', 'Declined'],
  disbursed: ['已放款', 'Disbursed'],
  withdrawn: ['已撤回', 'Withdrawn'],
};

export const EVENT_TYPES: Labels<Schemas['ReferralEventResponse']['type']> = {
  submitted: ['提交申请', 'Submitted'],
  acknowledged: ['银行受理', 'Acknowledged by the bank'],
  contacted: ['银行联系企业', 'The bank made contact'],
  approved: ['批准', 'Approved'],
  declined: ['拒绝', 'Declined'],
  disbursed: ['放款', 'Disbursed'],
  withdrawn: ['企业撤回', 'Withdrawn'],
  overdue: ['银行逾期未处理', 'The bank missed a deadline'],
  deadline_moved: ['期限调整', 'Deadline moved'],
  rerouted: ['转至其他银行', 'Moved to another bank'],
  reroute_exhausted: ['暂无其他银行可接手', 'No other bank could take it'],
};

export const ACTORS: Labels<Schemas['ReferralEventResponse']['actor']> = {
  sme: ['企业', 'Enterprise'],
  bank: ['银行', 'Bank'],
  system: ['系统', 'System'],
  admin: ['管理员', 'Administrator'],
};

export const STAGES: Labels<Schemas['DeadlineDto']['stage']> = {
  acknowledge: ['受理', 'acknowledge'],
  contact: ['联系企业', 'contact'],
  decide: ['审批决定', 'decide'],
};

export const DECLINE_REASONS: Labels<NonNullable<Schemas['BankEventDto']['reason']>> = {
  insufficient_credit: ['信用不足', 'Insufficient credit'],
  insufficient_collateral: ['担保或抵押不足', 'Insufficient collateral'],
  not_eligible: ['不符合产品条件', 'Not eligible for the product'],
  incomplete_documents: ['材料不全', 'Incomplete documents'],
  applicant_unreachable: ['无法联系申请人', 'Applicant unreachable'],
  applicant_declined_offer: ['申请人放弃', 'Applicant declined the offer'],
  exceeds_limit: ['超出额度', 'Exceeds the limit'],
  other: ['其他', 'Other'],
};

/** What started a re-route (`rerouted` events carry it in `reason`). */
export const REROUTE_TRIGGERS = {
  acknowledge_overdue: ['原银行未在期限内受理', 'the bank did not acknowledge it in time'],
  declined: ['原银行未批准', 'the bank declined it'],
  sme_request: ['企业申请转给其他银行', 'the enterprise asked for another bank'],
  admin_reassign: ['管理员转派', 'an administrator reassigned it'],
} as const satisfies Labels<string>;

/** Why a re-route found no bank (`reroute_exhausted` events carry it in `reason`). */
export const EXHAUSTED_REASONS = {
  no_bank_available: [
    '该产品在本地区暂时没有其他可接手的合作银行',
    'no other partner bank of the product in the region can take it for now',
  ],
  limit_reached: [
    '已经转过三家银行，不能再转',
    'it has already been with three banks, the most allowed',
  ],
} as const satisfies Labels<string>;

export const DATA_CATEGORIES: Labels<NonNullable<Schemas['ConsentDto']['dataCategories']>[number]> =
  {
    identity: [
      '企业名称、统一社会信用代码、主体类型、所在地区',
      'name, credit code, entity type and region',
    ],
    scale: ['从业人数、营业收入、资产总额', 'employees, revenue and total assets'],
    qualifications: ['资质认定与名单', 'certifications and listings'],
    founder: ['创业者类别（敏感个人信息）', 'founder categories (sensitive personal information)'],
    employment: ['吸纳就业情况', 'hiring'],
    credit: ['信用情况', 'credit record'],
    finances: ['纳税、应收账款、政府采购合同', 'tax, receivables and procurement contracts'],
    financing_need: ['融资需求', 'financing need'],
  };

export const CATEGORIES: Labels<Schemas['ProductResponse']['category']> = {
  policy_credit_loan: ['政策性信用贷款', 'Policy credit loan'],
  guarantee_loan: ['担保贷款', 'Guaranteed loan'],
  receivables_financing: ['应收账款融资', 'Receivables financing'],
  procurement_contract_financing: ['政府采购合同融资', 'Procurement contract financing'],
  startup_guarantee_loan: ['创业担保贷款', 'Start-up guaranteed loan'],
  bond_financing: ['债券融资', 'Bond financing'],
};

export function label<T extends string>(labels: Labels<T>, value: T, lang: 'zh' | 'en'): string {
  const pair = labels[value];
  return pair ? pair[lang === 'zh' ? 0 : 1] : value;
}
