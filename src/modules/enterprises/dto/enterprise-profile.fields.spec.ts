import Ajv, { type ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { exampleProfile } from '../domain/profile.fixture';
import { ENTERPRISE_PROFILE_SCHEMA } from './enterprise-profile.schema';

type Plain = Record<string, unknown>;

// The same Ajv options as the Fastify adapter (app.setup.ts).
const ajv = new Ajv({
  coerceTypes: false,
  removeAdditional: false,
  useDefaults: false,
  allErrors: true,
});
addFormats(ajv);
const validate = ajv.compile(ENTERPRISE_PROFILE_SCHEMA);

/** The dotted path an Ajv error blames: missing and unknown properties name the property. */
function pathOf(e: ErrorObject): string {
  // Array items are blamed on the array (`certifications`, not `certifications.0`).
  const base = e.instancePath
    .split('/')
    .filter((s) => s !== '' && !/^\d+$/.test(s))
    .join('.');
  const child =
    e.keyword === 'required'
      ? (e.params as { missingProperty: string }).missingProperty
      : e.keyword === 'additionalProperties'
        ? (e.params as { additionalProperty: string }).additionalProperty
        : undefined;
  return child === undefined ? base : base ? `${base}.${child}` : child;
}

/** Every failing property as `path → JSON Schema keywords`. */
function check(body: unknown): Record<string, string[]> {
  if (validate(body)) return {};
  const out: Record<string, string[]> = {};
  for (const e of validate.errors ?? []) (out[pathOf(e)] ??= []).push(e.keyword);
  return out;
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

describe('ENTERPRISE_PROFILE_SCHEMA (generated from PROFILE_FIELDS)', () => {
  it('should have no errors when given the rules.md example profile', () => {
    expect(check(exampleProfile())).toEqual({});
  });

  it('should have no errors when every optional field is filled', () => {
    expect(check(FULL_PROFILE)).toEqual({});
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
  ])('should have no errors when %s', (_why, body) => {
    expect(check(body)).toEqual({});
  });

  it.each([
    // [why, path, value, failing path, constraint]
    ['employees is a string', 'employees', '38', 'employees', 'type'],
    ['employees is a float', 'employees', 38.5, 'employees', 'type'],
    ['employees is negative', 'employees', -1, 'employees', 'minimum'],
    ['revenue is a float', 'annualRevenueYuan', 16_500_000.5, 'annualRevenueYuan', 'type'],
    ['revenue is an unsafe integer', 'annualRevenueYuan', 2 ** 53, 'annualRevenueYuan', 'maximum'],
    ['revenue is missing', 'annualRevenueYuan', REMOVE, 'annualRevenueYuan', 'required'],
    ['total assets is null', 'totalAssetsYuan', null, 'totalAssetsYuan', 'type'],
    ['total assets is negative', 'totalAssetsYuan', -100, 'totalAssetsYuan', 'minimum'],
    ['tax is a numeric string', 'taxPaidLastYearYuan', '120000', 'taxPaidLastYearYuan', 'type'],
    [
      'the term is 121 months',
      'financingNeed.termMonths',
      121,
      'financingNeed.termMonths',
      'maximum',
    ],
    ['the term is 0 months', 'financingNeed.termMonths', 0, 'financingNeed.termMonths', 'minimum'],
    ['the term is 1.5 months', 'financingNeed.termMonths', 1.5, 'financingNeed.termMonths', 'type'],
    ['the amount is 0', 'financingNeed.amountYuan', 0, 'financingNeed.amountYuan', 'minimum'],
    ['the purpose is unknown', 'financingNeed.purpose', 'holiday', 'financingNeed.purpose', 'enum'],
    [
      'collateral is a string',
      'financingNeed.collateralAvailable',
      'no',
      'financingNeed.collateralAvailable',
      'type',
    ],
    ['financingNeed is missing', 'financingNeed', REMOVE, 'financingNeed', 'required'],
    ['financingNeed is an array', 'financingNeed', [], 'financingNeed', 'type'],
    ['the entity type is unknown', 'entityType', 'company', 'entityType', 'enum'],
    ['a certification is unknown', 'certifications', ['iso9001'], 'certifications', 'enum'],
    [
      'a certification repeats',
      'certifications',
      ['tech_sme', 'tech_sme'],
      'certifications',
      'uniqueItems',
    ],
    ['certifications is a string', 'certifications', 'tech_sme', 'certifications', 'type'],
    ['a listing is unknown', 'listings', ['vip'], 'listings', 'enum'],
    ['the agri type is unknown', 'agriOperatorType', 'ranch', 'agriOperatorType', 'enum'],
    [
      'a founder category is unknown',
      'founder.categories',
      ['alien'],
      'founder.categories',
      'enum',
    ],
    ['founder is a string', 'founder', 'graduate', 'founder', 'type'],
    ['credit has an unknown property', 'credit.score', 700, 'credit.score', 'additionalProperties'],
    ['credit is an array', 'credit', [{ dishonestDebtor: false }], 'credit', 'type'],
    ['a credit flag is a string', 'credit.overdueLoans', 'false', 'credit.overdueLoans', 'type'],
    [
      'a credit flag is missing',
      'credit.badCreditRecord',
      REMOVE,
      'credit.badCreditRecord',
      'required',
    ],
    ['the profile has an unknown property', 'vip', true, 'vip', 'additionalProperties'],
    [
      'hires are negative',
      'hiring.newHiresLast12Months',
      -1,
      'hiring.newHiresLast12Months',
      'minimum',
    ],
    [
      'receivables has an unknown property',
      'receivables.currency',
      'USD',
      'receivables.currency',
      'additionalProperties',
    ],
    [
      'the contract amount is a string',
      'governmentProcurementContract.amountYuan',
      '1500000',
      'governmentProcurementContract.amountYuan',
      'type',
    ],
    ['jobRetentionRate is above 1', 'jobRetentionRate', 1.01, 'jobRetentionRate', 'maximum'],
    ['jobRetentionRate is negative', 'jobRetentionRate', -0.1, 'jobRetentionRate', 'minimum'],
    ['jobRetentionRate is NaN', 'jobRetentionRate', NaN, 'jobRetentionRate', 'type'],
    ['jobRetentionRate is a string', 'jobRetentionRate', '0.9', 'jobRetentionRate', 'type'],
    ['inIndustrialPark is a string', 'inIndustrialPark', 'yes', 'inIndustrialPark', 'type'],
    ['uscc is lower case', 'uscc', '91360100ma35fxxx9c', 'uscc', 'pattern'],
    ['uscc is 17 characters', 'uscc', '91360100MA35FXXX9', 'uscc', 'pattern'],
    ['uscc is a number', 'uscc', 913601001234567, 'uscc', 'type'],
    ['uscc is null', 'uscc', null, 'uscc', 'type'],
    ['name is empty', 'name', '', 'name', 'minLength'],
    ['name is 101 characters', 'name', 'a'.repeat(101), 'name', 'maxLength'],
    ['name is blank', 'name', '   ', 'name', 'pattern'],
    ['name is missing', 'name', REMOVE, 'name', 'required'],
    ['name has a lone surrogate', 'name', '南昌\ud800科技', 'name', 'pattern'],
    ['regionCode has 5 digits', 'regionCode', '36011', 'regionCode', 'pattern'],
    ['regionCode is a number', 'regionCode', 360111, 'regionCode', 'type'],
    ['industryCode has 1 digit', 'industryCode', 'C3', 'industryCode', 'pattern'],
    ['industryCode is lower case', 'industryCode', 'c3982', 'industryCode', 'pattern'],
    ['establishedOn lacks padding', 'establishedOn', '2019-4-18', 'establishedOn', 'pattern'],
    [
      'establishedOn is a timestamp',
      'establishedOn',
      '2019-04-18T00:00:00Z',
      'establishedOn',
      'pattern',
    ],
    ['establishedOn is 2023-02-30', 'establishedOn', '2023-02-30', 'establishedOn', 'format'],
  ])('should fail when %s', (_why, path, value, failingPath, constraint) => {
    const found = check(withPath(path, value));
    expect(found[failingPath]).toContain(constraint);
    // Nothing outside the failing property is blamed (an array under ValidateNested may add
    // errors for its items below the same path).
    const elsewhere = Object.keys(found).filter(
      (p) => p !== failingPath && !p.startsWith(`${failingPath}.`),
    );
    expect(elsewhere).toEqual([]);
  });

  it('should report each wrong field when several are wrong at once', () => {
    const body = { ...exampleProfile(), employees: '38', entityType: 'x', extra: 1 };
    expect(Object.keys(check(body)).sort()).toEqual(['employees', 'entityType', 'extra']);
  });

  it('should never throw when any field holds an arbitrary JSON value', () => {
    const fields = Object.keys(FULL_PROFILE).concat(['financingNeed', 'unknownField']);
    fc.assert(
      fc.property(fc.constantFrom(...fields), fc.jsonValue(), (field, value) => {
        const found = check({ ...FULL_PROFILE, [field]: value });
        expect(typeof found).toBe('object');
      }),
      { numRuns: 300 },
    );
  });
});
