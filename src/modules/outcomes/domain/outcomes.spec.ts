import { officialCalendar } from '../../calendar/official-calendar';
import { WorkingDayCalendar } from '../../calendar/domain/working-days';
import {
  AssignmentGroup,
  declineReasonLabel,
  DecisionGroup,
  enoughToShow,
  foldBankStats,
  INSUFFICIENT_DATA,
  monthsBefore,
  outlookWindow,
  parseStatsWindow,
  productOutlook,
  rate,
  weightedMedian,
  windowOf,
  workingDaySpan,
} from './outcomes';

const calendar = new WorkingDayCalendar(officialCalendar());

describe('rate', () => {
  it.each([
    [0, 0, null],
    [1, 0, null],
    [0, 4, 0],
    [1, 4, 0.25],
    [2, 3, 0.6667],
    [1, 3, 0.3333],
    [4, 4, 1],
    [1, -1, null],
  ])('%i of %i is %p', (part, whole, expected) => {
    expect(rate(part, whole)).toBe(expected);
  });
});

describe('weightedMedian', () => {
  const v = (...pairs: [number, number][]) => pairs.map(([value, count]) => ({ value, count }));
  it.each([
    ['nothing', v(), null],
    ['only zero counts', v([3, 0], [5, 0]), null],
    ['one value', v([3, 1]), 3],
    ['one value many times', v([3, 5]), 3],
    ['odd total: the middle', v([1, 1], [2, 1], [9, 1]), 2],
    ['even total: mean of the two middles', v([1, 1], [2, 1], [4, 1], [9, 1]), 3],
    ['even total within one value', v([1, 1], [2, 2], [9, 1]), 2],
    ['unsorted input', v([9, 1], [1, 1], [2, 1]), 2],
    ['weights move the middle', v([0, 5], [10, 1]), 0],
    ['weights on the other side', v([0, 1], [10, 5]), 10],
    ['even split across two values', v([0, 2], [10, 2]), 5],
    ['zero-count value ignored', v([0, 1], [5, 0], [10, 1]), 5],
    ['negative-count value ignored', v([0, -1], [10, 1]), 10],
    ['half days', v([1, 1], [2, 1]), 1.5],
    ['three values, total four', v([1, 2], [3, 1], [7, 1]), 2],
  ])('%s', (_why, values, expected) => {
    expect(weightedMedian(values)).toBe(expected);
  });

  it('does not reorder its input', () => {
    const input = v([9, 1], [1, 1]);
    weightedMedian(input);
    expect(input.map((x) => x.value)).toEqual([9, 1]);
  });
});

describe('workingDaySpan', () => {
  it.each([
    ['2026-12-07', '2026-12-07', 0, 'the same day'],
    ['2026-12-07', '2026-12-08', 1, 'the next working day'],
    ['2026-12-04', '2026-12-07', 1, 'Friday to Monday'],
    ['2026-12-04', '2026-12-06', 0, 'Friday to Sunday'],
    ['2026-09-30', '2026-10-08', 1, 'over National Day'],
    ['2026-09-30', '2026-10-10', 3, 'a make-up Saturday counts'],
    ['2026-12-08', '2026-12-07', 0, 'backwards is 0'],
  ])('%s → %s = %i (%s)', (from, to, expected) => {
    expect(workingDaySpan(calendar, from, to)).toBe(expected);
  });
});

function group(over: Partial<AssignmentGroup> = {}): AssignmentGroup {
  return {
    bankCode: 'CCB',
    count: 1,
    receivedOn: '2026-12-07',
    acknowledgedOn: null,
    ackState: 'pending',
    decidedOn: null,
    outcome: null,
    declineReason: null,
    disbursedYuan: 0,
    overdueOpen: false,
    rerouted: false,
    ...over,
  };
}

