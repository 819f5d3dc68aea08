import { Logger } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { DeadlineSweepService } from './deadline-sweep.service';
import { DeadlinesService } from './deadlines.service';
import { RerouteService } from './reroute.service';

const refused = () =>
  Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
const adminShutdown = () =>
  Object.assign(new Error('terminating connection due to administrator command'), {
    code: '57P01',
  });

describe('DeadlineSweepService: a pass that fails', () => {
  let sweep: jest.Mock;
  let sweepOverdue: jest.Mock;
  let service: DeadlineSweepService;
  let warn: jest.SpyInstance;
  let error: jest.SpyInstance;
  let log: jest.SpyInstance;

  beforeEach(() => {
    sweep = jest.fn();
    sweepOverdue = jest.fn().mockResolvedValue(0);
    service = new DeadlineSweepService(
      { sweep } as unknown as DeadlinesService,
      { sweepOverdue } as unknown as RerouteService,
      { worker: { deadlineSweepMs: 60_000 } } as AppConfig,
    );
    warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    log = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  it('should log PostgreSQL going away once, try again on each tick, and say when it is back', async () => {
    sweep
      .mockRejectedValueOnce(adminShutdown())
      .mockRejectedValueOnce(refused())
      .mockRejectedValueOnce(refused())
      .mockResolvedValue(0);
    // A failed pass settles: nothing reaches the process, where it would be fatal.
    await expect(service.tick()).resolves.toBeUndefined();
    await expect(service.tick()).resolves.toBeUndefined();
    await expect(service.tick()).resolves.toBeUndefined();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn).toHaveBeenCalledWith(
      'cannot reach PostgreSQL (terminating connection due to administrator command); the deadline sweep retries',
    );
    expect(sweepOverdue).not.toHaveBeenCalled();

    await service.tick();
    expect(sweep).toHaveBeenCalledTimes(4);
    expect(sweepOverdue).toHaveBeenCalledTimes(1);
    expect(log).toHaveBeenCalledWith('PostgreSQL is back; the deadline sweep runs again');
    expect(error).not.toHaveBeenCalled();
  });

  it('should log any other failure as an error, every time, also one thrown before a promise', async () => {
    sweep.mockResolvedValue(0);
    sweepOverdue
      .mockImplementationOnce(() => {
        throw new Error('no bank left for CCB');
      })
      .mockRejectedValueOnce(new Error('no bank left for CCB'));
    await expect(service.tick()).resolves.toBeUndefined();
    await expect(service.tick()).resolves.toBeUndefined();
    expect(error).toHaveBeenCalledTimes(2);
    expect(error).toHaveBeenCalledWith('deadline sweep failed: no bank left for CCB');
    expect(warn).not.toHaveBeenCalled();
  });

  it('should run one pass at a time: a tick during a pass joins it', async () => {
    let finish!: () => void;
    sweep.mockReturnValue(new Promise<void>((r) => (finish = r)));
    const first = service.tick();
    const second = service.tick();
    expect(second).toBe(first);
    finish();
    await first;
    expect(sweep).toHaveBeenCalledTimes(1);
  });
});
