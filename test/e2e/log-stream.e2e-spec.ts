import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort, PROJECT_ROOT, stopAllProcesses, WorkerProcess } from '../support/processes';
import { baseTestEnv, databaseUrl, PG_ADMIN_URL, testRunId } from '../support/env';
import { dropDatabase } from '../support/test-app';

const built = (...path: string[]) => join(PROJECT_ROOT, 'dist', 'src', ...path);

/** Every non-empty line that is not one JSON object (the one log stream, README "Logs"). */
function notJsonLines(output: string): string[] {
  return output
    .split('\n')
    .filter((line) => line.trim() !== '')
    .filter((line) => {
      try {
        const value: unknown = JSON.parse(line);
        return typeof value !== 'object' || value === null || Array.isArray(value);
      } catch {
        return true;
      }
    });
}

function records(output: string): Record<string, any>[] {
  return output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, any>);
}

describe('one JSON log stream from every process (e2e, built entrypoints)', () => {
  // An empty database, so the migrations run and log as they would on a first deployment.
  const database = `sfm_test_${testRunId()}_logs_${randomBytes(3).toString('hex')}`;
  let env: Record<string, string>;

  beforeAll(async () => {
    const admin = new Client({ connectionString: PG_ADMIN_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${database}`);
    await admin.end();
    env = {
      ...baseTestEnv(),
      NODE_ENV: 'production',
      LOG_LEVEL: 'info',
      DATABASE_URL: databaseUrl(database),
      QUEUE_PREFIX: `sfmlog_${randomBytes(3).toString('hex')}`,
    };
  });
  afterAll(async () => {
    await stopAllProcesses();
    await dropDatabase(database);
  });

  it('should log the migration CLI as JSON, naming each migration', async () => {
    const run = new WorkerProcess(env, [built('cli', 'migrate.js')]);
    expect(await run.exited).toEqual({ code: 0, signal: null });
    expect(notJsonLines(run.output)).toEqual([]);
    expect(records(run.output)).toContainEqual(
      expect.objectContaining({ context: 'Migrations', msg: expect.stringMatching(/^applied /) }),
    );
  });

  it('should log the seed CLI as JSON', async () => {
    const run = new WorkerProcess(env, [built('cli', 'seed.js')]);
    expect(await run.exited).toEqual({ code: 0, signal: null });
    expect(notJsonLines(run.output)).toEqual([]);
    expect(records(run.output).length).toBeGreaterThan(0);
  });

  it('should log the API from start to shutdown as JSON, requests included', async () => {
    const port = await freePort();
    const api = new WorkerProcess(
      { ...env, APP_ROLE: 'api', PORT: String(port), HOST: '127.0.0.1', SEED_ON_START: 'true' },
      [built('main.js')],
    );
    await api.waitForOutput(/listening on/, 30_000);
    await fetch(`http://127.0.0.1:${port}/api/v1/products`);
    await fetch(`http://127.0.0.1:${port}/api/v1/no-such-route`);
    // The preview is logged without pino-http (HOT_ROUTES), in the same shape.
    const preview = await fetch(`http://127.0.0.1:${port}/api/v1/matches/preview`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'log-stream-preview' },
      body: '{}',
    });
    expect(preview.status).toBe(400);
    await api.stop(15_000);
    await api.exited;
    expect(notJsonLines(api.output)).toEqual([]);
    const logged = records(api.output);
    expect(logged).toContainEqual(
      expect.objectContaining({ context: 'Shutdown', msg: expect.stringMatching(/^SIGTERM/) }),
    );
    expect(logged).toContainEqual(
      expect.objectContaining({ req: expect.objectContaining({ url: '/api/v1/no-such-route' }) }),
    );
    expect(logged).toContainEqual(
      expect.objectContaining({
        level: 40,
        msg: 'request completed',
        req: { id: 'log-stream-preview', method: 'POST', url: '/api/v1/matches/preview' },
        res: expect.objectContaining({ statusCode: 400 }),
        responseTime: expect.any(Number),
      }),
    );
  });

  it("should log dependencies' console output, Node's warnings and a crash as JSON", async () => {
    const script = [
      `require(${JSON.stringify(built('common', 'json-logs.js'))}).useJsonLogs();`,
      'console.warn(\'IMPORTANT! Eviction policy is allkeys-lru. It should be "noeviction"\');',
      "console.error('[ioredis] Unhandled error event:', new Error('connect ECONNREFUSED'));",
      "process.emitWarning('something is deprecated', 'DeprecationWarning');",
      "setTimeout(() => Promise.reject(new Error('boom')), 50);",
    ].join('\n');
    const run = new WorkerProcess(env, ['-e', script]);
    expect(await run.exited).toEqual({ code: 1, signal: null });
    expect(notJsonLines(run.output)).toEqual([]);
    const logged = records(run.output);
    expect(logged).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          level: 40,
          context: 'console',
          msg: expect.stringMatching(/Eviction/),
        }),
        expect.objectContaining({
          level: 50,
          context: 'console',
          msg: expect.stringMatching(/ioredis/),
        }),
        expect.objectContaining({ level: 40, context: 'process', msg: 'something is deprecated' }),
        expect.objectContaining({
          level: 60,
          context: 'process',
          err: expect.objectContaining({ message: 'boom' }),
        }),
      ]),
    );
  });
});
