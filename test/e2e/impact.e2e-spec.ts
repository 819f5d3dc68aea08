import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import {
  DERIVED_FACTS_VERSION,
  deriveFacts,
  toFacts,
} from '../../src/modules/enterprises/domain/derived-facts';
import type { EnterpriseProfile } from '../../src/modules/enterprises/domain/profile';
import type { Rule } from '../../src/modules/matching/engine';
import { referenceStatus } from '../../src/modules/matching/engine/reference-interpreter';
import { insertDemoPopulation } from '../../src/seeding/demo-population-writer';
import { ADMIN } from '../support/env';
import { expectProblem } from '../support/problems';
import { PROJECT_ROOT, stopAllProcesses, WorkerProcess } from '../support/processes';
import { createTestApp, TestApp } from '../support/test-app';

const P = '/api/v1';
const POPULATION = 1500;

/** KEDAITONG with a wider certification test and a new minimum age: some gain, some lose. */
function changedRule(current: Rule): Rule {
  const root = current as { all: Rule[]; label?: unknown };
  const [techSme, ...rest] = root.all;
  return {
    ...root,
    all: [
      {
        any: [
          techSme,
          {
            id: 'high_tech',
            fact: 'certifications',
            operator: 'contains',
            value: 'high_tech_enterprise',
            label: { zh: '高新技术企业', en: 'High-tech enterprise' },
          },
        ],
        label: { zh: '科技型中小企业或高新技术企业', en: 'Tech-based SME or high-tech enterprise' },
      },
      ...rest,
      {
        id: 'two_years',
        fact: 'yearsInOperation',
        operator: 'greaterThanInclusive',
        value: 2,
        label: { zh: '成立满2年', en: 'In business for at least 2 years' },
      },
    ],
  } as Rule;
}

/**
 * The test's own answer: every profile read back in one query, derived afresh and evaluated by
 * the engine's deliberately naive reference interpreter (not the compiled rules the API uses).
 */
async function independentImpact(
  t: TestApp,
  before: Rule,
  after: Rule,
  asOf: string,
): Promise<{ transitions: Record<string, number>; gained: Set<string>; lost: Set<string> }> {
  const rows = await t.sql<{ id: string; profile: EnterpriseProfile }>(
    `SELECT e.id, v.profile FROM enterprise e
       JOIN enterprise_version v ON v.enterprise_id = e.id AND v.version = e.current_version`,
  );
  const transitions: Record<string, number> = {};
  const gained = new Set<string>();
  const lost = new Set<string>();
  for (const { id, profile } of rows) {
    const facts = toFacts(profile, deriveFacts(profile, asOf));
    const from = referenceStatus(before, facts);
    const to = referenceStatus(after, facts);
    transitions[`${from}→${to}`] = (transitions[`${from}→${to}`] ?? 0) + 1;
    if (to === 'eligible' && from !== 'eligible') gained.add(id);
    if (from === 'eligible' && to !== 'eligible') lost.add(id);
  }
  return { transitions, gained, lost };
}

