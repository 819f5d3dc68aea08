import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { closing } from '../../common/shutdown';
import { AppConfig } from '../../config/app-config';
import { isDatabaseUnavailable } from '../../database/errors';
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
  private postgresDown = false;

  constructor(
    private readonly deadlines: DeadlinesService,
    private readonly reroutes: RerouteService,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), this.config.worker.deadlineSweepMs);
    void this.tick();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await closing('deadline sweep (PostgreSQL)', async () => this.running);
  }

  /**
   * One pass, unless one is still running. A pass that fails is logged and the next tick tries
   * again; nothing it throws reaches the process (where it would be fatal). PostgreSQL being away
   * is said once per outage, not every DEADLINE_SWEEP_MS.
   */
  tick(): Promise<unknown> {
    this.running ??= Promise.resolve()
      .then(() => this.deadlines.sweep())
      .then(() => this.reroutes.sweepOverdue())
      .then(
        () => {
          if (this.postgresDown)
            this.logger.log('PostgreSQL is back; the deadline sweep runs again');
          this.postgresDown = false;
        },
        (err: Error) => this.failed(err),
      )
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }

  private failed(err: Error): void {
    if (!isDatabaseUnavailable(err)) {
      this.logger.error(`deadline sweep failed: ${err.message}`);
      return;
    }
    if (!this.postgresDown)
      this.logger.warn(`cannot reach PostgreSQL (${err.message}); the deadline sweep retries`);
    this.postgresDown = true;
  }
}
