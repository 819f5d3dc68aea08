import {
  DEFAULT_RETRY_SCHEDULE,
  DEFAULT_RETRY_SCHEDULE_CSV,
  classifyResponse,
  honoursRetryAfter,
  nextAttemptDelayMs,
  parseRetryAfterMs,
  parseRetrySchedule,
} from './retry-schedule';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
// Fake randomness: 0 gives the -20 % end, 0.5 no jitter, just below 1 the +20 % end.
const low = () => 0;
const mid = () => 0.5;
const high = () => 1 - Number.EPSILON;

describe('parseRetrySchedule', () => {
  it('should equal the docs/api.md schedule when given the documented default', () => {
    expect(parseRetrySchedule('0,5,300,1800,7200,18000,36000,50400,72000,86400')).toEqual([
      0, 5, 300, 1800, 7200, 18000, 36000, 50400, 72000, 86400,
    ]);
    expect(parseRetrySchedule(DEFAULT_RETRY_SCHEDULE_CSV)).toEqual(DEFAULT_RETRY_SCHEDULE);
  });

  it.each([
    ['0', [0]],
    ['0,5', [0, 5]],
    [' 0 , 5 ,60 ', [0, 5, 60]],
    ['10,5', [10, 5]],
    ['007', [7]],
  ])('should parse %j when its items are whole seconds', (csv, expected) => {
    expect(parseRetrySchedule(csv)).toEqual(expected);
  });

  it.each([[''], ['   ']])(
    'should fall back to the default when the input is blank (%j)',
    (csv) => {
      expect(parseRetrySchedule(csv)).toEqual(DEFAULT_RETRY_SCHEDULE);
    },
  );

  it('should return a copy when falling back to the default', () => {
    parseRetrySchedule('').push(1);
    expect(DEFAULT_RETRY_SCHEDULE).toHaveLength(10);
  });

  it.each([
    ['0,-5,300', /item 2 \("-5"\)/],
    ['0,1.5', /item 2 \("1.5"\)/],
    ['abc', /item 1 \("abc"\)/],
    ['0,,5', /item 2 \(""\)/],
    ['0,5,', /item 3 \(""\)/],
    ['1e3', /item 1 \("1e3"\)/],
    ['0x10', /item 1 \("0x10"\)/],
    ['+5', /item 1 \("\+5"\)/],
    ['5 5', /item 1 \("5 5"\)/],
    ['0,99999999999999999', /item 2/],
  ])('should throw naming the bad item when given %j', (csv, message) => {
    expect(() => parseRetrySchedule(csv)).toThrow(message);
  });

  it('should say what a valid item looks like when it rejects one', () => {
    expect(() => parseRetrySchedule('0,x')).toThrow(/whole number of seconds/);
  });
});

describe('nextAttemptDelayMs', () => {
  const schedule = DEFAULT_RETRY_SCHEDULE;

  it.each([
    // attempt that failed, random, expected delay before the next attempt
    [1, mid, 5_000],
    [1, low, 4_000],
    [1, high, 6_000],
    [2, mid, 300_000],
    [2, low, 240_000],
    [2, high, 360_000],
    [3, low, 1_440_000],
    [9, mid, 86_400_000],
    [9, low, 69_120_000],
    [9, high, 103_680_000],
  ])(
    'should wait the scheduled delay with jitter when attempt %i failed',
    (attempt, random, ms) => {
      expect(nextAttemptDelayMs(schedule, attempt, random)).toBe(ms);
    },
  );

  it.each([[10], [11], [100]])('should return null when attempt %i was the last', (attempt) => {
    expect(nextAttemptDelayMs(schedule, attempt, mid)).toBeNull();
  });

  it.each([[low], [mid], [high]])(
    'should keep a zero delay at zero when jitter is applied',
    (random) => {
      expect(nextAttemptDelayMs([0, 0, 60], 1, random)).toBe(0);
    },
  );

  it('should return whole milliseconds when the jitter is fractional', () => {
    // 5000 × (1 + 0.2 × (2 × 0.1234567 − 1)) = 4246.9…, rounded.
    expect(nextAttemptDelayMs([0, 5], 1, () => 0.123_456_7)).toBe(4_247);
  });

  it('should stay within ±20 % when random sweeps [0, 1)', () => {
    for (let r = 0; r < 1; r += 0.01) {
      const ms = nextAttemptDelayMs(schedule, 2, () => r)!;
      expect(ms).toBeGreaterThanOrEqual(240_000);
      expect(ms).toBeLessThanOrEqual(360_000);
    }
  });

  it.each([[0], [-1], [1.5], [Number.NaN]])(
    'should throw when the attempt number is %p',
    (attempt) => {
      expect(() => nextAttemptDelayMs(schedule, attempt, mid)).toThrow(RangeError);
      expect(() => nextAttemptDelayMs(schedule, attempt, mid)).toThrow(/positive integer/);
    },
  );

  const now = new Date('2025-11-27T10:00:00Z');
  it.each([
    // failed attempt, header, expected — schedule after attempt 1 is 5 s, after attempt 2 is 300 s
    ['delta-seconds longer than the schedule', 1, '120', 120_000],
    ['delta-seconds with spaces', 1, ' 120 ', 120_000],
    ['delta-seconds shorter than the schedule', 2, '10', 300_000],
    ['delta-seconds equal to the schedule', 2, '300', 300_000],
    ['zero delta-seconds', 1, '0', 5_000],
    ['delta-seconds above 24 h', 1, '172800', DAY_MS],
    ['a huge delta-seconds', 1, '99999999999999999999999', DAY_MS],
    ['an HTTP-date 1 h ahead', 1, 'Thu, 27 Nov 2025 11:00:00 GMT', HOUR_MS],
    ['an HTTP-date 3 days ahead', 1, 'Sun, 30 Nov 2025 10:00:00 GMT', DAY_MS],
    ['an HTTP-date in the past', 1, 'Thu, 27 Nov 2025 09:00:00 GMT', 5_000],
    ['an RFC 850 date 1 h ahead', 1, 'Thursday, 27-Nov-25 11:00:00 GMT', HOUR_MS],
    ['an asctime date 1 h ahead', 1, 'Thu Nov 27 11:00:00 2025', HOUR_MS],
    ['a negative number', 1, '-120', 5_000],
    ['a fraction', 1, '1.5', 5_000],
    ['garbage', 1, 'soon', 5_000],
    ['an ISO date', 1, '2025-11-27T11:00:00Z', 5_000],
    ['an empty header', 1, '', 5_000],
  ])('should honour Retry-After only when longer: %s', (_label, attempt, header, expected) => {
    expect(nextAttemptDelayMs(schedule, attempt, mid, header, now)).toBe(expected);
  });

  it('should compare Retry-After with the jittered delay when jitter raises it', () => {
    // 300 s + 20 % = 360 s beats a Retry-After of 330 s.
    expect(nextAttemptDelayMs(schedule, 2, high, '330', now)).toBe(360_000);
    expect(nextAttemptDelayMs(schedule, 2, low, '330', now)).toBe(330_000);
  });

  it('should ignore an HTTP-date Retry-After when no clock is given', () => {
    expect(nextAttemptDelayMs(schedule, 1, mid, 'Thu, 27 Nov 2025 11:00:00 GMT')).toBe(5_000);
  });

  it('should return null when no attempts are left even if Retry-After asks for one', () => {
    expect(nextAttemptDelayMs(schedule, 10, mid, '60', now)).toBeNull();
  });
});

