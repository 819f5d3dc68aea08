import { Logger } from '@nestjs/common';
import { isDatabaseUnavailable } from './errors';
import { retryDelayMs } from './pg-listener.service';

/**
 * How long a starting process waits for PostgreSQL before it gives up (and exits 1): long enough
 * for a restart or a failover, short enough that a wrong DATABASE_URL is not a silent hang.
 */
export const STARTUP_DATABASE_WAIT_MS = 30_000;

export interface StartupRetryOptions {
  logger: Logger;
  giveUpAfterMs?: number;
  /** For tests. */
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

/**
 * Runs one step of a process's start (migrations, the first catalogue load) again while it fails
 * because PostgreSQL cannot be reached, with the LISTEN connection's back-off (250 ms doubling),
 * for up to `giveUpAfterMs`; any other error, or the same one past that time, is thrown at once.
 * A server that restarts while a worker or the API boots thus delays the boot instead of ending
 * the process (docs/notifications.md, When PostgreSQL restarts).
 */
export async function retryWhileDatabaseUnavailable<T>(
  what: string,
  step: () => Promise<T>,
  {
    logger,
    giveUpAfterMs = STARTUP_DATABASE_WAIT_MS,
    sleep = (ms) => new Promise((r) => setTimeout(r, ms)),
    now = Date.now,
  }: StartupRetryOptions,
): Promise<T> {
  const started = now();
  for (let failures = 0; ; failures++) {
    try {
      const result = await step();
      if (failures) logger.log(`${what}: PostgreSQL answers again`);
      return result;
    } catch (e) {
      const waited = now() - started;
      if (!isDatabaseUnavailable(e) || waited >= giveUpAfterMs) throw e;
      if (!failures)
        logger.warn(`${what}: cannot reach PostgreSQL (${(e as Error).message}); retrying`);
      await sleep(Math.min(retryDelayMs(failures), giveUpAfterMs - waited));
    }
  }
}
