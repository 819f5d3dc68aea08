/**
 * What an SME reads when something happens to its referrals, claims or matches: one bilingual
 * title and body per notification type, written for a person (names and labels, never internal
 * codes). Pure: the service gathers the facts (product and bank names, amounts) and passes them in.
 */
import { DECLINE_REASON_LABELS, DeclineReason } from '../../referrals/domain/referral-status';

/** Every notification type an SME can receive (docs/notifications.md). */
export const NOTIFICATION_TYPES = [
  'referral.acknowledged',
  'referral.contacted',
  'referral.approved',
  'referral.declined',
  'referral.disbursed',
  'referral.overdue',
  'referral.rerouted',
  'referral.reroute_exhausted',
  'claim.decided',
  'match.changed',
] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

/** Chinese and English text. */
export interface Bilingual {
  zh: string;
  en: string;
}

/** What every referral notification names: the product and the bank working it. */
export interface ReferralFacts {
  productName: Bilingual;
  bankName: Bilingual;
}

/** What moved a referral to another bank (docs/routing.md). */
export type RerouteCause = 'acknowledge_overdue' | 'declined' | 'sme_request' | 'admin_reassign';

/** The deadline stages of a referral (docs/notifications.md: overdue). */
export type DeadlineStage = 'acknowledge' | 'contact' | 'decide';
/** A product's match status as the SME sees it, plus `retired` for a product no longer offered. */
export type MatchStatusLabel = 'eligible' | 'ineligible' | 'needs_info' | 'retired';

/** The facts each type's text is written from. */
export interface NotificationFacts {
  'referral.acknowledged': ReferralFacts;
  'referral.contacted': ReferralFacts;
  'referral.approved': ReferralFacts & { amountYuan: number };
  'referral.declined': ReferralFacts & { reason: DeclineReason };
  'referral.disbursed': ReferralFacts & { amountYuan: number };
  'referral.overdue': ReferralFacts & { stage: DeadlineStage };
  /**
   * `bankName` is the new bank, `fromBankName` the one that had it; `cause` what moved it, and
   * for a decline the bank's `reason`.
   */
  'referral.rerouted': ReferralFacts & {
    fromBankName: Bilingual;
    cause: RerouteCause;
    reason?: DeclineReason;
  };
  'referral.reroute_exhausted': ReferralFacts;
  'claim.decided': {
    decision: 'transfer' | 'reject';
    /** Whom the text speaks to: the SME that claimed, or the one that had registered the code. */
    audience: 'claimant' | 'previous_owner';
    uscc: string;
    enterpriseName: string | null;
    note: string | null;
  };
  'match.changed': {
    productName: Bilingual;
    /** null: the product is new to this enterprise. */
    from: Exclude<MatchStatusLabel, 'retired'> | null;
    to: MatchStatusLabel;
    /** Labels of the criteria whose outcome changed. */
    criteria: Bilingual[];
  };
}

export interface NotificationText {
  title: Bilingual;
  body: Bilingual;
}

const WAN = 10_000;

/**
 * Integer yuan as a reader expects it: 万元 in Chinese (1500000 → 150万元, 1234567 → 123.4567万元),
 * grouped yuan in English (CNY 1,500,000).
 */
export function formatYuan(yuan: number): Bilingual {
  const rest = yuan % WAN;
  const decimals = rest === 0 ? '' : `.${String(rest).padStart(4, '0').replace(/0+$/, '')}`;
  const grouped = String(yuan).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return { zh: `${Math.trunc(yuan / WAN)}${decimals}万元`, en: `CNY ${grouped}` };
}

const STAGE: Record<DeadlineStage, Bilingual> = {
  acknowledge: { zh: '确认受理', en: 'acknowledge' },
  contact: { zh: '联系您', en: 'contact you about' },
  decide: { zh: '作出审批决定', en: 'decide on' },
};

const STATUS: Record<MatchStatusLabel, Bilingual> = {
  eligible: { zh: '符合条件', en: 'eligible' },
  ineligible: { zh: '不符合条件', en: 'not eligible' },
  needs_info: { zh: '需补充信息', en: 'needs more information' },
  retired: { zh: '已下线', en: 'no longer offered' },
};

type Renderers = { [T in NotificationType]: (f: NotificationFacts[T]) => NotificationText };

