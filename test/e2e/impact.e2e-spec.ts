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
