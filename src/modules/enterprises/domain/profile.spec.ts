import { exampleProfile } from './profile.fixture';
import { EnterpriseProfile, validateProfileSemantics } from './profile';

const AS_OF = '2025-11-27';
const withChanges = (changes: Partial<EnterpriseProfile>): EnterpriseProfile => ({
  ...exampleProfile(),
  ...changes,
});

describe('validateProfileSemantics', () => {
  it('should find no issue when the profile is the example profile with a valid uscc', () => {
    expect(validateProfileSemantics(exampleProfile(), AS_OF)).toEqual([]);
  });

  it.each([
    // [why, changes, path, code]
    ['the check digit is wrong', { uscc: '91360100MA35FXXX9D' }, 'uscc', 'invalid_credit_code'],
    ['a known-bad sample is given', { uscc: '91350203M0001QAY9B' }, 'uscc', 'invalid_credit_code'],
    ['uscc is 17 characters', { uscc: '91360100MA35FXXX9' }, 'uscc', 'invalid_credit_code'],
    [
      'uscc holds a forbidden letter',
      { uscc: '91360100MA35FXXO9C' },
      'uscc',
      'invalid_credit_code',
    ],
    ['uscc is missing for an enterprise', { uscc: undefined }, 'uscc', 'required'],
    ['uscc is empty for an enterprise', { uscc: '' }, 'uscc', 'required'],
    [
      'uscc is missing for an individual business',
      { uscc: undefined, entityType: 'individual_business' as const },
      'uscc',
      'required',
    ],
    ['the region is Beijing', { regionCode: '110101' }, 'regionCode', 'unknown_region'],
    ['the region is the province', { regionCode: '360000' }, 'regionCode', 'unknown_region'],
    ['the Jiangxi county does not exist', { regionCode: '360199' }, 'regionCode', 'unknown_region'],
    ['the division does not exist', { industryCode: 'C99' }, 'industryCode', 'unknown_industry'],
    ['the section does not fit', { industryCode: 'A39' }, 'industryCode', 'unknown_industry'],
    [
      'the founding date is tomorrow',
      { establishedOn: '2025-11-28' },
      'establishedOn',
      'invalid_date',
    ],
    [
      'the founding date is 2023-02-30',
      { establishedOn: '2023-02-30' },
      'establishedOn',
      'invalid_date',
    ],
    [
      'the founding date is 2023-02-29',
      { establishedOn: '2023-02-29' },
      'establishedOn',
      'invalid_date',
    ],
    [
      'more target-group hires than hires',
      { hiring: { newHiresLast12Months: 3, newHiresFromTargetGroups: 4 } },
      'hiring.newHiresFromTargetGroups',
      'inconsistent',
    ],
  ])('should report one issue when %s', (_why, changes, path, code) => {
    const issues = validateProfileSemantics(withChanges(changes), AS_OF);
    expect(issues).toEqual([{ path, code, message: expect.any(String) }]);
    expect(issues[0].message.length).toBeGreaterThan(10);
  });

  it.each([
    ['an individual has no uscc', { entityType: 'individual' as const, uscc: undefined }],
    ['an individual gives a valid uscc', { entityType: 'individual' as const }],
    ['the founding date is today', { establishedOn: AS_OF }],
    ['the founding date is a leap day', { establishedOn: '2024-02-29' }],
    ['the region is a city', { regionCode: '360100' }],
    ['the industry code is a bare division', { industryCode: 'K70' }],
    [
      'all new hires are from target groups',
      { hiring: { newHiresLast12Months: 4, newHiresFromTargetGroups: 4 } },
    ],
    ['no new hires at all', { hiring: { newHiresLast12Months: 0, newHiresFromTargetGroups: 0 } }],
    [
      'every optional field is omitted',
      { totalAssetsYuan: undefined, credit: undefined, listings: undefined },
    ],
  ])('should find no issue when %s', (_why, changes) => {
    expect(validateProfileSemantics(withChanges(changes), AS_OF)).toEqual([]);
  });

  it('should check an individual’s uscc when one is given anyway', () => {
    const profile = withChanges({ entityType: 'individual', uscc: '91360100MA35FXXX9D' });
    expect(validateProfileSemantics(profile, AS_OF)).toEqual([
      {
        path: 'uscc',
        code: 'invalid_credit_code',
        message: expect.stringContaining('check digit'),
      },
    ]);
  });

  it('should report every issue in field order when several fields are wrong', () => {
    const profile = withChanges({
      uscc: '91360100MA35FXXX9D',
      regionCode: '430100',
      industryCode: 'A39',
      establishedOn: '2030-01-01',
      hiring: { newHiresLast12Months: 0, newHiresFromTargetGroups: 1 },
    });
    expect(validateProfileSemantics(profile, AS_OF).map((i) => [i.path, i.code])).toEqual([
      ['uscc', 'invalid_credit_code'],
      ['regionCode', 'unknown_region'],
      ['industryCode', 'unknown_industry'],
      ['establishedOn', 'invalid_date'],
      ['hiring.newHiresFromTargetGroups', 'inconsistent'],
    ]);
  });

  // The messages are what the SME reads in the 422 answer: each says what is wrong with the value.
  it.each([
    [
      'the uscc is missing',
      { uscc: undefined },
      'uscc is required unless entityType is individual',
    ],
    [
      'the uscc is null',
      { uscc: null as unknown as string },
      'uscc is required unless entityType is individual',
    ],
    ['the uscc is too short', { uscc: '91360100MA35FXXX9' }, 'uscc must be exactly 18 characters'],
    [
      'the uscc holds a forbidden letter',
      { uscc: '91360100MA35FXXO9C' },
      'uscc may hold only digits and upper-case letters except I, O, Z, S, V, with digits in positions 3–8',
    ],
    [
      'the uscc check digit is wrong',
      { uscc: '91360100MA35FXXX9D' },
      'uscc check digit does not match (GB 32100-2015); please re-check the code',
    ],
    [
      'the region is outside Jiangxi',
      { regionCode: '110101' },
      'regionCode 110101 is not in Jiangxi (36xxxx)',
    ],
    [
      'the Jiangxi region does not exist',
      { regionCode: '360199' },
      'regionCode 360199 is not a known Jiangxi city or county code',
    ],
    [
      'the region code is not even a string at runtime',
      { regionCode: 360111 as unknown as string },
      'regionCode 360111 is not in Jiangxi (36xxxx)',
    ],
    [
      'the division is under another section',
      { industryCode: 'A39' },
      'industryCode A39 is not a known GB/T 4754-2017 division under its section letter (e.g. C39, not A39)',
    ],
    [
      'the founding date does not exist',
      { establishedOn: '2023-02-30' },
      'establishedOn 2023-02-30 is not a real calendar date (YYYY-MM-DD)',
    ],
    [
      'the founding date is tomorrow',
      { establishedOn: '2025-11-28' },
      'establishedOn 2025-11-28 is in the future (today is 2025-11-27)',
    ],
    [
      'more target-group hires than hires',
      { hiring: { newHiresLast12Months: 3, newHiresFromTargetGroups: 4 } },
      'newHiresFromTargetGroups (4) cannot exceed newHiresLast12Months (3)',
    ],
  ])('should say what is wrong when %s', (_why, changes, message) => {
    const issues = validateProfileSemantics(withChanges(changes), AS_OF);
    expect(issues.map((i) => i.message)).toEqual([message]);
  });

  it('should not ask an individual for a uscc left empty', () => {
    expect(
      validateProfileSemantics(withChanges({ entityType: 'individual', uscc: '' }), AS_OF),
    ).toEqual([]);
  });

  it.each(['2025-13-01', '', 'today'])('should throw when asOf is %p', (asOf) => {
    expect(() => validateProfileSemantics(exampleProfile(), asOf)).toThrow(
      new RangeError(`asOf ${asOf} is not a YYYY-MM-DD date`),
    );
  });
});
