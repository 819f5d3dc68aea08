import { parseArgs } from 'node:util';
import { Pool } from 'pg';
import { Clock } from '../common/time/clock';
import { prepareRuntimeEnv } from '../config/runtime-env';
import { runMigrations } from '../database/migrate';
import { insertDemoPopulation } from '../seeding/demo-population-writer';

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
  let inserted: number;
  try {
    inserted = await insertDemoPopulation(pool, {
      count,
      seed,
      today,
      batch,
      onProgress: (done) => process.stdout.write(`\r${done} / ${count}`),
    });
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