const RENDER: Renderers = {
  'referral.acknowledged': (f) => ({
    title: { zh: `${f.bankName.zh}已受理您的申请`, en: `${f.bankName.en} has your application` },
    body: {
      zh: `${f.bankName.zh}已确认收到您的「${f.productName.zh}」融资申请，将尽快与您联系。`,
      en: `${f.bankName.en} has acknowledged your application for ${f.productName.en} and will contact you soon.`,
    },
  }),
  'referral.contacted': (f) => ({
    title: { zh: `${f.bankName.zh}已与您联系`, en: `${f.bankName.en} has been in touch` },
    body: {
      zh: `${f.bankName.zh}已就「${f.productName.zh}」申请与您取得联系，请留意银行的后续要求。`,
      en: `${f.bankName.en} has contacted you about your ${f.productName.en} application. Watch for what the bank asks next.`,
    },
  }),
  'referral.approved': (f) => {
    const amount = formatYuan(f.amountYuan);
    return {
      title: { zh: `「${f.productName.zh}」申请已获批`, en: `${f.productName.en} approved` },
      body: {
        zh: `恭喜！${f.bankName.zh}已批准您的「${f.productName.zh}」申请，批准金额${amount.zh}。`,
        en: `Good news: ${f.bankName.en} approved your ${f.productName.en} application for ${amount.en}.`,
      },
    };
  },
  'referral.declined': (f) => {
    const reason = DECLINE_REASON_LABELS[f.reason];
    return {
      title: {
        zh: `「${f.productName.zh}」申请未获通过`,
        en: `${f.productName.en} application declined`,
      },
      body: {
        zh: `很遗憾，${f.bankName.zh}未通过您的「${f.productName.zh}」申请。原因：${reason.zh}。您可以查看其他符合条件的产品。`,
        en: `${f.bankName.en} declined your ${f.productName.en} application. Reason: ${reason.en}. You can look at the other products you qualify for.`,
      },
    };
  },
  'referral.disbursed': (f) => {
    const amount = formatYuan(f.amountYuan);
    return {
      title: { zh: `「${f.productName.zh}」贷款已放款`, en: `${f.productName.en} loan paid out` },
      body: {
        zh: `${f.bankName.zh}已向您发放「${f.productName.zh}」贷款${amount.zh}。`,
        en: `${f.bankName.en} has paid out ${amount.en} of your ${f.productName.en} loan.`,
      },
    };
  },
  'referral.overdue': (f) => ({
    title: {
      zh: `${f.bankName.zh}尚未按时处理您的申请`,
      en: `${f.bankName.en} is late with your application`,
    },
    body: {
      zh: `${f.bankName.zh}未在约定的工作日内${STAGE[f.stage].zh}您的「${f.productName.zh}」申请。我们已提醒银行并通知了平台管理员。`,
      en: `${f.bankName.en} did not ${STAGE[f.stage].en} your ${f.productName.en} application within the agreed working days. We have reminded the bank and told the platform's administrators.`,
    },
  }),
  'referral.rerouted': (f) => ({
    title: {
      zh: `您的申请已转至${f.bankName.zh}`,
      en: `Your application has moved to ${f.bankName.en}`,
    },
    body: reroutedBody(f),
  }),
  'referral.reroute_exhausted': (f) => ({
    title: {
      zh: `「${f.productName.zh}」暂无其他银行可以承接`,
      en: `No other bank can take your ${f.productName.en} application`,
    },
    body: {
      zh: `${f.bankName.zh}未能办理您的「${f.productName.zh}」申请，目前也没有其他合作银行可以接手。平台管理员已收到提醒，您也可以查看其他符合条件的产品。`,
      en: `${f.bankName.en} could not take your ${f.productName.en} application forward and no other partner bank can take it over for now. The platform's administrators have been told; you can also look at the other products you qualify for.`,
    },
  }),
  'claim.decided': (f) => claimText(f),
  'match.changed': (f) => {
    const to = STATUS[f.to];
    const criteria = f.criteria.length
      ? {
          zh: `变化的条件：${f.criteria.map((c) => c.zh).join('；')}。`,
          en: ` What changed: ${f.criteria.map((c) => c.en).join('; ')}.`,
        }
      : { zh: '', en: '' };
    const zhFrom = f.from ? `由「${STATUS[f.from].zh}」变为「${to.zh}」` : `为「${to.zh}」`;
    const enFrom = f.from ? `changed from ${STATUS[f.from].en} to ${to.en}` : `is ${to.en}`;
    return {
      title: {
        zh: `「${f.productName.zh}」的匹配结果有变化`,
        en: `Your match for ${f.productName.en} has changed`,
      },
      body: {
        zh: `产品规则更新后，您的企业对「${f.productName.zh}」的匹配结果${zhFrom}。${criteria.zh}`,
        en: `After a change to the product's rules, your enterprise ${enFrom} for ${f.productName.en}.${criteria.en}`,
      },
    };
  },
};

