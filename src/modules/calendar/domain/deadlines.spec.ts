import { officialCalendar } from '../official-calendar';
import {
  checkServiceLevel,
  currentDeadline,
  DEFAULT_SERVICE_LEVEL,
  moveDeadline,
  stageDeadlines,
  stageOf,
} from './deadlines';
import { WorkingDayCalendar } from './working-days';

const official = officialCalendar();
// Built in beforeEach, which runs inside each test: code run when the spec loads counts as covered
// by no test, and Stryker re-runs the whole suite for every mutant in it (CONTRIBUTING.md).
let calendar: WorkingDayCalendar;
beforeEach(() => {
  calendar = new WorkingDayCalendar(official);
});
const iso = (d: Record<string, Date>) =>
  Object.fromEntries(Object.entries(d).map(([k, v]) => [k, v.toISOString()]));

describe('stageDeadlines', () => {
  it('counts 1 / 3 / 10 working days from the Shanghai day of assignment', () => {
    // Wednesday 30 September 2026, 20:00 in Shanghai; National Day follows.
    expect(iso(stageDeadlines(calendar, new Date('2026-09-30T12:00:00Z')))).toEqual({
      acknowledge: '2026-10-08T16:00:00.000Z',
      contact: '2026-10-10T16:00:00.000Z',
      decide: '2026-10-20T16:00:00.000Z',
    });
  });

  it('starts the next day when the assignment falls after midnight Shanghai time', () => {
    const d = stageDeadlines(calendar, new Date('2026-12-03T16:30:00Z'), {
      acknowledgeWorkingDays: 2,
      contactWorkingDays: 2,
      decideWorkingDays: 5,
    });
    expect(iso(d)).toEqual({
      acknowledge: '2026-12-08T16:00:00.000Z',
      contact: '2026-12-08T16:00:00.000Z',
      decide: '2026-12-11T16:00:00.000Z',
    });
  });
});

describe('stageOf and currentDeadline', () => {
  it.each([
    ['submitted', 'acknowledge'],
    ['acknowledged', 'contact'],
    ['contacted', 'decide'],
    ['approved', null],
    ['declined', null],
    ['disbursed', null],
    ['withdrawn', null],
  ])('%s waits on %s', (status, stage) => {
    expect(stageOf(status)).toBe(stage);
  });

  let deadlines: ReturnType<typeof stageDeadlines>;
  beforeEach(() => {
    deadlines = stageDeadlines(calendar, new Date('2026-12-01T02:00:00Z'));
  });

  it('is overdue from the due instant on, not before', () => {
    const due = deadlines.acknowledge;
    expect(currentDeadline('submitted', deadlines, new Date(due.getTime() - 1))).toEqual({
      stage: 'acknowledge',
      dueAt: due,
      overdue: false,
    });
    expect(currentDeadline('submitted', deadlines, due)?.overdue).toBe(true);
    expect(currentDeadline('acknowledged', deadlines, due)).toEqual({
      stage: 'contact',
      dueAt: deadlines.contact,
      overdue: false,
    });
  });

  it('has none for a decided referral or one without deadlines', () => {
    expect(currentDeadline('approved', deadlines, new Date('2030-01-01'))).toBeNull();
    expect(currentDeadline('submitted', null, new Date('2030-01-01'))).toBeNull();
  });
});

