/**
 * Output snapshot of the eligibility engine, for refactoring it for speed without changing a byte
 * of what it answers. Runs matchAndAsk (and evaluate / statusOf) on thousands of seeded profiles
 * against the seed catalogue, bench-like products and wild rule trees, and records one hash per
 * call. Run before a change with --write, after it with --check:
 *   node --require ./bench/swc-register.js bench/engine-snapshot.ts --write /tmp/engine.snap
 *   node --require ./bench/swc-register.js bench/engine-snapshot.ts --check /tmp/engine.snap
 * A mismatch prints the first call that differs and writes both answers next to the snapshot.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';

import fc from 'fast-check';

import { seededCatalogue } from '../seeds/catalog/matchable.fixture';
import {
  FACTS,
  OPERATORS,
  OPERATOR_FACT_KINDS,
  compileLimits,
  compileRule,
  matchAndAsk,
  matchProducts,
  resolveFacts,
  validateRule,
  type Condition,
  type FactName,
  type Facts,
  type FieldsOf,
  type MatchableProduct,
  type Rule,
  type RuleScalar,
  type Text,
} from '../src/modules/matching/engine';
import {
  randomFacts,
  randomRule,
  randomTerms,
  seededRandom,
  SPARSE_DROPS,
  type Rng,
} from './engine-fixtures';

const FACT_NAMES = Object.keys(FACTS) as FactName[];
const AS_OF = '2025-06-30';

const LABELS: Text[] = [
  { zh: '条件甲', en: 'Condition A' },
  { zh: '条件乙', en: 'Condition B' },
  { zh: '规模', en: 'Size' },
];
const HINTS: Text[] = [
  { zh: '提示一', en: 'Hint one' },
  { zh: '提示二', en: 'Hint two' },
];

/** A constant a rule might name for a fact, near the values the profile generators produce. */
function constantFor(rng: Rng, fact: FactName): RuleScalar {
  const def = FACTS[fact];
  const type = def.type;
  switch (type.kind) {
    case 'boolean':
      return rng() < 0.5;
    case 'enum':
    case 'enumArray':
      return type.values[Math.floor(rng() * type.values.length)];
    case 'date':
      return ['2019-04-18', '2020-01-01', '2022-06-30', '2024-02-29'][Math.floor(rng() * 4)];
    case 'string': {
      const pool = ['360111', '360100', '360700', 'C3982', 'C', 'K', '39', '01', 'x'];
      const fit = pool.filter((s) => !type.pattern || type.pattern.test(s));
      return fit[Math.floor(rng() * fit.length)];
    }
    case 'integer':
    case 'number': {
      const scale =
        def.display === 'money'
          ? 10_000_000
          : def.display === 'ratio'
            ? 1
            : def.display === 'count'
              ? 300
              : def.display === 'months'
                ? 36
                : 10;
      const min = type.min ?? 0;
      let v = rng() * scale;
      v = type.kind === 'integer' ? Math.round(v) : Math.round(v * 100) / 100;
      v = Math.max(min, v);
      return type.max !== undefined ? Math.min(type.max, v) : v;
    }
  }
}

/** A rule tree over any fact and operator, with hints and group labels now and then. */
function wildRule(rng: Rng): Rule {
  let n = 0;
  const node = (depth: number): Rule => {
    const r = rng();
    if (depth < 3 && r < 0.35) {
      const children = Array.from({ length: 1 + Math.floor(rng() * 4) }, () => node(depth + 1));
      const label = rng() < 0.3 ? { label: LABELS[Math.floor(rng() * LABELS.length)] } : {};
      return rng() < 0.5 ? { all: children, ...label } : { any: children, ...label };
    }
    if (depth < 3 && r < 0.45) return { not: node(depth + 1) };
    const fact = FACT_NAMES[Math.floor(rng() * FACT_NAMES.length)];
    const kind = FACTS[fact].type.kind;
    const ops = OPERATORS.filter((op) => OPERATOR_FACT_KINDS[op].includes(kind));
    const operator = ops[Math.floor(rng() * ops.length)];
    const value =
      operator === 'in' || operator === 'notIn'
        ? Array.from({ length: 1 + Math.floor(rng() * 3) }, () => constantFor(rng, fact))
        : constantFor(rng, fact);
    const c: Condition = {
      id: `w${n++}`,
      fact,
      operator,
      value,
      label: LABELS[Math.floor(rng() * LABELS.length)],
    };
    if (rng() < 0.4) c.hint = HINTS[Math.floor(rng() * HINTS.length)];
    return c;
  };
  for (;;) {
    n = 0;
    const rule = node(0);
    if (validateRule(rule).length === 0) return rule;
  }
}

