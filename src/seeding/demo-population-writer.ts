import { DERIVED_FACTS_VERSION, deriveFacts } from '../modules/enterprises/domain/derived-facts';
import { demoEnterprise } from './demo-population';

/** Anything that runs a parameterised query (a pg Pool or Client). */
export interface Queryable {
  query<R extends object>(text: string, params?: unknown[]): Promise<{ rows: R[] }>;
}

/**
 * Writes enterprises `0 … count-1` of a demo population (docs/impact.md, "Scale data"): one SQL
 * statement per batch inserts the owners, the enterprises (skipping credit codes already taken)
 * and their first profile versions with derived facts. Returns how many enterprises were added.
 */
export async function insertDemoPopulation(
  db: Queryable,
  opts: {
    count: number;
    seed: number;
    today: string;
    batch?: number;
    onProgress?: (done: number) => void;
  },
): Promise<number> {
  const batch = opts.batch ?? 2000;
  let inserted = 0;
  for (let from = 0; from < opts.count; from += batch) {
    const rows = [];
    for (let i = from; i < Math.min(opts.count, from + batch); i += 1) {
      const e = demoEnterprise(opts.seed, i, opts.today);
      rows.push({
        ...e,
        uscc: e.profile.uscc ?? null,
        derived: deriveFacts(e.profile, opts.today),
      });
    }
    const result = await db.query<{ n: string }>(
      `WITH src AS (
         SELECT * FROM jsonb_to_recordset($1::jsonb)
           AS x(id uuid, "ownerId" uuid, email text, uscc text, profile jsonb, derived jsonb)
       ), users AS (
         INSERT INTO app_user (id, email, role, password_hash, display_name)
         SELECT "ownerId", email, 'sme', NULL, left(profile->>'name', 100) FROM src
         ON CONFLICT DO NOTHING
       ), ents AS (
         INSERT INTO enterprise (id, owner_id, uscc, current_version)
         SELECT id, "ownerId", uscc, 1 FROM src
         ON CONFLICT DO NOTHING
         RETURNING id
       ), versions AS (
         INSERT INTO enterprise_version
           (enterprise_id, version, profile, derived, derived_as_of, derived_version)
         SELECT src.id, 1, src.profile, src.derived, $2::date, $3 FROM src JOIN ents USING (id)
         RETURNING 1
       )
       SELECT count(*) AS n FROM versions`,
      [JSON.stringify(rows), opts.today, DERIVED_FACTS_VERSION],
    );
    inserted += Number(result.rows[0].n);
    opts.onProgress?.(Math.min(opts.count, from + batch));
  }
  await db.query('ANALYZE enterprise');
  await db.query('ANALYZE enterprise_version');
  return inserted;
}
