/**
 * The compact form of a match answer (`?view=summary`, docs/api.md): the same shape, with the
 * criteria reduced to what an SME acts on. An eligible product lists none; any other lists only the
 * groups and conditions that did not pass. Status, score, limits, hints, missing facts, outlook and
 * questions are kept whole.
 */
/** `full` (the default) or `summary`. */
export const MATCH_VIEWS = ['full', 'summary'] as const;
export type MatchView = (typeof MATCH_VIEWS)[number];

interface Summarisable {
  status: string;
  criteria: readonly { outcome: string }[];
}

/** One result in the summary view. */
export function summariseResult<R extends Summarisable>(result: R): R {
  const criteria =
    result.status === 'eligible' ? [] : result.criteria.filter((c) => c.outcome !== 'pass');
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
