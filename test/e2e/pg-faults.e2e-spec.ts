import { runMigrations } from '../../src/database/migrate';
import { PrivatePostgres } from '../support/private-postgres';
import { createDatabase, createTestApp, dropDatabase, TestApp } from '../support/test-app';
import { waitFor } from '../support/webhook-receiver';

jest.setTimeout(60_000);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * PostgreSQL connection faults on the shared server, confined to this file's own database: its
 * LISTEN connections are terminated with pg_terminate_backend, as a failover or an idle-connection
 * killer would.
 */
describe('LISTEN connection when PostgreSQL drops it (e2e)', () => {
  let t: TestApp;
  let database: string;

  beforeAll(async () => {
    database = await createDatabase();
    // Both listeners run in role `all`: the catalogue cache and the outbox relay. A long poll
    // interval leaves NOTIFY as the relay's only prompt.
    t = await createTestApp({ database, env: { APP_ROLE: 'all', OUTBOX_POLL_MS: '60000' } });
  });
  afterAll(async () => {
    await t?.close();
    await dropDatabase(database);
  });

  const listeners = async () =>
    (
      await t.sql<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND query LIKE 'LISTEN %'`,
        [database],
      )
    )[0].n;

  const terminateListeners = async () =>
    (
      await t.sql<{ n: number }>(
        `SELECT count(*)::int AS n FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity
          WHERE datname = $1 AND query LIKE 'LISTEN %') k`,
        [database],
      )
    )[0].n;

  it('should keep exactly one LISTEN connection however often it is killed, and still hear NOTIFY', async () => {
    await waitFor(async () => (await listeners()) > 0);
    const counts = [await listeners()];
    for (let i = 0; i < 3; i++) {
      expect(await terminateListeners()).toBeGreaterThan(0);
      await waitFor(async () => (await listeners()) > 0, 10_000, 50);
      // Long enough for any second reconnect a duplicate error event would schedule.
      await sleep(3000);
      counts.push(await listeners());
    }
    expect(counts).toEqual([1, 1, 1, 1]);

    // The surviving connection still hears the catalogue channel: a product retired behind the
    // app's back (SQL + NOTIFY, as another instance would) disappears from the public list.
    const listed = async () =>
      ((await t.http.get('/api/v1/products')).body.items as { code: string }[]).map((p) => p.code);
    expect(await listed()).toContain('WENQIDAI');
    await t.sql(
      `WITH p AS (UPDATE financing_product SET retired_at = now() WHERE code = 'WENQIDAI' RETURNING code)
       SELECT pg_notify('catalog_changed', code) FROM p`,
    );
    await waitFor(async () => !(await listed()).includes('WENQIDAI'), 5000, 50);
  });
});

describe('API while PostgreSQL is down (e2e, private PostgreSQL)', () => {
  let pg: PrivatePostgres;
  let t: TestApp;

  beforeAll(async () => {
    pg = await PrivatePostgres.start();
    await pg.query('CREATE DATABASE sfm');
    await runMigrations(pg.url('sfm'));
    t = await createTestApp({ databaseUrl: pg.url('sfm') });
  });
  afterAll(async () => {
    await pg?.up();
    await t?.close();
    await pg?.destroy();
  });

  const login = () =>
    t.http.post('/api/v1/auth/login', { email: 'nobody@example.cn', password: 'not-the-password' });

  it('should answer 503 service_unavailable with Retry-After, then serve again once it is back', async () => {
    expect((await login()).status).toBe(401);

    await pg.down();
    const down = await login();
    expect({
      status: down.status,
      type: down.headers.get('content-type'),
      retryAfter: down.headers.get('retry-after'),
      body: down.body,
    }).toEqual({
      status: 503,
      type: expect.stringMatching(/^application\/problem\+json/),
      retryAfter: expect.stringMatching(/^\d+$/),
      body: expect.objectContaining({ status: 503, code: 'service_unavailable' }),
    });
    // Readiness says which dependency is down.
    const ready = await t.http.get('/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.body.error).toMatchObject({ postgres: { status: 'down' } });

    await pg.up();
    await waitFor(async () => (await login()).status === 401, 15_000, 200);
  });

  it('should declare the 503 with Retry-After on API routes in the OpenAPI document', async () => {
    const doc = (await t.http.get('/docs-json')).body;
    expect(doc.paths['/api/v1/auth/login'].post.responses['503']).toMatchObject({
      headers: { 'Retry-After': { schema: { type: 'integer' } } },
      content: {
        'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDetailsDto' } },
      },
    });
  });
});
