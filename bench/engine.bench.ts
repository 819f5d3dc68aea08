/**
 * Eligibility engine benchmark. Run:
 *   node --require ./bench/swc-register.js bench/engine.bench.ts
 * (b) latency of matchAndAsk (results and questions) for one profile against 1,000 products, for a
 *     full profile and for a sparse one that leaves many products needs_info (run first, on a
 *     fresh heap), then again with a different profile on each call (256 in turn), as a server
 *     sees them;
 * (a) evaluations/second of our compiled rules vs json-rules-engine on the same trees and facts.
 * Data is generated from fixed seeds, so every run measures the same work.
 */
import os from 'node:os';
import { PerformanceObserver } from 'node:perf_hooks';
import v8 from 'node:v8';

import { Engine } from 'json-rules-engine';

import {
  ENGINE_VERSION,
  compileRule,
  matchAndAsk,
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
  SPARSE_DROPS,
  toJreRule,
} from './engine-fixtures';

const TREES = 100;
const PROFILES = 1_000;
const TRIALS = 5;
const OURS_SECONDS = 0.4; // per trial
const JRE_SECONDS = 0.8; // per trial
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
const median = (xs: number[]): number =>
  percentile(
    [...xs].sort((a, b) => a - b),
    50,
  );

let sink = 0; // printed at the end so that the optimiser cannot drop the work

/** Distinct profiles the rotating runs cycle through, one per call. */
const ROTATION = 256;

/**
 * (b) One profile against 1,000 products through matchAndAsk: latency percentiles. With `rotate`,
 * each call takes the next of {@link ROTATION} different profiles, as a server's requests do: the
 * engine remembers what it built for the last answer (a failed criterion, a criteria list), and
 * the same profile on every call would find all of it again.
 */
