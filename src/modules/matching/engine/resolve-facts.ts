/**
 * Reads facts by dotted path. Matching one enterprise against many products reads every fact once
 * into a vector (`resolveFacts`), and each compiled rule then indexes that vector instead of walking
 * the facts object again.
 */
import { FACTS, type FactName } from './facts';
import type { Facts } from './rule.types';

/** Every fact name, in `FACTS` order; a fact's position is its index in a resolved vector. */
export const FACT_NAMES: readonly FactName[] = Object.freeze(Object.keys(FACTS) as FactName[]);

/** Position of each fact in a resolved vector. */
export const FACT_INDEX: ReadonlyMap<FactName, number> = new Map(
  FACT_NAMES.map((name, i) => [name, i]),
);

/** A reader for a dotted path: walks nested objects only (never into strings), never throws. */
export function makeFactReader(path: string): (facts: Facts) => unknown {
  const segments = path.split('.');
  if (segments.length === 1) {
    const [a] = segments;
    return (facts) => facts[a];
  }
  if (segments.length === 2) {
    const [a, b] = segments;
    return (facts) => {
      const parent = facts[a];
      return typeof parent === 'object' && parent !== null
        ? (parent as Record<string, unknown>)[b]
        : undefined;
    };
  }
  return (facts) => {
    let current: unknown = facts;
    for (const segment of segments) {
      if (typeof current !== 'object' || current === null) return undefined;
      current = (current as Record<string, unknown>)[segment];
    }
    return current;
  };
}

/** One reader per fact, by fact index. */
export const FACT_READERS: readonly ((facts: Facts) => unknown)[] = FACT_NAMES.map(makeFactReader);

/** Facts read once, by fact index (see {@link FACT_INDEX}); build with {@link resolveFacts}. */
export class ResolvedFacts {
  /** @internal use {@link resolveFacts}. */
  constructor(readonly values: readonly unknown[]) {}
}

const NO_FACTS: Facts = Object.freeze({}) as Facts;

/** Reads every known fact of `facts` once, for evaluating many rules against the same facts. */
export function resolveFacts(facts: Facts): ResolvedFacts {
  const source = typeof facts === 'object' && facts !== null ? facts : NO_FACTS;
  const values = new Array<unknown>(FACT_READERS.length);
  for (let i = 0; i < FACT_READERS.length; i++) values[i] = FACT_READERS[i](source);
  return new ResolvedFacts(values);
}
