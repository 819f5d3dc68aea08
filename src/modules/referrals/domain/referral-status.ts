/**
 * The referral lifecycle (docs/api.md, Referrals) as a pure transition table, plus the payload
 * rules of the events that drive it. No framework, no clock: the service loads the referral, asks
 * `transition(...)` and `validateEventPayload(...)`, and persists the event.
 */
import type { Issue } from '../../../common/errors/issue';

/** Every status a referral can be in. */
export const REFERRAL_STATUSES = [
  'submitted',
  'acknowledged',
  'contacted',
  'approved',
  'declined',
  'disbursed',
  'withdrawn',
] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

/** Event types a partner bank may post (`POST /bank/referrals/:id/events`). */
export const BANK_EVENT_TYPES = [
  'acknowledged',
  'contacted',
  'approved',
  'declined',
  'disbursed',
] as const;
export type BankEventType = (typeof BANK_EVENT_TYPES)[number];

/** Event types the SME may post (`POST /referrals/:id/withdraw`). */
export const SME_EVENT_TYPES = ['withdrawn'] as const;
export type SmeEventType = (typeof SME_EVENT_TYPES)[number];

/** Every event type that moves a referral. */
export const REFERRAL_EVENT_TYPES = [...BANK_EVENT_TYPES, ...SME_EVENT_TYPES] as const;
export type ReferralEventType = BankEventType | SmeEventType;

/** Who posts an event. */
export type ReferralActor = 'bank' | 'sme';

/**
 * The transition table: for each status, the events allowed in it and the status each leads to.
 * A status with no entries is terminal. `declined` is not allowed straight from `submitted`: the
 * spec lists `acknowledged`, `contacted` and `approved` only, so a bank acknowledges first.
 */
export const REFERRAL_TRANSITIONS: Readonly<
  Record<ReferralStatus, Readonly<Partial<Record<ReferralEventType, ReferralStatus>>>>
> = {
  submitted: { acknowledged: 'acknowledged', withdrawn: 'withdrawn' },
  acknowledged: { contacted: 'contacted', declined: 'declined', withdrawn: 'withdrawn' },
  contacted: { approved: 'approved', declined: 'declined', withdrawn: 'withdrawn' },
  // The SME may no longer withdraw once a bank has approved (spec: "before approved").
  approved: { disbursed: 'disbursed', declined: 'declined' },
  declined: {},
  disbursed: {},
  withdrawn: {},
};

/** Which party may post each event type. */
export const EVENT_ACTORS: Readonly<Record<ReferralEventType, ReferralActor>> = {
  acknowledged: 'bank',
  contacted: 'bank',
  approved: 'bank',
  declined: 'bank',
  disbursed: 'bank',
  withdrawn: 'sme',
};

/** Statuses from which no event leads anywhere. */
export const TERMINAL_REFERRAL_STATUSES: readonly ReferralStatus[] = REFERRAL_STATUSES.filter(
  (status) => Object.keys(REFERRAL_TRANSITIONS[status]).length === 0,
);

export type TransitionResult =
  { ok: true; next: ReferralStatus } | { ok: false; code: 'invalid_transition' };

/**
 * Looks up the status an event leads to.
 *
 * @param status the referral's current status
 * @param event the event being posted
 * @param actor who posts it: a bank cannot post `withdrawn`, the SME can post nothing else
 * @returns `{ ok: true, next }`, or `{ ok: false, code: 'invalid_transition' }` for an event the
 *   table does not allow in this status, an event of the other party, or an unknown status/event
 */
export function transition(
  status: ReferralStatus,
  event: ReferralEventType,
  actor: ReferralActor,
): TransitionResult {
  // Own-property checks so that runtime strings like 'constructor' never hit Object.prototype.
  if (!Object.hasOwn(REFERRAL_TRANSITIONS, status) || !Object.hasOwn(EVENT_ACTORS, event)) {
    return { ok: false, code: 'invalid_transition' };
  }
  if (EVENT_ACTORS[event] !== actor) return { ok: false, code: 'invalid_transition' };
  const row = REFERRAL_TRANSITIONS[status];
  const next = Object.hasOwn(row, event) ? row[event] : undefined;
  return next === undefined ? { ok: false, code: 'invalid_transition' } : { ok: true, next };
}

/**
 * The events `actor` may post while a referral is in `status` (for timelines and API docs).
 *
 * @returns event types in table order; empty for terminal statuses
 */
export function allowedEvents(status: ReferralStatus, actor: ReferralActor): ReferralEventType[] {
  return REFERRAL_EVENT_TYPES.filter((event) => transition(status, event, actor).ok);
}

/** Why a bank declined a referral; a fixed list so that reporting can count them. */
export const DECLINE_REASONS = [
  'insufficient_credit',
  'insufficient_collateral',
  'not_eligible',
  'incomplete_documents',
  'applicant_unreachable',
  'applicant_declined_offer',
  'exceeds_limit',
  'other',
] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];

/** Bilingual labels of the decline reasons, shown to the SME on the timeline. */
export const DECLINE_REASON_LABELS: Readonly<Record<DeclineReason, { zh: string; en: string }>> = {
  insufficient_credit: { zh: '信用状况不满足要求', en: 'Insufficient credit standing' },
  insufficient_collateral: { zh: '抵押或担保不足', en: 'Insufficient collateral or guarantee' },
  not_eligible: { zh: '不符合产品准入条件', en: 'Does not meet the product criteria' },
  incomplete_documents: { zh: '申请材料不齐全', en: 'Incomplete application documents' },
  applicant_unreachable: { zh: '无法联系到申请人', en: 'Applicant could not be reached' },
  applicant_declined_offer: { zh: '申请人放弃授信方案', en: 'Applicant declined the offer' },
  exceeds_limit: { zh: '超出可授信额度', en: 'Exceeds the available credit limit' },
  other: { zh: '其他原因', en: 'Other reason' },
};

