import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { exampleProfile } from '../domain/profile.fixture';
import { ENTERPRISE_PROFILE_SCHEMA } from './enterprise-profile.schema';

// The same Ajv options as the Fastify adapter (app.setup.ts).
const ajv = new Ajv({
  coerceTypes: false,
  removeAdditional: false,
  useDefaults: false,
  allErrors: true,
});
addFormats(ajv);
const schemaAccepts = ajv.compile(ENTERPRISE_PROFILE_SCHEMA);

const valid = () => JSON.parse(JSON.stringify(exampleProfile())) as Record<string, any>;

/** One field of the profile set to an arbitrary value (or deleted), nested fields included. */
const mutation = fc.tuple(
  fc.constantFrom(
    'uscc',
    'name',
    'entityType',
    'regionCode',
    'industryCode',
    'establishedOn',
    'employees',
    'annualRevenueYuan',
    'totalAssetsYuan',
    'inIndustrialPark',
    'certifications',
    'agriOperatorType',
    'founder',
    'founder.categories',
    'hiring',
    'hiring.newHiresLast12Months',
    'credit',
    'credit.dishonestDebtor',
    'receivables',
    'listings',
    'taxPaidLastYearYuan',
    'jobRetentionRate',
    'financingNeed',
    'financingNeed.amountYuan',
    'financingNeed.termMonths',
    'financingNeed.purpose',
    'financingNeed.collateralAvailable',
    'founder.partners',
    'taxRelief',
    'unknownField',
  ),
  fc.oneof(
    fc.constant(undefined),
    fc.constant(null),
    fc.integer({ min: -5, max: 200 }),
    fc.double({ noNaN: true }),
    fc.boolean(),
    fc.string({ maxLength: 20 }),
    fc.constantFrom(
      'tech_sme',
      'family_farm',
      'working_capital',
      '360111',
      'C3982',
      '2020-02-29',
      '2021-02-29',
      '91360100MA35FXXX9C',
    ),
    fc.array(fc.constantFrom('tech_sme', 'veteran', 'culture_loan_pool', 'x'), { maxLength: 3 }),
    fc.dictionary(
      fc.constantFrom('categories', 'amountYuan', 'x'),
      fc.oneof(fc.integer(), fc.boolean(), fc.string()),
    ),
  ),
);

describe('ENTERPRISE_PROFILE_SCHEMA', () => {
  it('should accept the example profile', () => {
    expect(schemaAccepts(valid())).toBe(true);
  });

  it.each([
    ['a string for an integer', { employees: '38' }],
    ['a float for money', { annualRevenueYuan: 1.5 }],
    ['an impossible date', { establishedOn: '2023-02-30' }],
    ['an unknown property', { extra: true }],
    ['a lone surrogate in the name', { name: 'ab\uD800' }],
    ['a blank name', { name: '   ' }],
    ['no partners', { founder: { categories: [], partners: 0 } }],
    ['a fraction of a partner', { founder: { categories: [], partners: 1.5 } }],
    ['founder partners without categories', { founder: { partners: 2 } }],
    ['tax relief as a string', { taxRelief: 'yes' }],
  ])('should reject %s', (_label, patch) => {
    const body = { ...valid(), ...patch };
    expect(schemaAccepts(body)).toBe(false);
  });

  it('should accept a partnership size and tax relief', () => {
    const body = {
      ...valid(),
      founder: { categories: ['model_worker'], partners: 3 },
      taxRelief: true,
    };
    expect(schemaAccepts(body)).toBe(true);
  });

  it('should never throw on random single-field mutations', () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 3 }), (changes) => {
        const body = valid();
        for (const [path, value] of changes) {
          const [head, tail] = path.split('.');
          const target = tail
            ? (body[head] = body[head] && typeof body[head] === 'object' ? { ...body[head] } : {})
            : body;
          const key = tail ?? head;
          if (value === undefined) delete target[key];
          else target[key] = value;
        }
        expect(typeof schemaAccepts(body)).toBe('boolean');
      }),
      { numRuns: 500 },
    );
  });
});
