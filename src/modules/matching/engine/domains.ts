/**
 * Representative values of a fact for one rule: a finite set that takes every combination of
 * outcomes the rule's conditions on that fact can take. Searching completions of missing facts
 * over these sets is exact: if some real value makes the rule pass, one of these does too.
 *
 * Why it is exact: each operator splits a fact's values into regions bounded by the rule's
 * constants (`< 5`, `= 5`, `> 5`), so one value per region between consecutive constants covers
 * every region. Array facts are tested only by membership of the named values, so the subsets of
 * those values cover every array.
 */
import type { FactType } from './facts';
import type { RuleScalar } from './rule.types';

/** Array facts naming more values than this are searched on fewer subsets (see below). */
const MAX_SUBSET_VALUES = 8;

/** A string no rule names: stands for "any other value" of a string fact. */
const OTHER_STRING = '\u0000other';

function sortedUnique(values: readonly number[]): number[] {
  return [...new Set(values)].sort((a, b) => a - b);
}

function withinBounds(type: { min?: number; max?: number }, v: number): boolean {
  return (type.min === undefined || v >= type.min) && (type.max === undefined || v <= type.max);
}

function numberValues(
  type: { kind: 'integer' | 'number'; min?: number; max?: number },
  constants: readonly number[],
): number[] {
  const points = sortedUnique(constants);
  const out: number[] = [];
  if (type.kind === 'integer') {
    for (const c of points) out.push(c - 1, c, c + 1);
  } else {
    out.push(points[0] - 1, points[points.length - 1] + 1, ...points);
    for (let i = 0; i + 1 < points.length; i++) out.push((points[i] + points[i + 1]) / 2);
  }
  if (type.min !== undefined) out.push(type.min);
  if (type.max !== undefined) out.push(type.max);
  return sortedUnique(out.filter((v) => withinBounds(type, v)));
}

const DAY_MS = 86_400_000;

function shiftDay(date: string, days: number): string {
  const day = Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10));
  // Stryker disable next-line ArithmeticOperator: dates are shifted by -1 and +1 together and sorted, so a shift the other way gives the same values
  return new Date(day + days * DAY_MS).toISOString().slice(0, 10);
}

function subsets(values: readonly string[]): string[][] {
  if (values.length > MAX_SUBSET_VALUES) {
    // Too many to enumerate: each value alone, none and all still show what membership does.
    return [[], [...values], ...values.map((v) => [v])];
  }
  const out: string[][] = [];
  for (let mask = 0; mask < 1 << values.length; mask++) {
    out.push(values.filter((_, i) => (mask & (1 << i)) !== 0));
  }
  return out;
}

/**
 * The representative values of a fact of `type` for conditions comparing it with `constants`
 * (every scalar the rule's conditions on this fact name, `in` lists flattened).
 */
export function representativeValues(type: FactType, constants: readonly RuleScalar[]): unknown[] {
  switch (type.kind) {
    case 'boolean':
      return [true, false];
    case 'enum':
      return [...type.values];
    case 'integer':
    case 'number':
      return numberValues(type, constants as readonly number[]);
    case 'date': {
      const dates = constants as readonly string[];
      return [...new Set(dates.flatMap((d) => [shiftDay(d, -1), d, shiftDay(d, 1)]))].sort();
    }
    case 'string':
      return [...new Set(constants as readonly string[]), OTHER_STRING];
    case 'enumArray':
      return subsets([...new Set(constants as readonly string[])]);
  }
}
