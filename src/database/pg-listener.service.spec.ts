import { retryDelayMs } from './pg-listener.service';

describe('retryDelayMs', () => {
  it.each([
    [0, 250],
    [1, 500],
    [2, 1000],
    [5, 8000],
    [6, 10_000],
    [100, 10_000],
  ])('should wait %i failures → %i ms (doubling from 250 ms, capped at 10 s)', (failures, ms) => {
    expect(retryDelayMs(failures)).toBe(ms);
  });
});
