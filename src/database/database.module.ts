import {
  Global,
  Logger,
  Module,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { closing } from '../common/shutdown';
import { AppConfig } from '../config/app-config';
import { dataSourceOptions, KEPT_OPEN_CONNECTIONS } from './data-source-options';
import { stopEmbeddedPostgres } from './embedded-postgres';
import { PgListenerService } from './pg-listener.service';
import { STARTUP_DATABASE_WAIT_MS } from './startup-retry';

/** The connection pool and the shared LISTEN connection, available to every module. */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        ...dataSourceOptions(config.databaseUrl),
        // The first connection is retried as long as the other start steps wait (startup-retry.ts).
        retryAttempts: STARTUP_DATABASE_WAIT_MS / 1000,
        retryDelay: 1000,
      }),
    }),
  ],
  providers: [PgListenerService],
  exports: [PgListenerService],
})
export class DatabaseModule implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DatabaseModule.name);

  constructor(private readonly dataSource: DataSource) {}

  /**
   * Opens the connections the pool keeps (KEPT_OPEN_CONNECTIONS) while the process is still
   * quiet: opened later, under load, each takes several turns of a busy event loop. Best effort:
   * the pool opens them on demand anyway.
   */
  async onApplicationBootstrap(): Promise<void> {
    const pool = (this.dataSource.driver as PostgresDriver).master as Pool;
    const opened = await Promise.allSettled(
      Array.from({ length: KEPT_OPEN_CONNECTIONS }, () => pool.connect()),
    );
    for (const o of opened) if (o.status === 'fulfilled') o.value.release();
    const failed = opened.find((o): o is PromiseRejectedResult => o.status === 'rejected');
    if (failed)
      this.logger.warn(`could not open the pool's kept connections: ${String(failed.reason)}`);
  }

  // Runs after TypeORM has closed its pool (modules shut down in reverse order).
  async onApplicationShutdown(): Promise<void> {
    await closing('embedded PostgreSQL', stopEmbeddedPostgres);
  }
}
