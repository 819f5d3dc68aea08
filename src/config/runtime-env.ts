import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { EmbeddedDatabase, startEmbeddedPostgres } from '../database/embedded-postgres';
import { EnvironmentVariables, validateEnvironment } from './env.validation';

export interface RuntimeEnv {
  env: EnvironmentVariables;
  embedded?: EmbeddedDatabase;
}

/**
 * Fills in the local-development defaults the contract allows (docs/api.md, Configuration): outside
 * production a missing JWT_SECRET or SECRET_ENCRYPTION_KEY is generated once and kept under the data
 * directory, and a missing DATABASE_URL starts an embedded PostgreSQL there. Then validates
 * everything. This is the only place that writes to process.env; everything else reads the
 * validated configuration.
 */
export async function prepareRuntimeEnv(
  source: NodeJS.ProcessEnv = process.env,
  opts: { startDatabase?: boolean } = {},
): Promise<RuntimeEnv> {
  const envFile = resolve('.env');
  if (source === process.env && existsSync(envFile)) process.loadEnvFile(envFile);
  const production = source.NODE_ENV === 'production';
  const dataDir = resolve(source.DATA_DIR ?? '.data');
  let embedded: EmbeddedDatabase | undefined;
  if (!production) {
    source.JWT_SECRET ??= keptSecret(dataDir, 'jwt-secret', () =>
      randomBytes(48).toString('base64url'),
    );
    source.SECRET_ENCRYPTION_KEY ??= keptSecret(dataDir, 'secret-encryption-key', () =>
      randomBytes(32).toString('base64'),
    );
    if (!source.DATABASE_URL && opts.startDatabase !== false) {
      embedded = await startEmbeddedPostgres(dataDir, Number(source.EMBEDDED_PG_PORT ?? 54329));
      source.DATABASE_URL = embedded.url;
    }
  }
  return { env: validateEnvironment(source), embedded };
}

function keptSecret(dataDir: string, name: string, make: () => string): string {
  const file = join(dataDir, name);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const value = make();
  writeFileSync(file, value + '\n', { mode: 0o600 });
  return value;
}
