import { validateEnvironment } from './env.validation';

const good = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/x',
  JWT_SECRET: 'j'.repeat(40),
  SECRET_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
};

describe('validateEnvironment', () => {
  it('should apply the documented defaults when only the required settings are given', () => {
    const env = validateEnvironment({ ...good });
    expect(env).toMatchObject({
      PORT: 3000,
      APP_ROLE: 'all',
      REDIS_URL: 'redis://127.0.0.1:6379',
      WEBHOOK_TIMEOUT_MS: 15000,
      WEBHOOK_ALLOW_PRIVATE_TARGETS: false,
    });
  });

  it('should convert numbers and booleans given as strings', () => {
    const env = validateEnvironment({
      ...good,
      PORT: '8080',
      WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
    });
    expect(env.PORT).toBe(8080);
    expect(env.WEBHOOK_ALLOW_PRIVATE_TARGETS).toBe(true);
  });

  it('should name every bad key in one message', () => {
    let message = '';
    try {
      validateEnvironment({
        ...good,
        PORT: 'eighty',
        APP_ROLE: 'both',
        REDIS_URL: 'http://x',
        JWT_SECRET: 'short',
        WEBHOOK_RETRY_SCHEDULE: '0,-5',
      });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/^Invalid configuration \(5 setting\(s\)\)/);
    for (const key of ['PORT', 'APP_ROLE', 'REDIS_URL', 'JWT_SECRET', 'WEBHOOK_RETRY_SCHEDULE'])
      expect(message).toContain(`- ${key}:`);
  });

  it.each([
    ['smtp://127.0.0.1:2525', true],
    ['smtps://user:pass@mail.example.cn:465', true],
    ['http://mail.example.cn', false],
    ['', false],
  ])('should accept SMTP_URL %j only as an smtp(s) URL (%s)', (url, ok) => {
    const run = () => validateEnvironment({ ...good, SMTP_URL: url });
    if (ok) expect(run().SMTP_URL).toBe(url);
    else expect(run).toThrow(/SMTP_URL/);
  });

  it('should leave mail off and give the mail settings working defaults', () => {
    const env = validateEnvironment({ ...good });
    expect(env.SMTP_URL).toBeUndefined();
    expect(env.SMTP_FROM).toMatch(/@/);
    expect(env.SMTP_TIMEOUT_MS).toBe(15000);
    expect(env.PASSWORD_RESET_TTL_SECONDS).toBe(3600);
    expect(() => validateEnvironment({ ...good, SMTP_FROM: 'nobody' })).toThrow(/SMTP_FROM/);
  });

  it('should require the secrets and the database URL in production', () => {
    expect(() => validateEnvironment({ NODE_ENV: 'production' })).toThrow(
      /DATABASE_URL[\s\S]*JWT_SECRET[\s\S]*SECRET_ENCRYPTION_KEY|JWT_SECRET/,
    );
  });
});
