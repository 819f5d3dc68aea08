/**
 * Which partner bank receives a referral (docs/routing.md). Pure: the service loads the product's
 * partner banks with their settings and today's counts, asks `routeReferral(...)`, and persists.
 *
 * A bank can take the referral when it is active, serves the enterprise's county or its city, has
 * not had this referral before (re-routing), is not excluded (it declined this enterprise for this
 * product recently), is accepting referrals and has room in today's capacity. Among those, the least-loaded bank wins: the fewest open
 * referrals, then the bank code, so that equal loads always resolve the same way.
 */
import { REFERRAL_TRANSITIONS, type ReferralStatus } from './referral-status';

/** A partner bank of the product, as routing needs to see it. */
export interface RoutingBank {
  code: string;
  active: boolean;
  acceptingReferrals: boolean;
  /** Most assignments per Asia/Shanghai day; null → unlimited. */
  dailyCapacity: number | null;
  /** GB/T 2260 county or city codes. */
  regionCodes: readonly string[];
  /** Referrals assigned to the bank so far today (Asia/Shanghai), re-routed ones included. */
  assignedToday: number;
  /** Referrals assigned to the bank that are not yet in a terminal status. */
  openReferrals: number;
}

export interface RoutingRequest {
  /** The product's partner banks (its links); banks that are not partners are never chosen. */
  partners: readonly RoutingBank[];
  /** The enterprise's county (or city) code. */
  regionCode: string;
  /** The city the county belongs to, or null when regionCode is itself a city. */
  cityCode: string | null;
  /** The bank the SME named, if any. */
  requestedBankCode?: string;
  /** Banks that must not receive this referral (e.g. they declined this enterprise for this product lately). */
  excludedBankCodes?: readonly string[];
  /** Banks that already had this referral (a re-route never goes back to one of them). */
  triedBankCodes?: readonly string[];
}

/** Why a partner bank was passed over. */
export type SkipReason =
  'inactive' | 'region_not_served' | 'already_tried' | 'excluded' | 'paused' | 'at_capacity';

export type RoutingDecision =
  | { ok: true; bankCode: string }
  /** The named bank is not a partner of the product. */
  | { ok: false; reason: 'not_a_partner'; availableBankCodes: string[] }
  /** The named bank is a partner but cannot take it now (paused, full, excluded, already tried, not serving the region, inactive). */
  | { ok: false; reason: 'bank_unavailable'; skip: SkipReason; availableBankCodes: string[] }
  /** No partner bank can take it: none serves the region, or every one that does is paused, full, excluded or already tried. */
  | { ok: false; reason: 'no_bank_available'; skipped: { code: string; skip: SkipReason }[] };

/** Statuses a referral can no longer leave: they do not count towards a bank's load. */
export const TERMINAL_STATUSES: readonly ReferralStatus[] = (
  Object.keys(REFERRAL_TRANSITIONS) as ReferralStatus[]
).filter((s) => Object.keys(REFERRAL_TRANSITIONS[s]).length === 0);

/** Statuses that count as open for "least-loaded". */
export const OPEN_STATUSES: readonly ReferralStatus[] = (
  Object.keys(REFERRAL_TRANSITIONS) as ReferralStatus[]
).filter((s) => !TERMINAL_STATUSES.includes(s));

/** Does the bank serve the county, or the whole city the county belongs to? */
export function servesRegion(
  bank: Pick<RoutingBank, 'regionCodes'>,
  regionCode: string,
  cityCode: string | null,
): boolean {
  return (
    bank.regionCodes.includes(regionCode) ||
    // Stryker disable next-line ConditionalExpression: a guard for the type; region codes never include null
    (cityCode !== null && bank.regionCodes.includes(cityCode))
  );
}

/** The first reason the bank cannot take this referral, or null when it can. */
export function skipReason(
  bank: RoutingBank,
  req: Pick<RoutingRequest, 'regionCode' | 'cityCode' | 'excludedBankCodes' | 'triedBankCodes'>,
): SkipReason | null {
  if (!bank.active) return 'inactive';
  if (!servesRegion(bank, req.regionCode, req.cityCode)) return 'region_not_served';
  if (req.triedBankCodes?.includes(bank.code)) return 'already_tried';
  if (req.excludedBankCodes?.includes(bank.code)) return 'excluded';
  if (!bank.acceptingReferrals) return 'paused';
  if (bank.dailyCapacity !== null && bank.assignedToday >= bank.dailyCapacity) return 'at_capacity';
  return null;
}

/** Orders banks least-loaded first: fewest open referrals, then bank code. */
export function byLoad(a: RoutingBank, b: RoutingBank): number {
  return a.openReferrals - b.openReferrals || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}

/** Chooses the bank for a referral, or says why none can take it. */
export function routeReferral(req: RoutingRequest): RoutingDecision {
  const assessed = req.partners.map((bank) => ({ bank, skip: skipReason(bank, req) }));
  const available = assessed
    .filter((a) => a.skip === null)
    .map((a) => a.bank)
    .sort(byLoad);
  if (req.requestedBankCode !== undefined) {
    const named = assessed.find((a) => a.bank.code === req.requestedBankCode);
    // Stryker disable next-line MethodExpression,ConditionalExpression: a refused named bank is never available anyway
    const others = available.map((b) => b.code).filter((c) => c !== req.requestedBankCode);
    if (!named) return { ok: false, reason: 'not_a_partner', availableBankCodes: others };
    if (named.skip !== null)
      return {
        ok: false,
        reason: 'bank_unavailable',
        skip: named.skip,
        availableBankCodes: others,
      };
    return { ok: true, bankCode: named.bank.code };
  }
  if (available.length === 0)
    return {
      ok: false,
      reason: 'no_bank_available',
      skipped: assessed.map((a) => ({ code: a.bank.code, skip: a.skip! })),
    };
  return { ok: true, bankCode: available[0].code };
}

const SHANGHAI_OFFSET_MS = 8 * 3600_000; // UTC+8 all year: China has no daylight saving time
const DAY_MS = 86_400_000;

/** The Asia/Shanghai calendar day containing `at`, as a half-open UTC interval [start, end). */
export function shanghaiDay(at: Date): { start: Date; end: Date } {
  const local = at.getTime() + SHANGHAI_OFFSET_MS;
  const start = Math.floor(local / DAY_MS) * DAY_MS - SHANGHAI_OFFSET_MS;
  return { start: new Date(start), end: new Date(start + DAY_MS) };
}
