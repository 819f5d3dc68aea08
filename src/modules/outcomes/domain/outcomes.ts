/**
 * Outcome statistics of partner banks and products, counted in working days (docs/outcomes.md).
 *
 * Pure: the service aggregates referral events in SQL into groups of bank assignments that share
 * the same dates and outcome, and these functions fold the groups into the figures the API shows.
 * No framework, no clock: the caller passes the calendar and "today".
 */
import type { Issue } from '../../../common/errors/issue';
import {
  dayNumber,
  endOfShanghaiDay,
  type IsoDate,
  type WorkingDayCalendar,
} from '../../calendar/domain/working-days';
import { DECLINE_REASON_LABELS, DECLINE_REASONS } from '../../referrals/domain/referral-status';

/** A product's outlook is shown only when at least this many enterprises had a decision … */
export const MIN_DISTINCT_ENTERPRISES = 10;
/** … from at least this many banks, so that no single SME or bank can be singled out. */
export const MIN_DISTINCT_BANKS = 2;
/** How many decline reasons an outlook names. */
export const TOP_DECLINE_REASONS = 3;
/** The outlook looks back this many months. */
export const OUTLOOK_MONTHS = 12;

/** What happened to the acknowledgement of an assignment. */
export type AckState =
  /** acknowledged before the sweep marked the acknowledge deadline passed */
  | 'on_time'
  /** the acknowledge deadline was marked passed (acknowledged later, or never) */
  | 'late'
  /** neither yet: still within the deadline, or withdrawn/re-routed before it */
  | 'pending';

/**
 * Bank assignments (a referral received by a bank) that share every fact below, with how many
 * they are. `receivedOn` and the other dates are Asia/Shanghai dates.
 */
export interface AssignmentGroup {
  bankCode: string;
  count: number;
  receivedOn: IsoDate;
  acknowledgedOn: IsoDate | null;
  ackState: AckState;
  /** The day of the bank's first decision (approved or declined), or null. */
  decidedOn: IsoDate | null;
  /** `declined` when the bank declined (even after approving), `approved` when it approved only. */
  outcome: 'approved' | 'declined' | null;
  declineReason: string | null;
  /** The sum over the group of the amounts disbursed, integer yuan. */
  disbursedYuan: number;
  /** Still with this bank, open and past the current stage's deadline. */
  overdueOpen: boolean;
  /** The referral went on to another bank after this one. */
  rerouted: boolean;
}

export interface BankStats {
  bankCode: string;
  received: number;
  acknowledgedOnTime: number | null;
  medianWorkingDaysToAcknowledge: number | null;
  medianWorkingDaysToDecision: number | null;
  approved: number;
  declined: number;
  approvalRate: number | null;
  declineReasons: Record<string, number>;
  disbursedYuan: number;
  overdueOpen: number;
  rerouted: number;
}

/** A ratio rounded to 4 decimal places (0.6667), or null when nothing was counted. */
export function rate(part: number, whole: number): number | null {
  if (whole <= 0) return null;
  return Math.round((part / whole) * 10_000) / 10_000;
}

/**
 * The median of values given with their multiplicities: the middle value, or the mean of the two
 * middle values for an even total; null when there are none.
 */
export function weightedMedian(values: readonly { value: number; count: number }[]): number | null {
  const sorted = values.filter((v) => v.count > 0).sort((a, b) => a.value - b.value);
  const total = sorted.reduce((n, v) => n + v.count, 0);
  if (total === 0) return null;
  // The 0-based positions of the middle one (odd) or two (even) values.
  const lo = Math.floor((total - 1) / 2);
  const hi = Math.floor(total / 2);
  let seen = 0;
  let low: number | null = null;
  for (const v of sorted) {
    const next = seen + v.count;
    if (low === null && lo < next) low = v.value;
    if (hi < next) return (low! + v.value) / 2;
    seen = next;
  }
  /* c8 ignore next 2 */
  // Stryker disable next-line StringLiteral: the wording of a throw no input reaches (hi < total)
  throw new Error('unreachable: hi < total');
}

/** Working days from one day to a later one (day 1 is the first working day after `from`). */
export function workingDaySpan(calendar: WorkingDayCalendar, from: IsoDate, to: IsoDate): number {
  return calendar.workingDaysBetween(from, to);
}

