import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { ENTERPRISE_PROFILE_SCHEMA } from '../../modules/enterprises/dto/enterprise-profile.schema';
import example from '../../../docs/example-profile.json';
import { AjvError, issueFromAjv } from './ajv-issues';

// Fastify's options for route schemas (app.setup.ts): every error, nothing coerced.
const ajv = new Ajv({ allErrors: true, coerceTypes: false, strict: false });
addFormats(ajv);
const validate = ajv.compile(ENTERPRISE_PROFILE_SCHEMA);

/** The issues for the example profile with `edit` applied. */
function issuesFor(edit: (p: Record<string, any>) => void) {
  const profile = structuredClone(example) as Record<string, any>;
  edit(profile);
  expect(validate(profile)).toBe(false);
  return (validate.errors as AjvError[]).map(issueFromAjv);
}

describe('issueFromAjv on the enterprise profile', () => {
  it('should accept the documented example as it is', () => {
    expect(validate(example)).toBe(true);
  });

  it.each<
    [string, (p: Record<string, any>) => void, { path: string; code: string; message: string }]
  >([
    [
      'a missing field',
      (p) => delete p.entityType,
      { path: 'entityType', code: 'required', message: 'entityType is required' },
    ],
    [
      'a missing nested field',
      (p) => delete p.financingNeed.termMonths,
      {
        path: 'financingNeed.termMonths',
        code: 'required',
        message: 'financingNeed.termMonths is required',
      },
    ],
    [
      'a string for an integer',
      (p) => (p.employees = '38'),
      { path: 'employees', code: 'type', message: 'employees must be a whole number' },
    ],
    [
      'a number for a flag',
      (p) => (p.credit.overdueLoans = 0),
      {
        path: 'credit.overdueLoans',
        code: 'type',
        message: 'credit.overdueLoans must be true or false',
      },
    ],
    [
      'a value outside an enum',
      (p) => (p.entityType = 'company'),
      {
        path: 'entityType',
        code: 'enum',
        message: expect.stringMatching(/^entityType must be one of "enterprise", /),
      },
    ],
    [
      'a number below the minimum',
      (p) => (p.financingNeed.termMonths = 0),
      {
        path: 'financingNeed.termMonths',
        code: 'min',
        message: 'financingNeed.termMonths must be at least 1',
      },
    ],
    [
      'a number above the maximum',
      (p) => (p.financingNeed.termMonths = 121),
      {
        path: 'financingNeed.termMonths',
        code: 'max',
        message: 'financingNeed.termMonths must be at most 120',
      },
    ],
    [
      'a region that is not six digits',
      (p) => (p.regionCode = '36011'),
      { path: 'regionCode', code: 'pattern', message: 'regionCode must be six digits' },
    ],
    [
      'an industry code in lower case',
      (p) => (p.industryCode = 'c3982'),
      {
        path: 'industryCode',
        code: 'pattern',
        message: 'industryCode must be a capital letter followed by 2 to 4 digits',
      },
    ],
    [
      'a blank name',
      (p) => (p.name = '   '),
      {
        path: 'name',
        code: 'pattern',
        message: 'name must not be blank or contain unpaired surrogates',
      },
    ],
    [
      'an impossible date',
      (p) => (p.establishedOn = '2019-02-30'),
      {
        path: 'establishedOn',
        code: 'format',
        message: 'establishedOn must be a real calendar date written YYYY-MM-DD',
      },
    ],
    [
      'an unknown property',
      (p) => (p.financingNeed.colour = 'red'),
      {
        path: 'financingNeed.colour',
        code: 'unknown_property',
        message: 'property financingNeed.colour is not allowed',
      },
    ],
    [
      'the same certification twice',
      (p) => (p.certifications = ['tech_sme', 'tech_sme']),
      {
        path: 'certifications',
        code: 'unique',
        message: 'certifications must not list the same value twice',
      },
    ],
  ])('should describe %s in words', (_, edit, expected) => {
    expect(issuesFor(edit)).toContainEqual(expected);
  });

  it('should say a body that is not an object must be one', () => {
    expect(issueFromAjv({ instancePath: '', keyword: 'type', params: { type: 'object' } })).toEqual(
      {
        path: '(body)',
        code: 'type',
        message: 'the body must be an object',
      },
    );
  });

  it("should never repeat Ajv's own wording", () => {
    const issues = issuesFor((p) => {
      delete p.name;
      p.employees = -1;
      p.uscc = 'x';
      p.financingNeed.purpose = 'x';
      p.listings = 'none';
    });
    for (const i of issues)
      expect(i.message).not.toMatch(
        /must have required property|must be equal to one of|must match pattern|must be >=|must NOT/,
      );
  });
});
