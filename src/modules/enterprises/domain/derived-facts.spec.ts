import { DERIVED_FACTS_VERSION, deriveFacts, derivedFactsAsOf, toFacts } from './derived-facts';
import { EnterpriseProfile } from './profile';
import { exampleProfile } from './profile.fixture';

const AS_OF = '2025-11-27';
const withChanges = (changes: Partial<EnterpriseProfile>): EnterpriseProfile => ({
  ...exampleProfile(),
  ...changes,
});
const noCredit = {
  dishonestDebtor: false,
  overdueLoans: false,
  badCreditRecord: false,
  wageOrSocialInsuranceArrears: false,
};

describe('deriveFacts', () => {
  it('should derive every fact when given the example profile', () => {
    const derived = deriveFacts(exampleProfile(), AS_OF);
    expect(derived).toEqual({
      sizeClass: 'small',
      sizeClassBasis: expect.objectContaining({ group: 2, missing: [] }),
      yearsInOperation: 6,
      cityCode: '360100',
      industrySection: 'C',
      industryDivision: '39',
      targetGroupHireShare: null,
      hasCreditIssues: false,
    });
    expect(derived.sizeClassBasis.decidedBy.zh).toContain(
      '工业：从业人员 38 ≥ 20 且营业收入 1650万 ≥ 300万 → 小型',
    );
  });

  it.each([
    ['2019-04-18', '2025-11-27', 6],
    ['2019-04-18', '2026-04-17', 6],
    ['2019-04-18', '2026-04-18', 7],
    ['2025-11-27', '2025-11-27', 0],
    ['2024-11-28', '2025-11-27', 0],
    ['2024-02-29', '2025-02-28', 0],
    ['2024-02-29', '2025-03-01', 1],
    ['2025-11-28', '2025-11-27', null],
    ['2023-02-30', '2025-11-27', null],
  ])(
    'should count yearsInOperation from %s to %s as %p when counted like a birthday',
    (establishedOn, asOf, years) => {
      expect(deriveFacts(withChanges({ establishedOn }), asOf).yearsInOperation).toBe(years);
    },
  );

  it.each([
    ['360111', '360100'],
    ['360100', '360100'],
    ['361128', '361100'],
    ['110101', null],
  ])('should derive cityCode %s → %p when the region is looked up', (regionCode, cityCode) => {
    expect(deriveFacts(withChanges({ regionCode }), AS_OF).cityCode).toBe(cityCode);
  });

  it.each([
    ['C3911', 'C', '39'],
    ['K70', 'K', '70'],
    ['A39', null, null],
  ])('should split industry %s into %p / %p when derived', (industryCode, section, division) => {
    const derived = deriveFacts(withChanges({ industryCode }), AS_OF);
    expect([derived.industrySection, derived.industryDivision]).toEqual([section, division]);
  });

  it.each([
    ['hiring is absent', { hiring: undefined }, null],
    [
      '6 of 40 employees are target-group hires',
      { employees: 40, hiring: { newHiresLast12Months: 10, newHiresFromTargetGroups: 6 } },
      0.15,
    ],
    [
      'no target-group hires',
      { employees: 40, hiring: { newHiresLast12Months: 10, newHiresFromTargetGroups: 0 } },
      0,
    ],
    [
      'there are no employees',
      { employees: 0, hiring: { newHiresLast12Months: 2, newHiresFromTargetGroups: 1 } },
      null,
    ],
    [
      'hiring leaves out the target-group hires',
      { employees: 40, hiring: { newHiresLast12Months: 10 } as EnterpriseProfile['hiring'] },
      null,
    ],
    [
      'the headcount is not given',
      { employees: undefined, hiring: { newHiresLast12Months: 2, newHiresFromTargetGroups: 1 } },
      null,
    ],
    [
      'one employee, hired from a target group',
      { employees: 1, hiring: { newHiresLast12Months: 1, newHiresFromTargetGroups: 1 } },
      1,
    ],
    [
      'hires exceed the headcount',
      { employees: 2, hiring: { newHiresLast12Months: 5, newHiresFromTargetGroups: 3 } },
      1.5,
    ],
  ])('should derive targetGroupHireShare when %s', (_why, changes, share) => {
    expect(deriveFacts(withChanges(changes), AS_OF).targetGroupHireShare).toBe(share);
  });

  it.each([
    ['credit is absent', undefined, null],
    ['every flag is false', noCredit, false],
    ['the debtor is dishonest', { ...noCredit, dishonestDebtor: true }, true],
    ['loans are overdue', { ...noCredit, overdueLoans: true }, true],
    ['the record is bad', { ...noCredit, badCreditRecord: true }, true],
    ['wages are in arrears', { ...noCredit, wageOrSocialInsuranceArrears: true }, true],
    [
      'one flag is missing and the others are false',
      { ...noCredit, overdueLoans: undefined as unknown as boolean },
      null,
    ],
    [
      'one flag is missing and another is true',
      { ...noCredit, overdueLoans: undefined as unknown as boolean, badCreditRecord: true },
      true,
    ],
  ])('should derive hasCreditIssues when %s', (_why, credit, expected) => {
    expect(deriveFacts(withChanges({ credit }), AS_OF).hasCreditIssues).toBe(expected);
  });

  it.each([
    ['the industry code is the bare K70', { industryCode: 'K70' }],
    ['employees are missing for industry', { employees: undefined as unknown as number }],
  ])('should leave sizeClass null when %s', (_why, changes) => {
    const derived = deriveFacts(withChanges(changes), AS_OF);
    expect(derived.sizeClass).toBeNull();
    expect(derived.sizeClassBasis.decidedBy.zh).toMatch(/无法/);
  });

  it('should throw, naming the value, when asOf is not a date', () => {
    expect(() => deriveFacts(exampleProfile(), '2025-11-31')).toThrow(
      new RangeError('asOf 2025-11-31 is not a YYYY-MM-DD date'),
    );
  });
});

