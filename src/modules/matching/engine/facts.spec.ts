import { FACTS, isFactName, type FactName, type FactType } from './facts';
import { profileField, profileLeaves, type FieldTable } from './profile-fields';

// The fact vocabulary as docs/rules.md states it ("The profile" and "Derived facts").
describe('FACTS', () => {
  it.each<[FactName, FactType]>([
    ['uscc', { kind: 'string' }],
    ['name', { kind: 'string' }],
    ['establishedOn', { kind: 'date' }],
    ['employees', { kind: 'integer', min: 0 }],
    ['annualRevenueYuan', { kind: 'integer', min: 0 }],
    ['totalAssetsYuan', { kind: 'integer', min: 0 }],
    ['inIndustrialPark', { kind: 'boolean' }],
    ['founder.partners', { kind: 'integer', min: 1 }],
    ['hiring.newHiresLast12Months', { kind: 'integer', min: 0 }],
    ['credit.overdueLoans', { kind: 'boolean' }],
    ['receivables.amountYuan', { kind: 'integer', min: 0 }],
    ['taxPaidLastYearYuan', { kind: 'integer', min: 0 }],
    ['jobRetentionRate', { kind: 'number', min: 0, max: 1 }],
    ['financingNeed.amountYuan', { kind: 'integer', min: 1 }],
    ['financingNeed.termMonths', { kind: 'integer', min: 1, max: 120 }],
    ['financingNeed.collateralAvailable', { kind: 'boolean' }],
    ['yearsInOperation', { kind: 'integer', min: 0 }],
    ['targetGroupHireShare', { kind: 'number', min: 0 }],
    ['hasCreditIssues', { kind: 'boolean' }],
  ])('should type %s as %j', (fact, type) => {
    expect(FACTS[fact].type).toEqual(type);
  });

  it.each<[FactName, string[]]>([
    [
      'entityType',
      [
        'enterprise',
        'individual_business',
        'farmer_cooperative',
        'family_farm',
        'partnership',
        'individual',
      ],
    ],
    [
      'agriOperatorType',
      ['large_grower', 'family_farm', 'farmer_cooperative', 'leading_enterprise'],
    ],
    [
      'financingNeed.purpose',
      ['working_capital', 'equipment', 'technology', 'expansion', 'startup', 'agriculture'],
    ],
    ['sizeClass', ['large', 'medium', 'small', 'micro']],
  ])('should make %s an enum of the documented values', (fact, values) => {
    expect(FACTS[fact].type).toEqual({ kind: 'enum', values });
    expect(Object.keys(FACTS[fact].valueLabels ?? {})).toEqual(values);
  });

  it.each<[FactName, string[]]>([
    [
      'certifications',
      [
        'high_tech_enterprise',
        'tech_sme',
        'specialized_sme',
        'specialized_little_giant',
        'cultural_enterprise',
        'agri_leading_enterprise',
      ],
    ],
    [
      'listings',
      [
        'caiyuan_recommendation',
        'culture_loan_pool',
        'culture_loan_premium',
        'industry_finance_whitelist',
        'financing_coordination_list',
      ],
    ],
  ])('should make %s an array of the documented values', (fact, values) => {
    expect(FACTS[fact].type).toEqual({ kind: 'enumArray', values });
    expect(Object.keys(FACTS[fact].valueLabels ?? {})).toEqual(values);
  });

  it('should list the founder categories that rules.md names', () => {
    const type = FACTS['founder.categories'].type;
    expect(type.kind).toBe('enumArray');
    expect(type.kind === 'enumArray' && type.values).toEqual(
      expect.arrayContaining(['college_graduate', 'veteran', 'disabled', 'model_worker']),
    );
  });

  // Each string fact with a rule pattern: values a rule may name and values it may not.
  it.each<[FactName, string[], string[]]>([
    ['regionCode', ['360111', '360100'], ['110101', '36011', '3601110', 'x360111']],
    ['industryCode', ['C3911', 'A01', 'T970'], ['U01', 'C3', 'C39111', 'c3911']],
    ['cityCode', ['360100', '361100'], ['360111', '36010', '3601000', '110100', ' 360100']],
    ['industrySection', ['A', 'C', 'T'], ['U', 'CC', 'c', '']],
    ['industryDivision', ['39', '01'], ['3', '391', 'C3']],
  ])('should let rules on %s name %j but not %j', (fact, good, bad) => {
    const type = FACTS[fact].type;
    const pattern = type.kind === 'string' ? type.pattern : undefined;
    expect(pattern).toBeInstanceOf(RegExp);
    for (const v of good) expect([v, pattern?.test(v)]).toEqual([v, true]);
    for (const v of bad) expect([v, pattern?.test(v)]).toEqual([v, false]);
  });

  it.each<[FactName, 'profile' | 'derived']>([
    ['employees', 'profile'],
    ['credit.dishonestDebtor', 'profile'],
    ['sizeClass', 'derived'],
    ['yearsInOperation', 'derived'],
    ['cityCode', 'derived'],
    ['industrySection', 'derived'],
    ['industryDivision', 'derived'],
    ['targetGroupHireShare', 'derived'],
    ['hasCreditIssues', 'derived'],
  ])('should say %s comes from the %s', (fact, source) => {
    expect(FACTS[fact].source).toBe(source);
  });

  // rules.md, "Derived facts": what each is computed from (the size standard's indicators for the
  // size class, docs/domain/sme-size-standard.md).
  it.each<[FactName, string[]]>([
    ['sizeClass', ['industryCode', 'employees', 'annualRevenueYuan', 'totalAssetsYuan']],
    ['yearsInOperation', ['establishedOn']],
    ['cityCode', ['regionCode']],
    ['industrySection', ['industryCode']],
    ['industryDivision', ['industryCode']],
    ['targetGroupHireShare', ['hiring', 'employees']],
    ['hasCreditIssues', ['credit']],
  ])('should compute %s from %j', (fact, inputs) => {
    expect(FACTS[fact].inputs).toEqual(inputs);
  });

  it.each<[FactName, string]>([
    ['annualRevenueYuan', 'money'],
    ['financingNeed.amountYuan', 'money'],
    ['employees', 'count'],
    ['jobRetentionRate', 'ratio'],
    ['targetGroupHireShare', 'ratio'],
    ['financingNeed.termMonths', 'months'],
    ['yearsInOperation', 'years'],
    ['establishedOn', 'plain'],
    ['entityType', 'plain'],
    ['credit.overdueLoans', 'plain'],
  ])('should show %s as %s', (fact, display) => {
    expect(FACTS[fact].display).toBe(display);
  });

  it('should name the industry sections by the GB/T 4754-2017 names', () => {
    expect(FACTS.industrySection.valueLabels?.C).toEqual({ zh: '制造业', en: 'Manufacturing' });
    expect(Object.keys(FACTS.industrySection.valueLabels ?? {})).toHaveLength(20);
  });

  it('should give labels only to enum facts and the industry section', () => {
    expect(FACTS.employees).not.toHaveProperty('valueLabels');
    expect(FACTS.establishedOn).not.toHaveProperty('valueLabels');
  });
});

