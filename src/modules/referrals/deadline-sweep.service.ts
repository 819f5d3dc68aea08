import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { closing } from '../../common/shutdown';
import { AppConfig } from '../../config/app-config';
import { DeadlinesService } from './deadlines.service';
import { RerouteService } from './reroute.service';

/**
 * Runs the deadline sweep on the worker every DEADLINE_SWEEP_MS, and once at start, so a deadline
 * that passed while every worker was down is acted on when one comes back: first the passed stages
 * are marked overdue, then the referrals whose SME allowed it are re-routed. Several workers may
 * run it at once: both steps are idempotent (docs/deadlines.md, docs/routing.md).
 */
@Injectable()
export class DeadlineSweepService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DeadlineSweepService.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    private readonly deadlines: DeadlinesService,
    private readonly reroutes: RerouteService,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.tick(), this.config.worker.deadlineSweepMs);
    this.tick();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await closing('deadline sweep (PostgreSQL)', async () => this.running);
  }

  private tick(): void {
    if (this.running) return; // one pass at a time in this process
    this.running = this.deadlines
      .sweep()
      .then(() => this.reroutes.sweepOverdue())
      .catch((err: Error) => this.logger.error(`deadline sweep failed: ${err.message}`))
      .finally(() => {
        this.running = null;
      });
  }
}