describe('moveDeadline', () => {
  let deadlines: ReturnType<typeof stageDeadlines>;
  beforeEach(() => {
    deadlines = stageDeadlines(calendar, new Date('2026-12-01T02:00:00Z'));
  });

  it('starts from the expected deadlines', () => {
    expect(iso(deadlines)).toEqual({
      acknowledge: '2026-12-02T16:00:00.000Z',
      contact: '2026-12-04T16:00:00.000Z',
      decide: '2026-12-15T16:00:00.000Z',
    });
  });

  it('moves later stages by the same number of working days', () => {
    // Acknowledge moves from Wed 2 Dec to Fri 4 Dec: two working days.
    const moved = moveDeadline(
      calendar,
      deadlines,
      'acknowledge',
      new Date('2026-12-04T16:00:00Z'),
    );
    expect(iso(moved)).toEqual({
      acknowledge: '2026-12-04T16:00:00.000Z',
      contact: '2026-12-08T16:00:00.000Z',
      decide: '2026-12-17T16:00:00.000Z',
    });
  });

  it('keeps earlier stages and honours the exact instant given', () => {
    const dueAt = new Date('2026-12-21T09:30:00Z');
    const moved = moveDeadline(calendar, deadlines, 'decide', dueAt);
    expect(moved.acknowledge).toEqual(deadlines.acknowledge);
    expect(moved.contact).toEqual(deadlines.contact);
    expect(moved.decide).toEqual(dueAt);
  });

  it('moves later stages back when a deadline is brought forward, never before it', () => {
    const moved = moveDeadline(calendar, deadlines, 'contact', new Date('2026-12-03T16:00:00Z'));
    expect(iso(moved)).toEqual({
      acknowledge: '2026-12-02T16:00:00.000Z',
      contact: '2026-12-03T16:00:00.000Z',
      decide: '2026-12-14T16:00:00.000Z',
    });
    const squeezed = moveDeadline(
      calendar,
      { ...deadlines, decide: deadlines.contact },
      'contact',
      new Date('2026-12-03T16:00:00Z'),
    );
    expect(squeezed.decide.getTime()).toBeGreaterThanOrEqual(squeezed.contact.getTime());
  });

  it('keeps a later stage with the moved one when counting back would put it before', () => {
    // Contact and decide both due Tue 8 Dec; contact comes forward to Sat 5 Dec. Two working days
    // (Mon 7, Tue 8) back from Tue 8 Dec is Fri 4 Dec, before the new contact deadline.
    const both = new Date('2026-12-08T16:00:00Z');
    const moved = moveDeadline(
      calendar,
      { ...deadlines, contact: both, decide: both },
      'contact',
      new Date('2026-12-05T16:00:00Z'),
    );
    expect(iso(moved)).toEqual({
      acknowledge: '2026-12-02T16:00:00.000Z',
      contact: '2026-12-05T16:00:00.000Z',
      decide: '2026-12-05T16:00:00.000Z',
    });
  });
});

describe('checkServiceLevel', () => {
  it('accepts the defaults', () => {
    expect(checkServiceLevel(DEFAULT_SERVICE_LEVEL)).toEqual([]);
  });

  it.each([
    [
      { acknowledgeWorkingDays: 0, contactWorkingDays: 3, decideWorkingDays: 10 },
      'acknowledgeWorkingDays',
    ],
    [
      { acknowledgeWorkingDays: 1, contactWorkingDays: 2.5, decideWorkingDays: 10 },
      'contactWorkingDays',
    ],
    [
      { acknowledgeWorkingDays: 1, contactWorkingDays: 3, decideWorkingDays: 61 },
      'decideWorkingDays',
    ],
    [
      { acknowledgeWorkingDays: 4, contactWorkingDays: 3, decideWorkingDays: 10 },
      'contactWorkingDays',
    ],
    [
      { acknowledgeWorkingDays: 1, contactWorkingDays: 5, decideWorkingDays: 4 },
      'decideWorkingDays',
    ],
  ])('refuses %j at %s', (level, path) => {
    expect(checkServiceLevel(level).map((p) => p.path)).toEqual([path]);
  });
});

describe('checkServiceLevel, exactly', () => {
  const RANGE = 'must be a whole number from 1 to 60';
  it.each([
    [{ acknowledgeWorkingDays: 1, contactWorkingDays: 1, decideWorkingDays: 1 }, []],
    [{ acknowledgeWorkingDays: 60, contactWorkingDays: 60, decideWorkingDays: 60 }, []],
    [
      { acknowledgeWorkingDays: 61, contactWorkingDays: 5, decideWorkingDays: 3 },
      [{ path: 'acknowledgeWorkingDays', message: RANGE }],
    ],
    [
      { acknowledgeWorkingDays: 5, contactWorkingDays: 3, decideWorkingDays: 10 },
      [{ path: 'contactWorkingDays', message: 'must not be shorter than acknowledgeWorkingDays' }],
    ],
    [
      { acknowledgeWorkingDays: 2, contactWorkingDays: 10, decideWorkingDays: 7 },
      [{ path: 'decideWorkingDays', message: 'must not be shorter than contactWorkingDays' }],
    ],
  ])('should find exactly the problems of %j', (level, problems) => {
    expect(checkServiceLevel(level)).toEqual(problems);
  });
});
