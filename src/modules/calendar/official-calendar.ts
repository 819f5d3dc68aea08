import officialData from 'chinese-days/dist/chinese-days.json';
import type { OfficialCalendar } from './domain/working-days';

interface ChineseDaysData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
  inLieuDays: Record<string, string>;
}

/**
 * The State Council's holiday schedule as the `chinese-days` package ships it (one JSON file, no
 * network): days off, make-up working days and the years covered. A new package version brings the
 * next year's schedule; until then admins enter it as overrides (docs/deadlines.md).
 */
export function officialCalendar(data: ChineseDaysData = officialData): OfficialCalendar {
  const daysOff = new Set([...Object.keys(data.holidays), ...Object.keys(data.inLieuDays)]);
  const makeUpWorkdays = new Set(Object.keys(data.workdays));
  const years = new Set([...daysOff, ...makeUpWorkdays].map((d) => Number(d.slice(0, 4))));
  return { daysOff, makeUpWorkdays, years };
}
