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
  return (facts) => {
    let current: unknown = facts;
    for (const segment of segments) {
      if (typeof current !== 'object' || current === null) return undefined;
      current = (current as Record<string, unknown>)[segment];
    }
    return current;
  };
}

/** Copies the given facts of a facts object into a vector, by fact index. */
export type FactsLoader = (facts: Facts, values: unknown[]) => void;

/**
 * A loader for a set of facts. Nested facts are grouped by parent so that `credit` is looked up
 * once for all `credit.*` facts: property reads on facts of many shapes are the costly part.
 */
export function makeFactsLoader(names: readonly FactName[]): FactsLoader {
  const top: [number, string][] = [];
  const nested = new Map<string, [number, string][]>();
  const deep: [number, (facts: Facts) => unknown][] = [];
  for (const name of names) {
    const index = FACT_INDEX.get(name) as number;
    // Stryker disable next-line StringLiteral: speed only: names that are not split right go to makeFactReader, which reads any path
    const segments = name.split('.');
    if (segments.length === 1) {
      top.push([index, name]);
    } else if (
      // Stryker disable next-line ConditionalExpression,EqualityOperator: speed only: a nested name not grouped here goes to makeFactReader, which reads it the same
      segments.length === 2
    ) {
      const group = nested.get(segments[0]) ?? [];
      group.push([index, segments[1]]);
      nested.set(segments[0], group);
    } else {
      // Stryker disable next-line ArrayDeclaration: no fact is nested deeper than two levels (facts.ts)
      deep.push([index, makeFactReader(name)]);
    }
  }
  const topIndexes = top.map(([i]) => i);
  const topKeys = top.map(([, k]) => k);
  const groups = [...nested].map(([parent, children]) => ({
    parent,
    indexes: children.map(([i]) => i),
    keys: children.map(([, k]) => k),
  }));
  return (facts, values) => {
    for (let i = 0; i < topKeys.length; i++) values[topIndexes[i]] = facts[topKeys[i]];
    for (const { parent, indexes, keys } of groups) {
      const p = facts[parent];
      const isObject = typeof p === 'object' && p !== null;
      for (let i = 0; i < keys.length; i++) {
        values[indexes[i]] = isObject ? (p as Record<string, unknown>)[keys[i]] : undefined;
      }
    }
    for (const [index, read] of deep) values[index] = read(facts);
  };
}

// Built on first use, not at load: StrykerJS re-runs the whole engine suite for each mutant of code
// that runs at load (CONTRIBUTING.md, "Mutation testing").
let loadAllFacts: FactsLoader | undefined;

/** Facts read once, by fact index (see {@link FACT_INDEX}); build with {@link resolveFacts}. */
export class ResolvedFacts {
  /** @internal use {@link resolveFacts}. */
  constructor(readonly values: readonly unknown[]) {}
}

const NO_FACTS: Facts = Object.freeze({}) as Facts;

/** Reads every known fact of `facts` once, for evaluating many rules against the same facts. */
export function resolveFacts(facts: Facts): ResolvedFacts {
  const source = typeof facts === 'object' && facts !== null ? facts : NO_FACTS;
  // Stryker disable next-line ArrayDeclaration: speed only: the loader writes every index, so the array ends up as long
  const values = new Array<unknown>(FACT_NAMES.length).fill(undefined);
  loadAllFacts ??= makeFactsLoader(FACT_NAMES);
  loadAllFacts(source, values);
  return new ResolvedFacts(values);
}
