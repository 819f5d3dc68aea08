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

  it('should require the secrets and the database URL in production', () => {
    expect(() => validateEnvironment({ NODE_ENV: 'production' })).toThrow(
      /DATABASE_URL[\s\S]*JWT_SECRET[\s\S]*SECRET_ENCRYPTION_KEY|JWT_SECRET/,
    );
  });
});