describe('toFacts', () => {
  it('should merge derived facts at the top level and leave out sizeClassBasis when merging', () => {
    const profile = exampleProfile();
    const facts = toFacts(profile, deriveFacts(profile, AS_OF));
    expect(facts).toEqual({
      ...profile,
      sizeClass: 'small',
      yearsInOperation: 6,
      cityCode: '360100',
      industrySection: 'C',
      industryDivision: '39',
      targetGroupHireShare: null,
      hasCreditIssues: false,
    });
    expect(facts).not.toHaveProperty('sizeClassBasis');
    expect(facts).not.toHaveProperty('derived');
  });

  it('should carry null for unknown derived facts when they cannot be computed', () => {
    const profile = withChanges({ industryCode: 'K70', credit: undefined });
    const facts = toFacts(profile, deriveFacts(profile, AS_OF));
    expect(facts).toMatchObject({ sizeClass: null, hasCreditIssues: null });
    expect(facts.sizeClass).toBeNull();
  });

  it('should let derived facts win when a profile smuggles in a same-named key', () => {
    const profile = { ...exampleProfile(), sizeClass: 'micro' } as EnterpriseProfile;
    expect(toFacts(profile, deriveFacts(profile, AS_OF)).sizeClass).toBe('small');
  });

  it('should not modify the profile when building facts', () => {
    const profile = exampleProfile();
    toFacts(profile, deriveFacts(profile, AS_OF));
    expect(profile).toEqual(exampleProfile());
  });
});

describe('derivedFactsAsOf', () => {
  const profile = exampleProfile();
  const stored = (asOf: string, version = DERIVED_FACTS_VERSION) => ({
    derived: deriveFacts(profile, asOf),
    asOf,
    version,
  });

  it('should reuse the stored facts as they are when stored for the same day', () => {
    const s = stored(AS_OF);
    expect(derivedFactsAsOf(profile, s, AS_OF)).toBe(s.derived);
  });

  it('should move only yearsInOperation with the calendar when stored on another day', () => {
    const s = stored('2020-01-01');
    const sizeless = { ...s, derived: { ...s.derived, sizeClass: 'medium' as const } };
    const now = derivedFactsAsOf(profile, sizeless, AS_OF);
    expect(now).toEqual({ ...sizeless.derived, yearsInOperation: 6 });
    // The stored size class is kept: it is not re-derived one row at a time.
    expect(now.sizeClass).toBe('medium');
  });

  it.each([0, DERIVED_FACTS_VERSION + 1])(
    'should derive afresh when the stored facts come from derivation version %i',
    (version) => {
      const s = { ...stored(AS_OF, version), derived: { ...stored(AS_OF).derived, cityCode: 'x' } };
      expect(derivedFactsAsOf(profile, s, AS_OF)).toEqual(deriveFacts(profile, AS_OF));
    },
  );
});
