import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';

const toBool = ({ value }: { value: unknown }): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;
const toInt = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;

export const APP_ROLES = ['api', 'worker', 'all'] as const;
export type AppRole = (typeof APP_ROLES)[number];
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Every setting the service reads, validated once at boot (README: Configuration). */
export class EnvironmentVariables {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Matches(/^postgres(ql)?:\/\//, { message: 'must be a postgres:// URL' })
  DATABASE_URL!: string;

  @Matches(/^rediss?:\/\//, { message: 'must be a redis:// or rediss:// URL' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '0.0.0.0';

  @IsIn(APP_ROLES)
  APP_ROLE: AppRole = 'all';

  @IsString()
  @MinLength(32, { message: 'must be at least 32 characters' })
  JWT_SECRET!: string;

  @Transform(toInt)
  @IsInt()
  @Min(60)
  JWT_EXPIRES_IN_SECONDS = 3600;

  @Transform(toInt)
  @IsInt()
  @Min(300)
  REFRESH_TOKEN_TTL_SECONDS = 1_209_600;

  @IsString()
  @Matches(/^[^@\s]+@[^@\s]+$/, { message: 'must be an email address' })
  ADMIN_EMAIL = 'admin@example.com';

  @IsString()
  @MinLength(10, { message: 'must be at least 10 characters' })
  ADMIN_PASSWORD = 'change-me-admin-password';

  @Matches(/^[A-Za-z0-9+/]{43}=$/, { message: 'must be base64 of exactly 32 bytes' })
  SECRET_ENCRYPTION_KEY!: string;

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: (typeof LOG_LEVELS)[number] = 'info';

  @Transform(toBool)
  @IsBoolean()
  WEBHOOK_ALLOW_PRIVATE_TARGETS = false;

  @Matches(/^\d+(,\d+)*$/, { message: 'must be comma-separated whole seconds' })
  WEBHOOK_RETRY_SCHEDULE = '0,5,300,1800,7200,18000,36000,50400,72000,86400';

  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(120000)
  WEBHOOK_TIMEOUT_MS = 15000;

  /** How long a worker holds a job before another may take it over (crash recovery time). */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  WORKER_LOCK_MS = 30000;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(256)
  WEBHOOK_CONCURRENCY = 16;

  /** How often the outbox relay looks for unsent rows (it is also woken by NOTIFY). */
  @Transform(toInt)
  @IsInt()
  @Min(50)
  OUTBOX_POLL_MS = 1000;

  /** A due delivery with no job in Redis for this long is enqueued again (e.g. after Redis lost it). */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  DELIVERY_SWEEP_GRACE_MS = 30000;

  /** How long a stopping process (SIGTERM/SIGINT) may take before it exits with code 1 anyway. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  SHUTDOWN_TIMEOUT_MS = 10000;

  /** How often the worker looks for referral deadlines that have passed (docs/deadlines.md). */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  DEADLINE_SWEEP_MS = 60000;

  /** Enterprises per page (and per transaction) of a re-match after a publish or retirement. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10000)
  REMATCH_PAGE_SIZE = 1000;

  /** BullMQ key prefix; tests give each run its own. */
  @IsString()
  @Matches(/^[a-z0-9:_-]{1,64}$/i)
  QUEUE_PREFIX = 'sfm';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_RATE_LIMIT_PER_MINUTE = 10;

  @Transform(toInt)
  @IsInt()
  @Min(1024)
  BODY_LIMIT_BYTES = 262144;

  /** One-year LPR in basis points, used only by the match score's cost component. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  LPR_1Y_BP = 300;

  @Transform(toBool)
  @IsBoolean()
  SEED_ON_START = true;

  /** Email to SMEs (`smtp://` or `smtps://`, credentials allowed); unset → notifications stay in the service. */
  @IsOptional()
  @Matches(/^smtps?:\/\/[^\s]+$/, { message: 'must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  /** The sender of those mails, e.g. `融资服务平台 <no-reply@example.cn>`. */
  @IsString()
  @Matches(/^[^\r\n]*<?[^@\s<>]+@[^@\s<>]+>?$/, {
    message: 'must be an address, optionally with a name',
  })
  SMTP_FROM = 'SME Finance Matcher <no-reply@localhost>';

  /** Connect, greeting and per-command timeout of one mail attempt. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(120000)
  SMTP_TIMEOUT_MS = 15000;

  /** Where people reach the service in a browser; links in mails (password reset) start with it. */
  @Matches(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/, { message: 'must be an http(s) URL' })
  PUBLIC_URL = 'http://localhost:3000';

  /** How long a password-reset link stays valid. */
  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(86400)
  PASSWORD_RESET_TTL_SECONDS = 3600;

  /** Where local state lives: generated secrets and the embedded PostgreSQL. */
  @IsOptional()
  @IsString()
  DATA_DIR?: string;

  /** Port of the embedded PostgreSQL (used only when DATABASE_URL is unset). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @Max(65535)
  EMBEDDED_PG_PORT?: number;
}

/**
 * Validates the environment once and reports every bad key in one message, so an operator fixes
 * them all in one go instead of one per restart.
 */
export function validateEnvironment(raw: Record<string, unknown>): EnvironmentVariables {
  const env = plainToInstance(EnvironmentVariables, raw, { exposeDefaultValues: true });
  const errors = validateSync(env, { skipMissingProperties: false, whitelist: false });
  if (env.NODE_ENV === 'production') {
    for (const key of ['JWT_SECRET', 'SECRET_ENCRYPTION_KEY', 'DATABASE_URL'] as const) {
      if (!raw[key])
        errors.push({
          property: key,
          constraints: { required: 'is required in production' },
        } as never);
    }
  }
  if (errors.length > 0) {
    const lines = errors.map(
      (e) =>
        `  - ${e.property}: ${Object.values(e.constraints ?? { invalid: 'is invalid' }).join('; ')}`,
    );
    throw new Error(`Invalid configuration (${errors.length} setting(s)):\n${lines.join('\n')}`);
  }
  return env;
}
