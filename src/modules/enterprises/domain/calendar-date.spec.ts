import { compareCalendarDates, parseCalendarDate, wholeYearsBetween } from './calendar-date';

const d = (value: string) => {
  const parsed = parseCalendarDate(value);
  if (!parsed) throw new Error(`test date ${value} is invalid`);
  return parsed;
};

describe('parseCalendarDate', () => {
  it.each([
    ['2019-04-18', { year: 2019, month: 4, day: 18 }],
    ['2024-02-29', { year: 2024, month: 2, day: 29 }],
    ['2000-02-29', { year: 2000, month: 2, day: 29 }],
    ['2023-12-31', { year: 2023, month: 12, day: 31 }],
    ['0001-01-01', { year: 1, month: 1, day: 1 }],
  ])('should parse %s when it is a real calendar day', (value, expected) => {
    expect(parseCalendarDate(value)).toEqual(expected);
  });

  it.each([
    ['2023-02-30', 'February has no 30th'],
    ['2023-02-29', '2023 is not a leap year'],
    ['1900-02-29', '1900 is not a leap year'],
    ['2023-04-31', 'April has 30 days'],
    ['2023-13-01', 'there is no month 13'],
    ['2023-00-10', 'there is no month 0'],
    ['2023-01-00', 'there is no day 0'],
    ['0000-01-01', 'there is no year 0'],
    ['2023-1-05', 'the month is not zero-padded'],
    ['20230105', 'the separators are missing'],
    ['2023-01-05T00:00:00Z', 'it is a timestamp'],
    [' 2023-01-05', 'it has a leading space'],
    ['', 'it is empty'],
  ])('should return null for %s when %s', (value) => {
    expect(parseCalendarDate(value)).toBeNull();
  });

  it.each([
    ['a number', 20230105],
    ['an array that prints as a date', ['2023-01-05']],
  ])('should return null when given %s at runtime', (_what, value) => {
    expect(parseCalendarDate(value as unknown as string)).toBeNull();
  });
});

describe('compareCalendarDates', () => {
  it.each([
    ['2020-01-01', '2020-01-02', -1],
    ['2020-02-01', '2020-01-31', 1],
    ['2019-12-31', '2020-01-01', -1],
    ['2020-05-05', '2020-05-05', 0],
  ])('should order %s against %s as %i when compared', (a, b, sign) => {
    expect(Math.sign(compareCalendarDates(d(a), d(b)))).toBe(sign);
  });
});

describe('wholeYearsBetween', () => {
  it.each([
    ['2019-04-18', '2019-04-18', 0],
    ['2019-04-18', '2020-04-17', 0],
    ['2019-04-18', '2020-04-18', 1],
    ['2019-04-18', '2025-11-27', 6],
    ['2019-04-18', '2026-03-31', 6],
    ['2019-12-31', '2020-01-01', 0],
    ['2020-02-29', '2021-02-28', 0],
    ['2020-02-29', '2021-03-01', 1],
    ['2020-02-29', '2024-02-29', 4],
    ['2020-05-01', '2020-04-30', -1],
  ])('should count %s → %s as %i whole years when counted like a birthday', (from, to, years) => {
    expect(wholeYearsBetween(d(from), d(to))).toBe(years);
  });
});
