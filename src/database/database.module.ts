import { Module, OnApplicationShutdown } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config';
import { dataSourceOptions } from './data-source-options';
import { stopEmbeddedPostgres } from './embedded-postgres';

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        ...dataSourceOptions(config.databaseUrl),
        retryAttempts: 3,
        retryDelay: 1000,
      }),
    }),
  ],
})
export class DatabaseModule implements OnApplicationShutdown {
  // Runs after TypeORM has closed its pool (modules shut down in reverse order).
  async onApplicationShutdown(): Promise<void> {
    await stopEmbeddedPostgres();
  }
}
