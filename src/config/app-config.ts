import { EnvironmentVariables } from './env.validation';

/** Typed, grouped access to the validated configuration. Nothing outside src/config reads process.env. */
export class AppConfig {
  constructor(private readonly env: EnvironmentVariables) {}

  private get<K extends keyof EnvironmentVariables>(key: K): EnvironmentVariables[K] {
    return this.env[key];
  }

  get production(): boolean {
    return this.get('NODE_ENV') === 'production';
  }
  get role(): EnvironmentVariables['APP_ROLE'] {
    return this.get('APP_ROLE');
  }
  get runsApi(): boolean {
    return this.role !== 'worker';
  }
  get runsWorkers(): boolean {
    return this.role !== 'api';
  }
  get databaseUrl(): string {
    return this.get('DATABASE_URL');
  }
  get redis() {
    return { url: this.get('REDIS_URL'), prefix: this.get('QUEUE_PREFIX') };
  }
  get auth() {
    return {
      jwtSecret: this.get('JWT_SECRET'),
      jwtExpiresInSeconds: this.get('JWT_EXPIRES_IN_SECONDS'),
      refreshTokenTtlSeconds: this.get('REFRESH_TOKEN_TTL_SECONDS'),
      loginRateLimitPerMinute: this.get('LOGIN_RATE_LIMIT_PER_MINUTE'),
    };
  }
  get admin() {
    return { email: this.get('ADMIN_EMAIL'), password: this.get('ADMIN_PASSWORD') };
  }
  get secretEncryptionKey(): Buffer {
    return Buffer.from(this.get('SECRET_ENCRYPTION_KEY'), 'base64');
  }
  get logLevel(): string {
    return this.get('LOG_LEVEL');
  }
  get webhooks() {
    return {
      allowPrivateTargets: this.get('WEBHOOK_ALLOW_PRIVATE_TARGETS'),
      retryScheduleCsv: this.get('WEBHOOK_RETRY_SCHEDULE'),
      timeoutMs: this.get('WEBHOOK_TIMEOUT_MS'),
      concurrency: this.get('WEBHOOK_CONCURRENCY'),
    };
  }
  get worker() {
    return {
      lockMs: this.get('WORKER_LOCK_MS'),
      outboxPollMs: this.get('OUTBOX_POLL_MS'),
      sweepGraceMs: this.get('DELIVERY_SWEEP_GRACE_MS'),
      deadlineSweepMs: this.get('DEADLINE_SWEEP_MS'),
    };
  }
  get shutdownTimeoutMs(): number {
    return this.get('SHUTDOWN_TIMEOUT_MS');
  }
  get rematch() {
    return { pageSize: this.get('REMATCH_PAGE_SIZE') };
  }
  get matching() {
    return { lpr1yBp: this.get('LPR_1Y_BP') };
  }
  /** Email to SMEs; `enabled` is false when SMTP_URL is unset. */
  get mail() {
    const url = this.get('SMTP_URL');
    return {
      enabled: Boolean(url),
      url: url ?? null,
      from: this.get('SMTP_FROM'),
      timeoutMs: this.get('SMTP_TIMEOUT_MS'),
    };
  }
  get publicUrl(): string {
    return this.get('PUBLIC_URL').replace(/\/+$/, '');
  }
  get passwordResetTtlSeconds(): number {
    return this.get('PASSWORD_RESET_TTL_SECONDS');
  }
}