describe('foldBankStats', () => {
  it('gives a bank that received nothing a row of zeros and nulls', () => {
    expect(foldBankStats(calendar, ['BOC'], [group()])).toEqual([
      {
        bankCode: 'BOC',
        received: 0,
        acknowledgedOnTime: null,
        medianWorkingDaysToAcknowledge: null,
        medianWorkingDaysToDecision: null,
        approved: 0,
        declined: 0,
        approvalRate: null,
        declineReasons: {},
        disbursedYuan: 0,
        overdueOpen: 0,
        rerouted: 0,
      },
    ]);
  });

  it('keeps the order of the banks asked for', () => {
    const rows = foldBankStats(calendar, ['CCB', 'BOC'], [group({ bankCode: 'BOC' }), group()]);
    expect(rows.map((r) => [r.bankCode, r.received])).toEqual([
      ['CCB', 1],
      ['BOC', 1],
    ]);
  });

  it('counts a bank’s referrals, timings and outcomes', () => {
    const groups: AssignmentGroup[] = [
      // Acknowledged on time the next working day, approved 3 working days after receipt, disbursed.
      group({
        count: 2,
        acknowledgedOn: '2026-12-08',
        ackState: 'on_time',
        decidedOn: '2026-12-10',
        outcome: 'approved',
        disbursedYuan: 3_000_000,
      }),
      // Acknowledged late (over a weekend), declined for collateral.
      group({
        receivedOn: '2026-12-04',
        acknowledgedOn: '2026-12-09',
        ackState: 'late',
        decidedOn: '2026-12-14',
        outcome: 'declined',
        declineReason: 'insufficient_collateral',
      }),
      group({
        acknowledgedOn: '2026-12-07',
        ackState: 'on_time',
        decidedOn: '2026-12-08',
        outcome: 'declined',
        declineReason: 'insufficient_credit',
      }),
      group({
        count: 2,
        acknowledgedOn: '2026-12-07',
        ackState: 'on_time',
        decidedOn: '2026-12-08',
        outcome: 'declined',
        declineReason: 'insufficient_collateral',
      }),
      // Never acknowledged: marked late, still open and overdue.
      group({ ackState: 'late', overdueOpen: true }),
      // Waiting within its deadline.
      group(),
      // Went on to another bank after missing the deadline.
      group({ ackState: 'late', rerouted: true }),
      // Another bank's referral does not count.
      group({ bankCode: 'BOC', count: 7, ackState: 'on_time', outcome: 'approved' }),
    ];
    const [ccb] = foldBankStats(calendar, ['CCB'], groups);
    expect(ccb).toEqual({
      bankCode: 'CCB',
      received: 9,
      // 5 on time of the 8 acknowledged or marked late (the waiting one is not yet settled).
      acknowledgedOnTime: 0.625,
      // spans: 1,1 (on time), 3 (Fri→Wed), 0, 0, 0
      medianWorkingDaysToAcknowledge: 0.5,
      // spans: 3,3, 6 (Fri→Mon week after), 1, 1, 1
      medianWorkingDaysToDecision: 2,
      approved: 2,
      declined: 4,
      approvalRate: 0.3333,
      declineReasons: { insufficient_collateral: 3, insufficient_credit: 1 },
      disbursedYuan: 3_000_000,
      overdueOpen: 1,
      rerouted: 1,
    });
  });

  it('orders decline reasons by count, then as the reasons are listed; a missing reason is other', () => {
    const declined = (declineReason: string | null, count = 1) =>
      group({ outcome: 'declined', declineReason, count, decidedOn: '2026-12-07' });
    const [row] = foldBankStats(
      calendar,
      ['CCB'],
      [declined('exceeds_limit'), declined('insufficient_credit'), declined(null, 2)],
    );
    expect(Object.entries(row.declineReasons)).toEqual([
      ['other', 2],
      ['insufficient_credit', 1],
      ['exceeds_limit', 1],
    ]);
  });

  it('puts an unknown reason after the known ones of the same count', () => {
    const declined = (declineReason: string) =>
      group({ outcome: 'declined', declineReason, decidedOn: '2026-12-07' });
    const [row] = foldBankStats(calendar, ['CCB'], [declined('zzz'), declined('other')]);
    expect(Object.keys(row.declineReasons)).toEqual(['other', 'zzz']);
  });
});

