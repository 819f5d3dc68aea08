import { QueryFailedError } from 'typeorm';

/** PostgreSQL's unique_violation (23505): the unique index decided a race, answer 409. */
export function isUniqueViolation(e: unknown): boolean {
  if (!(e instanceof QueryFailedError)) return false;
  const err = e as QueryFailedError & { code?: string; driverError?: { code?: string } };
  return (err.driverError?.code ?? err.code) === '23505';
}
