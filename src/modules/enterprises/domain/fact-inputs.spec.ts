import { deriveFacts } from './derived-facts';
import { profileFieldsFor, questionFieldsOf } from './fact-inputs';
import { exampleProfile } from './profile.fixture';

describe('profileFieldsFor', () => {
  // Derived inside each test, not when the spec loads: code run at load counts as covered by no
  // test, and Stryker re-runs the whole suite for every mutant in it (CONTRIBUTING.md).
  const derived = () => deriveFacts(exampleProfile(), '2026-11-27');

  it.each([
    [['targetGroupHireShare'], ['hiring.newHiresFromTargetGroups']],
    [
      ['yearsInOperation', 'credit.dishonestDebtor'],
      ['credit.dishonestDebtor', 'establishedOn'],
    ],
    [['hasCreditIssues'], ['credit']],
    [['receivables.amountYuan'], ['receivables.amountYuan']],
    [['industrySection', 'industryDivision'], ['industryCode']],
    [['industrySection'], ['industryCode']],
    [['industryDivision'], ['industryCode']],
    [['cityCode'], ['regionCode']],
    [
      ['yearsInOperation', 'cityCode', 'employees'],
      ['employees', 'establishedOn', 'regionCode'],
    ],
    [[], []],
  ])('should map %p to the profile fields %p', (facts, fields) => {
    expect(profileFieldsFor(facts, derived())).toEqual(fields);
  });

  it('should map sizeClass to the size indicators the industry needs when they are missing', () => {
    const construction = {
      ...exampleProfile(),
      industryCode: 'E4710',
      totalAssetsYuan: undefined,
      annualRevenueYuan: 50_000_000,
    };
    const d = deriveFacts(construction, '2026-11-27');
    expect(d.sizeClass).toBeNull();
    expect(profileFieldsFor(['sizeClass'], d)).toEqual(['totalAssetsYuan']);
  });
});

describe('questionFieldsOf', () => {
  const on = (changes: object) => deriveFacts({ ...exampleProfile(), ...changes }, '2026-11-27');

  it.each([
    [
      'the indicators construction lacks',
      { industryCode: 'E4710', annualRevenueYuan: undefined, totalAssetsYuan: undefined },
      ['annualRevenueYuan', 'totalAssetsYuan'],
    ],
    ['the one indicator industry lacks', { employees: undefined }, ['employees']],
    ['the industry code when it is too coarse to size', { industryCode: 'K70' }, ['industryCode']],
    ['the industry code when it is not a known code', { industryCode: 'A39' }, ['industryCode']],
  ])('should ask for a missing size class by %s', (_why, changes, fields) => {
    expect(questionFieldsOf(on(changes))('sizeClass')).toEqual(fields);
  });

  it('should fall back to the industry code when the basis names nothing missing', () => {
    // Not reached through deriveFacts (an unknown class always names what it lacks), but a
    // missing size class must never be asked with no field at all.
    const sized = on({});
    expect(sized.sizeClassBasis.missing).toEqual([]);
    expect(questionFieldsOf(sized)('sizeClass')).toEqual(['industryCode']);
    expect(profileFieldsFor(['sizeClass'], sized)).toEqual(['industryCode']);
  });

  it('should leave every other fact to the engine’s own mapping', () => {
    const fieldsOf = questionFieldsOf(on({ employees: undefined }));
    expect(fieldsOf('yearsInOperation')).toBeUndefined();
    expect(fieldsOf('employees')).toBeUndefined();
  });
});
