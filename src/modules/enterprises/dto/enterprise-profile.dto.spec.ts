import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validate, ValidationError } from 'class-validator';
import fc from 'fast-check';
import { exampleProfile } from '../domain/profile.fixture';
import { EnterpriseProfileDto } from './enterprise-profile.dto';

type Plain = Record<string, unknown>;

/** Every failing property as `path → constraint names`, nested paths dotted. */
function failures(errors: ValidationError[], parent = ''): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const e of errors) {
    const path = parent ? `${parent}.${e.property}` : e.property;
    if (e.constraints) out[path] = Object.keys(e.constraints);
    Object.assign(out, failures(e.children ?? [], path));
  }
  return out;
}

async function check(body: unknown): Promise<Record<string, string[]>> {
  const dto = plainToInstance(EnterpriseProfileDto, body);
  return failures(await validate(dto, { whitelist: true, forbidNonWhitelisted: true }));
}

const FULL_PROFILE: Plain = {
  ...exampleProfile(),
  agriOperatorType: 'family_farm',
  founder: { categories: ['college_graduate', 'veteran'] },
  hiring: { newHiresLast12Months: 12, newHiresFromTargetGroups: 5 },
  receivables: { amountYuan: 3_000_000, debtorIsGovernmentOrLargeEnterprise: true },
  governmentProcurementContract: { amountYuan: 1_500_000 },
  listings: ['caiyuan_recommendation', 'culture_loan_pool'],
  jobRetentionRate: 0.95,
};

/** The full profile with one dotted path set (or removed when `value` is `REMOVE`). */
const REMOVE = Symbol('remove');
function withPath(path: string, value: unknown): Plain {
  const body = JSON.parse(JSON.stringify(FULL_PROFILE)) as Plain;
  const keys = path.split('.');
  let node = body;
  for (const k of keys.slice(0, -1)) {
    node[k] ??= {};
    node = node[k] as Plain;
  }
  const last = keys[keys.length - 1];
  if (value === REMOVE) delete node[last];
  else node[last] = value;
  return body;
}

