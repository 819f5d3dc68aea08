import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { Test, TestingModuleBuilder } from '@nestjs/testing';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Client } from 'pg';
import { AppModule } from '../../src/app.module';
import type { AppRole } from '../../src/config/env.validation';
import { APP_OPTIONS, createFastifyAdapter, setupApp } from '../../src/app.setup';
import { Clock } from '../../src/common/time/clock';
import { baseTestEnv, databaseUrl, PG_ADMIN_URL, templateDb, testRunId } from './env';
import { HttpClient } from './http';

/** A clock tests can move. */
export class TestClock extends Clock {
  private offsetMs = 0;
  override now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
  set(date: Date | string): void {
    this.offsetMs = new Date(date).getTime() - Date.now();
  }
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}

export interface TestApp {
  app: NestFastifyApplication;
  url: string;
  http: HttpClient;
  clock: TestClock;
  databaseUrl: string;
  env: Record<string, string>;
  close(): Promise<void>;
  /** Runs SQL against this test's database (for assertions on what was stored). */
  sql<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
}

export async function createDatabase(): Promise<string> {
  const name = `sfm_test_${testRunId()}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${templateDb()}`);
  await admin.end();
  return name;
}

export async function dropDatabase(name: string): Promise<void> {
  const admin = new Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
}

/**
 * Boots the real AppModule through the same setup as main.ts on its own cloned database and its
 * own queue prefix, listening on a loopback port.
 */
export async function createTestApp(
  opts: {
    env?: Record<string, string>;
    database?: string;
    /** A database on another server (e.g. a PrivatePostgres); the test owns it, nothing is cloned. */
    databaseUrl?: string;
    customize?: (b: TestingModuleBuilder) => TestingModuleBuilder;
    /** Where the app's clock stands from its first tick (a worker sweeps once as it boots). */
    clockAt?: Date;
  } = {},
): Promise<TestApp> {
  const own = !opts.database && !opts.databaseUrl;
  const database = opts.database ?? (opts.databaseUrl ? '' : await createDatabase());
  const env: Record<string, string> = {
    ...baseTestEnv(),
    DATABASE_URL: opts.databaseUrl ?? databaseUrl(database),
    QUEUE_PREFIX: `sfmtest_${randomBytes(4).toString('hex')}`,
    ...opts.env,
  };
  Object.assign(process.env, env);
  const clock = new TestClock();
  if (opts.clockAt) clock.set(opts.clockAt);
  let builder = Test.createTestingModule({ imports: [AppModule.forRole(env.APP_ROLE as AppRole)] })
    .overrideProvider(Clock)
    .useValue(clock);
  if (opts.customize) builder = opts.customize(builder);
  const moduleRef = await builder.compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(
    createFastifyAdapter(262144),
    { ...APP_OPTIONS, logger: false },
  );
  setupApp(app);
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  const db = new Client({ connectionString: env.DATABASE_URL });
  // Fault tests stop the server under this client; that must not crash the test process.
  db.on('error', () => undefined);
  await db.connect();
  return {
    app,
    url,
    http: new HttpClient(url),
    clock,
    databaseUrl: env.DATABASE_URL,
    env,
    sql: async <T>(text: string, params?: unknown[]) => (await db.query(text, params)).rows as T[],
    close: async () => {
      await db.end();
      await app.close();
      if (own) await dropDatabase(database);
    },
  };
}
