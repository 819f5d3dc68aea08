import fc from 'fast-check';

import type { RuleIssueCode } from './rule.types';
import {
  MAX_RULE_DEPTH,
  RuleValidationError,
  assertValidRule,
  validateRule,
} from './validate-rule';

const label = { zh: '标签', en: 'Label' };

/** A valid condition with some fields overridden (undefined removes the field). */
function cond(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const base: Record<string, unknown> = {
    id: 'c1',
    fact: 'employees',
    operator: 'greaterThanInclusive',
    value: 5,
    label,
  };
  for (const [k, v] of Object.entries(overrides)) {
    if (v === undefined) delete base[k];
    else base[k] = v;
  }
  return base;
}

function issuesOf(rule: unknown): [string, RuleIssueCode][] {
  return validateRule(rule).map((i) => [i.path, i.code]);
}

describe('validateRule', () => {
  it.each([
    ['a condition', cond()],
    ['a condition with a hint', cond({ hint: { zh: '提示', en: 'Hint' } })],
    ['an all with a label', { all: [cond()], label }],
    ['an any', { any: [cond({ id: 'a' }), cond({ id: 'b' })] }],
    ['a not', { not: cond(), label }],
    ['an integer in', cond({ operator: 'in', value: [1, 2] })],
    ['an enum in', cond({ fact: 'sizeClass', operator: 'in', value: ['small', 'micro'] })],
    ['a boolean equal', cond({ fact: 'credit.dishonestDebtor', operator: 'equal', value: false })],
    ['a contains', cond({ fact: 'certifications', operator: 'contains', value: 'tech_sme' })],
    ['a date bound', cond({ fact: 'establishedOn', operator: 'lessThan', value: '2024-02-29' })],
    ['a number bound', cond({ fact: 'jobRetentionRate', operator: 'greaterThan', value: 0.5 })],
    ['a string with a pattern', cond({ fact: 'cityCode', operator: 'notIn', value: ['360100'] })],
    ['a largest safe integer', cond({ value: Number.MAX_SAFE_INTEGER })],
  ])('should accept %s when it is valid', (_name, rule) => {
    expect(validateRule(rule)).toEqual([]);
  });

  // [name, rule, expected [path, code] issues]
  const rows: [string, unknown, [string, RuleIssueCode][]][] = [
    // rule_invalid_shape
    ['null', null, [['eligibility', 'rule_invalid_shape']]],
    ['a string', 'all', [['eligibility', 'rule_invalid_shape']]],
    ['an array', [cond()], [['eligibility', 'rule_invalid_shape']]],
    ['an empty object', {}, [['eligibility', 'rule_invalid_shape']]],
    ['both all and any', { all: [cond()], any: [cond()] }, [['eligibility', 'rule_invalid_shape']]],
    [
      'a group with a fact',
      { all: [cond()], fact: 'employees' },
      [['eligibility', 'rule_invalid_shape']],
    ],
    ['a non-array all', { all: cond() }, [['eligibility.all', 'rule_invalid_shape']]],
    [
      'an unknown key in a group',
      { all: [cond()], why: 1 },
      [['eligibility.why', 'rule_invalid_shape']],
    ],
    [
      'an unknown key in a condition',
      cond({ extra: 1 }),
      [['eligibility.extra', 'rule_invalid_shape']],
    ],
    ['an odd unknown key', cond({ 'a b': 1 }), [['eligibility["a b"]', 'rule_invalid_shape']]],
    ['a missing id', cond({ id: undefined }), [['eligibility.id', 'rule_invalid_shape']]],
    ['an empty id', cond({ id: ' ' }), [['eligibility.id', 'rule_invalid_shape']]],
    ['a numeric id', cond({ id: 7 }), [['eligibility.id', 'rule_invalid_shape']]],
    ['a missing fact', cond({ fact: undefined }), [['eligibility.fact', 'rule_invalid_shape']]],
    [
      'a missing operator',
      cond({ operator: undefined }),
      [['eligibility.operator', 'rule_invalid_shape']],
    ],
    ['a missing value', cond({ value: undefined }), [['eligibility.value', 'rule_invalid_shape']]],
    ['a missing label', cond({ label: undefined }), [['eligibility.label', 'rule_invalid_shape']]],
    ['a string label', cond({ label: 'x' }), [['eligibility.label', 'rule_invalid_shape']]],
    [
      'a label without en',
      cond({ label: { zh: '标签' } }),
      [['eligibility.label', 'rule_invalid_shape']],
    ],
    [
      'a label with a number',
      cond({ label: { zh: '标签', en: 1 } }),
      [['eligibility.label', 'rule_invalid_shape']],
    ],
    [
      'a label with extra keys',
      cond({ label: { ...label, fr: 'x' } }),
      [['eligibility.label', 'rule_invalid_shape']],
    ],
    [
      'a bad hint',
      cond({ hint: { zh: '', en: 'x' } }),
      [['eligibility.hint', 'rule_invalid_shape']],
    ],
    [
      'a bad group label',
      { any: [cond()], label: {} },
      [['eligibility.label', 'rule_invalid_shape']],
    ],
    ['a null child', { all: [cond(), null] }, [['eligibility.all[1]', 'rule_invalid_shape']]],
    ['a not of a number', { not: 3 }, [['eligibility.not', 'rule_invalid_shape']]],
    // rule_unknown_fact
    [
      'an unknown fact',
      cond({ fact: 'employeeCount' }),
      [['eligibility.fact', 'rule_unknown_fact']],
    ],
    [
      'a parent object as fact',
      cond({ fact: 'credit' }),
      [['eligibility.fact', 'rule_unknown_fact']],
    ],
    [
      'an inherited name as fact',
      cond({ fact: 'constructor' }),
      [['eligibility.fact', 'rule_unknown_fact']],
    ],
    // rule_unknown_operator
    [
      'an unknown operator',
      cond({ operator: 'atLeast' }),
      [['eligibility.operator', 'rule_unknown_operator']],
    ],
    [
      'a numeric operator',
      cond({ operator: 3 }),
      [['eligibility.operator', 'rule_unknown_operator']],
    ],
    [
      'a json-rules-engine only operator',
      cond({ operator: 'startsWith' }),
      [['eligibility.operator', 'rule_unknown_operator']],
    ],
    // rule_invalid_value: the value's type
    [
      'a string for an integer fact',
      cond({ value: '5' }),
      [['eligibility.value', 'rule_invalid_value']],
    ],
    [
      'a fraction for an integer fact',
      cond({ value: 5.5 }),
      [['eligibility.value', 'rule_invalid_value']],
    ],
    ['an unsafe integer', cond({ value: 2 ** 53 }), [['eligibility.value', 'rule_invalid_value']]],
    [
      'a string for a number fact',
      cond({ fact: 'jobRetentionRate', value: '0.5' }),
      [['eligibility.value', 'rule_invalid_value']],
    ],
    [
      'a non-array for in',
      cond({ operator: 'in', value: 5 }),
      [['eligibility.value', 'rule_invalid_value']],
    ],
    [
      'an empty array for notIn',
      cond({ operator: 'notIn', value: [] }),
      [['eligibility.value', 'rule_invalid_value']],
    ],
    [
      'a bad member of in',
      cond({ operator: 'in', value: [1, '2', 3] }),
      [['eligibility.value[1]', 'rule_invalid_value']],
    ],
    [
      'an enum value outside the enum',
      cond({ fact: 'sizeClass', operator: 'equal', value: 'tiny' }),
      [['eligibility.value', 'rule_invalid_value']],
    ],
    [
      'an enum in with a stray value',
      cond({ fact: 'sizeClass', operator: 'in', value: ['small', 'huge'] }),
      [['eligibility.value[1]', 'rule_invalid_value']],
    ],
    [
      'a contains outside the enum',
      cond({ fact: 'certifications', operator: 'contains', value: 'iso9001' }),
      [['eligibility.value', 'rule_invalid_value']],
    ],
    [
      'a contains with an array',
      cond({ fact: 'listings', operator: 'contains', value: ['culture_loan_pool'] }),
      [['eligibility.value', 'rule_invalid_value']],
    ],
    [
      'a string for a boolean fact',
      cond({ fact: 'inIndustrialPark', operator: 'equal', value: 'true' }),
      [['eligibility.value', 'rule_invalid_value']],
    ],
    [
      'a malformed date',
      cond({ fact: 'establishedOn', operator: 'lessThan', value: '2024-2-1' }),
      [['eligibility.value', 'rule_invalid_value']],
    ],
    [
      'an impossible date',
      cond({ fact: 'establishedOn', operator: 'lessThan', value: '2023-02-29' }),
      [['eligibility.value', 'rule_invalid_value']],
    ],
    [
      'a code not matching the pattern',
      cond({ fact: 'regionCode', operator: 'equal', value: '110101' }),
      [['eligibility.value', 'rule_invalid_value']],
    ],
    // rule_invalid_value: the operator does not apply to the fact's kind (points at operator)
    [
      'contains on a scalar fact',
      cond({ operator: 'contains', value: 5 }),
      [['eligibility.operator', 'rule_invalid_value']],
    ],
    [
      'lessThan on a boolean fact',
      cond({ fact: 'inIndustrialPark', operator: 'lessThan', value: true }),
      [['eligibility.operator', 'rule_invalid_value']],
    ],
    [
      'greaterThan on an enum fact',
      cond({ fact: 'sizeClass', operator: 'greaterThan', value: 'small' }),
      [['eligibility.operator', 'rule_invalid_value']],
    ],
    [
      'lessThan on an enumArray fact',
      cond({ fact: 'certifications', operator: 'lessThan', value: 'tech_sme' }),
      [['eligibility.operator', 'rule_invalid_value']],
    ],
    [
      'equal on an enumArray fact',
      cond({ fact: 'certifications', operator: 'equal', value: 'tech_sme' }),
      [['eligibility.operator', 'rule_invalid_value']],
    ],
    [
      'in on an enumArray fact',
      cond({ fact: 'listings', operator: 'in', value: ['culture_loan_pool'] }),
      [['eligibility.operator', 'rule_invalid_value']],
    ],
    // rule_empty_group
    ['an empty all', { all: [] }, [['eligibility.all', 'rule_empty_group']]],
    [
      'a nested empty any',
      { all: [cond(), { any: [] }] },
      [['eligibility.all[1].any', 'rule_empty_group']],
    ],
    // rule_duplicate_id
    [
      'a duplicate id',
      { all: [cond(), { any: [cond({ id: 'c2' }), cond()] }] },
      [['eligibility.all[1].any[1].id', 'rule_duplicate_id']],
    ],
    [
      'a duplicate id under not',
      { any: [cond(), { not: cond() }] },
      [['eligibility.any[1].not.id', 'rule_duplicate_id']],
    ],
  ];

  it.each(rows)('should report %s when validating', (_name, rule, expected) => {
    expect(issuesOf(rule)).toEqual(expected);
  });

  it('should report every issue in tree order when a rule has several', () => {
    const rule = {
      all: [
        cond({ fact: 'nope', operator: 'bad' }),
        { any: [] },
        cond({ id: 'c1', value: 'x' }),
        { not: cond({ id: 'c3', label: undefined }) },
      ],
      extra: true,
    };
    expect(issuesOf(rule)).toEqual([
      ['eligibility.extra', 'rule_invalid_shape'],
      ['eligibility.all[0].fact', 'rule_unknown_fact'],
      ['eligibility.all[0].operator', 'rule_unknown_operator'],
      ['eligibility.all[1].any', 'rule_empty_group'],
      ['eligibility.all[2].id', 'rule_duplicate_id'],
      ['eligibility.all[2].value', 'rule_invalid_value'],
      ['eligibility.all[3].not.label', 'rule_invalid_shape'],
    ]);
  });

  it('should prefix paths with the base path when one is given', () => {
    expect(validateRule({ any: [cond({ value: 'x' })] }, 'body.eligibility')).toEqual([
      {
        path: 'body.eligibility.any[0].value',
        code: 'rule_invalid_value',
        message: expect.stringContaining('not a safe integer'),
      },
    ]);
    expect(validateRule({ any: [] }, '')).toEqual([
      expect.objectContaining({ path: 'any', code: 'rule_empty_group' }),
    ]);
  });

  it('should name the first occurrence when reporting a duplicate id', () => {
    const [issue] = validateRule({ all: [cond(), cond()] });
    expect(issue.message).toContain('eligibility.all[0].id');
  });

  function nestedNots(levels: number): unknown {
    let rule: unknown = cond();
    for (let i = 0; i < levels; i++) rule = { not: rule };
    return rule;
  }

  it('should accept nesting up to the depth limit when the tree is exactly that deep', () => {
    expect(validateRule(nestedNots(MAX_RULE_DEPTH - 1))).toEqual([]);
  });

  it('should report rule_invalid_shape when the tree is one level deeper than the limit', () => {
    const path = `eligibility${'.not'.repeat(MAX_RULE_DEPTH)}`;
    expect(issuesOf(nestedNots(MAX_RULE_DEPTH))).toEqual([[path, 'rule_invalid_shape']]);
  });

  it('should not throw when the tree is nested 100,000 levels deep', () => {
    expect(issuesOf(nestedNots(100_000))).toHaveLength(1);
  });

  it('should not throw when the tree contains a cycle', () => {
    const rule: Record<string, unknown> = { all: [] };
    (rule.all as unknown[]).push(rule);
    expect(issuesOf(rule)).toEqual([
      [`eligibility${'.all[0]'.repeat(MAX_RULE_DEPTH)}`, 'rule_invalid_shape'],
    ]);
  });

  it('should not throw when given exotic values', () => {
    const noProto = Object.create(null) as Record<string, unknown>;
    noProto.fact = Symbol('x');
    noProto.operator = Object.create(null);
    noProto.value = 10n;
    for (const rule of [undefined, noProto, () => 1, 10n, Symbol('s'), new Map(), new Date(0)]) {
      expect(() => validateRule(rule)).not.toThrow();
      expect(validateRule(rule).length).toBeGreaterThan(0);
    }
  });

  it('should report rule_invalid_shape instead of throwing when a getter throws', () => {
    const rule = Object.defineProperty(cond(), 'value', {
      enumerable: true,
      get() {
        throw new Error('boom');
      },
    });
    expect(issuesOf(rule)).toEqual([['eligibility', 'rule_invalid_shape']]);
  });

  it('should never throw and always return well-formed issues when given any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
        const issues = validateRule(value);
        for (const i of issues) {
          expect(typeof i.path).toBe('string');
          expect(typeof i.message).toBe('string');
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('should never throw when given anything at all', () => {
    fc.assert(
      fc.property(
        fc.anything({ withNullPrototype: true, withBigInt: true, withMap: true }),
        (v) => {
          validateRule(v);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('should never throw when given rule-shaped objects with random parts', () => {
    // Random JSON rarely looks like a rule; this mixes real keys, facts and operators in.
    const part = fc.oneof(
      fc.jsonValue({ maxDepth: 2 }),
      fc.constantFrom('employees', 'in', 'contains', label),
    );
    const node = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.record(
          { id: part, fact: part, operator: part, value: part, label: part, hint: part },
          { requiredKeys: [] },
        ),
        fc.record({ all: fc.array(tie('node'), { maxLength: 3 }) }),
        fc.record(
          { any: fc.array(tie('node'), { maxLength: 3 }), label: part },
          { requiredKeys: ['any'] },
        ),
        fc.record({ not: tie('node') }),
      ),
    })).node;
    fc.assert(
      fc.property(node, (rule) => {
        const first = validateRule(rule);
        expect(validateRule(rule)).toEqual(first);
      }),
      { numRuns: 1000 },
    );
  });
});

// The catalogue API answers a rule's issues with 422 and these messages are all an author reads:
// each says what is wrong and what is expected.
describe('validateRule: messages', () => {
  const messageOf = (rule: unknown): string[] => validateRule(rule).map((i) => i.message);

  it.each<[string, unknown, string]>([
    ['a non-object', 7, 'must be an object: all, any, not or a condition'],
    ['several kinds', { all: [cond()], not: cond() }, 'has several of all, not; use exactly one'],
    ['no kind', { label }, 'must have one of all, any, not or fact (a condition)'],
    ['an unknown key in a group', { any: [cond()], why: 1 }, 'unknown key in any'],
    ['a non-array group', { all: cond() }, 'all must be an array of rules'],
    ['an empty group', { any: [] }, 'any must not be empty'],
    ['an unknown key in a condition', cond({ extra: 1 }), 'unknown key in condition'],
    ['a blank id', cond({ id: '' }), 'id must be a non-empty string'],
    ['a missing fact', cond({ fact: undefined }), 'fact is required'],
    ['a fact that is not a string', cond({ fact: 3 }), 'fact must be a string'],
    ['an unknown fact', cond({ fact: 'staff' }), 'unknown fact "staff"'],
    ['a missing operator', cond({ operator: undefined }), 'operator is required'],
    [
      'an unknown operator',
      cond({ operator: 'atLeast' }),
      'unknown operator "atLeast"; expected one of equal, notEqual, lessThan, lessThanInclusive, ' +
        'greaterThan, greaterThanInclusive, in, notIn, contains, doesNotContain',
    ],
    ['a missing value', cond({ value: undefined }), 'value is required'],
    ['a missing label', cond({ label: undefined }), 'label is required'],
    [
      'a bad label',
      cond({ label: { zh: '标签' } }),
      'must be { zh, en } with non-empty strings only',
    ],
    [
      'an operator for another kind of fact',
      cond({ operator: 'contains', value: 5 }),
      'operator contains does not apply to integer fact employees; it applies to enumArray',
    ],
    [
      'an ordering of a boolean',
      cond({ fact: 'taxRelief', operator: 'lessThan', value: true }),
      'operator lessThan does not apply to boolean fact taxRelief; it applies to integer, number, date',
    ],
    ['a fraction for an integer', cond({ value: 1.5 }), '1.5 is not a safe integer'],
    [
      'a string for a number',
      cond({ fact: 'jobRetentionRate', value: '0.5' }),
      '"0.5" is not a finite number',
    ],
    [
      'a number for a string',
      cond({ fact: 'name', operator: 'equal', value: 1 }),
      '1 is not a string',
    ],
    [
      'a string off the pattern',
      cond({ fact: 'cityCode', operator: 'equal', value: '360101' }),
      '"360101" does not match ^36\\d{2}00$',
    ],
    [
      'an impossible date',
      cond({ fact: 'establishedOn', operator: 'lessThan', value: '2025-02-29' }),
      '"2025-02-29" is not a YYYY-MM-DD date',
    ],
    [
      'a string for a boolean',
      cond({ fact: 'taxRelief', operator: 'equal', value: 'yes' }),
      '"yes" is not a boolean',
    ],
    [
      'a value outside an enum',
      cond({ fact: 'sizeClass', operator: 'equal', value: 'tiny' }),
      '"tiny" is not one of large, medium, small, micro',
    ],
    [
      'a member outside an array fact’s values',
      cond({ fact: 'listings', operator: 'contains', value: 'pool' }),
      '"pool" is not one of caiyuan_recommendation, culture_loan_pool, culture_loan_premium, ' +
        'industry_finance_whitelist, ' +
        'financing_coordination_list',
    ],
  ])('should say what is wrong when given %s', (_name, rule, message) => {
    expect(messageOf(rule)).toEqual([message]);
  });

  it.each<[string, string, string]>([
    ['employees', 'in', 'in needs a non-empty array of safe integers'],
    ['jobRetentionRate', 'notIn', 'notIn needs a non-empty array of finite numbers'],
    ['name', 'in', 'in needs a non-empty array of strings'],
    ['cityCode', 'in', 'in needs a non-empty array of strings matching ^36\\d{2}00$'],
    ['establishedOn', 'in', 'in needs a non-empty array of YYYY-MM-DD dates'],
    ['taxRelief', 'in', 'in needs a non-empty array of booleans'],
    [
      'sizeClass',
      'notIn',
      'notIn needs a non-empty array of values of large, medium, small, micro',
    ],
  ])('should name what %s %s lists when its array is empty', (fact, operator, message) => {
    expect(messageOf(cond({ fact, operator, value: [] }))).toEqual([message]);
  });

  it.each<[string, unknown, string]>([
    ['a bigint', 10n, '10n is not a safe integer'],
    ['an object', { n: 5 }, '{"n":5} is not a safe integer'],
    ['a symbol', Symbol('s'), 'symbol is not a safe integer'],
    ['a function', () => 5, 'function is not a safe integer'],
    ['null', null, 'null is not a safe integer'],
    ['exactly 60 characters', 'x'.repeat(58), `"${'x'.repeat(58)}" is not a safe integer`],
    ['a long string', 'x'.repeat(59), `"${'x'.repeat(56)}... is not a safe integer`],
  ])('should show %s briefly when it is the wrong value', (_name, value, message) => {
    expect(messageOf(cond({ value }))).toEqual([message]);
  });

  it('should show a value that cannot be written as JSON as an object', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(messageOf(cond({ value: cyclic }))).toEqual(['an object is not a safe integer']);
  });

  it('should say the rule could not be read when reading it throws', () => {
    const rule = Object.defineProperty(cond(), 'label', {
      enumerable: true,
      get() {
        throw new Error('boom');
      },
    });
    expect(validateRule(rule, 'body.eligibility')).toEqual([
      { path: 'body.eligibility', code: 'rule_invalid_shape', message: 'rule could not be read' },
    ]);
  });

  it('should name the depth limit when a rule is nested too deeply', () => {
    let rule: unknown = cond();
    for (let i = 0; i < MAX_RULE_DEPTH; i++) rule = { not: rule };
    expect(messageOf(rule)).toEqual(['rule nested deeper than 32 levels']);
  });

  it('should name the first occurrence when an id is used twice', () => {
    expect(messageOf({ any: [cond({ id: 'x' }), { not: cond({ id: 'x' }) }] })).toEqual([
      'condition id "x" is already used at eligibility.any[0].id',
    ]);
  });
});

describe('validateRule: blank texts', () => {
  const blanks: [string, unknown][] = [
    ['a blank Chinese label', cond({ label: { zh: ' ', en: 'Label' } })],
    ['a blank English label', cond({ label: { zh: '标签', en: '' } })],
    ['a blank hint', cond({ hint: { zh: '提示', en: '  ' } })],
    ['a blank group label', { all: [cond()], label: { zh: '', en: '' } }],
  ];

  it.each(blanks)('should refuse %s by default', (_name, rule) => {
    expect(validateRule(rule).map((i) => i.code)).toEqual(['rule_invalid_shape']);
  });

  it.each(blanks)('should accept %s in a draft (allowBlankText)', (_name, rule) => {
    expect(validateRule(rule, 'eligibility', { allowBlankText: true })).toEqual([]);
  });

  it('should still refuse a missing translation in a draft', () => {
    const rule = cond({ label: { zh: '' } });
    expect(issuesOfDraft(rule)).toEqual([['eligibility.label', 'rule_invalid_shape']]);
  });

  it('should refuse a label whose texts are inherited, not its own', () => {
    const inherited = Object.create({ zh: '标签', en: 'Label' }) as object;
    expect(issuesOf(cond({ label: inherited }))).toEqual([
      ['eligibility.label', 'rule_invalid_shape'],
    ]);
  });

  function issuesOfDraft(rule: unknown): [string, RuleIssueCode][] {
    return validateRule(rule, 'eligibility', { allowBlankText: true }).map((i) => [i.path, i.code]);
  }
});

describe('validateRule: paths and kinds', () => {
  it('should read a node with condition keys but no fact as a condition missing its fact', () => {
    expect(issuesOf({ id: 'a', operator: 'equal', value: 1, label })).toEqual([
      ['eligibility.fact', 'rule_invalid_shape'],
    ]);
  });

  it.each(['id', 'operator', 'value', 'hint'])(
    'should read a node with only %s as a condition',
    (key) => {
      const codes = validateRule({ [key]: cond()[key] ?? label }).map((i) => i.path);
      expect(codes).toContain('eligibility.fact');
    },
  );

  it('should quote an odd key when the base path is empty', () => {
    expect(validateRule(cond({ 'a b': 1 }), '').map((i) => i.path)).toEqual(['["a b"]']);
  });

  it('should check a not’s label and keys like any group’s', () => {
    expect(issuesOf({ not: cond(), label: { zh: 'x' }, extra: 1 })).toEqual([
      ['eligibility.extra', 'rule_invalid_shape'],
      ['eligibility.label', 'rule_invalid_shape'],
    ]);
  });

  it('should count every group level towards the depth limit', () => {
    let rule: unknown = cond();
    for (let i = 0; i < MAX_RULE_DEPTH - 1; i++) rule = i % 2 ? { all: [rule] } : { any: [rule] };
    expect(validateRule(rule)).toEqual([]);
    expect(issuesOf({ all: [rule] })).toEqual([
      [expect.stringMatching(/^eligibility(\.(all|any)\[0\]){32}$/), 'rule_invalid_shape'],
    ]);
  });
});

describe('assertValidRule and RuleValidationError', () => {
  it('should pass a valid rule through', () => {
    expect(() => assertValidRule(cond())).not.toThrow();
  });

  it('should throw every issue, at the given base path, when the rule is invalid', () => {
    let error: unknown;
    try {
      assertValidRule({ all: [cond({ value: 'x' })] }, 'seed.eligibility');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RuleValidationError);
    expect((error as RuleValidationError).name).toBe('RuleValidationError');
    expect((error as RuleValidationError).issues.map((i) => i.path)).toEqual([
      'seed.eligibility.all[0].value',
    ]);
    expect((error as RuleValidationError).message).toBe(
      'invalid rule: seed.eligibility.all[0].value: "x" is not a safe integer',
    );
  });

  it('should list the first three issues and count the rest in its message', () => {
    const rule = { all: [1, 2, 3, 4, 5].map((n) => cond({ id: `c${n}`, value: `v${n}` })) };
    expect(() => assertValidRule(rule)).toThrow(
      new RuleValidationError(validateRule(rule)).message,
    );
    const { message } = new RuleValidationError(validateRule(rule));
    expect(message).toBe(
      'invalid rule: eligibility.all[0].value: "v1" is not a safe integer; ' +
        'eligibility.all[1].value: "v2" is not a safe integer; ' +
        'eligibility.all[2].value: "v3" is not a safe integer (+2 more)',
    );
  });

  it('should not count more when there are exactly three issues', () => {
    const rule = { all: [1, 2, 3].map((n) => cond({ id: `c${n}`, value: `v${n}` })) };
    expect(new RuleValidationError(validateRule(rule)).message).not.toContain('more');
  });
});
