import { randomBytes } from 'node:crypto';

/** The real services the e2e tests use (both run locally; CI starts them if needed). */
export const PG_ADMIN_URL =
  process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
/**
 * Each `jest` run builds its own template database (global-setup.ts sets SFM_TEST_RUN before the
 * workers start), so concurrent runs on one machine never drop each other's databases.
 */
export function testRunId(): string {
  const id = process.env.SFM_TEST_RUN;
  if (!id)
    throw new Error('SFM_TEST_RUN is not set: run the e2e tests through jest (global-setup.ts)');
  return id;
}

export function templateDb(): string {
  return `sfm_tpl_${testRunId()}`;
}

/** Run ids start with the start time in base 36, so stale databases can be recognised. */
export function newRunId(now = Date.now()): string {
  return `${now.toString(36)}_${Math.random().toString(36).slice(2, 6)}`;
}

export function runStartedAt(dbName: string): number | null {
  const m = /^sfm_(?:tpl|test)_([0-9a-z]+)_/.exec(dbName);
  return m ? parseInt(m[1], 36) : null;
}

export function databaseUrl(name: string): string {
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/** The admin the seeds create in every test database. */
export const ADMIN = { email: 'admin@test.example', password: 'admin-password-123' } as const;

/** Settings every test app gets; a test may override any of them. */
export function baseTestEnv(): Record<string, string> {
  return {
    NODE_ENV: 'test',
    REDIS_URL,
    JWT_SECRET: randomBytes(48).toString('base64url'),
    SECRET_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    LOG_LEVEL: 'silent',
    WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
    LOGIN_RATE_LIMIT_PER_MINUTE: '10000',
    SEED_ON_START: 'false',
    // Most tests need no queue workers; delivery tests ask for APP_ROLE 'all' or 'worker'.
    APP_ROLE: 'api',
  };
}
