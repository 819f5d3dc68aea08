import type { Rule } from '../../matching/engine';
import {
  changedCriteria,
  conditionLabels,
  ImpactTally,
  isGain,
  isLoss,
  MAX_EXAMPLES,
  PriorStatus,
  RecordedStatus,
  shouldNotify,
  transitionKey,
} from './impact';

const id = (n: number) => `e${String(n).padStart(4, '0')}`;
const ex = (n: number) => ({ enterpriseId: id(n), name: `企业${n}` });
/** Names as the service looks them up, from the id. */
const nameOf = (enterpriseId: string) => `企业${Number(enterpriseId.slice(1))}`;

describe('transitions', () => {
  it.each([
    ['ineligible', 'eligible', true, false],
    ['needs_info', 'eligible', true, false],
    ['none', 'eligible', true, false],
    ['eligible', 'eligible', false, false],
    ['eligible', 'ineligible', false, true],
    ['eligible', 'needs_info', false, true],
    ['ineligible', 'needs_info', false, false],
    ['needs_info', 'ineligible', false, false],
    ['none', 'ineligible', false, false],
    ['none', 'needs_info', false, false],
  ] as const)('%s → %s: gain %s, loss %s', (from, to, gain, loss) => {
    expect(isGain(from, to)).toBe(gain);
    expect(isLoss(from, to)).toBe(loss);
    expect(transitionKey(from, to)).toBe(`${from}→${to}`);
  });
});

describe('ImpactTally', () => {
  it('should count every pair, gains and losses, and add up to evaluated', () => {
    const t = new ImpactTally();
    const rows: [PriorStatus, 'eligible' | 'ineligible' | 'needs_info'][] = [
      ['ineligible', 'eligible'],
      ['ineligible', 'eligible'],
      ['eligible', 'ineligible'],
      ['eligible', 'eligible'],
      ['needs_info', 'ineligible'],
      ['needs_info', 'eligible'],
      ['eligible', 'needs_info'],
    ];
    rows.forEach(([from, to], i) => t.add(id(i), from, to));
    expect(t.summary(nameOf)).toEqual({
      evaluated: 7,
      transitions: {
        'eligible→eligible': 1,
        'eligible→ineligible': 1,
        'eligible→needs_info': 1,
        'ineligible→eligible': 2,
        'needs_info→eligible': 1,
        'needs_info→ineligible': 1,
      },
      gained: 3,
      lost: 2,
      examples: { gained: [ex(0), ex(1), ex(5)], lost: [ex(2), ex(6)] },
    });
  });

  it('should list transition keys in sorted order', () => {
    const t = new ImpactTally();
    t.add(id(1), 'needs_info', 'ineligible');
    t.add(id(2), 'eligible', 'eligible');
    expect(Object.keys(t.summary(nameOf).transitions)).toEqual([
      'eligible→eligible',
      'needs_info→ineligible',
    ]);
  });

  it('should keep the lowest ids as examples whatever the order they come in', () => {
    const t = new ImpactTally(3);
    [7, 3, 9, 1, 8, 2, 5].forEach((n) => t.add(id(n), 'ineligible', 'eligible'));
    [4, 6].forEach((n) => t.add(id(n), 'eligible', 'ineligible'));
    expect(t.exampleIds()).toEqual([id(1), id(2), id(3), id(4), id(6)]);
    const s = t.summary(nameOf);
    expect(s.gained).toBe(7);
    expect(s.examples.gained).toEqual([ex(1), ex(2), ex(3)]);
    expect(s.examples.lost).toEqual([ex(4), ex(6)]);
  });

  it('should name examples through the lookup, and leave a name empty without one', () => {
    const t = new ImpactTally();
    t.add(id(1), 'none', 'eligible');
    expect(t.summary().examples.gained).toEqual([{ enterpriseId: id(1), name: '' }]);
  });

  it('should keep the first examples only, while counting all of them', () => {
    const t = new ImpactTally();
    for (let i = 0; i < MAX_EXAMPLES + 5; i += 1) t.add(id(i), 'ineligible', 'eligible');
    for (let i = 100; i < 100 + MAX_EXAMPLES + 3; i += 1) t.add(id(i), 'eligible', 'needs_info');
    const s = t.summary(nameOf);
    expect(s.gained).toBe(MAX_EXAMPLES + 5);
    expect(s.lost).toBe(MAX_EXAMPLES + 3);
    expect(s.examples.gained).toEqual(Array.from({ length: MAX_EXAMPLES }, (_, i) => ex(i)));
    expect(s.examples.lost).toEqual(Array.from({ length: MAX_EXAMPLES }, (_, i) => ex(100 + i)));
  });

  it('should take a custom number of examples, exactly', () => {
    const t = new ImpactTally(2);
    [1, 2, 3].forEach((i) => t.add(id(i), 'none', 'eligible'));
    expect(t.summary(nameOf).examples.gained).toEqual([ex(1), ex(2)]);
  });

  it('should answer zeros when nothing was evaluated', () => {
    expect(new ImpactTally().summary(nameOf)).toEqual({
      evaluated: 0,
      transitions: {},
      gained: 0,
      lost: 0,
      examples: { gained: [], lost: [] },
    });
  });

  it('should hand out copies, so a summary does not change with later additions', () => {
    const t = new ImpactTally();
    t.add(id(1), 'ineligible', 'eligible');
    const first = t.summary(nameOf);
    t.add(id(2), 'ineligible', 'eligible');
    t.add(id(3), 'eligible', 'ineligible');
    expect(first.examples).toEqual({ gained: [ex(1)], lost: [] });
  });
});

