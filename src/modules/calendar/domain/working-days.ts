/**
 * Working days of mainland China, and the deadlines counted in them (docs/deadlines.md).
 *
 * A day is a working day when an admin override says so; otherwise, within the years the official
 * data covers, when it is no official day off and either a weekday or a make-up working day (调休);
 * beyond them, when it is a weekday — an estimate the callers flag, since a holiday schedule is only
 * published late in the year before.
 *
 * Dates are `YYYY-MM-DD` strings of the Asia/Shanghai calendar (UTC+8 all year, no daylight saving).
 */

export type IsoDate = string;

/** The State Council's schedule as a calendar package publishes it. */
export interface OfficialCalendar {
  /** Days off by the official schedule (holidays and the weekdays moved into them). */
  readonly daysOff: ReadonlySet<IsoDate>;
  /** Weekend days that are working days (调休上班). */
  readonly makeUpWorkdays: ReadonlySet<IsoDate>;
  /** Every year the schedule covers. */
  readonly years: ReadonlySet<number>;
}

/** How a day's status was decided. */
export type DaySource = 'override' | 'official' | 'weekday_rule';

export interface DayStatus {
  date: IsoDate;
  working: boolean;
  source: DaySource;
}

const DAY_MS = 86_400_000;
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The day count since 1970-01-01 of a real calendar date, or null for anything else. */
export function dayNumber(date: string): number | null {
  const m = ISO_DATE.exec(date);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  // The round trip refuses what Date.UTC rolls over (02-30 becomes 03-02) and years 0–99, which it
  // reads as 1900–1999.
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) {
    return null;
  }
  return ms / DAY_MS;
}

export function isIsoDate(date: string): boolean {
  return dayNumber(date) !== null;
}

function fromDayNumber(n: number): IsoDate {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

function requireDay(date: IsoDate): number {
  const n = dayNumber(date);
  if (n === null) throw new RangeError(`not a calendar date: ${date}`);
  return n;
}

/** The Asia/Shanghai date of an instant. */
export function shanghaiDate(instant: Date): IsoDate {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** 24:00 Asia/Shanghai at the end of `date`, as an instant. */
export function endOfShanghaiDay(date: IsoDate): Date {
  return new Date((requireDay(date) + 1) * DAY_MS - SHANGHAI_OFFSET_MS);
}

export class WorkingDayCalendar {
  private readonly lastOfficialYear: number;

  constructor(
    private readonly official: OfficialCalendar,
    /** Admin overrides: date → working or not. They win over everything else. */
    private readonly overrides: ReadonlyMap<IsoDate, boolean> = new Map(),
  ) {
    this.lastOfficialYear = Math.max(0, ...official.years);
  }

  status(date: IsoDate): DayStatus {
    const n = requireDay(date);
    const override = this.overrides.get(date);
    if (override !== undefined) return { date, working: override, source: 'override' };
    const weekday = new Date(n * DAY_MS).getUTCDay();
    const weekend = weekday === 0 || weekday === 6;
    if (this.official.years.has(Number(date.slice(0, 4)))) {
      const working = this.official.makeUpWorkdays.has(date)
        ? true
        : !weekend && !this.official.daysOff.has(date);
      return { date, working, source: 'official' };
    }
    return { date, working: !weekend, source: 'weekday_rule' };
  }

  isWorkingDay(date: IsoDate): boolean {
    return this.status(date).working;
  }

  /**
   * The date `n` working days after `from` (n ≥ 0): day 1 is the first working day after `from`,
   * whatever `from` itself is; `n = 0` is `from`.
   */
  addWorkingDays(from: IsoDate, n: number): IsoDate {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be ≥ 0: ${n}`);
    let day = requireDay(from);
    for (let left = n; left > 0;) {
      day += 1;
      if (this.isWorkingDay(fromDayNumber(day))) left -= 1;
    }
    return fromDayNumber(day);
  }

  /** The date `n` working days before `from` (n ≥ 0); `n = 0` is `from`. */
  subtractWorkingDays(from: IsoDate, n: number): IsoDate {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be ≥ 0: ${n}`);
    let day = requireDay(from);
    for (let left = n; left > 0;) {
      day -= 1;
      if (this.isWorkingDay(fromDayNumber(day))) left -= 1;
    }
    return fromDayNumber(day);
  }

  /** Working days after `from` up to and including `to` (0 when `to` ≤ `from`). */
  workingDaysBetween(from: IsoDate, to: IsoDate): number {
    const end = requireDay(to);
    let count = 0;
    for (let day = requireDay(from) + 1; day <= end; day += 1) {
      if (this.isWorkingDay(fromDayNumber(day))) count += 1;
    }
    return count;
  }

  /**
   * The last date whose status is known rather than estimated: the end of the last year the official
   * schedule covers, or of a later year in which an admin has entered overrides (entering a newly
   * published schedule as overrides is how the calendar is extended).
   */
  knownUntil(): IsoDate {
    let year = this.lastOfficialYear;
    for (const date of this.overrides.keys()) year = Math.max(year, Number(date.slice(0, 4)));
    return `${String(year).padStart(4, '0')}-12-31`;
  }

  /** Whether the calendar runs out within `days` days after `today`. */
  endsWithin(today: IsoDate, days: number): boolean {
    return requireDay(this.knownUntil()) - requireDay(today) < days;
  }

  /** The deadline `n` working days after the Asia/Shanghai day of `start`: 24:00 of that day. */
  deadline(start: Date, n: number): Date {
    return endOfShanghaiDay(this.addWorkingDays(shanghaiDate(start), n));
  }
}
