import { parseArgs } from 'node:util';
import { Pool } from 'pg';
import { Clock } from '../common/time/clock';
import { prepareRuntimeEnv } from '../config/runtime-env';
import { runMigrations } from '../database/migrate';
import { DERIVED_FACTS_VERSION, deriveFacts } from '../modules/enterprises/domain/derived-facts';
import { demoEnterprise } from '../seeding/demo-population';

/**
 * `npm run seed:demo -- --enterprises 100000 [--seed 1] [--batch 2000]`: a synthetic population of
 * Jiangxi enterprises for demos and benchmarks (docs/impact.md). Each enterprise gets its own SME
 * owner (no password: demo owners cannot log in). Idempotent: rows are keyed by stable ids, so a
 * re-run adds only what is missing and a larger --enterprises extends a smaller population.
 * Never run by `npm start`.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      enterprises: { type: 'string', default: '1000' },
      seed: { type: 'string', default: '1' },
      batch: { type: 'string', default: '2000' },
    },
  });
  const count = Number(values.enterprises);
  const seed = Number(values.seed);
  const batch = Number(values.batch);
  for (const [name, n] of [
    ['enterprises', count],
    ['seed', seed],
    ['batch', batch],
  ] as const) {
    if (!Number.isSafeInteger(n) || n < (name === 'seed' ? 0 : 1))
      throw new Error(`--${name} must be a whole number${name === 'seed' ? '' : ' ≥ 1'}`);
  }
  const { env, embedded } = await prepareRuntimeEnv();
  await runMigrations(env.DATABASE_URL);
  const pool = new Pool({ connectionString: env.DATABASE_URL, max: 2 });
  const today = new Clock().today();
  const started = Date.now();
  let inserted = 0;
  try {
    for (let from = 0; from < count; from += batch) {
      const rows = [];
      for (let i = from; i < Math.min(count, from + batch); i += 1) {
        const e = demoEnterprise(seed, i, today);
        rows.push({ ...e, uscc: e.profile.uscc ?? null, derived: deriveFacts(e.profile, today) });
      }
      // One statement per batch: users, enterprises (skipping credit codes already registered) and
      // their first profile version, from one JSON parameter.
      const result = await pool.query<{ n: string }>(
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
        [JSON.stringify(rows), today, DERIVED_FACTS_VERSION],
      );
      inserted += Number(result.rows[0].n);
      process.stdout.write(`\r${Math.min(count, from + batch)} / ${count}`);
    }
    await pool.query('ANALYZE enterprise; ANALYZE enterprise_version');
  } finally {
    await pool.end();
    await embedded?.stop();
  }
  const seconds = (Date.now() - started) / 1000;
  process.stdout.write(
    `\n${inserted} enterprises added (${count - inserted} already there), seed ${seed}, ` +
      `${seconds.toFixed(1)} s\n`,
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
