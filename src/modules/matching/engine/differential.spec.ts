import fc from 'fast-check';

import { compileRule } from './compile-rule';
import { requirementText } from './detail';
import { FACTS, type FactName, type FactType } from './facts';
import { OPERATOR_FACT_KINDS } from './operators';
import { referenceEvaluate, referenceSearchSize, referenceStatus } from './reference-interpreter';
import { resolveFacts } from './resolve-facts';
import {
  OPERATORS,
  type Condition,
  type Facts,
  type Outcome,
  type Rule,
  type RuleScalar,
} from './rule.types';
import { validateRule } from './validate-rule';

const FACT_NAMES = Object.keys(FACTS) as FactName[];
const label = { zh: '条件', en: 'Condition' };

// Small value domains, shared by rules and facts, so that conditions hit equality and bounds often.
const STRING_SAMPLES = [
  '360111',
  '360102',
  '360100',
  '360700',
  'C3982',
  'A0111',
  'C',
  'A',
  '39',
  '01',
  'x',
];
const DATE_SAMPLES = ['2019-04-18', '2020-01-01', '2021-12-31', '2024-02-29'];
const NUMBER_SAMPLES = [0, 0.25, 0.5, 0.75, 1, 1.5];

function scalarArb(fact: FactName, type: FactType): fc.Arbitrary<RuleScalar> {
  switch (type.kind) {
    case 'integer':
      return fc.integer({ min: -1, max: 6 });
    case 'number':
      return fc.constantFrom(...NUMBER_SAMPLES);
    case 'string': {
      const { pattern } = type;
      const pool = pattern ? STRING_SAMPLES.filter((s) => pattern.test(s)) : STRING_SAMPLES;
      if (pool.length === 0) throw new Error(`no sample string for ${fact}`);
      return fc.constantFrom(...pool);
    }
    case 'date':
      return fc.constantFrom(...DATE_SAMPLES);
    case 'boolean':
      return fc.boolean();
    case 'enum':
    case 'enumArray':
      return fc.constantFrom(...type.values);
  }
}

const conditionArb: fc.Arbitrary<Condition> = fc.constantFrom(...FACT_NAMES).chain((fact) => {
  const type: FactType = FACTS[fact].type;
  const operators = OPERATORS.filter((op) => OPERATOR_FACT_KINDS[op].includes(type.kind));
  return fc.constantFrom(...operators).chain((operator) => {
    const scalar = scalarArb(fact, type);
    const value =
      operator === 'in' || operator === 'notIn'
        ? fc.array(scalar, { minLength: 1, maxLength: 3 })
        : scalar;
    return value.map((v) => ({ id: '', fact, operator, value: v, label }));
  });
});

const treeArb: fc.Arbitrary<Rule> = fc.letrec<{ tree: Rule }>((tie) => ({
  tree: fc.oneof(
    { maxDepth: 5, depthSize: 'medium', withCrossShrink: true },
    conditionArb,
    fc.array(tie('tree'), { minLength: 1, maxLength: 4 }).map((all) => ({ all })),
    fc.array(tie('tree'), { minLength: 1, maxLength: 4 }).map((any) => ({ any })),
    tie('tree').map((not) => ({ not })),
  ),
})).tree;

/** Gives every condition a unique id (c0, c1, ... in tree order) and returns them in order. */
function numberConditions(rule: Rule): { rule: Rule; conditions: Condition[] } {
  const conditions: Condition[] = [];
  const walk = (r: Rule): Rule => {
    if ('all' in r) return { all: r.all.map(walk) };
    if ('any' in r) return { any: r.any.map(walk) };
    if ('not' in r) return { not: walk(r.not) };
    const c = { ...r, id: `c${conditions.length}` };
    conditions.push(c);
    return c;
  };
  return { rule: walk(rule), conditions };
}

function wrongTypeArb(type: FactType): fc.Arbitrary<unknown> {
  switch (type.kind) {
    case 'integer':
    case 'number':
      return fc.constantFrom<unknown>(
        '3',
        '0.5',
        true,
        Number.NaN,
        Number.POSITIVE_INFINITY,
        [1],
        {},
      );
    case 'string':
    case 'enum':
      return fc.constantFrom<unknown>(3, true, ['small'], { v: 'x' });
    case 'date':
      return fc.constantFrom<unknown>('2020-1-1', 20200101, '2020/01/01', new Date(0));
    case 'boolean':
      return fc.constantFrom<unknown>('true', 1, 0, 'false');
    case 'enumArray':
      return fc.constantFrom<unknown>(type.values[0], { 0: type.values[0] }, 3);
  }
}

