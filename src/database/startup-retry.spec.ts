import { Logger } from '@nestjs/common';
import { retryWhileDatabaseUnavailable } from './startup-retry';

const refused = () =>
  Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });

describe('retryWhileDatabaseUnavailable', () => {
  let clock: number;
  let slept: number[];
  let logger: Logger;
  const options = () => ({
    logger,
    giveUpAfterMs: 5000,
    now: () => clock,
    sleep: async (ms: number) => {
      slept.push(ms);
      clock += ms;
    },
  });
  beforeEach(() => {
    clock = 0;
    slept = [];
    logger = { warn: jest.fn(), log: jest.fn() } as unknown as Logger;
  });

  it('should run the step again while PostgreSQL refuses connections, then return its result', async () => {
    let calls = 0;
    const step = async () => {
      if (++calls < 4) throw refused();
      return 'migrated';
    };
    await expect(retryWhileDatabaseUnavailable('migrations', step, options())).resolves.toBe(
      'migrated',
    );
    expect(slept).toEqual([250, 500, 1000]);
    // One warning per outage, one line when it is over.
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(/^migrations: cannot reach PostgreSQL \(connect ECONNREFUSED/),
    );
    expect(logger.log).toHaveBeenCalledWith('migrations: PostgreSQL answers again');
  });

  it('should throw any other error at once', async () => {
    const step = jest.fn(async () => {
      throw new Error('relation "referral" does not exist');
    });
    await expect(retryWhileDatabaseUnavailable('migrations', step, options())).rejects.toThrow(
      /does not exist/,
    );
    expect(step).toHaveBeenCalledTimes(1);
    expect(slept).toEqual([]);
  });

  it('should give up, with the last error, once PostgreSQL stayed away for giveUpAfterMs', async () => {
    const step = jest.fn(async () => {
      throw refused();
    });
    await expect(retryWhileDatabaseUnavailable('catalogue', step, options())).rejects.toThrow(
      /ECONNREFUSED/,
    );
    // 250 + 500 + 1000 + 2000, then the 1250 ms left, then no more.
    expect(slept).toEqual([250, 500, 1000, 2000, 1250]);
    expect(step).toHaveBeenCalledTimes(6);
    expect(logger.log).not.toHaveBeenCalled();
  });
});
