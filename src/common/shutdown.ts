import { Logger } from '@nestjs/common';

const closingNow = new Set<string>();

/**
 * Runs one component's shutdown step under its name, so that a shutdown that overruns its
 * deadline can say which component it was still waiting for.
 */
export async function closing(component: string, step: () => Promise<unknown>): Promise<void> {
  closingNow.add(component);
  try {
    await step();
  } finally {
    closingNow.delete(component);
  }
}

/** The components whose shutdown step has not finished yet. */
export function stillClosing(): string[] {
  return [...closingNow];
}

/**
 * On SIGTERM or SIGINT, gives the graceful shutdown (Nest's hooks, see enableShutdownHooks)
 * `timeoutMs`; past that the process logs what it was waiting for and exits with code 1. A
 * dependency that is down (Redis, PostgreSQL) must not keep a stopping process alive until
 * someone sends SIGKILL.
 */
export function enforceShutdownDeadline(timeoutMs: number): void {
  const logger = new Logger('Shutdown');
  const onSignal = (signal: NodeJS.Signals) => {
    process.removeListener('SIGTERM', onSignal);
    process.removeListener('SIGINT', onSignal);
    logger.log(`${signal} received; shutting down within ${timeoutMs} ms`);
    setTimeout(() => {
      const waiting = stillClosing();
      logger.error(
        `shutdown did not finish within ${timeoutMs} ms (still closing: ${waiting.length ? waiting.join(', ') : 'Nest shutdown hooks'}); exiting with code 1`,
      );
      process.exit(1);
    }, timeoutMs).unref();
  };
  // Removed on the first signal, so Nest's re-raised signal then ends the process as usual.
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
}
