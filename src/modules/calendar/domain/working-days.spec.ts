import { officialCalendar } from '../official-calendar';
import {
  dayNumber,
  endOfShanghaiDay,
  isIsoDate,
  shanghaiDate,
  WorkingDayCalendar,
  type OfficialCalendar,
} from './working-days';

const official = officialCalendar();
// Built in beforeEach, which runs inside each test: code run when the spec loads counts as covered
// by no test, and Stryker re-runs the whole suite for every mutant in it (CONTRIBUTING.md).
let calendar: WorkingDayCalendar;
beforeEach(() => {
  calendar = new WorkingDayCalendar(official);
});

describe('WorkingDayCalendar with the official schedule', () => {
  it.each([
    // from, add, expected, why
    ['2026-09-30', 1, '2026-10-08', 'National Day: 1–7 October off'],
    ['2026-09-30', 2, '2026-10-09', 'the Friday after National Day'],
    ['2026-09-30', 3, '2026-10-10', 'Saturday 10 October is a make-up working day'],
    ['2026-09-30', 4, '2026-10-12', 'then Monday'],
    ['2026-02-13', 1, '2026-02-14', 'Saturday 14 February is a make-up working day'],
    ['2026-02-13', 2, '2026-02-24', 'Spring Festival: 15–23 February off'],
    ['2026-02-26', 2, '2026-02-28', 'Saturday 28 February is a make-up working day'],
    ['2026-09-19', 1, '2026-09-20', 'Sunday 20 September is a make-up working day'],
    ['2025-12-31', 1, '2026-01-04', "New Year's Day off, Sunday 4 January worked"],
    ['2026-12-04', 1, '2026-12-07', 'an ordinary weekend'],
    ['2026-12-07', 5, '2026-12-14', 'a week and a day, over a weekend'],
    ['2026-10-03', 0, '2026-10-03', 'add 0 is the day itself, even a holiday'],
    ['2026-04-03', 1, '2026-04-07', 'Qingming: 4–6 April off'],
    ['2026-06-18', 1, '2026-06-22', 'Dragon Boat: 19–21 June off'],
  ])('%s + %i working days = %s (%s)', (from, add, expected) => {
    expect(calendar.addWorkingDays(from, add)).toBe(expected);
  });

  it.each([
    ['2026-10-01', false, 'official'],
    ['2026-10-10', true, 'official'],
    ['2026-10-11', false, 'official'],
    ['2026-10-12', true, 'official'],
    ['2027-01-01', true, 'weekday_rule'],
    ['2027-01-02', false, 'weekday_rule'],
  ])('%s is working=%s by the %s', (date, working, source) => {
    expect(calendar.status(date)).toEqual({ date, working, source });
  });

  it.each([
    ['2026-10-08', 1, '2026-09-30'],
    ['2026-10-12', 4, '2026-09-30'],
    ['2026-02-24', 1, '2026-02-14'],
    ['2026-12-07', 0, '2026-12-07'],
  ])('%s − %i working days = %s', (from, n, expected) => {
    expect(calendar.subtractWorkingDays(from, n)).toBe(expected);
  });

  it('counts working days between two dates, excluding the first', () => {
    expect(calendar.workingDaysBetween('2026-09-30', '2026-10-12')).toBe(4);
    expect(calendar.workingDaysBetween('2026-09-30', '2026-10-07')).toBe(0);
    expect(calendar.workingDaysBetween('2026-10-12', '2026-09-30')).toBe(0);
    expect(calendar.workingDaysBetween('2026-12-04', '2026-12-07')).toBe(1);
  });

  it('agrees with addWorkingDays for every start day of 2026', () => {
    for (let day = dayNumber('2026-01-01')!; day <= dayNumber('2026-12-31')!; day += 1) {
      const from = new Date(day * 86_400_000).toISOString().slice(0, 10);
      const to = calendar.addWorkingDays(from, 7);
      expect(calendar.workingDaysBetween(from, to)).toBe(7);
      expect(calendar.isWorkingDay(to)).toBe(true);
    }
  });

  it('rejects negative or fractional counts and impossible dates', () => {
    expect(() => calendar.addWorkingDays('2026-01-01', -1)).toThrow(RangeError);
    expect(() => calendar.addWorkingDays('2026-01-01', 1.5)).toThrow(RangeError);
    expect(() => calendar.subtractWorkingDays('2026-01-01', -2)).toThrow(RangeError);
    expect(() => calendar.addWorkingDays('2026-02-29', 1)).toThrow(RangeError);
    expect(() => calendar.status('2026-13-01')).toThrow(RangeError);
    expect(() => calendar.status('2026-13-01')).toThrow('2026-13-01');
    expect(() => calendar.addWorkingDays('2026-01-01', -1)).toThrow('-1');
    expect(() => calendar.subtractWorkingDays('2026-01-01', -2)).toThrow('-2');
  });
});

