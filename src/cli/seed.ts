import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { setJsonLogLevel, useJsonLogs } from '../common/json-logs';
import { AppModule } from '../app.module';
import { prepareRuntimeEnv } from '../config/runtime-env';
import { runMigrations } from '../database/migrate';
import { SeedService } from '../seeding/seed.service';

/** `npm run seed`: applies migrations and the idempotent seeds, then exits. */
async function main(): Promise<void> {
  process.env.APP_ROLE = 'api'; // seeding needs no queue workers
  useJsonLogs();
  const { env } = await prepareRuntimeEnv();
  setJsonLogLevel(env.LOG_LEVEL);
  await runMigrations(env.DATABASE_URL);
  const app = await NestFactory.createApplicationContext(AppModule.forRole(env.APP_ROLE));
  await app.get(SeedService).run();
  await app.close();
}

main().catch((err: unknown) => {
  new Logger('Seed').fatal(err);
  process.exitCode = 1;
});
