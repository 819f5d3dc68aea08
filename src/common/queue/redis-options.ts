/** The connection fields both ioredis and BullMQ accept. */
export interface RedisEndpoint {
  host: string;
  port: number;
  username?: string;
  password?: string;
  db: number;
  tls?: object;
}

/**
 * Delay before the `times`-th reconnection attempt: 200 ms more each time, at most 1 s. ioredis
 * and BullMQ default to an exponential back-off of up to 20 s, which kept deliveries waiting long
 * after Redis was back.
 */
export function reconnectDelayMs(times: number): number {
  return Math.min(Math.max(times, 1) * 200, 1000);
}

/** ioredis options from a `redis://[user:pass@]host:port[/db]` URL (BullMQ takes options, not URLs). */
export function redisOptionsFromUrl(url: string): RedisEndpoint {
  const parsed = new URL(url);
  const db = parsed.pathname.length > 1 ? Number(parsed.pathname.slice(1)) : 0;
  return {
    host: parsed.hostname.replace(/^\[|\]$/g, ''),
    port: parsed.port ? Number(parsed.port) : 6379,
    username: parsed.username ? decodeURIComponent(parsed.username) : undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    db: Number.isInteger(db) ? db : 0,
    ...(parsed.protocol === 'rediss:' ? { tls: {} } : {}),
  };
}
