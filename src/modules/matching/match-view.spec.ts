import type { CriterionResult } from './engine';
import { inView, summariseResult } from './match-view';

const label = { zh: '条件', en: 'Condition' };
const c = (id: string, outcome: CriterionResult['outcome'], group: string | null = 'g') =>
  ({ id, group, label, outcome }) as CriterionResult;
const ALL = [c('root', 'fail', null), c('a', 'pass'), c('b', 'fail'), c('d', 'unknown')];

describe('the summary view of a match', () => {
  it.each([
    ['eligible', [], []],
    ['ineligible', ALL, ['root', 'b', 'd']],
    ['needs_info', ALL, ['root', 'b', 'd']],
    ['ineligible', [c('a', 'pass')], []],
  ] as const)(
    'should keep, for a %s result, only the entries that did not pass',
    (status, criteria, ids) => {
      const r = { productCode: 'P', status, score: 70, criteria: [...criteria], hints: [] };
      const s = summariseResult(r);
      expect(s.criteria.map((x) => x.id)).toEqual(ids);
      expect({ ...s, criteria: undefined }).toEqual({ ...r, criteria: undefined });
      // The input is not changed.
      expect(r.criteria).toHaveLength(criteria.length);
    },
  );

  it('should give an eligible result no criteria even when a branch of an any failed', () => {
    expect(summariseResult({ status: 'eligible', criteria: ALL }).criteria).toEqual([]);
  });

  it('should return the full body untouched, and summarise every result otherwise', () => {
    const body = {
      derived: { sizeClass: 'small' },
      results: [
        { status: 'eligible', criteria: ALL },
        { status: 'ineligible', criteria: ALL },
      ],
      questions: [{ field: 'credit' }],
    };
    expect(inView(body, 'full')).toBe(body);
    expect(inView(body, undefined)).toBe(body);
    const summary = inView(body, 'summary');
    expect(summary.results.map((r) => r.criteria.length)).toEqual([0, 3]);
    expect(summary.derived).toBe(body.derived);
    expect(summary.questions).toBe(body.questions);
  });
});
