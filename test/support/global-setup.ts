import 'reflect-metadata';
import { Client } from 'pg';
import { NestFactory } from '@nestjs/core';
import { runMigrations } from '../../src/database/migrate';
import { baseTestEnv, databaseUrl, newRunId, PG_ADMIN_URL, runStartedAt, templateDb } from './env';

const STALE_AFTER_MS = 3 * 3600_000;

/**
 * Builds this run's template database once, from the migrations and the seeds; every test file
 * clones its own database from it (CREATE DATABASE … TEMPLATE), which takes milliseconds.
 */
export default async function globalSetup(): Promise<void> {
  process.env.SFM_TEST_RUN = newRunId();
  const template = templateDb();
  const admin = new Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  // Databases of runs that were interrupted long ago (a live concurrent run is left alone).
  const all = await admin.query<{ datname: string }>(
    `SELECT datname FROM pg_database WHERE datname LIKE 'sfm\\_%'`,
  );
  for (const { datname } of all.rows) {
    const started = runStartedAt(datname);
    const legacy =
      datname === 'sfm_test_template' ||
      /^sfm_test_[0-9a-f]{12}$/.test(datname) ||
      datname.startsWith('sfmfaults_');
    if (legacy || (started !== null && Date.now() - started > STALE_AFTER_MS)) {
      await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
  }
  await admin.query(`CREATE DATABASE ${template}`);
  await admin.end();
  const url = databaseUrl(template);
  await runMigrations(url);

  const saved = { ...process.env };
  Object.assign(process.env, baseTestEnv(), { DATABASE_URL: url, APP_ROLE: 'api' });
  const { AppModule } = await import('../../src/app.module');
  const { SeedService } = await import('../../src/seeding/seed.service');
  const ctx = await NestFactory.createApplicationContext(AppModule.forRole('api'), {
    logger: false,
  });
  await ctx.get(SeedService).run();
  await ctx.close();
  process.env = { ...saved, SFM_TEST_RUN: process.env.SFM_TEST_RUN };
}