/** Longest `note` accepted on an event, in Unicode code points. */
export const EVENT_NOTE_MAX_LENGTH = 1000;

/** An event as posted; values are `unknown` because they may come straight from a request body. */
export interface ReferralEventPayload {
  type: ReferralEventType;
  amountYuan?: unknown;
  reason?: unknown;
  note?: unknown;
}

/** What the payload rules need to know about the referral. */
export interface EventPayloadContext {
  /**
   * The amount of the referral's `approved` event, or null if it has none. A disbursement may not
   * exceed it. Required (not optional) so that a caller cannot forget the bound by omission.
   */
  approvedAmountYuan: number | null;
}

// Which optional fields each event type takes; anything else is rejected, never silently stored.
const FIELDS_BY_TYPE: Readonly<Record<ReferralEventType, readonly ('amountYuan' | 'reason')[]>> = {
  // Stryker disable next-line ArrayDeclaration: only includes('amountYuan' | 'reason') reads these
  acknowledged: [],
  // Stryker disable next-line ArrayDeclaration: as above
  contacted: [],
  approved: ['amountYuan'],
  declined: ['reason'],
  disbursed: ['amountYuan'],
  // Stryker disable next-line ArrayDeclaration: as above
  withdrawn: [],
};

/**
 * Checks an event's payload: `approved` and `disbursed` need `amountYuan` (a positive safe
 * integer; a disbursement at most the approved amount), `declined` needs a `reason` from
 * `DECLINE_REASONS`, any event may carry a `note` of at most 1000 characters, and fields that an
 * event type does not take are rejected. Whether the event is allowed in the referral's status is
 * `transition`'s job, not this function's.
 *
 * @returns the issues found; empty when the payload is acceptable
 */
export function validateEventPayload(
  payload: ReferralEventPayload,
  context: EventPayloadContext,
): Issue[] {
  const issues: Issue[] = [];
  if (!Object.hasOwn(FIELDS_BY_TYPE, payload.type)) {
    issues.push({
      path: 'type',
      code: 'invalid_enum',
      message: `type must be one of ${REFERRAL_EVENT_TYPES.join(', ')}`,
    });
    return issues;
  }
  const fields = FIELDS_BY_TYPE[payload.type];

  if (fields.includes('amountYuan')) {
    issues.push(...checkAmount(payload.type, payload.amountYuan, context));
  } else if (payload.amountYuan !== undefined) {
    issues.push(notAllowed('amountYuan', payload.type));
  }

  if (fields.includes('reason')) {
    if (payload.reason === undefined || payload.reason === null) {
      issues.push({ path: 'reason', code: 'required', message: 'reason is required' });
    } else if (
      // Stryker disable next-line ConditionalExpression: a guard for the type; includes() of a non-string is false
      typeof payload.reason !== 'string' ||
      !(DECLINE_REASONS as readonly string[]).includes(payload.reason)
    ) {
      issues.push({
        path: 'reason',
        code: 'invalid_enum',
        message: `reason must be one of ${DECLINE_REASONS.join(', ')}`,
      });
    }
  } else if (payload.reason !== undefined) {
    issues.push(notAllowed('reason', payload.type));
  }

  if (payload.note !== undefined && payload.note !== null) {
    if (typeof payload.note !== 'string') {
      issues.push({ path: 'note', code: 'invalid_type', message: 'note must be a string' });
    } else if ([...payload.note].length > EVENT_NOTE_MAX_LENGTH) {
      // Counted in code points, not UTF-16 units, so emoji count once like any character.
      issues.push({
        path: 'note',
        code: 'too_long',
        message: `note must be at most ${EVENT_NOTE_MAX_LENGTH} characters`,
      });
    }
  }
  return issues;
}

function checkAmount(
  type: ReferralEventType,
  amount: unknown,
  context: EventPayloadContext,
): Issue[] {
  if (amount === undefined || amount === null) {
    return [
      { path: 'amountYuan', code: 'required', message: `amountYuan is required for ${type}` },
    ];
  }
  // Stryker disable next-line ConditionalExpression: a guard for the type; isSafeInteger() of a non-number is false
  if (typeof amount !== 'number' || !Number.isSafeInteger(amount) || amount <= 0) {
    return [
      {
        path: 'amountYuan',
        code: 'invalid_amount',
        message: 'amountYuan must be a positive whole number of yuan',
      },
    ];
  }
  // Without an approval the transition itself is illegal (409); don't mask it with a 422 here.
  if (
    type === 'disbursed' &&
    context.approvedAmountYuan !== null &&
    amount > context.approvedAmountYuan
  ) {
    return [
      {
        path: 'amountYuan',
        code: 'exceeds_approved_amount',
        message: `amountYuan must not exceed the approved amount of ${context.approvedAmountYuan}`,
      },
    ];
  }
  return [];
}

function notAllowed(path: string, type: ReferralEventType): Issue {
  return { path, code: 'not_allowed', message: `${path} is not accepted on a ${type} event` };
}
