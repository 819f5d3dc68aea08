import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { KEPT_OPEN_CONNECTIONS } from '../../src/database/data-source-options';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { ADMIN } from '../support/env';
import { exampleProfileJson } from '../support/fixtures';
import { createTestApp, TestApp } from '../support/test-app';

const PREVIEW_CONNECTIONS = 50;
// Longer than the pool's 10 s idle timeout: connections a quiet pool had are closed by then.
const LOAD_BEFORE_PUBLISH_MS = 11_000;

/**
 * An admin's write while public match previews keep the API's one thread busy. Previews need no
 * database (the catalogue and the outlooks are in memory), so the pool sits idle under them; each
 * step of the publish then waits behind a whole round of previews, and a connection it has to open
 * (or a second one it asks for while holding the first) can run past the pool's 5 s acquire
 * timeout: a 503. What the publish needs from the pool is counted here, not timed.
 */
describe('catalogue publish under match-preview load (e2e)', () => {
  let t: TestApp;
  let pool: Pool;

  beforeAll(async () => {
    t = await createTestApp();
    pool = (t.app.get(DataSource).driver as PostgresDriver).master as Pool;
  });
  afterAll(async () => {
    await t.close();
  });

  it('should publish while 50 clients preview, on connections the pool kept open', async () => {
    const admin = await t.http.login(ADMIN.email, ADMIN.password);
    const draft = await t.http.patch(
      '/api/v1/admin/products/KEDAITONG',
      { termMonthsMax: 24 },
      { token: admin },
    );
    expect(draft.status).toBe(200);
    // The first preview reads the products' outlooks; the previews after it are answered from memory.
    const body = JSON.stringify(exampleProfileJson());
    expect((await t.http.post('/api/v1/matches/preview', JSON.parse(body))).status).toBe(200);

    let acquired = 0;
    let opened = 0;
    let held = 0;
    let peakHeld = 0;
    pool.on('acquire', () => {
      acquired += 1;
      held += 1;
      peakHeld = Math.max(peakHeld, held);
    });
    pool.on('release', () => (held -= 1));
    pool.on('connect', () => (opened += 1));

    const statuses = new Map<number, number>();
    let loading = true;
    const clients = Array.from({ length: PREVIEW_CONNECTIONS }, async () => {
      while (loading) {
        const res = await fetch(`${t.url}/api/v1/matches/preview?view=summary`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        });
        await res.arrayBuffer();
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      }
    });
    try {
      await new Promise((r) => setTimeout(r, LOAD_BEFORE_PUBLISH_MS));
      const previewsAcquired = acquired;
      [acquired, opened, peakHeld] = [0, 0, held];
      const published = await t.http.post('/api/v1/admin/products/KEDAITONG/publish', undefined, {
        token: admin,
      });
      const during = { acquired, opened, peakHeld };
      loading = false;
      await Promise.all(clients);

      expect(published.status).toBe(201);
      expect(published.body).toEqual({ code: 'KEDAITONG', version: 2 });
      expect([...statuses.keys()]).toEqual([200]);
      // The previews themselves never asked the pool for a connection.
      expect(previewsAcquired).toBe(0);
      expect(during.acquired).toBeGreaterThan(0);
      // No connection opened while the thread is busy: the publish holds one (its banks are read
      // in its own transaction), the catalogue refresh its NOTIFY sets off may hold the other.
      expect(during.opened).toBe(0);
      expect(during.peakHeld).toBeLessThanOrEqual(KEPT_OPEN_CONNECTIONS);
    } finally {
      loading = false;
      await Promise.all(clients);
    }
  });
});
