import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { DataSource, In, Repository } from 'typeorm';
import { JobName, QueueName } from '../../common/queue/queue-names';
import { Clock } from '../../common/time/clock';
import { closing } from '../../common/shutdown';
import { AppConfig } from '../../config/app-config';
import { PgListenerService } from '../../database/pg-listener.service';
import { OutboxMessage, WebhookDelivery } from './delivery.entity';
import { MailDelivery } from './mail-delivery.entity';
import { OUTBOX_CHANNEL } from './outbox.service';
import { isDatabaseUnavailable } from '../../database/errors';

const BATCH = 200;
// Completed jobs leave Redis at once (PostgreSQL keeps the delivery log); a few failed ones stay for inspection.
const JOB_OPTIONS = { removeOnComplete: true, removeOnFail: 1000 } as const;
/** How long to wait for a first Redis connection before giving up until the next run. */
const REDIS_READY_MS = 2000;

/**
 * Moves committed outbox rows into BullMQ (jobId = outbox id, so a row enqueued twice runs once),
 * and sweeps up due deliveries whose job Redis no longer has (Redis restarted without persistence,
 * a job removed by hand). Runs in the worker role; catches up by itself after Redis or the app
 * was down, because the rows wait in PostgreSQL.
 */
@Injectable()
export class OutboxRelayService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelayService.name);
  private pollTimer: NodeJS.Timeout | null = null;
  private sweepTimer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private again = false;
  private stopped = false;
  private redisDown = false;
  private sweeping = false;
  private postgresDown = false;

  constructor(
    @InjectQueue(QueueName.Webhooks) private readonly queue: Queue,
    @InjectRepository(WebhookDelivery) private readonly deliveries: Repository<WebhookDelivery>,
    @InjectRepository(MailDelivery) private readonly mails: Repository<MailDelivery>,
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly listener: PgListenerService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.queue.on('error', (err) => this.markRedisDown(err));
    const { outboxPollMs, sweepGraceMs } = this.config.worker;
    this.pollTimer = setInterval(() => this.kick(), outboxPollMs);
    this.sweepTimer = setInterval(
      () => void this.sweepOnce(),
      Math.max(1000, Math.floor(sweepGraceMs / 2)),
    );
    // Also called after the listener reconnects, in case a NOTIFY was missed meanwhile.
    await this.listener.subscribe(OUTBOX_CHANNEL, () => this.kick());
    this.kick();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.pollTimer) clearInterval(this.pollTimer);
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    await closing('outbox relay', async () => this.running?.catch(() => undefined));
  }

  /** Dispatches now (coalescing concurrent requests into one more run). */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.dispatchAll()
      .catch((e: Error) => this.markDown(e))
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** Enqueues every undispatched row; returns how many were moved. */
  async dispatchAll(): Promise<number> {
    // Before any transaction: rows must not stay locked in one while we wait for Redis.
    await this.redisReady();
    let moved = 0;
    for (;;) {
      const n = await this.dispatchBatch();
      moved += n;
      if (n < BATCH) break;
    }
    if (this.postgresDown) {
      this.postgresDown = false;
      this.logger.log('PostgreSQL is back; the outbox relay runs again');
    }
    if (moved && this.redisDown) {
      this.redisDown = false;
      this.logger.log('Redis is back; the outbox caught up');
    }
    return moved;
  }

  private dispatchBatch(): Promise<number> {
    return this.dataSource.transaction(async (em) => {
      const rows = await em
        .getRepository(OutboxMessage)
        .createQueryBuilder('o')
        .where('o.dispatched_at IS NULL')
        .orderBy('o.created_at', 'ASC')
        .limit(BATCH)
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .getMany();
      if (!rows.length) return 0;
      // If Redis is down this throws, the transaction rolls back and the rows wait for the next run.
      await viaRedis(
        this.queue.addBulk(
          rows.map((r) => ({
            name: r.jobName,
            data: r.payload,
            opts: { ...JOB_OPTIONS, jobId: r.id },
          })),
        ),
      );
      await em
        .getRepository(OutboxMessage)
        .update({ id: In(rows.map((r) => r.id)) }, { dispatchedAt: this.clock.now() });
      return rows.length;
    });
  }

  private async sweepOnce(): Promise<void> {
    if (this.sweeping || this.stopped) return; // one sweep at a time, however long Redis takes
    this.sweeping = true;
    try {
      await this.sweep();
    } catch (e) {
      this.markDown(e as Error);
    } finally {
      this.sweeping = false;
    }
  }

  /**
   * BullMQ waits for a first Redis connection forever (only later does a lost connection fail
   * commands at once, as enableOfflineQueue is off); give up after REDIS_READY_MS instead.
   */
  private async redisReady(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        viaRedis(this.queue.waitUntilReady()),
        new Promise((_, reject) => {
          timer = setTimeout(
            () => reject(new RedisUnavailable(new Error('no connection to Redis yet'))),
            REDIS_READY_MS,
          );
        }),
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Re-enqueues due deliveries (webhooks and mail) whose job is missing from Redis. */
  async sweep(): Promise<number> {
    await this.redisReady();
    const overdue = new Date(this.clock.now().getTime() - this.config.worker.sweepGraceMs);
    // A delivery whose outbox row the relay has not moved yet is the relay's (a backlog after an
    // outage): enqueued here as well, its job could run and leave Redis before the relay adds the
    // same job id again, and the delivery would be attempted twice (the second finds it settled).
    const due = <T extends WebhookDelivery | MailDelivery>(repo: Repository<T>) =>
      repo
        .createQueryBuilder('d')
        .where(`d.status IN ('pending', 'failed') AND d.next_attempt_at < :overdue`, { overdue })
        .andWhere(
          'NOT EXISTS (SELECT 1 FROM outbox o WHERE o.id = d.outbox_id AND o.dispatched_at IS NULL)',
        )
        .orderBy('d.nextAttemptAt', 'ASC')
        .limit(BATCH)
        .getMany();
    const [hooks, mails] = await Promise.all([due(this.deliveries), due(this.mails)]);
    const lost = [
      ...hooks.map((d) => ({
        outboxId: d.outboxId,
        name: JobName.DeliverWebhook,
        data: { deliveryId: d.id } as Record<string, string>,
      })),
      ...mails.map((d) => ({
        outboxId: d.outboxId,
        name: JobName.DeliverMail,
        data: { mailDeliveryId: d.id } as Record<string, string>,
      })),
    ];
    let requeued = 0;
    for (const d of lost) {
      if (!d.outboxId) continue;
      const state = await viaRedis(this.queue.getJobState(d.outboxId));
      if (
        state === 'active' ||
        state === 'waiting' ||
        state === 'delayed' ||
        state === 'prioritized' ||
        state === 'waiting-children'
      )
        continue;
      if (state === 'completed' || state === 'failed')
        await this.queue.remove(d.outboxId).catch(() => 0);
      await viaRedis(this.queue.add(d.name, d.data, { ...JOB_OPTIONS, jobId: d.outboxId }));
      requeued++;
    }
    if (requeued) this.logger.warn(`re-enqueued ${requeued} due deliveries that Redis had lost`);
    return requeued;
  }

  /** Logs a failed run once per outage, naming the component that failed. */
  private markDown(err: Error): void {
    if (this.stopped) return; // connections closing under a stopping process are not an outage
    if (err instanceof RedisUnavailable) return this.markRedisDown(err.cause as Error);
    if (isDatabaseUnavailable(err)) {
      if (!this.postgresDown)
        this.logger.warn(`cannot reach PostgreSQL (${err.message}); the outbox relay retries`);
      this.postgresDown = true;
      return;
    }
    this.logger.error(`outbox relay run failed: ${err.message}`);
  }

  private markRedisDown(err: Error): void {
    if (this.stopped) return;
    if (!this.redisDown)
      this.logger.warn(`cannot reach Redis (${err.message}); outbox rows wait in PostgreSQL`);
    this.redisDown = true;
  }
}

/** A failed Redis call, told apart from PostgreSQL failures (both can say ECONNREFUSED). */
export class RedisUnavailable extends Error {
  constructor(cause: Error) {
    super(cause.message, { cause });
    this.name = 'RedisUnavailable';
  }
}

function viaRedis<T>(call: Promise<T>): Promise<T> {
  return call.catch((e: Error) => {
    throw new RedisUnavailable(e);
  });
}
