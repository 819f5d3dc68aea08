/**
 * The enterprise profile an SME submits (spec: rules.md, "The profile") and its semantic checks:
 * the well-formed-but-unacceptable cases answered with HTTP 422. Shape and types are the DTO's job.
 */
import type { DeclaredProfile } from '../../matching/engine/profile-fields';
import { compareCalendarDates, parseCalendarDate } from './calendar-date';
import { parseIndustryCode } from './industries';
import { isKnownRegion } from './regions';
import { checkUscc, UsccCheckFailure } from './uscc';
import type { Issue } from '../../../common/errors/issue';

/**
 * An enterprise profile; money in integer yuan, dates `YYYY-MM-DD`. Inferred from the one
 * declaration of its fields (matching/engine/profile-fields.ts), never written out by hand.
 */
export type EnterpriseProfile = DeclaredProfile;
export type EnterpriseFounder = NonNullable<EnterpriseProfile['founder']>;
export type EnterpriseHiring = NonNullable<EnterpriseProfile['hiring']>;
export type EnterpriseCredit = NonNullable<EnterpriseProfile['credit']>;
export type EnterpriseReceivables = NonNullable<EnterpriseProfile['receivables']>;
export type GovernmentProcurementContract = NonNullable<
  EnterpriseProfile['governmentProcurementContract']
>;
export type FinancingNeed = EnterpriseProfile['financingNeed'];

/** Machine-readable codes of semantic profile issues. */
export type ProfileIssueCode =
  | 'required'
  | 'invalid_credit_code'
  | 'unknown_region'
  | 'unknown_industry'
  | 'invalid_date'
  | 'inconsistent';

const USCC_MESSAGES: Record<UsccCheckFailure, string> = {
  length: 'uscc must be exactly 18 characters',
  charset:
    'uscc may hold only digits and upper-case letters except I, O, Z, S, V, ' +
    'with digits in positions 3–8',
  check_digit: 'uscc check digit does not match (GB 32100-2015); please re-check the code',
};

function usccIssues(profile: EnterpriseProfile): Issue<ProfileIssueCode>[] {
  const { uscc, entityType } = profile;
  if (uscc === undefined || uscc === null || uscc === '') {
    // A natural-person founder (自然人创业者) has no credit code yet.
    return entityType === 'individual'
      ? []
      : [
          {
            path: 'uscc',
            code: 'required',
            message: 'uscc is required unless entityType is individual',
          },
        ];
  }
  const result = checkUscc(uscc);
  return result.valid
    ? []
    : [{ path: 'uscc', code: 'invalid_credit_code', message: USCC_MESSAGES[result.reason] }];
}

function regionIssues({ regionCode }: EnterpriseProfile): Issue<ProfileIssueCode>[] {
  if (isKnownRegion(regionCode)) return [];
  const where =
    typeof regionCode === 'string' && regionCode.startsWith('36')
      ? 'is not a known Jiangxi city or county code'
      : 'is not in Jiangxi (36xxxx)';
  return [
    { path: 'regionCode', code: 'unknown_region', message: `regionCode ${regionCode} ${where}` },
  ];
}

function industryIssues({ industryCode }: EnterpriseProfile): Issue<ProfileIssueCode>[] {
  if (parseIndustryCode(industryCode)) return [];
  return [
    {
      path: 'industryCode',
      code: 'unknown_industry',
      message:
        `industryCode ${industryCode} is not a known GB/T 4754-2017 division ` +
        'under its section letter (e.g. C39, not A39)',
    },
  ];
}

function dateIssues({ establishedOn }: EnterpriseProfile, asOf: string): Issue<ProfileIssueCode>[] {
  const established = parseCalendarDate(establishedOn);
  const today = parseCalendarDate(asOf);
  if (!established) {
    const message = `establishedOn ${establishedOn} is not a real calendar date (YYYY-MM-DD)`;
    return [{ path: 'establishedOn', code: 'invalid_date', message }];
  }
  if (today && compareCalendarDates(established, today) > 0) {
    const message = `establishedOn ${establishedOn} is in the future (today is ${asOf})`;
    return [{ path: 'establishedOn', code: 'invalid_date', message }];
  }
  return [];
}

function hiringIssues({ hiring }: EnterpriseProfile): Issue<ProfileIssueCode>[] {
  if (!hiring || hiring.newHiresFromTargetGroups <= hiring.newHiresLast12Months) return [];
  return [
    {
      path: 'hiring.newHiresFromTargetGroups',
      code: 'inconsistent',
      message:
        `newHiresFromTargetGroups (${hiring.newHiresFromTargetGroups}) cannot exceed ` +
        `newHiresLast12Months (${hiring.newHiresLast12Months})`,
    },
  ];
}

/**
 * Semantic checks of a profile that already has the right shape (the DTO layer): the credit-code
 * check digit, a known Jiangxi region, a known industry division, a real and past founding date,
 * consistent hiring counts. Returns every issue found, in field order; empty when acceptable.
 * @param asOf today's date `YYYY-MM-DD`, from the caller's clock.
 * @throws RangeError when `asOf` is not a real calendar date (a caller bug, not user input).
 */
export function validateProfileSemantics(
  profile: EnterpriseProfile,
  asOf: string,
): Issue<ProfileIssueCode>[] {
  if (!parseCalendarDate(asOf)) throw new RangeError(`asOf ${asOf} is not a YYYY-MM-DD date`);
  return [
    ...usccIssues(profile),
    ...regionIssues(profile),
    ...industryIssues(profile),
    ...dateIssues(profile, asOf),
    ...hiringIssues(profile),
  ];
}
