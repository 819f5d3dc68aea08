/**
 * The compact form of a match answer (`?view=summary`, docs/api.md): the same shape, with the
 * criteria reduced to what an SME acts on. An eligible product lists none; any other lists the
 * groups and conditions that keep it from being eligible (see summariseResult). Status, score,
 * limits, hints, missing facts, outlook and questions are kept whole.
 */
/** `full` (the default) or `summary`. */
export const MATCH_VIEWS = ['full', 'summary'] as const;
export type MatchView = (typeof MATCH_VIEWS)[number];

interface Summarisable {
  status: string;
  criteria: readonly SummarisableCriterion[];
}

interface SummarisableCriterion {
  id: string;
  /** Runs stored before groups were reported have no `group`: they read as the root's entries. */
  group?: string | null;
  kind?: string;
  outcome: string;
}

/** What a kept group passes down to the entries under it. */
interface Context {
  kept: boolean;
  /** Under an odd number of `not`s: there a passed entry is what makes the group fail. */
  negated: boolean;
}

const ROOT: Context = { kept: true, negated: false };

/**
 * The entries of a result that is not eligible that explain why, in reading order: an entry is
 * kept when it counts against the result (under an odd number of `not`s that is a *passed* one,
 * the reason its `not` failed) and so does every group above it. So the branches that failed
 * under an `any` that passed are left out with it (they changed nothing), and every kept entry's
 * `group` is null or a kept entry. The same entries the hints are collected from.
 */
function explaining<C extends SummarisableCriterion>(criteria: readonly C[]): C[] {
  const groups = new Map<string, Context>();
  const kept: C[] = [];
  for (const c of criteria) {
    // Groups come before their entries, so a group is always seen before what it holds.
    const parent = c.group == null ? ROOT : groups.get(c.group);
    const negated = parent?.negated ?? false;
    const against = negated ? c.outcome !== 'fail' : c.outcome !== 'pass';
    const keep = parent !== undefined && parent.kept && against;
    if (c.kind !== undefined) {
      groups.set(c.id, { kept: keep, negated: c.kind === 'not' ? !negated : negated });
    }
    if (keep) kept.push(c);
  }
  return kept;
}

/** One result in the summary view. */
export function summariseResult<R extends Summarisable>(result: R): R {
  const criteria = result.status === 'eligible' ? [] : explaining(result.criteria);
  return { ...result, criteria };
}

/** A preview or run body in the requested view; `full` returns it unchanged. */
export function inView<B extends { results: readonly Summarisable[] }>(
  body: B,
  view: MatchView | undefined,
): B {
  if (view !== 'summary') return body;
  return { ...body, results: body.results.map(summariseResult) };
}
