import { usccCheckChar } from '../../src/modules/enterprises/domain/uscc';

let counter = 0;

/** A fresh valid credit code (GB 32100 check digit), different on every call. */
export function freshUscc(): string {
  counter += 1;
  const body = `91360100MA${(Date.now() % 1e5).toString().padStart(5, '0')}${String(counter % 100).padStart(2, '0')}`.slice(0, 17);
  return body + usccCheckChar(body);
}

/** A tech SME in a Nanchang industrial park: eligible for KEDAITONG (科贷通). */
export function techSmeProfile(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    uscc: freshUscc(),
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
    founder: { categories: ['college_graduate'] },
    credit: { dishonestDebtor: false, overdueLoans: false, badCreditRecord: false, wageOrSocialInsuranceArrears: false },
    financingNeed: { amountYuan: 2_000_000, termMonths: 12, purpose: 'technology', collateralAvailable: false },
    ...overrides,
  };
}