function factValueArb(fact: FactName): fc.Arbitrary<unknown> {
  const type: FactType = FACTS[fact].type;
  const valid =
    type.kind === 'enumArray'
      ? fc.subarray([...type.values])
      : scalarArb(fact, type).map((v): unknown => v);
  return fc.oneof(
    { weight: 10, arbitrary: valid },
    { weight: 1, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: wrongTypeArb(type) },
  );
}

const PARENTS = [...new Set(FACT_NAMES.filter((f) => f.includes('.')).map((f) => f.split('.')[0]))];

/** Profile-like facts: nested by dotted path, some absent, null, wrongly typed or with a bad parent. */
const factsArb: fc.Arbitrary<Facts> = fc
  .tuple(
    fc.record(Object.fromEntries(FACT_NAMES.map((f) => [f, factValueArb(f)])), {
      requiredKeys: [],
    }),
    fc.dictionary(fc.constantFrom(...PARENTS), fc.constantFrom<unknown>(null, 'x', 3, []), {
      maxKeys: 2,
    }),
  )
  .map(([flat, brokenParents]) => {
    const facts: Facts = {};
    for (const [path, value] of Object.entries(flat)) {
      const [head, tail] = path.split('.');
      if (tail === undefined) {
        facts[head] = value;
      } else {
        const parent = (facts[head] ??= {}) as Record<string, unknown>;
        parent[tail] = value;
      }
    }
    return { ...facts, ...brokenParents };
  });

const ruleArb = treeArb.map(numberConditions);

/** Every node of a rule in pre-order: [id, the id of its group, kind, node], as api.md states. */
function readingOrder(
  rule: Rule,
  path = 'eligibility',
  group: string | null = null,
): [string, string | null, string | undefined, Rule][] {
  for (const key of ['all', 'any', 'not'] as const) {
    if (!(key in rule)) continue;
    const id = `${path}.${key}`;
    const children: [Rule, string][] =
      key === 'not'
        ? [[(rule as { not: Rule }).not, id]]
        : (rule as unknown as Record<string, Rule[]>)[key].map((c, i) => [c, `${id}[${i}]`]);
    return [[id, group, key, rule], ...children.flatMap(([c, at]) => readingOrder(c, at, id))];
  }
  return [[(rule as Condition).id, group, undefined, rule]];
}

