import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { databaseUrl } from '../support/env';
import { createDatabase, createTestApp, dropDatabase, TestApp } from '../support/test-app';

/**
 * docs/example-match-preview.json is what `POST /api/v1/matches/preview` answers for
 * docs/example-profile.json (docs/rules.md, "Example") on the seeded catalogue, with the clock on
 * EXAMPLE_DAY (the profile's years in operation depend on the day; the seeded versions count as
 * published the day before, whenever the test database was seeded). This test fails when the file
 * is no longer that answer; `UPDATE_DOCS_EXAMPLE=1 npx jest test/e2e/docs-example` writes it
 * (then `npx prettier --write docs/example-match-preview.json`).
 */
const EXAMPLE_DAY = new Date('2026-12-02T04:00:00Z');
const DOCS = join(__dirname, '../../docs');

describe('the documented match preview (e2e)', () => {
  let t: TestApp;
  let database: string;
  beforeAll(async () => {
    database = await createDatabase();
    const db = new Client({ connectionString: databaseUrl(database) });
    await db.connect();
    try {
      await db.query('UPDATE financing_product_version SET published_at = $1', [
        new Date(EXAMPLE_DAY.getTime() - 24 * 3600 * 1000),
      ]);
    } finally {
      await db.end();
    }
    t = await createTestApp({ database, clockAt: EXAMPLE_DAY });
  });
  afterAll(async () => {
    await t.close();
    await dropDatabase(database);
  });

  it('should be what the preview answers for the example profile', async () => {
    const profile = JSON.parse(readFileSync(join(DOCS, 'example-profile.json'), 'utf8'));
    const answer = await t.http.post('/api/v1/matches/preview', profile);
    expect(answer.status).toBe(200);
    const file = join(DOCS, 'example-match-preview.json');
    if (process.env.UPDATE_DOCS_EXAMPLE === '1') {
      writeFileSync(file, `${JSON.stringify(answer.body, null, 2)}\n`);
    }
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(answer.body);
  });
});
