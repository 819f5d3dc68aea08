/**
 * The shortest interview (docs/api.md, "Enterprises and matching", `questions`): the profile fields
 * whose absence keeps some product `needs_info`, each with the products one answer would settle,
 * ordered so that an SME answering from the top reaches a decided result quickly.
 *
 * A rule reads facts; an SME answers profile fields. A missing fact maps to the field that would
 * make it known: a leaf inside an object nobody filled in is asked as the whole object (`credit`,
 * whose flags come together), a derived fact as the missing profile fields it is computed from
 * (`yearsInOperation` → `establishedOn`; `sizeClass` → the size indicators, which the caller knows
 * best and may say through `fieldsOf`).
 */
import { FACTS, isFactName, type FactName } from './facts';
import { PROFILE_FIELDS, profileField, profileLeaves, type FieldTable } from './profile-fields';
import { FACT_INDEX, type ResolvedFacts } from './resolve-facts';
import type { CompiledRule, Text } from './rule.types';

/** One question of the interview, as in docs/api.md. */
export interface Question {
  /** A profile field (`taxPaidLastYearYuan`) or object (`credit`), by its dotted path. */
  field: string;
  label: Text;
  /** Codes of the products one answer to this field decides, in result order. */
  settles: string[];
}

/** A product left `needs_info`, with what the engine needs to ask about it. */
export interface OpenProduct {
  code: string;
  compiled: CompiledRule;
  /** The facts whose absence kept it open (the evaluation's `missingFacts`). */
  missingFacts: readonly string[];
}

/**
 * The profile fields that would make a missing fact known, when the caller knows better than the
 * declared inputs (e.g. which size indicators the industry's standard needs); undefined: the
 * default mapping.
 */
export type FieldsOf = (fact: FactName) => readonly string[] | undefined;

/** Profile fields and objects in declaration order, an object just before its own fields. */
export const FIELD_ORDER: ReadonlyMap<string, number> = (() => {
  const order = new Map<string, number>();
  const walk = (table: FieldTable, prefix: string): void => {
    for (const [name, spec] of Object.entries(table)) {
      const path = prefix ? `${prefix}.${name}` : name;
      order.set(path, order.size);
      if (spec.kind === 'object') walk(spec.fields, path);
    }
  };
  walk(PROFILE_FIELDS, '');
  return order;
})();

const LEAVES = profileLeaves();
/** The objects each leaf sits in, outermost first. */
const PARENTS: ReadonlyMap<string, readonly string[]> = new Map(
  LEAVES.map((l) => [l.path, l.parents]),
);
/** The fact slots of every leaf inside each object. */
const OBJECT_SLOTS: ReadonlyMap<string, readonly number[]> = (() => {
  const slots = new Map<string, number[]>();
  for (const leaf of LEAVES) {
    for (const parent of leaf.parents) {
      // Stryker disable next-line ArrayDeclaration: an extra entry is not a slot: values[entry] is undefined, absent like an unfilled leaf, so `every` is unchanged
      const list = slots.get(parent) ?? [];
      list.push(FACT_INDEX.get(leaf.path as FactName) as number);
      slots.set(parent, list);
    }
  }
  return slots;
})();

const isAbsent = (v: unknown): boolean => v === undefined || v === null;

/** Whether a profile field or object is absent from the facts (an object: none of its leaves). */
function absent(path: string, values: readonly unknown[]): boolean {
  const slots = OBJECT_SLOTS.get(path);
  if (slots) return slots.every((s) => isAbsent(values[s]));
  const slot = FACT_INDEX.get(path as FactName);
  // Stryker disable next-line ConditionalExpression: values[undefined] is undefined, so an unknown path is absent either way
  return slot === undefined || isAbsent(values[slot]);
}

/** The field to ask for a missing profile leaf: the outermost object nobody filled in, or itself. */
function askedAs(path: string, values: readonly unknown[]): string {
  // Stryker disable next-line ArrayDeclaration: unreachable: every fact without inputs, and every input that is not an object, is a profile leaf, listed in PARENTS
  for (const parent of PARENTS.get(path) ?? []) if (absent(parent, values)) return parent;
  return path;
}

/**
 * The profile fields whose answer would make `fact` known, by default: a profile leaf as
 * {@link askedAs}; a derived fact as its inputs that are absent (or its first input when all are
 * given, e.g. an industry code too coarse for the size standard).
 */
