import { createDatabase, createTestApp, dropDatabase, TestApp } from '../support/test-app';
import { waitFor } from '../support/webhook-receiver';

/** Two API instances on one database: a change published on one reaches the other's matcher. */
describe('compiled catalogue across instances (e2e)', () => {
  let a: TestApp;
  let b: TestApp;
  let database: string;

  beforeAll(async () => {
    database = await createDatabase();
    a = await createTestApp({ database, env: { APP_ROLE: 'api' } });
    b = await createTestApp({ database, env: { APP_ROLE: 'api' } });
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    await dropDatabase(database);
  });

  it('should stop offering a product on the other instance when it is retired on one', async () => {
    const listed = async (t: TestApp) =>
      ((await t.http.get('/api/v1/products')).body.items as { code: string }[]).map((p) => p.code);
    expect(await listed(b)).toContain('WENQIDAI');
    const admin = await a.http.login('admin@test.example', 'admin-password-123');
    expect(
      (await a.http.post('/api/v1/admin/products/WENQIDAI/retire', undefined, { token: admin }))
        .status,
    ).toBe(201);
    expect(await listed(a)).not.toContain('WENQIDAI');
    // The other instance hears of it through PostgreSQL NOTIFY (its safety refresh is every minute).
    await waitFor(async () => !(await listed(b)).includes('WENQIDAI'), 5000, 50);
  });
});