describe('rule changes: impact preview (e2e)', () => {
  let t: TestApp;
  let admin: string;
  let current: Rule;

  beforeAll(async () => {
    t = await createTestApp({ env: { APP_ROLE: 'api' } });
    admin = await t.http.login(ADMIN.email, ADMIN.password);
    const db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
    await insertDemoPopulation(db, { count: POPULATION, seed: 11, today: t.clock.today() });
    // A few rows written before derived facts carried their version: derived again when read.
    await db.query(
      `UPDATE enterprise_version SET derived_version = 0, derived = '{}'::jsonb
        WHERE enterprise_id IN (SELECT id FROM enterprise ORDER BY id LIMIT 50)`,
    );
    await db.end();
    const product = await t.http.get(`${P}/admin/products/KEDAITONG`, { token: admin });
    current = product.body.published.eligibility as Rule;
  });
  afterAll(() => t.close());

  it('should count transitions, gains and losses as an independent evaluation does', async () => {
    const draft = changedRule(current);
    expect(
      (
        await t.http.patch(
          `${P}/admin/products/KEDAITONG`,
          { eligibility: draft },
          { token: admin },
        )
      ).status,
    ).toBe(200);
    const res = await t.http.post(`${P}/admin/products/KEDAITONG/impact`, {}, { token: admin });
    expect(res.status).toBe(200);
    const expected = await independentImpact(t, current, draft, t.clock.today());
    expect(res.body).toMatchObject({
      code: 'KEDAITONG',
      version: null,
      comparedToVersion: 1,
      evaluated: POPULATION,
      asOf: t.clock.today(),
      transitions: expected.transitions,
      gained: expected.gained.size,
      lost: expected.lost.size,
    });
    expect(expected.gained.size).toBeGreaterThan(0);
    expect(expected.lost.size).toBeGreaterThan(0);
    const { gained, lost } = res.body.examples as Record<string, { enterpriseId: string }[]>;
    expect(gained.length).toBe(Math.min(20, expected.gained.size));
    expect(lost.length).toBe(Math.min(20, expected.lost.size));
    for (const e of gained) expect(expected.gained.has(e.enterpriseId)).toBe(true);
    for (const e of lost) expect(expected.lost.has(e.enterpriseId)).toBe(true);
    expect(typeof res.body.examples.gained[0].name).toBe('string');
    // Nothing stored, nobody told.
    expect(await t.sql('SELECT 1 FROM notification')).toEqual([]);
    const [{ stale }] = await t.sql<{ stale: string }>(
      'SELECT count(*) AS stale FROM enterprise_version WHERE derived_version <> $1',
      [DERIVED_FACTS_VERSION],
    );
    expect(Number(stale)).toBe(50);
  });

  it('should compare a published version with itself as no change', async () => {
    const res = await t.http.post(
      `${P}/admin/products/KEDAITONG/impact`,
      { version: 1 },
      { token: admin },
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ version: 1, comparedToVersion: 1, gained: 0, lost: 0 });
    expect(
      Object.keys(res.body.transitions).every((k) => k.split('→')[0] === k.split('→')[1]),
    ).toBe(true);
  });

  it('should answer 404 for an unknown product or version, 422 without a draft', async () => {
    expectProblem(
      await t.http.post(`${P}/admin/products/NO_SUCH/impact`, {}, { token: admin }),
      404,
      'not_found',
    );
    expectProblem(
      await t.http.post(`${P}/admin/products/KEDAITONG/impact`, { version: 9 }, { token: admin }),
      404,
      'not_found',
    );
    expectProblem(
      await t.http.post(`${P}/admin/products/WENQIDAI/impact`, {}, { token: admin }),
      422,
      'not_publishable',
    );
  });

  it('should answer 422 naming the node when the draft rule does not compile', async () => {
    // Rules are checked on write, so a bad one can only be a draft stored before a check existed.
    await t.sql(
      `UPDATE financing_product SET draft = jsonb_set(draft, '{eligibility}', $1::jsonb)
        WHERE code = 'KEDAITONG'`,
      [JSON.stringify({ all: [{ id: 'x', fact: 'noSuchFact', operator: 'equal', value: 1 }] })],
    );
    const res = await t.http.post(`${P}/admin/products/KEDAITONG/impact`, {}, { token: admin });
    expectProblem(res, 422, 'invalid_rule');
    expect(res.body.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: 'eligibility.all[0].fact' })]),
    );
  });

  it('should be for admins only', async () => {
    const sme = await t.http.registerSme('impact-sme@test.example');
    expectProblem(
      await t.http.post(`${P}/admin/products/KEDAITONG/impact`, {}, { token: sme }),
      403,
      'forbidden',
    );
  });
});