describe('admin overrides', () => {
  it('win over the official schedule and the weekday rule', () => {
    const cal = new WorkingDayCalendar(
      official,
      new Map([
        ['2027-01-01', false],
        ['2026-10-11', true],
        ['2026-12-08', false],
      ]),
    );
    expect(cal.status('2027-01-01')).toEqual({
      date: '2027-01-01',
      working: false,
      source: 'override',
    });
    expect(cal.addWorkingDays('2026-12-31', 1)).toBe('2027-01-04');
    expect(cal.addWorkingDays('2026-10-10', 1)).toBe('2026-10-11');
    expect(cal.addWorkingDays('2026-12-07', 1)).toBe('2026-12-09');
  });

  it('extend the known range to the end of the latest year they touch', () => {
    expect(calendar.knownUntil()).toBe('2026-12-31');
    const cal = new WorkingDayCalendar(official, new Map([['2027-02-06', false]]));
    expect(cal.knownUntil()).toBe('2027-12-31');
  });
});

describe('the calendar running out', () => {
  it.each([
    ['2026-10-01', false],
    ['2026-11-01', false],
    ['2026-11-02', true],
    ['2026-12-02', true],
    ['2027-01-05', true],
  ])('on %s, ends within 60 days: %s', (today, expected) => {
    expect(calendar.endsWithin(today, 60)).toBe(expected);
  });

  it('knows nothing without data: every weekday works', () => {
    const empty: OfficialCalendar = {
      daysOff: new Set(),
      makeUpWorkdays: new Set(),
      years: new Set(),
    };
    const cal = new WorkingDayCalendar(empty);
    expect(cal.addWorkingDays('2026-10-01', 1)).toBe('2026-10-02');
    expect(cal.knownUntil()).toBe('0000-12-31');
  });
});

describe('Asia/Shanghai days and deadlines', () => {
  it.each([
    ['2026-09-30T15:59:59.999Z', '2026-09-30'],
    ['2026-09-30T16:00:00.000Z', '2026-10-01'],
    ['2026-12-31T23:00:00.000Z', '2027-01-01'],
  ])('%s is %s in Shanghai', (instant, date) => {
    expect(shanghaiDate(new Date(instant))).toBe(date);
  });

  it('ends a day at 24:00 Shanghai time', () => {
    expect(endOfShanghaiDay('2026-10-08').toISOString()).toBe('2026-10-08T16:00:00.000Z');
  });

  it.each([
    ['2026-09-30T15:59:59Z', 1, '2026-10-08T16:00:00.000Z', 'late on 30 September'],
    ['2026-09-30T16:00:00Z', 1, '2026-10-08T16:00:00.000Z', 'just after midnight on 1 October'],
    ['2026-10-09T16:30:00Z', 1, '2026-10-12T16:00:00.000Z', 'on the make-up Saturday itself'],
    ['2026-12-01T02:00:00Z', 3, '2026-12-04T16:00:00.000Z', 'three days in an ordinary week'],
    ['2026-12-03T02:00:00Z', 10, '2026-12-17T16:00:00.000Z', 'ten days spanning two weekends'],
  ])('a referral at %s with %i working days is due %s (%s)', (at, n, due) => {
    expect(calendar.deadline(new Date(at), n).toISOString()).toBe(due);
  });
});

describe('dayNumber', () => {
  it.each(['2026-02-29', '2026-13-01', '0000-01-01', '2026-1-01', '2026-04-31', 'x'])(
    'refuses %s',
    (date) => {
      expect(dayNumber(date)).toBeNull();
    },
  );

  it('refuses a date inside longer text', () => {
    expect(dayNumber('x2026-01-01')).toBeNull();
    expect(dayNumber('2026-01-01x')).toBeNull();
  });

  it('accepts a leap day', () => {
    expect(dayNumber('2028-02-29')).toBe(dayNumber('2028-02-28')! + 1);
  });

  // Date.UTC reads years 0–99 as 1900–1999: 0099-12-31 must not become 1999-12-31.
  it('refuses a year before 100 rather than reading it as 19xx', () => {
    expect(dayNumber('1999-12-31')).not.toBeNull();
    expect(dayNumber('0099-12-31')).toBeNull();
  });
});

describe('isIsoDate', () => {
  it.each([
    ['2026-02-28', true],
    ['2028-02-29', true],
    ['2026-02-29', false],
    ['2026-13-01', false],
    ['2026-2-28', false],
    ['', false],
  ])('says %j is a calendar date: %p', (date, expected) => {
    expect(isIsoDate(date)).toBe(expected);
  });
});