/** Adds `count` to the entry for `value`. */
function tally(into: Map<number, number>, value: number, count: number): void {
  into.set(value, (into.get(value) ?? 0) + count);
}

function medianOf(tallies: Map<number, number>): number | null {
  return weightedMedian([...tallies].map(([value, count]) => ({ value, count })));
}

/**
 * Each bank's figures from its assignment groups. Every bank in `bankCodes` gets a row (zeros for
 * one that received nothing), in that order; groups of other banks are ignored.
 */
export function foldBankStats(
  calendar: WorkingDayCalendar,
  bankCodes: readonly string[],
  groups: readonly AssignmentGroup[],
): BankStats[] {
  return bankCodes.map((bankCode) => {
    const mine = groups.filter((g) => g.bankCode === bankCode);
    let received = 0;
    let onTime = 0;
    let settled = 0;
    let approved = 0;
    let declined = 0;
    let disbursedYuan = 0;
    let overdueOpen = 0;
    let rerouted = 0;
    const toAck = new Map<number, number>();
    const toDecision = new Map<number, number>();
    const reasons = new Map<string, number>();
    for (const g of mine) {
      received += g.count;
      if (g.ackState !== 'pending') settled += g.count;
      if (g.ackState === 'on_time') onTime += g.count;
      if (g.acknowledgedOn !== null)
        tally(toAck, workingDaySpan(calendar, g.receivedOn, g.acknowledgedOn), g.count);
      if (g.decidedOn !== null)
        tally(toDecision, workingDaySpan(calendar, g.receivedOn, g.decidedOn), g.count);
      if (g.outcome === 'approved') approved += g.count;
      if (g.outcome === 'declined') {
        declined += g.count;
        const reason = g.declineReason ?? 'other';
        reasons.set(reason, (reasons.get(reason) ?? 0) + g.count);
      }
      disbursedYuan += g.disbursedYuan;
      if (g.overdueOpen) overdueOpen += g.count;
      if (g.rerouted) rerouted += g.count;
    }
    return {
      bankCode,
      received,
      acknowledgedOnTime: rate(onTime, settled),
      medianWorkingDaysToAcknowledge: medianOf(toAck),
      medianWorkingDaysToDecision: medianOf(toDecision),
      approved,
      declined,
      approvalRate: rate(approved, approved + declined),
      declineReasons: Object.fromEntries(sortReasons(reasons)),
      disbursedYuan,
      overdueOpen,
      rerouted,
    };
  });
}

/** Reasons by descending count; ties in the order of the fixed list (unknown reasons last). */
function sortReasons(reasons: Map<string, number>): [string, number][] {
  const order = (r: string) => {
    const i = (DECLINE_REASONS as readonly string[]).indexOf(r);
    return i === -1 ? DECLINE_REASONS.length : i;
  };
  return [...reasons].sort((a, b) => b[1] - a[1] || order(a[0]) - order(b[0]));
}

/** Decisions on a product that share their dates and outcome. */
export interface DecisionGroup {
  count: number;
  receivedOn: IsoDate;
  decidedOn: IsoDate;
  outcome: 'approved' | 'declined';
  declineReason: string | null;
}

/** A product's decisions over the outlook period, with the distinct parties behind them. */
export interface ProductDecisions {
  distinctEnterprises: number;
  distinctBanks: number;
  groups: readonly DecisionGroup[];
}

export interface DeclineReasonShare {
  label: { zh: string; en: string };
  count: number;
  /** Of the product's declines, rounded to 4 decimal places. */
  share: number;
}

export interface ProductOutlook {
  decided: number | null;
  approvalRate: number | null;
  medianWorkingDaysToDecision: number | null;
  topDeclineReasons: DeclineReasonShare[] | null;
  insufficientData: boolean;
}

export const INSUFFICIENT_DATA: Readonly<ProductOutlook> = Object.freeze({
  decided: null,
  approvalRate: null,
  medianWorkingDaysToDecision: null,
  topDeclineReasons: null,
  insufficientData: true,
});

