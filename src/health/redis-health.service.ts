import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import IORedis from 'ioredis';
import { AppConfig } from '../config/app-config';
import { reconnectDelayMs, redisOptionsFromUrl } from '../common/queue/redis-options';

/**
 * A small Redis client for readiness checks only. It never queues commands while disconnected, so
 * a dead Redis answers "down" at once instead of hanging the probe.
 */
@Injectable()
export class RedisHealthService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(RedisHealthService.name);
  private readonly client: IORedis;
  private warnedDown = false;

  constructor(config: AppConfig) {
    this.client = new IORedis({
      ...redisOptionsFromUrl(config.redis.url),
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      connectTimeout: 2000,
      retryStrategy: reconnectDelayMs,
    });
    this.client.on('error', (err: Error) => {
      if (!this.warnedDown)
        this.logger.warn(`Redis unreachable (${err.message}); queued work waits in PostgreSQL`);
      this.warnedDown = true;
    });
    this.client.on('ready', () => {
      if (this.warnedDown) this.logger.log('Redis is reachable again');
      this.warnedDown = false;
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    // A refused connection fails at once; the retry strategy keeps trying in the background.
    await this.client.connect().catch(() => undefined);
    await this.checkEvictionPolicy();
  }

  async ping(): Promise<void> {
    const answer = await this.client.ping();
    if (answer !== 'PONG') throw new Error(`unexpected PING answer ${answer}`);
  }

  /** BullMQ loses jobs when Redis evicts keys; say so loudly at boot. */
  async checkEvictionPolicy(): Promise<string | undefined> {
    try {
      const reply = (await this.client.config('GET', 'maxmemory-policy')) as string[];
      const policy = reply?.[1];
      if (policy && policy !== 'noeviction') {
        this.logger.error(
          `Redis maxmemory-policy is "${policy}": BullMQ needs "noeviction" or queued jobs can be lost`,
        );
      }
      return policy;
    } catch {
      return undefined;
    }
  }

  async onModuleDestroy(): Promise<void> {
    this.client.disconnect();
  }
}
