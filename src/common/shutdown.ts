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
 * The signals that stop the service gracefully. Nest's default list (enableShutdownHooks with no
 * argument) also has SIGUSR2, which tooling sends to a running process (a heap snapshot through
 * --heapsnapshot-signal, a file watcher's nudge): the service would close on it.
 */
export const SHUTDOWN_SIGNALS: readonly NodeJS.Signals[] = ['SIGTERM', 'SIGINT'];

/**
 * SIGUSR2 is logged and otherwise left to the tooling that sent it: with no listener at all,
 * Node's default for it would end the process at once, without any shutdown hook.
 */
export function keepRunningOnSigusr2(): void {
  const logger = new Logger('Shutdown');
  process.on('SIGUSR2', () => logger.log('SIGUSR2 received; not a shutdown signal, still running'));
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
    for (const s of SHUTDOWN_SIGNALS) process.removeListener(s, onSignal);
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
  for (const s of SHUTDOWN_SIGNALS) process.once(s, onSignal);
}