async function benchMatchProducts(sparse: boolean, rotate = false): Promise<void> {
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
  const profiles = Array.from({ length: rotate ? ROTATION : 1 }, (_, i) => {
    const facts = randomFacts(seededRandom(42 + i));
    if (sparse) for (const key of SPARSE_DROPS) delete facts[key];
    return facts;
  });
  let next = 0;
  /** The profile of the next call: always the same one, or the next of the rotation. */
  const nextProfile = (): Facts => profiles[next++ % profiles.length];
  const profile = profiles[0];
  const opts = { asOf: AS_OF, lpr1yBp: LPR_1Y_BP };
  const first = matchAndAsk(products, profile, opts);
  const count = (status: string): number => first.results.filter((r) => r.status === status).length;
  out(
    `(b) matchAndAsk, ${sparse ? 'sparse' : 'full'} ` +
      `${rotate ? `profiles, ${ROTATION} in turn,` : 'profile'} × ${PRODUCTS} products ` +
      `${rotate ? '(the first: ' : '('}` +
      `${first.results.length} in force: ${count('eligible')} eligible, ` +
      `${count('needs_info')} needs_info, ${count('ineligible')} ineligible; ` +
      `${first.questions.length} questions)`,
  );
  for (let i = 0; i < WARMUP_ITERATIONS; i++) {
    sink += matchAndAsk(products, nextProfile(), opts).questions.length;
  }
  // Count the collector's pauses during the timed iterations: they explain the tail.
  const gcPauses: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) gcPauses.push(entry.duration);
  });
  observer.observe({ entryTypes: ['gc'] });
  const times: number[] = [];
  for (let i = 0; i < ITERATIONS; i++) {
    const facts = nextProfile();
    const t0 = process.hrtime.bigint();
    const answer = matchAndAsk(products, facts, opts);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    sink += answer.results.length + answer.questions.length;
    // Between requests a server returns to its event loop; this also lets GC entries arrive.
    await new Promise((resolve) => setImmediate(resolve));
  }
  await new Promise((resolve) => setTimeout(resolve, 100)); // let the observer deliver
  observer.disconnect();
  times.sort((a, b) => a - b);
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  const p99 = percentile(times, 99);
  out(
    `    ${fmt(ITERATIONS)} iterations after ${WARMUP_ITERATIONS} warm-up: ` +
      `p50 ${fmt(percentile(times, 50), 3)} ms, p95 ${fmt(percentile(times, 95), 3)} ms, ` +
      `p99 ${fmt(p99, 3)} ms, max ${fmt(times[times.length - 1], 3)} ms, mean ${fmt(mean, 3)} ms`,
  );
  out(
    `    GC pauses during them: ${gcPauses.length}, ${fmt(
      gcPauses.reduce((a, b) => a + b, 0),
      1,
    )} ms in all, ` + `longest ${fmt(Math.max(0, ...gcPauses), 2)} ms`,
  );
  out(`    target p99 < 2 ms: ${p99 < 2 ? 'met' : 'NOT met'}`);
  // What a call leaves for the collector, independent of the machine's load: the growth of the
  // heap across one call, median over calls during which no collection ran.
  const grown: number[] = [];
  for (let i = 0; i < 200; i++) {
    const facts = nextProfile();
    const before = v8.getHeapStatistics().used_heap_size;
    const answer = matchAndAsk(products, facts, opts);
    const after = v8.getHeapStatistics().used_heap_size;
    sink += answer.results.length;
    if (after > before) grown.push(after - before);
  }
  out(`    allocated per call: ${fmt(median(grown) / 1024)} KB`);
  if (first.questions.length > 0) {
    // What the interview adds: the same match without it, alternated so that load hits both.
    const withQ: number[] = [];
    const withoutQ: number[] = [];
    for (let i = 0; i < ITERATIONS / 2; i++) {
      const facts = nextProfile();
      let t0 = process.hrtime.bigint();
      sink += matchAndAsk(products, facts, opts).questions.length;
      withQ.push(Number(process.hrtime.bigint() - t0) / 1e6);
      t0 = process.hrtime.bigint();
      sink += matchProducts(products, facts, opts).length;
      withoutQ.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    out(
      `    alternated: p50 ${fmt(median(withQ), 3)} ms with questions, ` +
        `${fmt(median(withoutQ), 3)} ms without`,
    );
  }
  out();
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
    if (theirs.events.length > 0 === (ours === 'pass')) agree++;
  }
  out(
    `    outcomes over 5,000 pairs: pass ${tally.pass}, fail ${tally.fail}, unknown ${tally.unknown}; ` +
      `json-rules-engine agrees on ${fmt(agree)}/${fmt(decided)} decided pairs`,
  );

  // Two visiting orders over the same pairs. Profile-major is what a match request does (one
  // enterprise, every product); interleaved changes the facts object on every call, the worst
  // case for the JIT's property caches. The profile of call i is precomputed so that the timed
  // loop does nothing but evaluate. Trials alternate between the engines so that both see the
  // same machine load; the medians are reported.
  const PAIRS = TREES * PROFILES;
  const orders: [string, Int32Array][] = [
    ['profile-major', Int32Array.from({ length: PAIRS }, (_, i) => Math.floor(i / TREES))],
    ['interleaved', Int32Array.from({ length: PAIRS }, (_, i) => (i * 7) % PROFILES)],
  ];
  for (const [name, profileOf] of orders) {
    let next = 0;
    const ours = (seconds: number): number => {
      let ops = 0;
      const start = nowMs();
      let elapsed = 0;
      while (elapsed < seconds * 1000) {
        for (let k = 0; k < 5_000; k++, ops++) {
          const i = (next + ops) % PAIRS;
          sink += compiled[i % TREES].evaluate(facts[profileOf[i]]).criteria.length;
        }
        elapsed = nowMs() - start;
      }
      next = (next + ops) % PAIRS;
      return (ops / elapsed) * 1000;
    };
    const theirs = async (seconds: number): Promise<number> => {
      let ops = 0;
      const start = nowMs();
      let elapsed = 0;
      while (elapsed < seconds * 1000) {
        for (let k = 0; k < 200; k++, ops++) {
          const i = (next + ops) % PAIRS;
          sink += (await engines[i % TREES].run(flat[profileOf[i]])).events.length;
        }
        elapsed = nowMs() - start;
      }
      return (ops / elapsed) * 1000;
    };
    ours(0.5); // warm-up
    await theirs(0.5);
    const oursRates: number[] = [];
    const theirRates: number[] = [];
    const ratios: number[] = [];
    for (let t = 0; t < TRIALS; t++) {
      oursRates.push(ours(OURS_SECONDS));
      theirRates.push(await theirs(JRE_SECONDS));
      ratios.push(oursRates[t] / theirRates[t]);
    }
    const ratio = median(ratios);
    out(`    ${name} order (median of ${TRIALS} alternating trials):`);
    out(
      `      compiled engine    ${fmt(median(oursRates)).padStart(11)} evaluations/s  (evaluate(facts))`,
    );
    out(
      `      json-rules-engine  ${fmt(median(theirRates)).padStart(11)} evaluations/s  (await engine.run(facts))`,
    );
    out(
      `      ratio ${fmt(ratio, 1)}× (trials ${ratios.map((r) => fmt(r, 0)).join(', ')}; ` +
        `target ≥ 100×: ${ratio >= 100 ? 'met' : 'NOT met'})`,
    );
  }

  // What matchProducts does: read the facts once per profile, then evaluate every rule.
  const resolved = facts.map((f) => resolveFacts(f));
  let ops = 0;
  const start = nowMs();
  let elapsed = 0;
  while (elapsed < 2_000) {
    for (let k = 0; k < 10_000; k++, ops++) {
      const i = ops % PAIRS;
      sink += compiled[i % TREES].evaluateResolved(resolved[Math.floor(i / TREES)]).criteria.length;
    }
    elapsed = nowMs() - start;
  }
  out(
    `    compiled engine, facts read once per profile (as matchProducts does): ` +
      `${fmt((ops / elapsed) * 1000)} evaluations/s`,
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
  await benchMatchProducts(false);
  await benchMatchProducts(true);
  await benchMatchProducts(false, true);
  await benchMatchProducts(true, true);
  await benchVsJsonRulesEngine();
  out(`(checksum ${sink})`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
