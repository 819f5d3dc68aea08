import type { ClientBase } from 'pg';
import { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../migrations';
import { ENTITIES } from './entities';

/**
 * Gives each pooled connection, as soon as it is open, an `error` listener it keeps for life
 * (docs/notifications.md, When PostgreSQL restarts). The pool listens while a connection is idle
 * and TypeORM while a query runner holds it, but neither in between: the pool hands a new
 * connection over in the same tick in which it read the server's "ready", and TypeORM attaches
 * its listener a few microtasks later. A server that is shutting down sends its 57P01 right after
 * that "ready", often in the same TCP packet, so the error was emitted with no listener and the
 * process died of an uncaught exception. Nothing is lost by ignoring the event here: the
 * connection is marked unusable, its next query fails (and is reported by whoever ran it), and
 * the pool discards it when it comes back.
 */
export function guardPooledConnection(client: ClientBase): void {
  client.on('error', () => undefined);
}

/**
 * Pooled connections kept open for the process's life: enough for an admin's write and the
 * catalogue refresh it sets off at once, without opening one (see `min` below).
 */
export const KEPT_OPEN_CONNECTIONS = 2;

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
      // Connections the pool keeps open however long they sit idle (pg-pool closes the others
      // after 10 s). Public match previews need no database, so under their load the pool would
      // empty, and an admin's write would have to open a connection while every step of that
      // waits behind a round of previews: past the 5 s below, a 503. DatabaseModule opens them at
      // start.
      min: Math.min(poolSize, KEPT_OPEN_CONNECTIONS),
      application_name: 'sme-finance-matcher',
      connectionTimeoutMillis: 5000,
      // pg-pool calls this once per new connection, before anyone can use it.
      onConnect: guardPooledConnection,
    },
  };
}
