import { Client } from 'pg';
import { PG_ADMIN_URL, testRunId } from './env';

/** Drops this run's template and any clone a crashed test file left behind. */
export default async function globalTeardown(): Promise<void> {
  const admin = new Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  const run = testRunId();
  const rows = await admin.query<{ datname: string }>(
    `SELECT datname FROM pg_database WHERE datname IN ($1, $2) OR datname LIKE $3`,
    [`sfm_tpl_${run}`, `sfm_test_${run}`, `sfm_test_${run}_%`],
  );
  for (const { datname } of rows.rows)
    await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  await admin.end();
}