/** Whether enough enterprises and banks stand behind the figures to show them. */
export function enoughToShow(d: Pick<ProductDecisions, 'distinctEnterprises' | 'distinctBanks'>) {
  return d.distinctEnterprises >= MIN_DISTINCT_ENTERPRISES && d.distinctBanks >= MIN_DISTINCT_BANKS;
}

/** The readable label of a decline reason (an unknown code reads as "other reason"). */
export function declineReasonLabel(reason: string): { zh: string; en: string } {
  const known = Object.hasOwn(DECLINE_REASON_LABELS, reason)
    ? DECLINE_REASON_LABELS[reason as keyof typeof DECLINE_REASON_LABELS]
    : DECLINE_REASON_LABELS.other;
  return { zh: known.zh, en: known.en };
}

/** A product's outlook, or all null with `insufficientData` below the anonymity threshold. */
export function productOutlook(
  calendar: WorkingDayCalendar,
  decisions: ProductDecisions | undefined,
): ProductOutlook {
  if (!decisions || !enoughToShow(decisions)) return { ...INSUFFICIENT_DATA };
  let decided = 0;
  let approved = 0;
  const toDecision = new Map<number, number>();
  const reasons = new Map<string, number>();
  for (const g of decisions.groups) {
    decided += g.count;
    if (g.outcome === 'approved') approved += g.count;
    else {
      const reason = g.declineReason ?? 'other';
      reasons.set(reason, (reasons.get(reason) ?? 0) + g.count);
    }
    tally(toDecision, workingDaySpan(calendar, g.receivedOn, g.decidedOn), g.count);
  }
  const declined = decided - approved;
  return {
    decided,
    approvalRate: rate(approved, decided),
    medianWorkingDaysToDecision: medianOf(toDecision),
    topDeclineReasons: sortReasons(reasons)
      .slice(0, TOP_DECLINE_REASONS)
      .map(([reason, count]) => ({
        label: declineReasonLabel(reason),
        count,
        share: rate(count, declined)!,
      })),
    insufficientData: false,
  };
}

/** The Asia/Shanghai date `months` calendar months before `today` (clamped to the month's end). */
export function monthsBefore(today: IsoDate, months: number): IsoDate {
  const [y, m, d] = today.split('-').map(Number);
  const index = y * 12 + (m - 1) - months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(year, 4)}-${pad(month)}-${pad(Math.min(d, last))}`;
}

/** The instants a span of Asia/Shanghai dates covers: [start of `from`, end of `to`). */
export interface StatsWindow {
  from: IsoDate;
  to: IsoDate;
  start: Date;
  end: Date;
}

export function windowOf(from: IsoDate, to: IsoDate): StatsWindow {
  return {
    from,
    to,
    start: new Date(endOfShanghaiDay(from).getTime() - 86_400_000),
    end: endOfShanghaiDay(to),
  };
}

/** The outlook's period: the day 12 months before today, through today. */
export function outlookWindow(today: IsoDate): StatsWindow {
  return windowOf(monthsBefore(today, OUTLOOK_MONTHS), today);
}

/**
 * Checks the `from`/`to` query of a statistics request. Both are optional: `to` defaults to today,
 * `from` to 12 months before `to`.
 *
 * @returns the window, or the issues naming the parameter at fault
 */
export function parseStatsWindow(
  query: { from?: unknown; to?: unknown },
  today: IsoDate,
): { ok: true; window: StatsWindow } | { ok: false; issues: Issue[] } {
  const issues: Issue[] = [];
  const read = (name: 'from' | 'to'): IsoDate | undefined => {
    const v = query[name];
    if (v === undefined || v === '') return undefined;
    if (typeof v !== 'string' || dayNumber(v) === null) {
      issues.push({
        path: name,
        code: 'invalid_date',
        message: `${name} must be a calendar date YYYY-MM-DD (Asia/Shanghai)`,
      });
      return undefined;
    }
    return v;
  };
  const fromGiven = read('from');
  const toGiven = read('to');
  if (issues.length) return { ok: false, issues };
  const to = toGiven ?? today;
  const from = fromGiven ?? monthsBefore(to, OUTLOOK_MONTHS);
  if (from > to) {
    return {
      ok: false,
      issues: [{ path: 'from', code: 'after_to', message: `from (${from}) is after to (${to})` }],
    };
  }
  return { ok: true, window: windowOf(from, to) };
}
