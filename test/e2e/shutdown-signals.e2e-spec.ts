import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { freePort, PROJECT_ROOT, stopAllProcesses, WorkerProcess } from '../support/processes';
import { baseTestEnv, databaseUrl } from '../support/env';
import { createDatabase, dropDatabase } from '../support/test-app';

const built = (...path: string[]) => join(PROJECT_ROOT, 'dist', 'src', ...path);
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Only SIGTERM and SIGINT stop the service. SIGUSR2 belongs to tooling (a heap snapshot taken with
 * --heapsnapshot-signal, a file watcher's nudge), and Nest's default hook list would have closed
 * the app on it.
 */
describe('shutdown signals (e2e, built entrypoints)', () => {
  let database: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    database = await createDatabase();
    env = {
      ...baseTestEnv(),
      LOG_LEVEL: 'info',
      DATABASE_URL: databaseUrl(database),
      QUEUE_PREFIX: `sfmsig_${randomBytes(3).toString('hex')}`,
    };
  });
  afterAll(async () => {
    await stopAllProcesses();
    await dropDatabase(database);
  });

  it('should keep the API serving after SIGUSR2 and stop it on SIGTERM', async () => {
    const port = await freePort();
    const api = new WorkerProcess({ ...env, PORT: String(port), HOST: '127.0.0.1' }, [
      built('main.js'),
    ]);
    await api.waitForOutput(/listening on/, 60_000);

    process.kill(api.pid!, 'SIGUSR2');
    await api.waitForOutput(/SIGUSR2 received/);
    await pause(1_000);
    expect(api.alive).toBe(true);
    expect((await fetch(`http://127.0.0.1:${port}/health/live`)).status).toBe(200);

    await api.stop(15_000);
    expect(await api.exited).toEqual({ code: null, signal: 'SIGTERM' });
  });

  it('should keep the worker running after SIGUSR2 and stop it on SIGINT', async () => {
    const worker = new WorkerProcess({ ...env, APP_ROLE: 'worker' });
    await worker.waitForOutput(/worker started/, 60_000);

    process.kill(worker.pid!, 'SIGUSR2');
    await worker.waitForOutput(/SIGUSR2 received/);
    await pause(1_000);
    expect(worker.alive).toBe(true);

    process.kill(worker.pid!, 'SIGINT');
    expect(await worker.exited).toEqual({ code: null, signal: 'SIGINT' });
  });
});
