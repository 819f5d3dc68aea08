import { Logger } from '@nestjs/common';
import { setJsonLogLevel, useJsonLogs } from '../common/json-logs';
import { prepareRuntimeEnv } from '../config/runtime-env';
import { runMigrations } from '../database/migrate';
import { stopEmbeddedPostgres } from '../database/embedded-postgres';

/** `npm run migration:run`: applies pending migrations to DATABASE_URL (or the embedded default). */
async function main(): Promise<void> {
  useJsonLogs();
  const { env } = await prepareRuntimeEnv();
  setJsonLogLevel(env.LOG_LEVEL);
  const applied = await runMigrations(env.DATABASE_URL);
  new Logger('Migrations').log(
    applied.length ? `${applied.length} applied` : 'no pending migrations',
  );
  await stopEmbeddedPostgres();
}

main().catch((err: unknown) => {
  new Logger('Migrations').fatal(err);
  process.exitCode = 1;
});
