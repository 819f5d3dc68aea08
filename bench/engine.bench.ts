/**
 * Eligibility engine benchmark. Run:
 *   node --require ./bench/swc-register.js bench/engine.bench.ts
 * (b) latency of matchProducts for one profile against 1,000 products (run first, on a fresh heap);
 * (a) evaluations/second of our compiled rules vs json-rules-engine on the same trees and facts.
 * Data is generated from fixed seeds, so every run measures the same work.
 */
import os from 'node:os';

import { Engine } from 'json-rules-engine';

import {
  ENGINE_VERSION,
  compileRule,
  matchProducts,
  resolveFacts,
  type CompiledRule,
  type Facts,
  type MatchableProduct,
  type Outcome,
} from '../src/modules/matching/engine';
import {
  flattenFacts,
  randomFacts,
  randomRule,
  randomTerms,
  seededRandom,
  toJreRule,
} from './engine-fixtures';

const TREES = 100;
const PROFILES = 1_000;
const OURS_SECONDS = 2;
const JRE_SECONDS = 3;
const PRODUCTS = 1_000;
const WARMUP_ITERATIONS = 200;
const ITERATIONS = 2_000;
const AS_OF = '2025-06-30';
const LPR_1Y_BP = 300;

const out = (line = ''): void => {
  process.stdout.write(`${line}\n`);
};
const fmt = (n: number, digits = 0): string =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const nowMs = (): number => Number(process.hrtime.bigint()) / 1e6;
const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

let sink = 0; // printed at the end so that the optimiser cannot drop the work

/** (b) One profile against 1,000 products through matchProducts: latency percentiles. */
function benchMatchProducts(): void {
  const rng = seededRandom(7);
  const products: MatchableProduct[] = Array.from({ length: PRODUCTS }, (_, i) => {
    const window = rng();
    return {
      code: `JX-P${String(i).padStart(4, '0')}`,
      version: 1 + (i % 3),
      provisional: i % 5 === 0,
      terms: randomTerms(rng),
      compiled: compileRule(randomRule(rng)),
      // Most products in force; a few not yet started or expired.
      validFrom: window < 0.05 ? '2025-07-01' : '2024-01-01',
      validTo: window > 0.95 ? '2025-03-31' : null,
    };
  });
  const profile = randomFacts(seededRandom(42));
  const opts = { asOf: AS_OF, lpr1yBp: LPR_1Y_BP };
  const first = matchProducts(products, profile, opts);
  const count = (status: string): number => first.filter((r) => r.status === status).length;
  out(
    `(b) matchProducts: 1 profile × ${PRODUCTS} products (${first.length} in force: ` +
      `${count('eligible')} eligible, ${count('needs_info')} needs_info, ${count('ineligible')} ineligible)`,
  );
  for (let i = 0; i < WARMUP_ITERATIONS; i++) sink += matchProducts(products, profile, opts).length;
  const times: number[] = [];
  for (let i = 0; i < ITERATIONS; i++) {
    const t0 = process.hrtime.bigint();
    const results = matchProducts(products, profile, opts);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    sink += results.length;
  }
  times.sort((a, b) => a - b);
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  const p99 = percentile(times, 99);
  out(
    `    ${fmt(ITERATIONS)} iterations after ${WARMUP_ITERATIONS} warm-up: ` +
      `p50 ${fmt(percentile(times, 50), 3)} ms, p95 ${fmt(percentile(times, 95), 3)} ms, ` +
      `p99 ${fmt(p99, 3)} ms, max ${fmt(times[times.length - 1], 3)} ms, mean ${fmt(mean, 3)} ms`,
  );
  out(`    target p99 < 2 ms: ${p99 < 2 ? 'met' : 'NOT met'}`);
  out();
}

/** Calls `step(i)` for i = 0, 1, ... for about `seconds`; returns calls per second. */
function rate(seconds: number, batch: number, step: (i: number) => void): [number, number] {
  let ops = 0;
  const start = nowMs();
  let elapsed = 0;
  while (elapsed < seconds * 1000) {
    for (let k = 0; k < batch; k++, ops++) step(ops);
    elapsed = nowMs() - start;
  }
  return [(ops / elapsed) * 1000, ops];
}

async function asyncRate(seconds: number, batch: number, step: (i: number) => Promise<void>): Promise<[number, number]> {
  let ops = 0;
  const start = nowMs();
  let elapsed = 0;
  while (elapsed < seconds * 1000) {
    for (let k = 0; k < batch; k++, ops++) await step(ops);
    elapsed = nowMs() - start;
  }
  return [(ops / elapsed) * 1000, ops];
}

