import type { Schemas } from '../../api/client';
import type { Profile } from './data';

export const CREDIT_KEYS = [
  'dishonestDebtor',
  'overdueLoans',
  'badCreditRecord',
  'wageOrSocialInsuranceArrears',
] as const;

type YesNo = '' | 'yes' | 'no';

/** The form's state: what was typed, as text, so a half-filled draft survives a reload. */
export interface Form {
  name: string;
  uscc: string;
  entityType: Schemas['EntityType'];
  regionCode: string;
  industryCode: string;
  establishedOn: string;
  employees: string;
  revenueWan: string;
  assetsWan: string;
  taxWan: string;
  taxRelief: YesNo;
  inIndustrialPark: YesNo;
  certifications: Schemas['Certification'][];
  agriOperatorType: '' | Schemas['AgriOperatorType'];
  listings: Schemas['Listing'][];
  credit: Record<(typeof CREDIT_KEYS)[number], YesNo>;
  founderCategories: Schemas['FounderCategory'][];
  /** The founder question was answered (possibly with none of the categories). */
  founderAnswered: boolean;
  founderPartners: string;
  receivables: YesNo;
  receivablesWan: string;
  receivablesFromGovernment: boolean;
  procurement: YesNo;
  procurementWan: string;
  newHires: string;
  newHiresTarget: string;
  retentionPercent: string;
  needWan: string;
  termMonths: string;
  purpose: Schemas['FinancingPurpose'];
  collateralAvailable: boolean;
}

export const EMPTY: Form = {
  name: '',
  uscc: '',
  entityType: 'enterprise',
  regionCode: '',
  industryCode: '',
  establishedOn: '',
  employees: '',
  revenueWan: '',
  assetsWan: '',
  taxWan: '',
  taxRelief: '',
  inIndustrialPark: '',
  certifications: [],
  agriOperatorType: '',
  listings: [],
  credit: {
    dishonestDebtor: '',
    overdueLoans: '',
    badCreditRecord: '',
    wageOrSocialInsuranceArrears: '',
  },
  founderCategories: [],
  founderAnswered: false,
  founderPartners: '',
  receivables: '',
  receivablesWan: '',
  receivablesFromGovernment: false,
  procurement: '',
  procurementWan: '',
  newHires: '',
  newHiresTarget: '',
  retentionPercent: '',
  needWan: '',
  termMonths: '',
  purpose: 'working_capital',
  collateralAvailable: false,
};

const wan = (yuan: number | undefined) => (yuan === undefined ? '' : String(yuan / 10000));
const yuan = (wanText: string) => Math.round(Number(wanText) * 10000);
const yesNo = (v: boolean | undefined): YesNo => (v === undefined ? '' : v ? 'yes' : 'no');

export function fromProfile(p: Profile): Form {
  return {
    name: p.name,
    uscc: p.uscc ?? '',
    entityType: p.entityType,
    regionCode: p.regionCode,
    industryCode: p.industryCode,
    establishedOn: p.establishedOn,
    employees: String(p.employees),
    revenueWan: wan(p.annualRevenueYuan),
    assetsWan: wan(p.totalAssetsYuan),
    taxWan: wan(p.taxPaidLastYearYuan),
    taxRelief: yesNo(p.taxRelief),
    inIndustrialPark: yesNo(p.inIndustrialPark),
    certifications: p.certifications ?? [],
    agriOperatorType: p.agriOperatorType ?? '',
    listings: p.listings ?? [],
    credit: {
      dishonestDebtor: yesNo(p.credit?.dishonestDebtor),
      overdueLoans: yesNo(p.credit?.overdueLoans),
      badCreditRecord: yesNo(p.credit?.badCreditRecord),
      wageOrSocialInsuranceArrears: yesNo(p.credit?.wageOrSocialInsuranceArrears),
    },
    founderCategories: p.founder?.categories ?? [],
    founderAnswered: Boolean(p.founder),
    founderPartners: p.founder?.partners === undefined ? '' : String(p.founder.partners),
    receivables: p.receivables ? (p.receivables.amountYuan > 0 ? 'yes' : 'no') : '',
    receivablesWan: p.receivables?.amountYuan ? wan(p.receivables.amountYuan) : '',
    receivablesFromGovernment: p.receivables?.debtorIsGovernmentOrLargeEnterprise ?? false,
    procurement: p.governmentProcurementContract
      ? p.governmentProcurementContract.amountYuan > 0
        ? 'yes'
        : 'no'
      : '',
    procurementWan: p.governmentProcurementContract?.amountYuan
      ? wan(p.governmentProcurementContract.amountYuan)
      : '',
    newHires: p.hiring ? String(p.hiring.newHiresLast12Months) : '',
    newHiresTarget: p.hiring ? String(p.hiring.newHiresFromTargetGroups) : '',
    retentionPercent:
      p.jobRetentionRate === undefined ? '' : String(Math.round(p.jobRetentionRate * 1000) / 10),
    needWan: wan(p.financingNeed.amountYuan),
    termMonths: String(p.financingNeed.termMonths),
    purpose: p.financingNeed.purpose,
    collateralAvailable: p.financingNeed.collateralAvailable,
  };
}

