/**
 * Webhook retry policy (docs/api.md "Webhooks to partner banks"): the delay before each attempt,
 * jitter, `Retry-After`, and what an HTTP answer means for a delivery. Pure: randomness and the
 * clock are passed in.
 */

/**
 * The Standard Webhooks schedule: seconds to wait before each attempt — immediately, 5 s, 5 min,
 * 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h (about 3 days in all).
 */
export const DEFAULT_RETRY_SCHEDULE: readonly number[] = Object.freeze([
  0, 5, 300, 1800, 7200, 18000, 36000, 50400, 72000, 86400,
]);

/** `DEFAULT_RETRY_SCHEDULE` in the `WEBHOOK_RETRY_SCHEDULE` format. */
export const DEFAULT_RETRY_SCHEDULE_CSV = DEFAULT_RETRY_SCHEDULE.join(',');

/** Jitter applied to each scheduled delay: ±20 %. */
export const RETRY_JITTER = 0.2;

/** The longest wait a `Retry-After` header can impose, so a receiver cannot park a delivery. */
export const RETRY_AFTER_MAX_MS = 24 * 60 * 60 * 1000;

/**
 * Parses `WEBHOOK_RETRY_SCHEDULE`: comma-separated whole seconds to wait before each attempt
 * (the first is the wait before the first attempt, usually 0). Spaces around items are ignored;
 * blank input means the default schedule.
 *
 * @returns the delays in seconds, one per attempt
 * @throws Error naming the offending item when one is empty, negative or not a whole number
 */
export function parseRetrySchedule(csv: string): number[] {
  if (csv.trim() === '') return [...DEFAULT_RETRY_SCHEDULE];
  return csv.split(',').map((raw, index) => {
    const item = raw.trim();
    // Digits only: rejects '-5', '1.5', '1e3', '0x10' and '' — Number() would accept some of them.
    const seconds = /^\d+$/.test(item) ? Number(item) : Number.NaN;
    if (!Number.isSafeInteger(seconds * 1000)) {
      throw new Error(
        `Invalid WEBHOOK_RETRY_SCHEDULE item ${index + 1} (${JSON.stringify(raw)}): ` +
          'expected a whole number of seconds ≥ 0',
      );
    }
    return seconds;
  });
}

/**
 * The wait before the next attempt after attempt `attemptNumber` failed.
 *
 * The scheduled delay gets ±20 % jitter (so that retries after an outage do not arrive in one
 * burst; a 0 delay stays 0). A `Retry-After` value (delta-seconds or HTTP-date, capped at 24 h)
 * wins when it asks for longer than that. Pass `retryAfterHeader` only for answers whose
 * `Retry-After` we honour (see `honoursRetryAfter`: 429 and 503).
 *
 * @param schedule delays in seconds before each attempt (`parseRetrySchedule`)
 * @param attemptNumber the 1-based attempt that just failed
 * @param random a source of numbers in [0, 1), e.g. `Math.random`
 * @param retryAfterHeader the raw `Retry-After` header, if any
 * @param now the current time; needed only to read an HTTP-date `Retry-After` (ignored without it)
 * @returns the delay in whole milliseconds, or null when no attempts are left (delivery dead)
 * @throws RangeError when `attemptNumber` is not a positive integer
 */
export function nextAttemptDelayMs(
  schedule: readonly number[],
  attemptNumber: number,
  random: () => number,
  retryAfterHeader?: string,
  now?: Date,
): number | null {
  if (!Number.isSafeInteger(attemptNumber) || attemptNumber < 1) {
    throw new RangeError(`attemptNumber must be a positive integer, got ${attemptNumber}`);
  }
  // schedule[attemptNumber] is the wait before attempt attemptNumber + 1 (0-based index).
  if (attemptNumber >= schedule.length) return null;
  const baseMs = schedule[attemptNumber] * 1000;
  const factor = 1 + RETRY_JITTER * (2 * random() - 1);
  const jitteredMs = Math.round(baseMs * factor);
  const retryAfterMs =
    retryAfterHeader === undefined ? null : parseRetryAfterMs(retryAfterHeader, now);
  // Stryker disable next-line ConditionalExpression,EqualityOperator: null > n is false and equal values are the same answer
  return retryAfterMs !== null && retryAfterMs > jitteredMs ? retryAfterMs : jitteredMs;
}

/**
 * Whether an HTTP status carries a `Retry-After` we honour (429 Too Many Requests and
 * 503 Service Unavailable).
 */
export function honoursRetryAfter(status: number | null): boolean {
  return status === 429 || status === 503;
}

// RFC 9110 §5.6.7: IMF-fixdate, plus the obsolete RFC 850 and asctime forms recipients must accept.
const IMF_FIXDATE = /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/;
const RFC_850 = /^[A-Z][a-z]+, \d{2}-[A-Z][a-z]{2}-\d{2} \d{2}:\d{2}:\d{2} GMT$/;
const ASCTIME = /^[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2} \d{4}$/;

/**
 * Reads a `Retry-After` header (RFC 9110 §10.2.3) as a wait in milliseconds, capped at 24 h.
 *
 * @param header delta-seconds (`120`) or an HTTP-date (`Wed, 21 Oct 2015 07:28:00 GMT`)
 * @param now the current time; without it an HTTP-date cannot be read and yields null
 * @returns the wait (0 for a date in the past), or null when the header is unreadable
 */
export function parseRetryAfterMs(header: string, now?: Date): number | null {
  const value = header.trim();
  if (/^\d+$/.test(value)) return Math.min(Number(value) * 1000, RETRY_AFTER_MAX_MS);
  if (now === undefined) return null;
  let at: number;
  if (IMF_FIXDATE.test(value) || RFC_850.test(value)) {
    at = Date.parse(value);
  } else if (ASCTIME.test(value)) {
    // asctime carries no zone; HTTP dates are always GMT, and Date.parse would assume local time.
    at = Date.parse(`${value} GMT`);
  } else {
    return null;
  }
  if (Number.isNaN(at)) return null;
  return Math.min(Math.max(at - now.getTime(), 0), RETRY_AFTER_MAX_MS);
}

/** What an attempt's outcome means for the delivery. */
export type DeliveryOutcome = 'delivered' | 'retry' | 'gone';

/**
 * Classifies the answer to one delivery attempt: a 2xx is a delivery; 410 Gone means the bank has
 * retired the endpoint (disable it); anything else — 1xx, 3xx (redirects are not followed),
 * 4xx, 5xx, a network error or a timeout — is retried.
 *
 * @param status the HTTP status, or null for a network error or timeout
 */
export function classifyResponse(status: number | null): DeliveryOutcome {
  // Stryker disable next-line ConditionalExpression: a shortcut; null fails Number.isInteger below
  if (status === null) return 'retry';
  if (Number.isInteger(status) && status >= 200 && status <= 299) return 'delivered';
  if (status === 410) return 'gone';
  return 'retry';
}
