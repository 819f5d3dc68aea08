import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';
import { retryWhileDatabaseUnavailable } from './startup-retry';

const MIGRATION_LOCK = 47_110_815; // any constant; shared by every instance of this service

/**
 * Applies pending migrations under a PostgreSQL advisory lock, so several instances starting at once
 * do not race. Each migration runs in its own transaction, so a server that goes away half-way
 * leaves whole migrations behind: the run starts again once it answers (startup-retry.ts).
 */
export async function runMigrations(url: string): Promise<string[]> {
  const logger = new Logger('Migrations');
  return retryWhileDatabaseUnavailable('migrations', () => migrateOnce(url, logger), { logger });
}

async function migrateOnce(url: string, logger: Logger): Promise<string[]> {
  const ds = new DataSource(dataSourceOptions(url, 2));
  await ds.initialize();
  try {
    await ds.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const applied = await ds.runMigrations({ transaction: 'each' });
    for (const m of applied) logger.log(`applied ${m.name}`);
    return applied.map((m) => m.name);
  } finally {
    await ds.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await ds.destroy();
  }
}
