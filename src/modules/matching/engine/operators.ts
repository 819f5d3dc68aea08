/**
 * Which operator applies to which kind of fact (docs/rules.md). The validator enforces it; the
 * compiler relies on it.
 */
import type { FactType } from './facts';
import type { Operator } from './rule.types';

/** The kind of a fact (`integer`, `enum`, ...), see {@link FactType}. */
export type FactKind = FactType['kind'];

/** Kinds holding one value, compared with `equal`, `in`, ... */
export const SCALAR_KINDS: readonly FactKind[] = [
  'integer',
  'number',
  'string',
  'date',
  'boolean',
  'enum',
];

/** Kinds with an order: numbers numerically, dates chronologically. */
export const ORDERED_KINDS: readonly FactKind[] = ['integer', 'number', 'date'];

/** For each operator, the fact kinds it applies to. */
export const OPERATOR_FACT_KINDS: Readonly<Record<Operator, readonly FactKind[]>> = {
  equal: SCALAR_KINDS,
  notEqual: SCALAR_KINDS,
  lessThan: ORDERED_KINDS,
  lessThanInclusive: ORDERED_KINDS,
  greaterThan: ORDERED_KINDS,
  greaterThanInclusive: ORDERED_KINDS,
  in: SCALAR_KINDS,
  notIn: SCALAR_KINDS,
  contains: ['enumArray'],
  doesNotContain: ['enumArray'],
};

/** `YYYY-MM-DD` shape; rules and facts carry dates as such strings, ordered lexicographically. */
export const ISO_DATE_SHAPE = /^\d{4}-\d{2}-\d{2}$/;

/** True for a `YYYY-MM-DD` string naming a real calendar day (proleptic Gregorian). */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || !ISO_DATE_SHAPE.test(value)) return false;
  const year = Number(value.slice(0, 4));
  const month = Number(value.slice(5, 7));
  const day = Number(value.slice(8, 10));
  // Stryker disable next-line ConditionalExpression,LogicalOperator: the table below has no entry for a month outside 1–12, and day <= undefined is false
  if (month < 1 || month > 12) return false;
  if (day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return day <= days;
}
