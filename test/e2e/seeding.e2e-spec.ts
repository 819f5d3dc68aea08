/**
 * Seeding is idempotent against a real PostgreSQL: `npm start` seeds on every boot, and a restart
 * publishes a version only for a seeded product whose content changed.
 */
import { PRODUCTS } from '../../seeds/catalog/products';
import { SeedService } from '../../src/seeding/seed.service';
import { createTestApp, TestApp } from '../support/test-app';

interface VersionRow {
  code: string;
  latest_version: number;
  versions: string;
}

async function versionsByCode(t: TestApp): Promise<Record<string, [number, number]>> {
  const rows = await t.sql<VersionRow>(
    `SELECT p.code, p.latest_version, count(v.id) AS versions
       FROM financing_product p LEFT JOIN financing_product_version v ON v.product_id = p.id
      GROUP BY p.code, p.latest_version`,
  );
  return Object.fromEntries(rows.map((r) => [r.code, [r.latest_version, Number(r.versions)]]));
}

describe('seeding (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    // The cloned database was seeded once when the test template was built.
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it('should publish nothing when the seeds run again unchanged, twice', async () => {
    const before = await versionsByCode(t);
    expect(Object.keys(before).sort()).toEqual(PRODUCTS.map((p) => p.code).sort());
    for (const [code, counts] of Object.entries(before))
      expect([code, counts]).toEqual([code, [1, 1]]);

    await t.app.get(SeedService).run();
    await t.app.get(SeedService).run();

    expect(await versionsByCode(t)).toEqual(before);
    const drafts = await t.sql('SELECT code FROM financing_product WHERE draft IS NOT NULL');
    expect(drafts).toEqual([]);
  });

  it('should publish one new version when a seeded product changed since it was seeded', async () => {
    // Simulate an older seed: the stored version differs from the seed in one nested field.
    await t.sql(
      `UPDATE financing_product_version v SET body = jsonb_set(v.body, '{summary,en}', '"older text"')
         FROM financing_product p WHERE p.id = v.product_id AND p.code = 'KEDAITONG'`,
    );
    await t.app.get(SeedService).run();
    const after = await versionsByCode(t);
    expect(after.KEDAITONG).toEqual([2, 2]);
    expect(after.WENQIDAI).toEqual([1, 1]);
  });
});
