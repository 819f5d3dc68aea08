import { FACTS, type FactName } from './facts';
import {
  FACT_INDEX,
  FACT_NAMES,
  makeFactReader,
  makeFactsLoader,
  resolveFacts,
} from './resolve-facts';
import type { Facts } from './rule.types';

const at = (values: readonly unknown[], name: FactName): unknown =>
  values[FACT_INDEX.get(name) as number];

describe('FACT_NAMES and FACT_INDEX', () => {
  it('should list every fact once, in FACTS order, each at its own index', () => {
    expect(FACT_NAMES).toEqual(Object.keys(FACTS));
    expect(Object.isFrozen(FACT_NAMES)).toBe(true);
    FACT_NAMES.forEach((name, i) => expect(FACT_INDEX.get(name)).toBe(i));
    expect(FACT_INDEX.size).toBe(FACT_NAMES.length);
  });
});

describe('resolveFacts', () => {
  const facts: Facts = {
    employees: 38,
    establishedOn: '2019-04-18',
    certifications: ['tech_sme'],
    credit: { dishonestDebtor: false, overdueLoans: true },
    founder: { partners: 3 },
    financingNeed: { amountYuan: 500_000, termMonths: 12 },
    sizeClass: 'small',
    hasCreditIssues: true,
  };

  it('should put each fact, top-level, nested or derived, in its slot', () => {
    const { values } = resolveFacts(facts);
    expect(values).toHaveLength(FACT_NAMES.length);
    expect(at(values, 'employees')).toBe(38);
    expect(at(values, 'establishedOn')).toBe('2019-04-18');
    expect(at(values, 'certifications')).toEqual(['tech_sme']);
    expect(at(values, 'credit.dishonestDebtor')).toBe(false);
    expect(at(values, 'credit.overdueLoans')).toBe(true);
    expect(at(values, 'founder.partners')).toBe(3);
    expect(at(values, 'financingNeed.amountYuan')).toBe(500_000);
    expect(at(values, 'financingNeed.termMonths')).toBe(12);
    expect(at(values, 'sizeClass')).toBe('small');
    expect(at(values, 'hasCreditIssues')).toBe(true);
  });

  it('should leave every fact the object does not hold undefined', () => {
    const { values } = resolveFacts(facts);
    const given = new Set<string>([
      'employees',
      'establishedOn',
      'certifications',
      'credit.dishonestDebtor',
      'credit.overdueLoans',
      'founder.partners',
      'financingNeed.amountYuan',
      'financingNeed.termMonths',
      'sizeClass',
      'hasCreditIssues',
    ]);
    for (const name of FACT_NAMES) {
      if (!given.has(name)) expect([name, at(values, name)]).toEqual([name, undefined]);
    }
  });

  it.each<[string, unknown]>([
    ['null', null],
    ['undefined', undefined],
    ['a string', 'employees'],
    ['a number', 38],
  ])('should resolve %s to no facts at all, without throwing', (_name, input) => {
    const { values } = resolveFacts(input as Facts);
    expect(values).toHaveLength(FACT_NAMES.length);
    expect(values.every((v) => v === undefined)).toBe(true);
  });

  it.each<[string, unknown]>([
    ['null', null],
    ['a string', 'yes'],
    ['a number', 3],
    ['an array', [false, true]],
  ])('should read no nested fact when the parent object is %s', (_name, credit) => {
    const { values } = resolveFacts({ credit, employees: 5 });
    expect(at(values, 'credit.dishonestDebtor')).toBeUndefined();
    expect(at(values, 'credit.overdueLoans')).toBeUndefined();
    expect(at(values, 'employees')).toBe(5);
  });

  it('should read nested facts of a parent object whatever the other parents hold', () => {
    const { values } = resolveFacts({ credit: null, founder: { partners: 2 } });
    expect(at(values, 'founder.partners')).toBe(2);
  });
});

describe('makeFactsLoader', () => {
  it('should copy only the facts it was made for, each into its slot', () => {
    const load = makeFactsLoader(['employees', 'founder.partners', 'credit.overdueLoans']);
    const values = new Array<unknown>(FACT_NAMES.length).fill('untouched');
    load(
      {
        employees: 7,
        taxRelief: true,
        founder: { partners: 4, categories: ['veteran'] },
        credit: { overdueLoans: false },
      },
      values,
    );
    expect(at(values, 'employees')).toBe(7);
    expect(at(values, 'founder.partners')).toBe(4);
    expect(at(values, 'credit.overdueLoans')).toBe(false);
    expect(at(values, 'taxRelief')).toBe('untouched');
    expect(at(values, 'founder.categories')).toBe('untouched');
    expect(values.filter((v) => v !== 'untouched')).toHaveLength(3);
    expect(Object.keys(values)).toHaveLength(FACT_NAMES.length);
  });

  it('should write undefined for facts an object lacks, so a reused vector holds no stale value', () => {
    const load = makeFactsLoader(['employees', 'founder.partners']);
    const values = new Array<unknown>(FACT_NAMES.length).fill(undefined);
    load({ employees: 7, founder: { partners: 4 } }, values);
    load({ founder: null }, values);
    expect(at(values, 'employees')).toBeUndefined();
    expect(at(values, 'founder.partners')).toBeUndefined();
  });
});

describe('makeFactReader', () => {
  it('should walk nested objects by a dotted path', () => {
    expect(makeFactReader('a.b.c')({ a: { b: { c: 1 } } })).toBe(1);
    expect(makeFactReader('employees')({ employees: 9 })).toBe(9);
  });

  it.each<[string, Facts]>([
    ['a missing parent', {}],
    ['a null parent', { a: null }],
    ['a null in between', { a: { b: null } }],
    ['a string parent', { a: 'text' }],
    ['a number parent', { a: { b: 5 } }],
  ])('should give undefined, not throw, for %s', (_name, facts) => {
    expect(makeFactReader('a.b.c')(facts)).toBeUndefined();
  });

  it('should never read a string’s own properties', () => {
    expect(makeFactReader('name.length')({ name: 'abc' })).toBeUndefined();
  });
});
