import { EventEmitter } from 'node:events';
import { Logger } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { PgListenerService, retryDelayMs } from './pg-listener.service';

/** Stands in for pg's Client: connects (or is refused), answers LISTEN, emits what a test says. */
class FakeClient extends EventEmitter {
  static instances: FakeClient[] = [];
  static refuse = 0;
  connect = jest.fn(async () => {
    if (FakeClient.refuse > 0) {
      FakeClient.refuse--;
      throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), {
        code: 'ECONNREFUSED',
      });
    }
  });
  query = jest.fn(async () => ({ rows: [] }));
  end = jest.fn(async () => undefined);
  constructor() {
    super();
    FakeClient.instances.push(this);
  }
}
jest.mock('pg', () => ({ Client: jest.fn(() => new FakeClient()) }));

const adminShutdown = () =>
  Object.assign(new Error('terminating connection due to administrator command'), {
    code: '57P01',
  });

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

describe('PgListenerService when its connection is lost', () => {
  let service: PgListenerService;
  beforeEach(() => {
    jest.useFakeTimers();
    FakeClient.instances = [];
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    service = new PgListenerService({ databaseUrl: 'postgres://127.0.0.1/sfm' } as AppConfig);
  });
  afterEach(async () => {
    await service.onModuleDestroy();
    jest.useRealTimers();
    jest.restoreAllMocks();
  });

  it('should take an error event (57P01) without throwing, reconnect once, listen again and let subscribers catch up', async () => {
    const heard: (string | undefined)[] = [];
    await service.subscribe('outbox_written', (p) => heard.push(p));
    const [first] = FakeClient.instances;
    expect(first.query).toHaveBeenCalledWith('LISTEN outbox_written');

    // The server stops: the error, then the end, then a late second error, none of them fatal.
    expect(() => first.emit('error', adminShutdown())).not.toThrow();
    first.emit('end');
    expect(() =>
      first.emit('error', new Error('Connection terminated unexpectedly')),
    ).not.toThrow();
    expect(first.end).toHaveBeenCalled();
    expect(FakeClient.instances).toHaveLength(1);

    await jest.advanceTimersByTimeAsync(250);
    expect(FakeClient.instances).toHaveLength(2); // one new connection however many events
    const second = FakeClient.instances[1];
    expect(second.query).toHaveBeenCalledWith('LISTEN outbox_written');
    expect(heard).toEqual([undefined]); // called once to catch up on what it missed
    second.emit('notification', { channel: 'outbox_written', payload: 'x' });
    expect(heard).toEqual([undefined, 'x']);
  });

  it('should keep trying with back-off while the server refuses connections', async () => {
    await service.subscribe('outbox_written', () => undefined);
    FakeClient.refuse = 2;
    FakeClient.instances[0].emit('error', adminShutdown());
    await jest.advanceTimersByTimeAsync(250); // refused
    expect(FakeClient.instances).toHaveLength(2);
    await jest.advanceTimersByTimeAsync(499); // the next try waits 500 ms
    expect(FakeClient.instances).toHaveLength(2);
    await jest.advanceTimersByTimeAsync(1); // refused again
    await jest.advanceTimersByTimeAsync(1000); // then it answers
    expect(FakeClient.instances).toHaveLength(4);
    expect(FakeClient.instances[3].query).toHaveBeenCalledWith('LISTEN outbox_written');
  });
});
