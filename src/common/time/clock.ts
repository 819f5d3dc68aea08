import { Injectable } from '@nestjs/common';

/** China Standard Time: UTC+8 all year (no DST). */
const CST_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 24 * 3600_000;

/** The one source of "now" for services, so tests can move time (validFrom, retry schedules). */
@Injectable()
export class Clock {
  /** The last day today() gave: [from, to) in epoch ms and its text (a request asks several times). */
  private day: { from: number; to: number; text: string } | null = null;

  now(): Date {
    return new Date();
  }

  /** Today's date in China Standard Time (UTC+8, no DST) as YYYY-MM-DD: the programmes' calendar. */
  today(): string {
    const ms = this.now().getTime();
    const day = this.day;
    if (day !== null && ms >= day.from && ms < day.to) return day.text;
    const shifted = ms + CST_OFFSET_MS;
    const from = ms - (((shifted % DAY_MS) + DAY_MS) % DAY_MS);
    const text = new Date(shifted).toISOString().slice(0, 10);
    this.day = { from, to: from + DAY_MS, text };
    return text;
  }
}