describe('isFactName', () => {
  it.each([
    ['employees', true],
    ['credit.overdueLoans', true],
    ['sizeClass', true],
    ['credit', false],
    ['credit.unknown', false],
    ['toString', false],
    ['__proto__', false],
    ['', false],
  ])('should say %p is a fact: %p', (name, expected) => {
    expect(isFactName(name)).toBe(expected);
  });
});

describe('profileLeaves', () => {
  it('should list the leaves of nested objects with their paths and parents, in order', () => {
    const table: FieldTable = {
      a: { kind: 'boolean', label: { zh: '甲', en: 'A' } },
      b: {
        kind: 'object',
        schemaName: 'B',
        label: { zh: '乙', en: 'B' },
        fields: {
          c: {
            kind: 'object',
            schemaName: 'C',
            label: { zh: '丙', en: 'C' },
            fields: { d: { kind: 'date', label: { zh: '丁', en: 'D' } } },
          },
          e: { kind: 'boolean', label: { zh: '戊', en: 'E' } },
        },
      },
    };
    expect(profileLeaves(table).map(({ path, parents }) => [path, parents])).toEqual([
      ['a', []],
      ['b.c.d', ['b', 'b.c']],
      ['b.e', ['b']],
    ]);
  });

  it('should list the profile leaves when given no table', () => {
    const paths = profileLeaves().map((l) => l.path);
    expect(paths[0]).toBe('uscc');
    expect(paths).toContain('credit.wageOrSocialInsuranceArrears');
    expect(paths).not.toContain('credit');
  });
});

describe('profileField', () => {
  it('should find a field, an object and a nested leaf by path', () => {
    expect(profileField('employees')).toMatchObject({ kind: 'integer', minimum: 0 });
    expect(profileField('credit')).toMatchObject({ kind: 'object', schemaName: 'CreditDto' });
    expect(profileField('financingNeed.termMonths')).toMatchObject({
      kind: 'integer',
      maximum: 120,
    });
  });

  it.each(['nope', 'credit.nope', 'employees.x', 'toString', 'credit.toString', ''])(
    'should find nothing at %p',
    (path) => {
      expect(profileField(path)).toBeUndefined();
    },
  );
});