describe('parseRetryAfterMs', () => {
  it.each([
    ['120', 120_000],
    ['0', 0],
    ['86400', DAY_MS],
    ['86401', DAY_MS],
    ['later', null],
  ])('should read %j as %p ms when no clock is needed', (header, expected) => {
    expect(parseRetryAfterMs(header)).toBe(expected);
  });

  it('should return null for an HTTP-date when no clock is given', () => {
    expect(parseRetryAfterMs('Thu, 27 Nov 2025 11:00:00 GMT')).toBeNull();
  });

  // Read directly, not through nextAttemptDelayMs, where a wrong short wait hides behind the
  // scheduled delay.
  const clock = new Date('2025-11-27T10:00:00Z');
  it.each([
    ['1.5', null],
    ['120abc', null],
    ['abc120', null],
    ['-120', null],
    [' 7 ', 7_000],
    ['Thu, 27 Nov 2025 11:00:00 GMT', HOUR_MS],
    ['Thursday, 27-Nov-25 11:00:00 GMT', HOUR_MS],
    ['Thu Nov 27 11:00:00 2025', HOUR_MS],
    ['Thu, 27 Nov 2025 09:00:00 GMT', 0],
    // Shapes the three HTTP-date forms do not allow, though Date.parse would read them.
    ['xThu, 27 Nov 2025 11:00:00 GMT', null],
    ['Thu, 27 Nov 2025 11:00:00 GMT+0100', null],
    ['xThursday, 27-Nov-25 11:00:00 GMT', null],
    ['Thursday, 27-Nov-25 11:00:00 GMT+0100', null],
    ['xThu Nov 27 11:00:00 2025', null],
    ['Thu Nov 27 11:00:00 2025 1', null],
    ['Nov 27 2025 11:00:00', null],
    ['soon', null],
    // Right shape, impossible day or month: Date.parse gives NaN, which must not leak out.
    ['Wed, 99 Xyz 2015 07:28:00 GMT', null],
    ['Thu Foo 27 11:00:00 2025', null],
  ])('should read %j as %p ms when a clock is given', (header, expected) => {
    expect(parseRetryAfterMs(header, clock)).toBe(expected);
  });
});

describe('honoursRetryAfter', () => {
  it.each([
    [429, true],
    [503, true],
    [500, false],
    [502, false],
    [301, false],
    [null, false],
  ])('should return %p → %p when classifying Retry-After statuses', (status, expected) => {
    expect(honoursRetryAfter(status)).toBe(expected);
  });
});

describe('classifyResponse', () => {
  it.each([
    [200, 'delivered'],
    [201, 'delivered'],
    [202, 'delivered'],
    [204, 'delivered'],
    [299, 'delivered'],
    [100, 'retry'],
    [199, 'retry'],
    [300, 'retry'],
    [301, 'retry'],
    [302, 'retry'],
    [304, 'retry'],
    [307, 'retry'],
    [308, 'retry'],
    [400, 'retry'],
    [401, 'retry'],
    [403, 'retry'],
    [404, 'retry'],
    [408, 'retry'],
    [409, 'retry'],
    [410, 'gone'],
    [413, 'retry'],
    [429, 'retry'],
    [500, 'retry'],
    [502, 'retry'],
    [503, 'retry'],
    [504, 'retry'],
    [null, 'retry'],
    [200.5, 'retry'],
    [Number.NaN, 'retry'],
  ])('should classify %p as %s when the attempt gets that answer', (status, expected) => {
    expect(classifyResponse(status)).toBe(expected);
  });
});
