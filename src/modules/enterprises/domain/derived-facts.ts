/**
 * Facts the service derives from a profile (docs/rules.md, "Derived facts"). Pure: the caller
 * passes `asOf` instead of reading the clock. An unknown derived fact is null, never a guess.
 */
import type { SizeClass } from '../../matching/engine/facts';
import { compareCalendarDates, parseCalendarDate, wholeYearsBetween } from './calendar-date';
import { parseIndustryCode } from './industries';
import type { EnterpriseProfile } from './profile';
import { cityCodeOf } from './regions';
import { classifySize, SizeClassBasis } from './size-class';

/** The derived facts returned as `derived` and usable in rules; null means unknown. */
export interface DerivedFacts {
  sizeClass: SizeClass | null;
  /** The thresholds that decided `sizeClass`, or why it is unknown. Not a rule fact. */
  sizeClassBasis: SizeClassBasis;
  /** Whole years from `establishedOn` to `asOf`, counted like a birthday. */
  yearsInOperation: number | null;
  /** Prefecture-level city code (first 4 digits of `regionCode` + `00`). */
  cityCode: string | null;
  /** GB/T 4754 section letter, `C` for `C3911`. */
  industrySection: string | null;
  /** GB/T 4754 division, `39` for `C3911`. */
  industryDivision: string | null;
  /** `hiring.newHiresFromTargetGroups / employees` as a fraction. */
  targetGroupHireShare: number | null;
  /** Any `credit` flag true; null when `credit` is absent. */
  hasCreditIssues: boolean | null;
}

/** Whole years in operation on `asOf` (the derived fact `yearsInOperation`); null when unknown. */
export function yearsInOperationAsOf(establishedOn: string, asOf: string): number | null {
  const from = parseCalendarDate(establishedOn);
  const to = parseCalendarDate(asOf);
  // A founding date after today is a profile error (422), so it is unknown rather than negative.
  if (!from || !to || compareCalendarDates(from, to) > 0) return null;
  return wholeYearsBetween(from, to);
}

function targetGroupHireShare(profile: EnterpriseProfile): number | null {
  const { hiring, employees } = profile;
  if (!hiring || typeof hiring.newHiresFromTargetGroups !== 'number') return null;
  // With no employees the share is undefined, not 0 or infinite.
  if (typeof employees !== 'number' || employees <= 0) return null;
  return hiring.newHiresFromTargetGroups / employees;
}

function hasCreditIssues(profile: EnterpriseProfile): boolean | null {
  const { credit } = profile;
  if (!credit) return null;
  const flags = [
    credit.dishonestDebtor,
    credit.overdueLoans,
    credit.badCreditRecord,
    credit.wageOrSocialInsuranceArrears,
  ];
  if (flags.some((f) => f === true)) return true;
  // Three-valued: all false is false; a flag that is not given leaves it unknown.
  return flags.every((f) => f === false) ? false : null;
}

/**
 * Computes the derived facts of a profile as of a date.
 * @param asOf today's date `YYYY-MM-DD`, from the caller's clock.
 * @throws RangeError when `asOf` is not a real calendar date.
 */
export function deriveFacts(profile: EnterpriseProfile, asOf: string): DerivedFacts {
  if (!parseCalendarDate(asOf)) throw new RangeError(`asOf ${asOf} is not a YYYY-MM-DD date`);
  const size = classifySize(profile);
  const industry = parseIndustryCode(profile.industryCode);
  return {
    sizeClass: size.sizeClass === 'unknown' ? null : size.sizeClass,
    sizeClassBasis: size.basis,
    yearsInOperation: yearsInOperationAsOf(profile.establishedOn, asOf),
    cityCode: cityCodeOf(profile.regionCode),
    industrySection: industry?.section ?? null,
    industryDivision: industry?.division ?? null,
    targetGroupHireShare: targetGroupHireShare(profile),
    hasCreditIssues: hasCreditIssues(profile),
  };
}

/**
 * Bumped whenever {@link deriveFacts} would answer differently for a stored profile (a new fact, a
 * revised size standard). Profile versions store the derived facts with the version that computed
 * them; a row from another version is derived again when read (docs/impact.md).
 */
export const DERIVED_FACTS_VERSION = 1;

/** Derived facts as stored with a profile version. */
export interface StoredDerivedFacts {
  derived: DerivedFacts;
  /** The day they were computed for (`YYYY-MM-DD`). */
  asOf: string;
  /** The {@link DERIVED_FACTS_VERSION} that computed them. */
  version: number;
}

/**
 * The derived facts of a profile as of `asOf`, reusing those stored with it: only the facts that
 * move with the calendar (`yearsInOperation`) are computed again, so a pass over every enterprise
 * does not classify sizes one at a time. Rows from another derivation version are derived afresh.
 */
export function derivedFactsAsOf(
  profile: EnterpriseProfile,
  stored: StoredDerivedFacts,
  asOf: string,
): DerivedFacts {
  if (stored.version !== DERIVED_FACTS_VERSION) return deriveFacts(profile, asOf);
  if (stored.asOf === asOf) return stored.derived;
  return { ...stored.derived, yearsInOperation: yearsInOperationAsOf(profile.establishedOn, asOf) };
}

/**
 * The facts object rules read: the profile's fields with the derived facts merged in at the top
 * level (null when unknown). `sizeClassBasis` is an explanation, not a fact, so it is left out.
 */
export function toFacts(
  profile: EnterpriseProfile,
  derived: DerivedFacts,
): Record<string, unknown> {
  // The derived keys are listed first and set last: set last, nothing in the profile can shadow
  // them; listed first, the profile is spread into a literal that has them already. Keys added
  // after a spread (`{ ...profile, sizeClass }`) are slow in V8 on Node 20: that took ~30 µs per
  // call against ~1 µs for this. Rules read facts by name, so their order changes nothing.
  const facts: Record<string, unknown> = {
    sizeClass: null,
    yearsInOperation: null,
    cityCode: null,
    industrySection: null,
    industryDivision: null,
    targetGroupHireShare: null,
    hasCreditIssues: null,
    ...profile,
  };
  facts.sizeClass = derived.sizeClass;
  facts.yearsInOperation = derived.yearsInOperation;
  facts.cityCode = derived.cityCode;
  facts.industrySection = derived.industrySection;
  facts.industryDivision = derived.industryDivision;
  facts.targetGroupHireShare = derived.targetGroupHireShare;
  facts.hasCreditIssues = derived.hasCreditIssues;
  return facts;
}
