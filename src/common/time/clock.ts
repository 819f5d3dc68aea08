import { Injectable } from '@nestjs/common';

/** The one source of "now" for services, so tests can move time (validFrom, retry schedules). */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }

  /** Today's date in China Standard Time (UTC+8, no DST) as YYYY-MM-DD: the programmes' calendar. */
  today(): string {
    return new Date(this.now().getTime() + 8 * 3600_000).toISOString().slice(0, 10);
  }
}
