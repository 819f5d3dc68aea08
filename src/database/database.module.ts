import { Global, Module, OnApplicationShutdown } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { closing } from '../common/shutdown';
import { AppConfig } from '../config/app-config';
import { dataSourceOptions } from './data-source-options';
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
export class DatabaseModule implements OnApplicationShutdown {
  // Runs after TypeORM has closed its pool (modules shut down in reverse order).
  async onApplicationShutdown(): Promise<void> {
    await closing('embedded PostgreSQL', stopEmbeddedPostgres);
  }
}
