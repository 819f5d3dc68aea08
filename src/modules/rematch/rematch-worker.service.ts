import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Job, Queue, Worker } from 'bullmq';
import { JobName, JobPayloads, QueueName } from '../../common/queue/queue-names';
import { reconnectDelayMs, redisOptionsFromUrl } from '../../common/queue/redis-options';
import { closing } from '../../common/shutdown';
import { AppConfig } from '../../config/app-config';
import { PgListenerService } from '../../database/pg-listener.service';
import { REMATCH_CHANNEL } from './rematch-run.entity';
import { RematchService } from './rematch.service';

/** How often the worker looks for queued runs should a NOTIFY be missed. */
const SAFETY_POLL_MS = 5_000;

/**
 * Runs re-matches on the worker (APP_ROLE worker or all). Runs are rows in PostgreSQL; this puts
 * each waiting run on the BullMQ queue with `jobId` = run id (so a run is queued once however many
 * workers see it), and processes jobs one at a time. A crashed worker's job is taken over after
 * its lock expires (stalled-job recovery) and continues from the run's last committed page.
 */
@Injectable()
export class RematchWorkerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RematchWorkerService.name);
  private queue: Queue | null = null;
  private worker: Worker | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopping = false;
  private ready = false;
  private lastError = '';

  constructor(
    private readonly rematch: RematchService,
    private readonly listener: PgListenerService,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const connection = {
      ...redisOptionsFromUrl(this.config.redis.url),
      maxRetriesPerRequest: null,
      retryStrategy: reconnectDelayMs,
    };
    const { lockMs } = this.config.worker;
    this.queue = new Queue(QueueName.Rematch, { connection, prefix: this.config.redis.prefix });
    this.queue.on('error', (err) => this.logOnce(`re-match queue: ${err.message}`));
    this.worker = new Worker<JobPayloads[JobName.Rematch]>(
      QueueName.Rematch,
      (job) => this.process(job),
      {
        connection,
        prefix: this.config.redis.prefix,
        concurrency: 1,
        lockDuration: lockMs,
        stalledInterval: lockMs,
        maxStalledCount: 100,
        runRetryDelay: 1000,
      },
    );
    this.worker.on('ready', () => (this.ready = true));
    this.worker.on('error', (err) => this.logOnce(`re-match worker: ${err.message}`));
    this.worker.on('failed', (job, err) =>
      this.logger.error(`re-match job ${job?.id} failed: ${err.message}`),
    );
    await this.listener.subscribe(REMATCH_CHANNEL, () => void this.enqueuePending());
    this.timer = setInterval(() => void this.enqueuePending(), SAFETY_POLL_MS);
    this.timer.unref();
    await this.enqueuePending();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    await closing('re-match worker (BullMQ, Redis)', async () => {
      await this.worker?.close(!this.ready);
      await this.queue?.close();
    });
  }

  /** Puts every waiting run on the queue; a run already there is not added twice. */
  private async enqueuePending(): Promise<void> {
    if (this.stopping || !this.queue) return;
    try {
      for (const runId of await this.rematch.pendingRunIds()) {
        await this.queue.add(
          JobName.Rematch,
          { runId },
          { jobId: runId, removeOnComplete: true, removeOnFail: true },
        );
      }
    } catch (e) {
      this.logOnce(`cannot queue re-matches: ${(e as Error).message}`);
    }
  }

  private async process(job: Job<JobPayloads[JobName.Rematch]>): Promise<void> {
    await this.rematch.run(job.data.runId, {
      pageSize: this.config.rematch.pageSize,
      stop: () => this.stopping,
    });
    // A run left unfinished by a shutdown is queued again by the next poll (here or elsewhere).
  }

  private logOnce(message: string): void {
    if (message !== this.lastError) this.logger.warn(message);
    this.lastError = message;
  }
}
