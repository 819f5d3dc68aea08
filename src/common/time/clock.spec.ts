import fc from 'fast-check';
import { Clock } from './clock';

/** A clock whose time the test sets. */
class SetClock extends Clock {
  constructor(public at: number) {
    super();
  }

  override now(): Date {
    return new Date(this.at);
  }
}

/** The date in UTC+8, computed afresh. */
const cstDate = (ms: number): string => new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);

describe('Clock.today', () => {
  it.each([
    ['the last millisecond before midnight in China', '2026-12-02T15:59:59.999Z', '2026-12-02'],
    ['midnight in China', '2026-12-02T16:00:00.000Z', '2026-12-03'],
    ['noon UTC', '2026-12-02T12:00:00.000Z', '2026-12-02'],
    ['a leap day', '2028-02-29T00:00:00.000Z', '2028-02-29'],
    ['before 1970', '1969-12-31T16:00:00.000Z', '1970-01-01'],
    ['the last millisecond of a day before 1970', '1969-12-31T15:59:59.999Z', '1969-12-31'],
  ])('should give the date in China at %s', (_what, iso, expected) => {
    expect(new SetClock(Date.parse(iso)).today()).toBe(expected);
  });

  it('should follow its time across midnight, forwards and back', () => {
    const clock = new SetClock(Date.parse('2026-12-02T15:59:59.999Z'));
    expect(clock.today()).toBe('2026-12-02');
    clock.at += 1;
    expect(clock.today()).toBe('2026-12-03');
    clock.at -= 1;
    expect(clock.today()).toBe('2026-12-02');
    clock.at -= 24 * 3600_000;
    expect(clock.today()).toBe('2026-12-01');
  });

  it('should give the date in China for any sequence of times', () => {
    const anyTime = fc.integer({ min: -4e12, max: 8e12 });
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            anyTime,
            anyTime.map((ms) => ms - (ms % 3600_000)),
          ),
          { minLength: 1 },
        ),
        (times) => {
          const clock = new SetClock(0);
          for (const ms of times) {
            clock.at = ms;
            expect(clock.today()).toBe(cstDate(ms));
          }
        },
      ),
    );
  });

  it('should read the time afresh on every call', () => {
    const clock = new Clock();
    const now = jest.spyOn(clock, 'now');
    now.mockReturnValue(new Date('2026-12-02T15:00:00Z'));
    expect(clock.today()).toBe('2026-12-02');
    now.mockReturnValue(new Date('2026-12-02T16:00:00Z'));
    expect(clock.today()).toBe('2026-12-03');
  });
});
