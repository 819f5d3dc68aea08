import { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../migrations';
import { ENTITIES } from './entities';

export function dataSourceOptions(url: string, poolSize = 10): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'typeorm_migrations',
    synchronize: false,
    uuidExtension: 'pgcrypto',
    migrationsRun: false,
    // Failed queries surface as errors the filter logs with the request id; expected ones (unique
    // violations turned into 409) are not noise in the log.
    logging: false,
    // A server that does not answer fails the request in 5 s (503) instead of holding it forever.
    extra: {
      max: poolSize,
      application_name: 'sme-finance-matcher',
      connectionTimeoutMillis: 5000,
    },
  };
}