const decision = (over: Partial<DecisionGroup> = {}): DecisionGroup => ({
  count: 1,
  receivedOn: '2026-12-07',
  decidedOn: '2026-12-08',
  outcome: 'approved',
  declineReason: null,
  ...over,
});

describe('enoughToShow (k-anonymity)', () => {
  it.each([
    [10, 2, true],
    [9, 2, false],
    [10, 1, false],
    [50, 3, true],
    [0, 0, false],
  ])('%i enterprises from %i banks → %p', (distinctEnterprises, distinctBanks, expected) => {
    expect(enoughToShow({ distinctEnterprises, distinctBanks })).toBe(expected);
  });
});

describe('productOutlook', () => {
  it('is all null with insufficientData without decisions', () => {
    expect(productOutlook(calendar, undefined)).toEqual(INSUFFICIENT_DATA);
  });

  it.each([
    [9, 2],
    [10, 1],
  ])('is all null with %i enterprises from %i banks', (distinctEnterprises, distinctBanks) => {
    expect(
      productOutlook(calendar, {
        distinctEnterprises,
        distinctBanks,
        groups: [decision({ count: 20 })],
      }),
    ).toEqual({
      decided: null,
      approvalRate: null,
      medianWorkingDaysToDecision: null,
      topDeclineReasons: null,
      insufficientData: true,
    });
  });

  it('shows decisions, the approval rate, the median and the top three reasons by label', () => {
    const outlook = productOutlook(calendar, {
      distinctEnterprises: 10,
      distinctBanks: 2,
      groups: [
        decision({ count: 4, decidedOn: '2026-12-09' }),
        decision({ outcome: 'declined', declineReason: 'insufficient_credit', count: 3 }),
        decision({ outcome: 'declined', declineReason: 'exceeds_limit', count: 1 }),
        decision({ outcome: 'declined', declineReason: 'insufficient_collateral', count: 1 }),
        decision({ outcome: 'declined', declineReason: null, count: 1 }),
        decision({ outcome: 'declined', declineReason: 'incomplete_documents', count: 2 }),
      ],
    });
    expect(outlook).toEqual({
      decided: 12,
      approvalRate: 0.3333,
      // spans: 2 ×4, 1 ×8
      medianWorkingDaysToDecision: 1,
      topDeclineReasons: [
        {
          label: { zh: '信用状况不满足要求', en: 'Insufficient credit standing' },
          count: 3,
          share: 0.375,
        },
        {
          label: { zh: '申请材料不齐全', en: 'Incomplete application documents' },
          count: 2,
          share: 0.25,
        },
        {
          label: { zh: '抵押或担保不足', en: 'Insufficient collateral or guarantee' },
          count: 1,
          share: 0.125,
        },
      ],
      insufficientData: false,
    });
  });

  it('counts a decline without a reason together with the declines given as other', () => {
    const outlook = productOutlook(calendar, {
      distinctEnterprises: 10,
      distinctBanks: 2,
      groups: [
        decision({ outcome: 'declined', declineReason: 'insufficient_credit', count: 3 }),
        decision({ outcome: 'declined', declineReason: null, count: 2 }),
        decision({ outcome: 'declined', declineReason: 'other', count: 2 }),
      ],
    });
    expect(outlook.topDeclineReasons).toEqual([
      { label: { zh: '其他原因', en: 'Other reason' }, count: 4, share: 0.5714 },
      {
        label: { zh: '信用状况不满足要求', en: 'Insufficient credit standing' },
        count: 3,
        share: 0.4286,
      },
    ]);
  });

  it('has no decline reasons when every decision was an approval', () => {
    const outlook = productOutlook(calendar, {
      distinctEnterprises: 12,
      distinctBanks: 3,
      groups: [decision({ count: 12 })],
    });
    expect(outlook).toMatchObject({ decided: 12, approvalRate: 1, topDeclineReasons: [] });
  });

  it('never shows a code as a label', () => {
    for (const reason of ['insufficient_credit', 'other', 'unheard_of', 'constructor']) {
      const label = declineReasonLabel(reason);
      expect(label.zh).not.toMatch(/[a-z_]{4,}/);
      expect(label.en).not.toContain('_');
    }
    expect(declineReasonLabel('unheard_of')).toEqual({ zh: '其他原因', en: 'Other reason' });
    expect(declineReasonLabel('constructor')).toEqual({ zh: '其他原因', en: 'Other reason' });
  });
});