function products(): MatchableProduct[] {
  const out: MatchableProduct[] = seededCatalogue();
  const rng = seededRandom(7);
  for (let i = 0; i < 200; i++) {
    const window = rng();
    const withLimits = rng() < 0.1;
    out.push({
      code: `JX-P${String(i).padStart(4, '0')}`,
      version: 1 + (i % 3),
      provisional: i % 5 === 0,
      terms: randomTerms(rng),
      compiled: compileRule(randomRule(rng)),
      limits: withLimits
        ? compileLimits([
            { when: wildRule(rng), amountMaxYuan: 500_000, label: LABELS[0] },
            { when: wildRule(rng), termMonthsMax: 6, label: LABELS[1] },
          ])
        : undefined,
      validFrom: window < 0.05 ? '2025-07-01' : '2024-01-01',
      validTo: window > 0.95 ? '2025-03-31' : null,
    });
  }
  const wild = seededRandom(99);
  for (let i = 0; i < 200; i++) {
    out.push({
      code: `W${String(i).padStart(4, '0')}`,
      version: 1,
      provisional: false,
      terms: randomTerms(wild),
      compiled: compileRule(wildRule(wild)),
    });
  }
  return out;
}

/** What a sparse profile leaves out, and facts a caller may not have derived. */
const OPTIONAL = [
  ...SPARSE_DROPS,
  'sizeClass',
  'yearsInOperation',
  'establishedOn',
  'employees',
  'cityCode',
  'industrySection',
];
const WRONG: unknown[] = ['3', true, Number.NaN, [1, { a: 1 }], {}, 0.30000000000000004, -1];

/** A profile from the bench generator, then thinned, extended and now and then mistyped. */
function profile(rng: Rng): Facts {
  const facts = randomFacts(rng);
  const thin = rng();
  for (const key of OPTIONAL) if (rng() < thin * 0.6) delete facts[key];
  if (rng() < 0.3) facts.agriOperatorType = 'family_farm';
  if (rng() < 0.3) facts.taxRelief = rng() < 0.5;
  if (rng() < 0.2)
    facts.receivables = { amountYuan: 3_000_000, debtorIsGovernmentOrLargeEnterprise: true };
  if (rng() < 0.1) facts.credit = null;
  if (rng() < 0.15) {
    const key = FACT_NAMES[Math.floor(rng() * FACT_NAMES.length)];
    if (!key.includes('.')) facts[key] = WRONG[Math.floor(rng() * WRONG.length)];
  }
  return facts;
}

const fieldsOf: FieldsOf = (fact) =>
  fact === 'sizeClass' ? ['employees', 'annualRevenueYuan'] : undefined;

function main(): void {
  const [mode, file] = process.argv.slice(2);
  if ((mode !== '--write' && mode !== '--check') || !file) {
    throw new Error('usage: engine-snapshot.ts --write|--check FILE');
  }
  const catalogue = products();
  const wildCompiled = catalogue.slice(catalogue.length - 200).map((p) => p.compiled);
  const rng = seededRandom(2024);
  const calls: (() => unknown)[] = [];
  const profiles = Array.from({ length: 1200 }, () => profile(rng));
  // fast-check samples too: arbitrary values in every fact, broken parents.
  const arbFacts = fc.sample(
    fc.record(
      Object.fromEntries(
        FACT_NAMES.filter((f) => !f.includes('.')).map((f) => [
          f,
          fc.oneof(
            fc.constantFrom<unknown>(null, undefined, '3', 1, 0.5, true, [], ['tech_sme']),
            fc.constant(constantFor(seededRandom(f.length), f)),
          ),
        ]),
      ),
      { requiredKeys: [] },
    ),
    { numRuns: 200, seed: 42 },
  ) as Facts[];
  profiles.push(...arbFacts);
  profiles.forEach((facts, i) => {
    const opts = { asOf: AS_OF, lpr1yBp: 300, ...(i % 3 === 0 ? { fieldsOf } : {}) };
    calls.push(() => matchAndAsk(catalogue, facts, opts));
    // Same profile again, and the previous one after it: catches state leaking between calls.
    if (i % 7 === 0) calls.push(() => matchAndAsk(catalogue, facts, opts));
    if (i % 11 === 0 && i > 0) calls.push(() => matchProducts(catalogue, profiles[i - 1], opts));
    if (i % 5 === 0) {
      calls.push(() => {
        const resolved = resolveFacts(facts);
        return wildCompiled.map((c) => [c.evaluate(facts), c.statusOf(resolved)]);
      });
    }
  });
  const hashes = calls.map((call) =>
    createHash('sha256').update(JSON.stringify(call())).digest('hex').slice(0, 16),
  );
  if (mode === '--write') {
    writeFileSync(file, `${hashes.join('\n')}\n`);
    process.stdout.write(`wrote ${hashes.length} hashes to ${file}\n`);
    return;
  }
  const expected = readFileSync(file, 'utf8').trim().split('\n');
  const first = hashes.findIndex((h, i) => h !== expected[i]);
  if (first === -1 && expected.length === hashes.length) {
    process.stdout.write(`all ${hashes.length} calls identical\n`);
    return;
  }
  const differing = hashes.filter((h, i) => h !== expected[i]).length;
  writeFileSync(`${file}.actual.json`, JSON.stringify(calls[first](), null, 1));
  process.stdout.write(
    `${differing} of ${hashes.length} calls differ; first: call ${first} ` +
      `(answer in ${file}.actual.json)\n`,
  );
  process.exitCode = 1;
}

main();
