import { prepareRuntimeEnv } from '../config/runtime-env';
import { runMigrations } from '../database/migrate';
import { stopEmbeddedPostgres } from '../database/embedded-postgres';

/** `npm run migration:run`: applies pending migrations to DATABASE_URL (or the embedded default). */
async function main(): Promise<void> {
  const { env } = await prepareRuntimeEnv();
  const applied = await runMigrations(env.DATABASE_URL);
  process.stdout.write(
    applied.length ? `applied: ${applied.join(', ')}\n` : 'no pending migrations\n',
  );
  await stopEmbeddedPostgres();
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
