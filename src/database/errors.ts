import {
  QueryFailedError,
  QueryRunnerAlreadyReleasedError,
  QueryRunnerProviderAlreadyReleasedError,
} from 'typeorm';

/** PostgreSQL's unique_violation (23505): the unique index decided a race, answer 409. */
export function isUniqueViolation(e: unknown): boolean {
  if (!(e instanceof QueryFailedError)) return false;
  const err = e as QueryFailedError & { code?: string; driverError?: { code?: string } };
  return (err.driverError?.code ?? err.code) === '23505';
}

// Socket errors of a server that is down, restarting or unreachable.
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
// SQLSTATEs: class 08 (connection exception), admin/crash shutdown, cannot connect now, too many connections.
const SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);
// node-postgres and its pool say these without a code.
const MESSAGES = [
  /Connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /Client has encountered a connection error/i,
  /Connection is not established/i,
];

/**
 * True when `e` says PostgreSQL cannot be reached right now (refused, dropped, shutting down),
 * as opposed to a query that PostgreSQL refused. Such errors are worth retrying later: the API
 * answers 503 with Retry-After instead of a 500.
 */
export function isDatabaseUnavailable(e: unknown, depth = 0): boolean {
  if (!e || typeof e !== 'object' || depth > 4) return false;
  const err = e as {
    code?: unknown;
    message?: unknown;
    driverError?: unknown;
    cause?: unknown;
    errors?: unknown;
  };
  // TypeORM releases a query runner when its connection emits 'error' (the server went away under
  // an open transaction); the request's next query on it fails with this, not a socket error, or
  // with the second one when it went through the transaction's entity manager.
  if (e instanceof QueryRunnerAlreadyReleasedError) return true;
  if (e instanceof QueryRunnerProviderAlreadyReleasedError) return true;
  const code = typeof err.code === 'string' ? err.code : '';
  if (SOCKET_CODES.has(code) || SQLSTATES.has(code) || code.startsWith('08')) return true;
  if (typeof err.message === 'string' && MESSAGES.some((m) => m.test(err.message as string)))
    return true;
  // TypeORM wraps the driver's error; Node wraps per-address failures in an AggregateError.
  const inner = [err.driverError, err.cause, ...(Array.isArray(err.errors) ? err.errors : [])];
  return inner.some((i) => i !== e && isDatabaseUnavailable(i, depth + 1));
}