describe('rule changes: re-match after publish and retire, across worker crashes (e2e)', () => {
  const env = { APP_ROLE: 'api', WORKER_LOCK_MS: '2000', REMATCH_PAGE_SIZE: '40' };
  let t: TestApp;
  let admin: string;
  let current: Rule;
  const workers: WorkerProcess[] = [];

  function startWorker(): WorkerProcess {
    const worker = new WorkerProcess({
      DATABASE_URL: t.databaseUrl,
      REDIS_URL: t.env.REDIS_URL,
      QUEUE_PREFIX: t.env.QUEUE_PREFIX,
      JWT_SECRET: t.env.JWT_SECRET,
      SECRET_ENCRYPTION_KEY: t.env.SECRET_ENCRYPTION_KEY,
      SEED_ON_START: 'false',
      LOG_LEVEL: 'warn',
      ...env,
    });
    workers.push(worker);
    return worker;
  }

  async function progress(): Promise<Record<string, any>> {
    const res = await t.http.get(`${P}/admin/products/KEDAITONG/rematch`, { token: admin });
    expect(res.status).toBe(200);
    return res.body;
  }

  async function until(
    pred: (p: Record<string, any>) => boolean,
    timeoutMs = 240_000,
  ): Promise<Record<string, any>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const p = await progress();
      if (pred(p)) return p;
      if (Date.now() > deadline) throw new Error(`re-match stuck at ${JSON.stringify(p)}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  async function notificationsByEnterprise(kind: string): Promise<Map<string, number>> {
    const rows = await t.sql<{ id: string; n: string }>(
      `SELECT enterprise_id AS id, count(*) AS n FROM notification
        WHERE type = 'match.changed' AND product_code = 'KEDAITONG' AND dedupe_key LIKE $1
        GROUP BY enterprise_id`,
      [`%:${kind}`],
    );
    return new Map(rows.map((r) => [r.id, Number(r.n)]));
  }

  beforeAll(async () => {
    if (!existsSync(join(PROJECT_ROOT, 'dist', 'src', 'worker.js')))
      throw new Error('dist/src/worker.js is missing: run `npm run build` before these tests');
    t = await createTestApp({ env });
    admin = await t.http.login(ADMIN.email, ADMIN.password);
    const db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
    await insertDemoPopulation(db, { count: POPULATION, seed: 12, today: t.clock.today() });
    await db.end();
    const product = await t.http.get(`${P}/admin/products/KEDAITONG`, { token: admin });
    current = product.body.published.eligibility as Rule;
  });
  afterAll(async () => {
    await stopAllProcesses();
    await t.close();
  });

  it('should tell each SME that gained or lost exactly once, though a worker dies mid-run', async () => {
    const draft = changedRule(current);
    await t.http.patch(`${P}/admin/products/KEDAITONG`, { eligibility: draft }, { token: admin });
    const preview = await t.http.post(`${P}/admin/products/KEDAITONG/impact`, {}, { token: admin });
    const expected = await independentImpact(t, current, draft, t.clock.today());
    expect(preview.body).toMatchObject({
      transitions: expected.transitions,
      gained: expected.gained.size,
      lost: expected.lost.size,
    });

    const published = await t.http.post(`${P}/admin/products/KEDAITONG/publish`, undefined, {
      token: admin,
    });
    expect(published.status).toBe(201);
    expect(await progress()).toMatchObject({ version: 2, kind: 'publish', state: 'queued' });

    // The first worker is killed outright (SIGKILL) after some pages, in the middle of the run.
    const first = startWorker();
    const midway = await until((p) => p.done >= 200);
    await first.kill();
    const atCrash = await progress();
    expect(atCrash.state).toBe('running');
    expect(atCrash.done).toBeLessThan(POPULATION);
    expect(midway.done).toBeLessThanOrEqual(atCrash.done);

    // Two workers take over (the crashed job's lock expires); they never both work one page.
    startWorker();
    startWorker();
    const finished = await until((p) => p.state === 'done');
    expect(finished).toMatchObject({
      total: POPULATION,
      done: POPULATION,
      changed: expected.gained.size + expected.lost.size,
      notified: expected.gained.size + expected.lost.size,
    });

    const told = await notificationsByEnterprise('publish');
    expect(new Set(told.keys())).toEqual(new Set([...expected.gained, ...expected.lost]));
    expect([...told.values()].every((n) => n === 1)).toBe(true);

    // What a gaining SME reads: the product, old and new status, the criteria that changed.
    const [gainedId] = [...expected.gained];
    const [n] = await t.sql<{
      title: { zh: string; en: string };
      body: { zh: string; en: string };
    }>(`SELECT title, body FROM notification WHERE enterprise_id = $1`, [gainedId]);
    expect(n.title.zh).toContain('科贷通');
    expect(n.body.en).toMatch(/changed from (not eligible|needs more information) to eligible/);
    expect(n.body.zh).toContain('变化的条件');
    expect(n.body.en).not.toMatch(/high_tech|two_years|eligibility\./);

    // Statuses are recorded for everyone, against version 2.
    const statuses = await t.sql<{ status: string; n: string }>(
      `SELECT status, count(*) AS n FROM product_match_status
        WHERE product_code = 'KEDAITONG' AND product_version = 2 GROUP BY status`,
    );
    expect(statuses.reduce((s, r) => s + Number(r.n), 0)).toBe(POPULATION);
  }, 300_000);

  it('should tell no one twice when the same run is done again from the start', async () => {
    const before = await t.sql<{ n: string }>('SELECT count(*) AS n FROM notification');
    await t.sql(
      `UPDATE rematch_run SET state = 'queued', cursor = NULL, done = 0, changed = 0, notified = 0
        WHERE product_code = 'KEDAITONG' AND product_version = 2`,
    );
    await t.sql(`DELETE FROM product_match_status WHERE product_code = 'KEDAITONG'`);
    await t.sql(`SELECT pg_notify('rematch_queued', 'KEDAITONG')`);
    const again = await until((p) => p.state === 'done' && p.done === POPULATION);
    expect(again.notified).toBe(0);
    expect(await t.sql<{ n: string }>('SELECT count(*) AS n FROM notification')).toEqual(before);
  }, 120_000);

  it('should tell the SMEs eligible for a product once when it is retired', async () => {
    const eligible = await t.sql<{ id: string }>(
      `SELECT enterprise_id AS id FROM product_match_status
        WHERE product_code = 'KEDAITONG' AND status = 'eligible'`,
    );
    expect(eligible.length).toBeGreaterThan(0);
    expect(
      (await t.http.post(`${P}/admin/products/KEDAITONG/retire`, undefined, { token: admin }))
        .status,
    ).toBe(201);
    const done = await until((p) => p.kind === 'retire' && p.state === 'done');
    expect(done.notified).toBe(eligible.length);
    const told = await notificationsByEnterprise('retire');
    expect(new Set(told.keys())).toEqual(new Set(eligible.map((r) => r.id)));
    const [n] = await t.sql<{ body: { zh: string; en: string } }>(
      `SELECT body FROM notification WHERE dedupe_key LIKE '%:retire' LIMIT 1`,
    );
    expect(n.body.zh).toContain('已下线');
  }, 120_000);
});
