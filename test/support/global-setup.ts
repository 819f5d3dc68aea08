import 'reflect-metadata';
import { Client } from 'pg';
import { NestFactory } from '@nestjs/core';
import { runMigrations } from '../../src/database/migrate';
import { baseTestEnv, databaseUrl, PG_ADMIN_URL, TEMPLATE_DB } from './env';

/**
 * Builds the template database once per run, from the migrations and the seeds; every test file
 * clones its own database from it (CREATE DATABASE … TEMPLATE), which takes milliseconds.
 */
export default async function globalSetup(): Promise<void> {
  const admin = new Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(
    `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
    [TEMPLATE_DB],
  );
  await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB}`);
  await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
  const url = databaseUrl(TEMPLATE_DB);
  await runMigrations(url);

  Object.assign(process.env, baseTestEnv(), { DATABASE_URL: url, APP_ROLE: 'api' });
  const { AppModule } = await import('../../src/app.module');
  const { SeedService } = await import('../../src/seeding/seed.service');
  const ctx = await NestFactory.createApplicationContext(AppModule.forRole('api'), { logger: false });
  await ctx.get(SeedService).run();
  await ctx.close();
  delete process.env.DATABASE_URL;

  // Drop databases left behind by interrupted earlier runs.
  const stale = await admin.query<{ datname: string }>(
    `SELECT datname FROM pg_database WHERE datname LIKE 'sfm_test_%' AND datname <> $1`,
    [TEMPLATE_DB],
  );
  for (const { datname } of stale.rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  await admin.end();
}
