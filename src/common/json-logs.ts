import { format } from 'node:util';
import { Logger } from '@nestjs/common';
import { Logger as NestPinoLogger, PinoLogger } from 'nestjs-pino';
import { loggerParams } from './http/logging';

type ConsoleMethod = 'log' | 'info' | 'warn' | 'error' | 'debug' | 'trace';
const CONSOLE_LEVELS: Record<ConsoleMethod, 'info' | 'warn' | 'error' | 'debug' | 'trace'> = {
  log: 'info',
  info: 'info',
  warn: 'warn',
  error: 'error',
  debug: 'debug',
  trace: 'trace',
};

let installed = false;

/**
 * Makes every line this process writes one pino JSON object, from its first line to its last
 * (README, Logs):
 * - Nest's static Logger (migrations, embedded PostgreSQL, bootstrap, CLI scripts) writes through
 *   the same pino root that nestjs-pino's LoggerModule later uses, instead of Nest's coloured lines;
 * - `console.*` from dependencies (BullMQ's and ioredis's warnings) and Node's process warnings
 *   become log lines with context `console` / `process`;
 * - an uncaught exception or unhandled rejection is logged as `fatal` and the process exits 1, as
 *   Node would, but in the same format.
 * Call first thing in every entrypoint; `setJsonLogLevel` applies LOG_LEVEL once it is validated.
 */
export function useJsonLogs(level = 'info'): void {
  if (installed) return;
  installed = true;
  const params = loggerParams(level);
  const pino = new PinoLogger(params);
  Logger.overrideLogger(new NestPinoLogger(pino, params));

  for (const method of Object.keys(CONSOLE_LEVELS) as ConsoleMethod[]) {
    const pinoLevel = CONSOLE_LEVELS[method];
    // eslint-disable-next-line no-console -- replacing console is the point: dependencies call it
    console[method] = (...args: unknown[]) =>
      PinoLogger.root[pinoLevel]({ context: 'console' }, format(...args));
  }
  // Node prints warnings (deprecations, MaxListeners…) to stderr from its own listener.
  process.removeAllListeners('warning');
  process.on('warning', (warning) =>
    PinoLogger.root.warn({ context: 'process', err: warning }, warning.message),
  );
  process.on('uncaughtException', (err) => exitWithFatal(err, 'uncaught exception'));
  process.on('unhandledRejection', (err) => exitWithFatal(err, 'unhandled promise rejection'));
}

/** Logs `err` as fatal (`<what>; exiting with code 1`) and exits 1: also for a failed start. */
export function exitWithFatal(err: unknown, what: string): never {
  PinoLogger.root.fatal({ context: 'process', err }, `${what}; exiting with code 1`);
  process.exit(1);
}

/** Applies the validated LOG_LEVEL to the process's one logger (see useJsonLogs). */
export function setJsonLogLevel(level: string): void {
  if (PinoLogger.root) PinoLogger.root.level = level;
}
