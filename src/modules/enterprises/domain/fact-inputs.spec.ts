import { deriveFacts } from './derived-facts';
import { profileFieldsFor } from './fact-inputs';
import { exampleProfile } from './profile.fixture';

describe('profileFieldsFor', () => {
  const derived = deriveFacts(exampleProfile(), '2026-11-27');

  it.each([
    [['targetGroupHireShare'], ['hiring.newHiresFromTargetGroups']],
    [
      ['yearsInOperation', 'credit.dishonestDebtor'],
      ['credit.dishonestDebtor', 'establishedOn'],
    ],
    [['hasCreditIssues'], ['credit']],
    [['receivables.amountYuan'], ['receivables.amountYuan']],
    [['industrySection', 'industryDivision'], ['industryCode']],
  ])('should map %p to the profile fields %p', (facts, fields) => {
    expect(profileFieldsFor(facts, derived)).toEqual(fields);
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
