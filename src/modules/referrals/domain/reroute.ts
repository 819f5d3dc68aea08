/**
 * When a referral may move to another bank (docs/routing.md, "Re-routing"). Pure: the service
 * reads the referral, its current consent and the banks it has had, asks `mayReroute(...)`, then
 * lets `routeReferral` pick the next bank with the banks tried and recent decliners left out.
 */
import { stageOf } from '../../calendar/domain/deadlines';
import type { DeclineReason, ReferralStatus } from './referral-status';

/** A referral goes to at most this many banks, the first one included. */
export const MAX_BANKS_PER_REFERRAL = 3;

/** A bank that declined an enterprise for a product is not routed to again for this long. */
export const DECLINE_EXCLUSION_DAYS = 90;

/**
 * The earliest moment a decline still keeps its bank away at `now`: DECLINE_EXCLUSION_DAYS whole
 * days (of 24 hours: Asia/Shanghai has no daylight saving time) before it, inclusive.
 */
export function declineExclusionSince(now: Date): Date {
  return new Date(now.getTime() - DECLINE_EXCLUSION_DAYS * 86_400_000);
}

/**
 * Decline reasons that are the applicant's own decision, not the bank's: such a decline neither
 * re-routes the referral nor keeps the bank away from the enterprise.
 */
export const APPLICANT_DECLINE_REASONS: readonly DeclineReason[] = ['applicant_declined_offer'];

/** Whether a decline was the applicant's own doing (the SME turned the offer down). */
export function isApplicantsOwnDecline(reason: string | null): boolean {
  return (APPLICANT_DECLINE_REASONS as readonly (string | null)[]).includes(reason);
}

/**
 * What starts a re-route: the bank missed the acknowledge deadline or declined (automatic, with the
 * SME's `allowReroute`), the SME asked with fresh consent, or an admin reassigned it.
 */
export type RerouteTrigger = 'acknowledge_overdue' | 'declined' | 'sme_request' | 'admin_reassign';

/** Automatic triggers act only on the SME's standing permission. */
export const AUTOMATIC_TRIGGERS: readonly RerouteTrigger[] = ['acknowledge_overdue', 'declined'];

/** What the decision needs to know about the referral. */
export interface RerouteFacts {
  status: ReferralStatus;
  /** The latest stage marked overdue for the current bank, or null. */
  overdueStage: string | null;
  /** When declined: the current bank's reason. */
  declineReason: string | null;
  /** The current bank's consent record lets the referral go on to the next bank. */
  allowReroute: boolean;
  /** The request carries the SME's fresh consent (a re-route the SME asked for). */
  freshConsent: boolean;
  /** Banks that have had the referral, the current one included. */
  banksTried: number;
}

/**
 * Why a referral cannot be re-routed:
 * - `not_overdue`: it is open and its bank is within its deadline (only a missed deadline or a
 *   decline moves a referral the SME asks to move);
 * - `not_reroutable`: its status does not allow it (approved, disbursed, withdrawn);
 * - `applicants_own_decline`: the bank declined because the SME turned the offer down;
 * - `consent_required`: the SME has not agreed that it may go to another bank;
 * - `limit_reached`: it has been with MAX_BANKS_PER_REFERRAL banks already.
 */
export type RerouteRefusal =
  | 'not_overdue'
  | 'not_reroutable'
  | 'applicants_own_decline'
  | 'consent_required'
  | 'limit_reached';

export type RerouteVerdict = { ok: true } | { ok: false; refusal: RerouteRefusal };

/** Open statuses, each waiting on its bank for one deadline stage. */
const OPEN_WITH_STAGE: readonly ReferralStatus[] = ['submitted', 'acknowledged', 'contacted'];

function stateRefusal(trigger: RerouteTrigger, f: RerouteFacts): RerouteRefusal | null {
  if (f.status === 'declined')
    return trigger === 'acknowledge_overdue'
      ? 'not_reroutable'
      : isApplicantsOwnDecline(f.declineReason)
        ? 'applicants_own_decline'
        : null;
  if (!OPEN_WITH_STAGE.includes(f.status)) return 'not_reroutable';
  switch (trigger) {
    case 'declined':
      return 'not_reroutable';
    case 'acknowledge_overdue':
      return f.status === 'submitted' && f.overdueStage === 'acknowledge' ? null : 'not_overdue';
    case 'sme_request':
      // Stryker disable next-line ConditionalExpression: stageOf names a stage for every open status, so null never equals it
      return f.overdueStage !== null && f.overdueStage === stageOf(f.status) ? null : 'not_overdue';
    // Stryker disable next-line ConditionalExpression,StringLiteral: falling out of the switch gives undefined, no refusal either
    case 'admin_reassign':
      return null;
  }
}

/**
 * Whether the referral may move to another bank now, in this order: its state (a trigger that does
 * not apply), the SME's consent, the limit of banks. Admins may reassign any open referral and any
 * referral a bank declined (not for the applicant's own reason); the SME a referral whose bank
 * missed its current deadline or declined it; the service by itself only after a missed
 * acknowledge deadline or a decline.
 */
export function mayReroute(trigger: RerouteTrigger, facts: RerouteFacts): RerouteVerdict {
  const state = stateRefusal(trigger, facts);
  if (state) return { ok: false, refusal: state };
  const consented = trigger === 'sme_request' ? facts.freshConsent : facts.allowReroute;
  if (!consented) return { ok: false, refusal: 'consent_required' };
  if (facts.banksTried >= MAX_BANKS_PER_REFERRAL) return { ok: false, refusal: 'limit_reached' };
  return { ok: true };
}