/** (a) The same trees on the same facts: our compiled rules vs json-rules-engine. */
async function benchVsJsonRulesEngine(): Promise<void> {
  const rng = seededRandom(20250630);
  const rules = Array.from({ length: TREES }, () => randomRule(rng));
  const facts: Facts[] = Array.from({ length: PROFILES }, () => randomFacts(rng));
  // json-rules-engine gets the same data as flat, dotted fact ids (credit.dishonestDebtor).
  const flat = facts.map((f) => flattenFacts(f));
  const compiled: CompiledRule[] = rules.map((r) => compileRule(r));
  const engines = rules.map((r) => {
    const engine = new Engine([], { allowUndefinedFacts: true });
    engine.addRule(toJreRule(r));
    return engine;
  });
  const sizes = compiled.map((c) => c.conditionCount);
  out(
    `(a) ${TREES} rule trees (${Math.min(...sizes)}–${Math.max(...sizes)} conditions, ` +
      `mean ${fmt(sizes.reduce((a, b) => a + b, 0) / TREES, 1)}) × ${fmt(PROFILES)} profiles`,
  );

  // Sanity: where our three-valued outcome is decided, json-rules-engine (two-valued) must agree.
  const tally: Record<Outcome, number> = { pass: 0, fail: 0, unknown: 0 };
  let decided = 0;
  let agree = 0;
  for (let i = 0; i < 5_000; i++) {
    const [t, p] = [i % TREES, (i * 7) % PROFILES];
    const ours = compiled[t].evaluate(facts[p]).outcome;
    const theirs = await engines[t].run(flat[p]);
    tally[ours]++;
    if (ours === 'unknown') continue;
    decided++;
    if ((theirs.events.length > 0) === (ours === 'pass')) agree++;
  }
  out(
    `    outcomes over 5,000 pairs: pass ${tally.pass}, fail ${tally.fail}, unknown ${tally.unknown}; ` +
      `json-rules-engine agrees on ${fmt(agree)}/${fmt(decided)} decided pairs`,
  );

  // Two visiting orders over the same pairs. Profile-major is what a match request does (one
  // enterprise, every product); interleaved changes the facts object on every call, the worst
  // case for the JIT's property caches.
  const orders: [string, (i: number) => number][] = [
    ['profile-major', (i) => Math.floor(i / TREES) % PROFILES],
    ['interleaved', (i) => (i * 7) % PROFILES],
  ];
  for (const [name, profileOf] of orders) {
    const ours = (i: number): void => {
      sink += compiled[i % TREES].evaluate(facts[profileOf(i)]).criteria.length;
    };
    rate(0.5, 10_000, ours); // warm-up
    const [oursRate, oursOps] = rate(OURS_SECONDS, 10_000, ours);
    const theirs = async (i: number): Promise<void> => {
      sink += (await engines[i % TREES].run(flat[profileOf(i)])).events.length;
    };
    await asyncRate(0.5, 500, theirs); // warm-up
    const [jreRate, jreOps] = await asyncRate(JRE_SECONDS, 500, theirs);
    const ratio = oursRate / jreRate;
    out(`    ${name} order:`);
    out(
      `      compiled engine    ${fmt(oursRate).padStart(11)} evaluations/s  ` +
        `(${fmt(oursOps)} in ${OURS_SECONDS} s; evaluate(facts))`,
    );
    out(
      `      json-rules-engine  ${fmt(jreRate).padStart(11)} evaluations/s  ` +
        `(${fmt(jreOps)} in ${JRE_SECONDS} s; await engine.run(facts))`,
    );
    out(`      ratio ${fmt(ratio, 1)}×  (target ≥ 100×: ${ratio >= 100 ? 'met' : 'NOT met'})`);
  }

  // What matchProducts does: read the facts once per profile, then evaluate every rule.
  let resolved = resolveFacts(facts[0]);
  const [resolvedRate] = rate(OURS_SECONDS, 10_000, (i) => {
    if (i % TREES === 0) resolved = resolveFacts(facts[Math.floor(i / TREES) % PROFILES]);
    sink += compiled[i % TREES].evaluateResolved(resolved).criteria.length;
  });
  out(
    `    compiled engine, facts read once per profile (as matchProducts does): ` +
      `${fmt(resolvedRate)} evaluations/s`,
  );
}

async function main(): Promise<void> {
  const cpus = os.cpus();
  const load = os.loadavg().map((l) => l.toFixed(2));
  out('# Eligibility engine benchmark');
  out(`engine ${ENGINE_VERSION}; node ${process.version}; ${os.platform()} ${os.arch()}`);
  out(
    `cpu: ${cpus[0]?.model ?? 'unknown'} × ${cpus.length}; memory ${fmt(os.totalmem() / 2 ** 30, 1)} GiB; ` +
      `load average ${load.join(' ')}`,
  );
  out();
  benchMatchProducts();
  await benchVsJsonRulesEngine();
  out(`(checksum ${sink})`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
