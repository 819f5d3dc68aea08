/**
 * Calendar dates as `YYYY-MM-DD` strings, without `Date` objects: no time zone can shift a day, and
 * the domain stays free of the clock (callers pass `asOf`).
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date split into its parts (month 1–12, day 1–31). */
export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * Parses a strict `YYYY-MM-DD` string naming a real day of the proleptic Gregorian calendar.
 * Returns null for any other input (`2023-02-30`, `2023-2-3`, `2023-02-03T00:00:00Z`, year 0000).
 */
export function parseCalendarDate(value: string): CalendarDate | null {
  if (typeof value !== 'string') return null;
  const match = ISO_DATE.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return null;
  }
  return { year, month, day };
}

/** Negative, zero or positive as `a` is before, on or after `b` (both already parsed). */
export function compareCalendarDates(a: CalendarDate, b: CalendarDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

/**
 * Whole years from `from` to `to`, counted like a birthday: a year is complete on the same month
 * and day. Someone born on 29 February completes a year on 1 March in common years.
 * Returns a negative number when `to` is before `from`.
 */
export function wholeYearsBetween(from: CalendarDate, to: CalendarDate): number {
  const years = to.year - from.year;
  const anniversaryReached =
    to.month > from.month || (to.month === from.month && to.day >= from.day);
  return anniversaryReached ? years : years - 1;
}