function claimText(f: NotificationFacts['claim.decided']): NotificationText {
  const name = f.enterpriseName
    ? { zh: `${f.enterpriseName}（${f.uscc}）`, en: `${f.enterpriseName} (${f.uscc})` }
    : { zh: `统一社会信用代码 ${f.uscc}`, en: `credit code ${f.uscc}` };
  const note = f.note
    ? { zh: `管理员说明：${f.note}`, en: ` The administrator's note: ${f.note}` }
    : { zh: '', en: '' };
  if (f.audience === 'claimant' && f.decision === 'transfer')
    return {
      title: { zh: '您的企业认领已通过', en: 'Your claim has been accepted' },
      body: {
        zh: `经审核，${name.zh}已转到您的账户下。请核对并更新企业信息后再进行匹配或申请。${note.zh}`,
        en: `After review, ${name.en} now belongs to your account. Please check and update the enterprise's profile before matching or applying.${note.en}`,
      },
    };
  if (f.audience === 'claimant')
    return {
      title: { zh: '您的企业认领未通过', en: 'Your claim was not accepted' },
      body: {
        zh: `经审核，您对${name.zh}的认领未获通过，该企业仍由原账户管理。${note.zh}`,
        en: `After review, your claim to ${name.en} was not accepted; the enterprise stays with the account that registered it.${note.en}`,
      },
    };
  if (f.decision === 'transfer')
    return {
      title: { zh: '一家企业已移出您的账户', en: 'An enterprise has left your account' },
      body: {
        zh: `另一账户提交了营业执照或授权书，经审核，${name.zh}已转至该账户，您将无法再查看或管理它。如有异议，请联系平台管理员。${note.zh}`,
        en: `Another account showed the business licence or a letter of authorisation for ${name.en}; after review it now belongs to that account, and you can no longer see or manage it. If you disagree, contact the platform's administrators.${note.en}`,
      },
    };
  return {
    title: {
      zh: '针对您企业的认领已被驳回',
      en: 'A claim to your enterprise was rejected',
    },
    body: {
      zh: `另一账户曾申请认领${name.zh}，经审核未获通过，该企业仍由您管理。${note.zh}`,
      en: `Another account asked to take over ${name.en}; after review the claim was rejected and the enterprise stays with you.${note.en}`,
    },
  };
}

function reroutedBody(f: NotificationFacts['referral.rerouted']): Bilingual {
  const restart = {
    zh: '处理时限从今天起重新计算。',
    en: 'The response times start again from today.',
  };
  switch (f.cause) {
    case 'acknowledge_overdue':
      return {
        zh: `${f.fromBankName.zh}未在约定的工作日内受理您的「${f.productName.zh}」申请。按照您的授权，申请已转给${f.bankName.zh}办理，${restart.zh}`,
        en: `${f.fromBankName.en} did not acknowledge your ${f.productName.en} application within the agreed working days. As you allowed, it has gone to ${f.bankName.en}. ${restart.en}`,
      };
    case 'declined': {
      const reason = f.reason ? DECLINE_REASON_LABELS[f.reason] : null;
      return {
        zh: `${f.fromBankName.zh}未通过您的「${f.productName.zh}」申请${reason ? `（原因：${reason.zh}）` : ''}。按照您的授权，申请已转给${f.bankName.zh}办理，${restart.zh}`,
        en: `${f.fromBankName.en} declined your ${f.productName.en} application${reason ? ` (reason: ${reason.en})` : ''}. As you allowed, it has gone to ${f.bankName.en}. ${restart.en}`,
      };
    }
    case 'sme_request':
      return {
        zh: `按照您的要求，「${f.productName.zh}」申请已从${f.fromBankName.zh}转给${f.bankName.zh}办理，${restart.zh}`,
        en: `As you asked, your ${f.productName.en} application has moved from ${f.fromBankName.en} to ${f.bankName.en}. ${restart.en}`,
      };
    case 'admin_reassign':
      return {
        zh: `经您授权，平台管理员已将「${f.productName.zh}」申请从${f.fromBankName.zh}转给${f.bankName.zh}办理，${restart.zh}`,
        en: `With your permission, the platform's administrators have moved your ${f.productName.en} application from ${f.fromBankName.en} to ${f.bankName.en}. ${restart.en}`,
      };
  }
}

/** The title and body of one notification, in Chinese and English. */
export function renderNotification<T extends NotificationType>(
  type: T,
  facts: NotificationFacts[T],
): NotificationText {
  return (RENDER[type] as (f: NotificationFacts[T]) => NotificationText)(facts);
}
