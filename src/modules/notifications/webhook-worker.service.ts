import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DelayedError, Job, Worker } from 'bullmq';
import { JobName, JobPayloads, QueueName } from '../../common/queue/queue-names';
import { reconnectDelayMs, redisOptionsFromUrl } from '../../common/queue/redis-options';
import { closing } from '../../common/shutdown';
import { AppConfig } from '../../config/app-config';
import { MailDeliveryService } from './mail-delivery.service';
import { WebhookDeliveryService } from './webhook-delivery.service';

type OutboxJobData = JobPayloads[JobName];

/**
 * The BullMQ worker for outbox deliveries, webhooks and mail (APP_ROLE worker or all). Built here rather than with
 * @Processor so its lock duration and concurrency come from the validated configuration.
 * A crashed worker's job is taken over after the lock expires (stalled-job recovery).
 */
@Injectable()
export class WebhookWorkerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WebhookWorkerService.name);
  private worker: Worker | null = null;
  private lastError = '';
  private ready = false;

  constructor(
    private readonly deliveries: WebhookDeliveryService,
    private readonly mail: MailDeliveryService,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const { lockMs } = this.config.worker;
    this.worker = new Worker<OutboxJobData>(
      QueueName.Webhooks,
      (job, token) => this.process(job, token),
      {
        connection: {
          ...redisOptionsFromUrl(this.config.redis.url),
          maxRetriesPerRequest: null,
          retryStrategy: reconnectDelayMs,
        },
        prefix: this.config.redis.prefix,
        concurrency: this.config.webhooks.concurrency,
        lockDuration: lockMs,
        stalledInterval: lockMs,
        maxStalledCount: 100,
        // After a failed Redis call the fetch loop waits this long (BullMQ's default is 15 s).
        runRetryDelay: 1000,
      },
    );
    this.worker.on('ready', () => (this.ready = true));
    this.worker.on('error', (err) => this.logOnce(`webhook worker: ${err.message}`));
    this.worker.on('failed', (job, err) =>
      this.logger.error(`job ${job?.id} failed: ${err.message}`),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    // Lets in-flight deliveries finish; their state is in PostgreSQL either way. A worker that never
    // reached Redis has nothing in flight, and a graceful close would wait for Redis forever.
    await closing('webhook worker (BullMQ, Redis)', async () => this.worker?.close(!this.ready));
  }

  private async process(job: Job<OutboxJobData>, token?: string): Promise<void> {
    const outcome =
      job.name === (JobName.DeliverMail as string)
        ? await this.mail.attempt((job.data as JobPayloads[JobName.DeliverMail]).mailDeliveryId)
        : await this.deliveries.attempt(
            (job.data as JobPayloads[JobName.DeliverWebhook]).deliveryId,
          );
    if (outcome.kind === 'retry_at') {
      await job.moveToDelayed(outcome.at.getTime(), token);
      throw new DelayedError();
    }
  }

  private logOnce(message: string): void {
    if (message !== this.lastError) this.logger.warn(message);
    this.lastError = message;
  }
}
