/**
 * What a rule change does to the enterprises (docs/impact.md): the tally behind the impact preview
 * and the decisions behind the re-match after publishing. Pure: the services read the enterprises,
 * evaluate the compiled rules and pass the statuses in.
 */
import type { Outcome, ProductStatus, Rule, Text } from '../../matching/engine';

/** A product's status for an enterprise before a change; `none` when no version was in force. */
export type PriorStatus = ProductStatus | 'none';

/** A named enterprise, as listed among the examples of a preview. */
export interface ImpactExample {
  enterpriseId: string;
  name: string;
}

/** The aggregate of a preview (docs/api.md, "Rule changes: impact before, re-match after"). */
export interface ImpactSummary {
  evaluated: number;
  /** Counts by `from→to`, same-status pairs included, so the counts add up to `evaluated`. */
  transitions: Record<string, number>;
  gained: number;
  lost: number;
  examples: { gained: ImpactExample[]; lost: ImpactExample[] };
}

/** The key of a transition in `transitions`, e.g. `ineligible→eligible`. */
export function transitionKey(from: PriorStatus, to: ProductStatus): string {
  return `${from}→${to}`;
}

/** An enterprise gains a product when it becomes eligible and was not. */
export function isGain(
  from: PriorStatus | 'retired' | null,
  to: ProductStatus | 'retired',
): boolean {
  return to === 'eligible' && from !== 'eligible';
}

/** An enterprise loses a product when it was eligible and no longer is (retirement included). */
export function isLoss(
  from: PriorStatus | 'retired' | null,
  to: ProductStatus | 'retired',
): boolean {
  return from === 'eligible' && to !== 'eligible';
}

/** The number of examples of each kind a preview names. */
export const MAX_EXAMPLES = 20;

/**
 * Counts transitions enterprise by enterprise, keeping as examples the `maxExamples` gained and
 * lost with the lowest enterprise ids (as PostgreSQL orders uuids: their lowercase text), so a
 * preview is reproducible whatever order the enterprises are read in. Names are looked up for
 * those few at the end.
 */
export class ImpactTally {
  private evaluated = 0;
  private gained = 0;
  private lost = 0;
  private readonly transitions = new Map<string, number>();
  private readonly gainedIds: string[] = [];
  private readonly lostIds: string[] = [];

  constructor(private readonly maxExamples = MAX_EXAMPLES) {}

  add(enterpriseId: string, from: PriorStatus, to: ProductStatus): void {
    this.evaluated += 1;
    const key = transitionKey(from, to);
    this.transitions.set(key, (this.transitions.get(key) ?? 0) + 1);
    if (isGain(from, to)) {
      this.gained += 1;
      this.keep(this.gainedIds, enterpriseId);
    } else if (isLoss(from, to)) {
      this.lost += 1;
      this.keep(this.lostIds, enterpriseId);
    }
  }

  /** The enterprises named as examples so far. */
  exampleIds(): string[] {
    return [...this.gainedIds, ...this.lostIds];
  }

  summary(nameOf: (enterpriseId: string) => string = () => ''): ImpactSummary {
    const keys = [...this.transitions.keys()].sort();
    const named = (ids: string[]) => ids.map((id) => ({ enterpriseId: id, name: nameOf(id) }));
    return {
      evaluated: this.evaluated,
      transitions: Object.fromEntries(keys.map((k) => [k, this.transitions.get(k)!])),
      gained: this.gained,
      lost: this.lost,
      examples: { gained: named(this.gainedIds), lost: named(this.lostIds) },
    };
  }

  /** Inserts `id` into the sorted `ids` if it is among the lowest `maxExamples`. */
  private keep(ids: string[], id: string): void {
    // An id above the kept ones is inserted last and popped again: no shortcut needed.
    let at = ids.length;
    while (at > 0 && id < ids[at - 1]) at -= 1;
    ids.splice(at, 0, id);
    if (ids.length > this.maxExamples) ids.pop();
  }
}

/** The status recorded for an enterprise and a product: a match status, or `retired`. */
export type RecordedStatus = ProductStatus | 'retired';

/**
 * Whether an SME hears about a re-match: only when eligibility itself changes (it became eligible,
 * or stopped being eligible, retirement included). `null`: nothing was known before, as for a new
 * product, which is told to the SMEs eligible for it.
 */
export function shouldNotify(before: RecordedStatus | null, after: RecordedStatus): boolean {
  return isGain(before, after) || isLoss(before, after);
}

/** The conditions of a rule by id, with their labels, in tree order. */
export function conditionLabels(rule: Rule | null | undefined): Map<string, Text> {
  const out = new Map<string, Text>();
  const walk = (node: Rule): void => {
    if ('fact' in node) {
      out.set(node.id, node.label);
      return;
    }
    if ('all' in node) node.all.forEach(walk);
    else if ('any' in node) node.any.forEach(walk);
    else walk(node.not);
  };
  if (rule) walk(rule);
  return out;
}

/** One side of a comparison of criteria: each condition's outcome and the labels of its rule. */
export interface CriteriaSide {
  outcomes: Readonly<Record<string, Outcome>>;
  labels: ReadonlyMap<string, Text>;
}

/**
 * The labels of the conditions whose outcome differs between two evaluations, in the new rule's
 * order, then the conditions the new rule dropped. A condition only one side has counts as changed;
 * ids without a label on their side (a group, an unknown id) are left out.
 */
export function changedCriteria(before: CriteriaSide, after: CriteriaSide): Text[] {
  const out: Text[] = [];
  for (const [id, label] of after.labels) {
    if (before.outcomes[id] !== after.outcomes[id]) out.push(label);
  }
  for (const [id, label] of before.labels) {
    if (!after.labels.has(id) && id in before.outcomes) out.push(label);
  }
  return out;
}