describe('EnterpriseProfileDto', () => {
  it('should have no errors when given the example profile (docs/example-profile.json)', async () => {
    expect(await check(exampleProfile())).toEqual({});
  });

  it('should have no errors when every optional field is filled', async () => {
    expect(await check(FULL_PROFILE)).toEqual({});
  });

  it.each([
    [
      'an individual omits uscc',
      { ...exampleProfile(), entityType: 'individual', uscc: undefined },
    ],
    [
      'the check digit is wrong (a 422 matter)',
      { ...exampleProfile(), uscc: '91360100MA35FXXX9D' },
    ],
    ['money is zero', { ...exampleProfile(), annualRevenueYuan: 0, employees: 0 }],
    ['money is the largest safe integer', { ...exampleProfile(), totalAssetsYuan: 2 ** 53 - 1 }],
    ['jobRetentionRate is 0', { ...FULL_PROFILE, jobRetentionRate: 0 }],
    ['jobRetentionRate is 1', { ...FULL_PROFILE, jobRetentionRate: 1 }],
    ['termMonths is 120', withPath('financingNeed.termMonths', 120)],
    ['termMonths is 1', withPath('financingNeed.termMonths', 1)],
    ['amountYuan is 1', withPath('financingNeed.amountYuan', 1)],
    ['name is 100 characters', { ...exampleProfile(), name: '赣'.repeat(100) }],
    ['name is 1 character', { ...exampleProfile(), name: 'X' }],
    ['name has astral characters', { ...exampleProfile(), name: '𠮷野家（南昌）有限公司' }],
    ['arrays are empty', { ...FULL_PROFILE, certifications: [], founder: { categories: [] } }],
    ['establishedOn is a leap day', { ...exampleProfile(), establishedOn: '2024-02-29' }],
  ])('should have no errors when %s', async (_why, body) => {
    expect(await check(body)).toEqual({});
  });

  it.each([
    // [why, path, value, failing path, constraint]
    ['employees is a string', 'employees', '38', 'employees', 'isInt'],
    ['employees is a float', 'employees', 38.5, 'employees', 'isInt'],
    ['employees is negative', 'employees', -1, 'employees', 'min'],
    ['revenue is a float', 'annualRevenueYuan', 16_500_000.5, 'annualRevenueYuan', 'isInt'],
    ['revenue is an unsafe integer', 'annualRevenueYuan', 2 ** 53, 'annualRevenueYuan', 'max'],
    ['revenue is missing', 'annualRevenueYuan', REMOVE, 'annualRevenueYuan', 'isInt'],
    ['total assets is null', 'totalAssetsYuan', null, 'totalAssetsYuan', 'isInt'],
    ['total assets is negative', 'totalAssetsYuan', -100, 'totalAssetsYuan', 'min'],
    ['tax is a numeric string', 'taxPaidLastYearYuan', '120000', 'taxPaidLastYearYuan', 'isInt'],
    ['the term is 121 months', 'financingNeed.termMonths', 121, 'financingNeed.termMonths', 'max'],
    ['the term is 0 months', 'financingNeed.termMonths', 0, 'financingNeed.termMonths', 'min'],
    [
      'the term is 1.5 months',
      'financingNeed.termMonths',
      1.5,
      'financingNeed.termMonths',
      'isInt',
    ],
    ['the amount is 0', 'financingNeed.amountYuan', 0, 'financingNeed.amountYuan', 'min'],
    ['the purpose is unknown', 'financingNeed.purpose', 'holiday', 'financingNeed.purpose', 'isIn'],
    [
      'collateral is a string',
      'financingNeed.collateralAvailable',
      'no',
      'financingNeed.collateralAvailable',
      'isBoolean',
    ],
    ['financingNeed is missing', 'financingNeed', REMOVE, 'financingNeed', 'isObject'],
    ['financingNeed is an array', 'financingNeed', [], 'financingNeed', 'isObject'],
    ['the entity type is unknown', 'entityType', 'company', 'entityType', 'isIn'],
    ['a certification is unknown', 'certifications', ['iso9001'], 'certifications', 'isIn'],
    [
      'a certification repeats',
      'certifications',
      ['tech_sme', 'tech_sme'],
      'certifications',
      'arrayUnique',
    ],
    ['certifications is a string', 'certifications', 'tech_sme', 'certifications', 'isArray'],
    ['a listing is unknown', 'listings', ['vip'], 'listings', 'isIn'],
    ['the agri type is unknown', 'agriOperatorType', 'ranch', 'agriOperatorType', 'isIn'],
    [
      'a founder category is unknown',
      'founder.categories',
      ['alien'],
      'founder.categories',
      'isIn',
    ],
    ['founder is a string', 'founder', 'graduate', 'founder', 'isObject'],
    ['credit has an unknown property', 'credit.score', 700, 'credit.score', 'whitelistValidation'],
    ['credit is an array', 'credit', [{ dishonestDebtor: false }], 'credit', 'isObject'],
    [
      'a credit flag is a string',
      'credit.overdueLoans',
      'false',
      'credit.overdueLoans',
      'isBoolean',
    ],
    [
      'a credit flag is missing',
      'credit.badCreditRecord',
      REMOVE,
      'credit.badCreditRecord',
      'isBoolean',
    ],
    ['the profile has an unknown property', 'vip', true, 'vip', 'whitelistValidation'],
    ['hires are negative', 'hiring.newHiresLast12Months', -1, 'hiring.newHiresLast12Months', 'min'],
    [
      'receivables has an unknown property',
      'receivables.currency',
      'USD',
      'receivables.currency',
      'whitelistValidation',
    ],
    [
      'the contract amount is a string',
      'governmentProcurementContract.amountYuan',
      '1500000',
      'governmentProcurementContract.amountYuan',
      'isInt',
    ],
    ['jobRetentionRate is above 1', 'jobRetentionRate', 1.01, 'jobRetentionRate', 'max'],
    ['jobRetentionRate is negative', 'jobRetentionRate', -0.1, 'jobRetentionRate', 'min'],
    ['jobRetentionRate is NaN', 'jobRetentionRate', NaN, 'jobRetentionRate', 'isNumber'],
    ['jobRetentionRate is a string', 'jobRetentionRate', '0.9', 'jobRetentionRate', 'isNumber'],
    ['inIndustrialPark is a string', 'inIndustrialPark', 'yes', 'inIndustrialPark', 'isBoolean'],
    ['uscc is lower case', 'uscc', '91360100ma35fxxx9c', 'uscc', 'matches'],
    ['uscc is 17 characters', 'uscc', '91360100MA35FXXX9', 'uscc', 'matches'],
    ['uscc is a number', 'uscc', 913601001234567, 'uscc', 'isString'],
    ['uscc is null', 'uscc', null, 'uscc', 'isString'],
    ['name is empty', 'name', '', 'name', 'isLength'],
    ['name is 101 characters', 'name', 'a'.repeat(101), 'name', 'isLength'],
    ['name is blank', 'name', '   ', 'name', 'matches'],
    ['name is missing', 'name', REMOVE, 'name', 'isString'],
    ['name has a lone surrogate', 'name', '南昌\ud800科技', 'name', 'matches'],
    ['regionCode has 5 digits', 'regionCode', '36011', 'regionCode', 'matches'],
    ['regionCode is a number', 'regionCode', 360111, 'regionCode', 'isString'],
    ['industryCode has 1 digit', 'industryCode', 'C3', 'industryCode', 'matches'],
    ['industryCode is lower case', 'industryCode', 'c3982', 'industryCode', 'matches'],
    ['establishedOn lacks padding', 'establishedOn', '2019-4-18', 'establishedOn', 'matches'],
    [
      'establishedOn is a timestamp',
      'establishedOn',
      '2019-04-18T00:00:00Z',
      'establishedOn',
      'matches',
    ],
    ['establishedOn is 2023-02-30', 'establishedOn', '2023-02-30', 'establishedOn', 'isDateString'],
  ])('should fail when %s', async (_why, path, value, failingPath, constraint) => {
    const found = await check(withPath(path, value));
    expect(found[failingPath]).toContain(constraint);
    // Nothing outside the failing property is blamed (an array under ValidateNested may add
    // errors for its items below the same path).
    const elsewhere = Object.keys(found).filter(
      (p) => p !== failingPath && !p.startsWith(`${failingPath}.`),
    );
    expect(elsewhere).toEqual([]);
  });

  it('should report each wrong field when several are wrong at once', async () => {
    const body = { ...exampleProfile(), employees: '38', entityType: 'x', extra: 1 };
    expect(Object.keys(await check(body)).sort()).toEqual(['employees', 'entityType', 'extra']);
  });

  it('should never throw when any field holds an arbitrary JSON value', async () => {
    const fields = Object.keys(FULL_PROFILE).concat(['financingNeed', 'unknownField']);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...fields), fc.jsonValue(), async (field, value) => {
        const found = await check({ ...FULL_PROFILE, [field]: value });
        expect(typeof found).toBe('object');
      }),
      { numRuns: 300 },
    );
  });
});