/** The profile the form says; optional facts left blank are left out (unknown), never guessed. */
function typedProfile(f: Form): Profile {
  const profile: Profile = {
    name: f.name.trim(),
    entityType: f.entityType,
    regionCode: f.regionCode,
    industryCode: f.industryCode.trim().toUpperCase(),
    establishedOn: f.establishedOn,
    employees: Number(f.employees),
    annualRevenueYuan: yuan(f.revenueWan),
    certifications: f.certifications,
    listings: f.listings,
    financingNeed: {
      amountYuan: yuan(f.needWan),
      termMonths: Number(f.termMonths),
      purpose: f.purpose,
      collateralAvailable: f.collateralAvailable,
    },
  };
  if (f.uscc.trim()) profile.uscc = f.uscc.trim().toUpperCase();
  if (f.assetsWan !== '') profile.totalAssetsYuan = yuan(f.assetsWan);
  if (f.taxWan !== '') profile.taxPaidLastYearYuan = yuan(f.taxWan);
  if (f.taxRelief) profile.taxRelief = f.taxRelief === 'yes';
  if (f.inIndustrialPark) profile.inIndustrialPark = f.inIndustrialPark === 'yes';
  if (f.agriOperatorType) profile.agriOperatorType = f.agriOperatorType;
  if (f.founderAnswered) {
    profile.founder = { categories: f.founderCategories };
    if (f.founderPartners !== '') profile.founder.partners = Number(f.founderPartners);
  }
  // "None" is a confirmed answer (an amount of 0), not a blank: it settles the products that ask.
  if (f.receivables === 'no')
    profile.receivables = {
      amountYuan: 0,
      debtorIsGovernmentOrLargeEnterprise: f.receivablesFromGovernment,
    };
  if (f.receivables === 'yes' && f.receivablesWan !== '')
    profile.receivables = {
      amountYuan: yuan(f.receivablesWan),
      debtorIsGovernmentOrLargeEnterprise: f.receivablesFromGovernment,
    };
  if (f.procurement === 'no') profile.governmentProcurementContract = { amountYuan: 0 };
  if (f.procurement === 'yes' && f.procurementWan !== '')
    profile.governmentProcurementContract = { amountYuan: yuan(f.procurementWan) };
  if (f.newHires !== '' && f.newHiresTarget !== '')
    profile.hiring = {
      newHiresLast12Months: Number(f.newHires),
      newHiresFromTargetGroups: Number(f.newHiresTarget),
    };
  // Rounded to 1e-8 so that 95.7 % is sent as 0.957, not as 0.9570000000000001.
  if (f.retentionPercent !== '')
    profile.jobRetentionRate = Math.round(Number(f.retentionPercent) * 1e6) / 1e8;
  if (CREDIT_KEYS.every((k) => f.credit[k])) {
    profile.credit = {
      dishonestDebtor: f.credit.dishonestDebtor === 'yes',
      overdueLoans: f.credit.overdueLoans === 'yes',
      badCreditRecord: f.credit.badCreditRecord === 'yes',
      wageOrSocialInsuranceArrears: f.credit.wageOrSocialInsuranceArrears === 'yes',
    };
  }
  return profile;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((x, i) => equal(x, b[i]));
  if (!isRecord(a) || !isRecord(b)) return false;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => equal(a[k], b[k]));
}

/**
 * One value to send: the loaded one wherever the form still says what it said on loading, the
 * typed one where the SME changed it. Objects are compared field by field, so a field the form
 * has no control for, or shows rounded (a retention rate to 0.1 %), comes back as it was loaded.
 */
function keep(loaded: unknown, shown: unknown, typed: unknown): unknown {
  if (equal(shown, typed)) return loaded;
  if (!isRecord(loaded) || !isRecord(shown) || !isRecord(typed)) return typed;
  const out: Record<string, unknown> = {};
  for (const k of new Set([...Object.keys(loaded), ...Object.keys(typed)])) {
    const v = keep(loaded[k], shown[k], typed[k]);
    if (v !== undefined) out[k] = v;
  }
  return out;
}

/**
 * The profile to save. With the profile the form was loaded from, what the SME did not change is
 * sent back exactly as the API returned it, so saving never loses or alters a stored fact.
 */
export function toProfile(f: Form, loaded?: Profile | null): Profile {
  const typed = typedProfile(f);
  if (!loaded) return typed;
  return keep(loaded, typedProfile(fromProfile(loaded)), typed) as Profile;
}