describe('shouldNotify', () => {
  it.each<[RecordedStatus | null, RecordedStatus, boolean]>([
    [null, 'eligible', true],
    [null, 'ineligible', false],
    [null, 'needs_info', false],
    ['ineligible', 'eligible', true],
    ['needs_info', 'eligible', true],
    ['retired', 'eligible', true],
    ['eligible', 'ineligible', true],
    ['eligible', 'needs_info', true],
    ['eligible', 'retired', true],
    ['eligible', 'eligible', false],
    ['ineligible', 'needs_info', false],
    ['needs_info', 'ineligible', false],
    ['ineligible', 'retired', false],
    ['needs_info', 'retired', false],
  ])('%s → %s: %s', (before, after, expected) => {
    expect(shouldNotify(before, after)).toBe(expected);
  });
});

const label = (s: string) => ({ zh: `条件${s}`, en: `condition ${s}` });
const cond = (id: string): Rule => ({
  id,
  fact: 'employees',
  operator: 'lessThan',
  value: 300,
  label: label(id),
});

describe('conditionLabels', () => {
  it('should list every condition under all, any and not in tree order, and no groups', () => {
    const rule: Rule = {
      all: [cond('a'), { any: [cond('b'), { not: cond('c'), label: label('n') }] }, cond('d')],
      label: label('root'),
    };
    expect([...conditionLabels(rule)]).toEqual([
      ['a', label('a')],
      ['b', label('b')],
      ['c', label('c')],
      ['d', label('d')],
    ]);
  });

  it('should be empty without a rule, and hold a lone condition', () => {
    expect(conditionLabels(null).size).toBe(0);
    expect(conditionLabels(undefined).size).toBe(0);
    expect([...conditionLabels(cond('x'))]).toEqual([['x', label('x')]]);
  });
});

describe('changedCriteria', () => {
  const side = (
    outcomes: Record<string, 'pass' | 'fail' | 'unknown'>,
    ids = Object.keys(outcomes),
  ) => ({
    outcomes,
    labels: new Map(ids.map((id) => [id, label(id)])),
  });

  it.each([
    ['nothing changed', side({ a: 'pass', b: 'fail' }), side({ a: 'pass', b: 'fail' }), []],
    ['one outcome moved', side({ a: 'pass', b: 'fail' }), side({ a: 'pass', b: 'pass' }), ['b']],
    ['unknown became known', side({ a: 'unknown' }), side({ a: 'fail' }), ['a']],
    ['a new condition', side({ a: 'pass' }), side({ a: 'pass', n: 'pass' }), ['n']],
    ['a dropped condition', side({ a: 'pass', d: 'fail' }), side({ a: 'pass' }), ['d']],
    [
      'new order first, then dropped ones',
      side({ z: 'fail', a: 'pass', b: 'pass' }),
      side({ b: 'fail', a: 'fail' }),
      ['b', 'a', 'z'],
    ],
    ['nothing known before', side({}), side({ a: 'fail', b: 'pass' }), ['a', 'b']],
    ['retired: nothing after', side({ a: 'pass' }), side({}), ['a']],
  ])('%s', (_name, before, after, ids) => {
    expect(changedCriteria(before, after)).toEqual(ids.map(label));
  });

  it('should leave out ids without a label (groups, unknown ids)', () => {
    const before = { outcomes: { a: 'pass' as const, g: 'pass' as const }, labels: new Map() };
    const after = side({ a: 'fail', g: 'fail' }, ['a']);
    expect(changedCriteria(before, after)).toEqual([label('a')]);
  });

  it('should not name a dropped condition whose outcome was never recorded', () => {
    const before = side({}, ['d']);
    expect(changedCriteria(before, side({}))).toEqual([]);
  });
});