describe('monthsBefore', () => {
  it.each([
    ['2026-12-02', 12, '2025-12-02'],
    ['2026-03-31', 1, '2026-02-28'],
    ['2024-03-31', 1, '2024-02-29'],
    ['2024-02-29', 12, '2023-02-28'],
    ['2026-01-15', 1, '2025-12-15'],
    ['2026-01-15', 13, '2024-12-15'],
    ['2026-05-31', 0, '2026-05-31'],
    ['2026-12-31', 11, '2026-01-31'],
    ['0001-12-01', 11, '0001-01-01'],
  ])('%s − %i months = %s', (today, months, expected) => {
    expect(monthsBefore(today, months)).toBe(expected);
  });
});

describe('windowOf / outlookWindow', () => {
  it('covers the Asia/Shanghai days from the start of `from` to the end of `to`', () => {
    expect(windowOf('2026-12-01', '2026-12-02')).toEqual({
      from: '2026-12-01',
      to: '2026-12-02',
      start: new Date('2026-11-30T16:00:00Z'),
      end: new Date('2026-12-02T16:00:00Z'),
    });
  });

  it('looks back 12 months to today', () => {
    expect(outlookWindow('2026-12-02')).toMatchObject({ from: '2025-12-02', to: '2026-12-02' });
  });
});

describe('parseStatsWindow', () => {
  const today = '2026-12-02';
  it.each([
    [{}, '2025-12-02', '2026-12-02'],
    [{ from: '', to: '' }, '2025-12-02', '2026-12-02'],
    [{ from: '2026-11-01' }, '2026-11-01', '2026-12-02'],
    [{ to: '2026-06-30' }, '2025-06-30', '2026-06-30'],
    [{ from: '2026-01-01', to: '2026-01-31' }, '2026-01-01', '2026-01-31'],
    [{ from: '2026-01-31', to: '2026-01-31' }, '2026-01-31', '2026-01-31'],
  ])('%j → %s..%s', (query, from, to) => {
    const parsed = parseStatsWindow(query, today);
    expect(parsed).toEqual({ ok: true, window: windowOf(from, to) });
  });

  it.each([
    [{ from: '2026-02-30' }, ['from']],
    [{ to: '2026-13-01' }, ['to']],
    [{ from: 'yesterday', to: 'today' }, ['from', 'to']],
    [{ from: ['2026-01-01'] }, ['from']],
    [{ to: 20260101 }, ['to']],
  ])('%j is refused naming %j', (query, paths) => {
    const parsed = parseStatsWindow(query, today);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.issues.map((i) => i.path)).toEqual(paths);
      expect(parsed.issues.every((i) => i.code === 'invalid_date')).toBe(true);
      expect(parsed.issues[0].message).toContain('YYYY-MM-DD');
    }
  });

  it('refuses a from after to', () => {
    expect(parseStatsWindow({ from: '2026-02-02', to: '2026-02-01' }, today)).toEqual({
      ok: false,
      issues: [
        { path: 'from', code: 'after_to', message: 'from (2026-02-02) is after to (2026-02-01)' },
      ],
    });
  });

  it('counts a default from back from the given to, not from today', () => {
    const parsed = parseStatsWindow({ to: '2020-01-01' }, today);
    expect(parsed).toMatchObject({ ok: true, window: { from: '2019-01-01' } });
  });
});
