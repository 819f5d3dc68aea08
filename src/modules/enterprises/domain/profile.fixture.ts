import { PROFILE_FIELDS, type FieldTable } from '../../matching/engine/profile-fields';
import type { EnterpriseProfile } from './profile';

/**
 * The example profile (docs/example-profile.json) for tests. Its credit code is a repaired placeholder: the common
 * 91360100MA35FXXX4W passes the GB 32100 check digit but not the GB 11714 check of its
 * 主体标识码 (MA35FXXX → 9, not 4), so it is a placeholder; 91360100MA35FXXX9C passes both.
 */
export function exampleProfile(): EnterpriseProfile {
  return {
    uscc: '91360100MA35FXXX9C',
    name: '南昌某电子科技有限公司',
    entityType: 'enterprise',
    regionCode: '360111',
    industryCode: 'C3982',
    establishedOn: '2019-04-18',
    employees: 38,
    annualRevenueYuan: 16_500_000,
    totalAssetsYuan: 21_000_000,
    inIndustrialPark: true,
    certifications: ['tech_sme'],
    listings: [],
    taxPaidLastYearYuan: 120_000,
    credit: {
      dishonestDebtor: false,
      overdueLoans: false,
      badCreditRecord: false,
      wageOrSocialInsuranceArrears: false,
    },
    financingNeed: {
      amountYuan: 2_000_000,
      termMonths: 12,
      purpose: 'working_capital',
      collateralAvailable: false,
    },
  };
}

/** `profile` with every optional field left out, at every depth (PROFILE_FIELDS declares which). */
export function sparseProfile<T extends object>(profile: T, table: FieldTable = PROFILE_FIELDS): T {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(profile)) {
    const spec = table[name];
    if (spec?.optional) continue;
    out[name] =
      spec?.kind === 'object' && typeof value === 'object' && value !== null
        ? sparseProfile(value, spec.fields)
        : value;
  }
  return out as T;
}