describe('compiled evaluator vs reference interpreter', () => {
  it('should generate only valid rules when building arbitrary trees', () => {
    fc.assert(
      fc.property(ruleArb, ({ rule }) => {
        expect(validateRule(rule)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('should agree with the reference on the root and every condition when given random rules and facts', () => {
    fc.assert(
      fc.property(ruleArb, factsArb, ({ rule, conditions }, facts) => {
        const evaluation = compileRule(rule).evaluate(facts);
        const expected = referenceEvaluate(rule, facts);
        expect(evaluation.outcome).toBe(expected);
        const own = evaluation.criteria.filter((c) => !c.kind);
        expect(own.map((c) => c.id)).toEqual(conditions.map((c) => c.id));
        expect(own.map((c) => c.outcome)).toEqual(
          conditions.map((c) => referenceEvaluate(c, facts)),
        );
        // Groups and conditions in reading order, each in its group, each with its own outcome.
        expect(evaluation.criteria.map((c) => [c.id, c.group, c.kind, c.outcome])).toEqual(
          readingOrder(rule).map(([id, group, kind, node]) => [
            id,
            group,
            kind,
            referenceEvaluate(node, facts),
          ]),
        );
      }),
      { numRuns: 2000 },
    );
  });

  it('should keep missingFacts consistent with the outcome when given random rules and facts', () => {
    const statusOf: Record<Outcome, string> = {
      pass: 'eligible',
      fail: 'ineligible',
      unknown: 'needs_info',
    };
    fc.assert(
      fc.property(ruleArb, factsArb, ({ rule, conditions }, facts) => {
        const compiled = compileRule(rule);
        const e = compiled.evaluate(facts);
        if (e.outcome !== 'unknown') expect(e.status).toBe(statusOf[e.outcome]);
        if (e.status !== 'needs_info') {
          expect(e.missingFacts).toEqual([]);
          return;
        }
        expect(e.missingFacts.length).toBeGreaterThan(0);
        expect([...e.missingFacts].sort()).toEqual(e.missingFacts);
        expect(new Set(e.missingFacts).size).toBe(e.missingFacts.length);
        // Every missing fact is read by some condition that came out unknown.
        const unknownFacts = new Set(
          conditions
            .filter((_, i) => e.criteria.filter((c) => !c.kind)[i].outcome === 'unknown')
            .map((c) => c.fact),
        );
        for (const f of e.missingFacts) expect(unknownFacts.has(f as FactName)).toBe(true);
        expect(compiled.factsRead).toEqual(expect.arrayContaining(e.missingFacts));
      }),
      { numRuns: 1000 },
    );
  });

  it('should agree with the reference on the status when some missing facts cannot help', () => {
    let compared = 0;
    fc.assert(
      fc.property(ruleArb, factsArb, ({ rule }, facts) => {
        // The reference tries every combination; keep to searches it finishes quickly.
        fc.pre(referenceSearchSize(rule, facts) <= 1000);
        compared++;
        expect(compileRule(rule).evaluate(facts).status).toBe(referenceStatus(rule, facts));
      }),
      { numRuns: 1000 },
    );
    expect(compared).toBeGreaterThan(500);
  });

  it('should give the same result from a reused compiled rule as from a fresh one when facts vary', () => {
    fc.assert(
      fc.property(ruleArb, fc.array(factsArb, { minLength: 2, maxLength: 4 }), ({ rule }, list) => {
        const reused = compileRule(rule);
        for (const facts of list) {
          expect(reused.evaluate(facts)).toEqual(compileRule(rule).evaluate(facts));
        }
      }),
      { numRuns: 500 },
    );
  });

  it('should give the same result from resolved facts as from the facts object when evaluating', () => {
    fc.assert(
      fc.property(ruleArb, factsArb, ({ rule }, facts) => {
        const compiled = compileRule(rule);
        expect(compiled.evaluateResolved(resolveFacts(facts))).toEqual(compiled.evaluate(facts));
      }),
      { numRuns: 500 },
    );
  });

  it('should give the status of the full evaluation when asked for the status only', () => {
    fc.assert(
      fc.property(ruleArb, factsArb, ({ rule }, facts) => {
        const compiled = compileRule(rule);
        const resolved = resolveFacts(facts);
        expect(compiled.statusOf(resolved)).toBe(compiled.evaluateResolved(resolved).status);
      }),
      { numRuns: 500 },
    );
  });

  it('should not be affected by other rules evaluated in between when rules share work buffers', () => {
    fc.assert(
      fc.property(ruleArb, ruleArb, factsArb, factsArb, (a, b, f1, f2) => {
        const first = compileRule(a.rule);
        const second = compileRule(b.rule);
        const expected = compileRule(a.rule).evaluate(f1);
        first.evaluate(f2);
        second.evaluate(f1);
        expect(first.evaluate(f1)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('should explain every failure with the actual value when many rules share requirements', () => {
    // Details are remembered per requirement text across rules; check each against a plain rendering.
    const shown = (v: unknown, zh: boolean): string => {
      if (typeof v === 'boolean') return zh ? (v ? '是' : '否') : v ? 'yes' : 'no';
      if (Array.isArray(v)) {
        if (v.length === 0) return zh ? '无' : 'none';
        return `[${v.map(String).join(zh ? '、' : ', ')}]`;
      }
      return String(v);
    };
    fc.assert(
      fc.property(
        fc.array(ruleArb, { minLength: 1, maxLength: 4 }),
        fc.array(factsArb, { minLength: 1, maxLength: 3 }),
        (rules, factsList) => {
          const compiled = rules.map((r) => compileRule(r.rule));
          for (const facts of factsList) {
            compiled.forEach((rule, k) => {
              const criteria = rule.evaluate(facts).criteria.filter((c) => !c.kind);
              criteria.forEach((criterion, i) => {
                if (criterion.outcome !== 'fail') return;
                const c = rules[k].conditions[i];
                const actual = c.fact
                  .split('.')
                  .reduce<unknown>((o, key) => (o as Record<string, unknown>)[key], facts);
                const req = requirementText(c.operator, c.value, FACTS[c.fact]);
                // The actual value is written for a person (labels, 万元, %): check the plain
                // ones exactly and the requirement always.
                const plain = typeof actual === 'boolean' || FACTS[c.fact].display === 'count';
                if (plain && !Array.isArray(actual)) {
                  expect(criterion.detail).toEqual({
                    zh: `当前为 ${shown(actual, true)}，${req.zh}`,
                    en: `is ${shown(actual, false)}; ${req.en}`,
                  });
                } else {
                  expect(criterion.detail?.zh.endsWith(`，${req.zh}`)).toBe(true);
                  expect(criterion.detail?.en.endsWith(`; ${req.en}`)).toBe(true);
                }
              });
            });
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('should not mutate the facts when evaluating', () => {
    fc.assert(
      fc.property(ruleArb, factsArb, ({ rule }, facts) => {
        const before = structuredClone(facts);
        compileRule(rule).evaluate(facts);
        expect(facts).toEqual(before);
      }),
      { numRuns: 300 },
    );
  });
});
