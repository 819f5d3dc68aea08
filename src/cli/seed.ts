import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module';
import { prepareRuntimeEnv } from '../config/runtime-env';
import { runMigrations } from '../database/migrate';
import { SeedService } from '../seeding/seed.service';

/** `npm run seed`: applies migrations and the idempotent seeds, then exits. */
async function main(): Promise<void> {
  process.env.APP_ROLE = 'api'; // seeding needs no queue workers
  const { env } = await prepareRuntimeEnv();
  await runMigrations(env.DATABASE_URL);
  const app = await NestFactory.createApplicationContext(AppModule.forRole(env.APP_ROLE), {
    logger: ['error', 'warn', 'log'],
  });
  await app.get(SeedService).run();
  await app.close();
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