export function defaultFieldsOf(fact: string, values: readonly unknown[]): string[] {
  if (!isFactName(fact)) return [fact];
  const inputs = FACTS[fact].inputs;
  if (!inputs) return [askedAs(fact, values)];
  const missing = inputs.filter((input) => absent(input, values));
  const fields = (missing.length > 0 ? missing : inputs.slice(0, 1)).map((f) =>
    OBJECT_SLOTS.has(f) ? f : askedAs(f, values),
  );
  return [...new Set(fields)];
}

function labelOf(field: string): Text {
  const spec = profileField(field);
  if (spec) return { zh: spec.label.zh, en: spec.label.en };
  return isFactName(field) ? { ...FACTS[field].label } : { zh: field, en: field };
}

interface Candidate {
  field: string;
  settles: string[];
  /** How many open products this field is asked for. */
  shared: number;
  order: number;
}

/**
 * The interview for the products left open on `resolved`, in the order of docs/api.md: products
 * settled, descending; then the field most open products share; then the profile's field order.
 * Pure; `open` in result order (its `settles` lists keep that order).
 */
export function interview(
  open: readonly OpenProduct[],
  resolved: ResolvedFacts,
  fieldsOf?: FieldsOf,
): Question[] {
  // Stryker disable next-line ConditionalExpression: speed only: no open product gives no candidate, so an empty list
  if (open.length === 0) return [];
  const { values } = resolved;
  const mapped = new Map<string, readonly string[]>();
  const fieldsFor = (fact: string): readonly string[] => {
    let fields = mapped.get(fact);
    // Stryker disable next-line ConditionalExpression: memo: mapping a fact again gives the same fields
    if (!fields) {
      fields = (isFactName(fact) ? fieldsOf?.(fact) : undefined) ?? defaultFieldsOf(fact, values);
      mapped.set(fact, fields);
    }
    return fields;
  };

  const candidates = new Map<string, Candidate>();
  // The fields asked for one product, in first-asked order, and the facts each would make known
  // (reused from product to product: a product asks for a handful). The fact lists are buffers
  // with a count: emptying an array by `length = 0` drops its storage, and one new backing
  // store per open product and field was most of what the interview allocated.
  // Stryker disable next-line ArrayDeclaration: buffer: read only below `asked`, where it is written first
  const askedFields: string[] = [];
  const factsOfField: FactName[][] = [];
  // Stryker disable next-line ArrayDeclaration: buffer: each count is set to 0 before it is read
  const factCounts: number[] = [];
  // Indexed loops: for...of over the frozen, shared missing-facts lists allocated an iterator
  // result per step.
  for (let p = 0; p < open.length; p++) {
    const product = open[p];
    // A fact that needs several fields is known only once all are answered, so no single one of
    // them makes it known.
    let asked = 0;
    for (let m = 0; m < product.missingFacts.length; m++) {
      const fact = product.missingFacts[m];
      const fields = fieldsFor(fact);
      for (let f = 0; f < fields.length; f++) {
        const field = fields[f];
        let at = askedFields.indexOf(field);
        if (at === -1 || at >= asked) {
          at = asked++;
          askedFields[at] = field;
          // Stryker disable next-line ConditionalExpression,ArrayDeclaration: buffer: more lists, or a list holding an entry, change nothing: only the first factCounts[at] entries are read, each written first
          if (factsOfField.length === at) factsOfField.push([]);
          factCounts[at] = 0;
        }
        if (fields.length === 1) factsOfField[at][factCounts[at]++] = fact as FactName;
      }
    }
    for (let i = 0; i < asked; i++) {
      const field = askedFields[i];
      const facts = factsOfField[i];
      const factCount = factCounts[i];
      let c = candidates.get(field);
      if (!c) {
        c = { field, settles: [], shared: 0, order: FIELD_ORDER.get(field) ?? FIELD_ORDER.size };
        candidates.set(field, c);
      }
      c.shared++;
      if (
        // Stryker disable next-line ConditionalExpression,EqualityOperator: speed only: with no fact answered, settledBy says whether the product is decided already, false for an open (needs_info) product
        factCount > 0 &&
        product.compiled.settledBy(resolved, facts, factCount) &&
        !c.settles.includes(product.code)
      ) {
        c.settles.push(product.code);
      }
    }
  }
  return [...candidates.values()]
    .sort(
      (a, b) =>
        b.settles.length - a.settles.length ||
        b.shared - a.shared ||
        a.order - b.order ||
        // Stryker disable next-line EqualityOperator,ConditionalExpression: candidates are distinct fields, never equal; and Array.prototype.sort (V8) only asks whether the result is below 0, so 0 for 1 orders the same
        (a.field < b.field ? -1 : a.field > b.field ? 1 : 0),
    )
    .map((c) => ({ field: c.field, label: labelOf(c.field), settles: c.settles }));
}
