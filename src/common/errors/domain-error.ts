import type { Issue } from './issue';

export type { Issue } from './issue';

/**
 * Stable machine-readable codes a service raises (docs/api.md, Conventions). The HTTP status of each is
 * decided in one table, `ERROR_STATUS` in problem-details.filter.ts; services never choose statuses.
 * `unacceptable` is the one internal name: a well-formed request whose content is refused (422); it
 * is rendered as `validation_failed` like a malformed one (400).
 */
export type ErrorCode =
  | 'validation_failed'
  | 'unacceptable'
  | 'invalid_cursor'
  | 'invalid_credit_code'
  | 'not_found'
  | 'forbidden'
  | 'unauthenticated'
  | 'conflict'
  | 'invalid_transition'
  | 'not_eligible'
  | 'idempotency_key_reused'
  | 'no_partner_bank'
  | 'bank_unavailable'
  | 'no_bank_available'
  | 'reroute_limit_reached'
  | 'consent_required'
  | 'invalid_rule'
  | 'not_publishable';

export interface DomainErrorOptions {
  /** Per-field problems, rendered as the `errors` member. */
  errors?: Issue[];
  /** Further problem-details members (e.g. the failing criteria of `not_eligible`). */
  extra?: Record<string, unknown>;
}

/**
 * Services throw domain errors by code; only the global filter turns them into HTTP problem details.
 */
export class DomainError extends Error {
  readonly errors?: Issue[];
  readonly extra?: Record<string, unknown>;

  constructor(
    readonly code: ErrorCode,
    readonly detail: string,
    options: DomainErrorOptions = {},
  ) {
    super(detail);
    this.name = 'DomainError';
    this.errors = options.errors;
    this.extra = options.extra;
  }

  /** Malformed input: unknown, missing or mistyped fields (400 `validation_failed`). */
  static invalid(errors: Issue[], detail = 'The request is malformed.'): DomainError {
    return new DomainError('validation_failed', detail, { errors });
  }
  /**
   * Well-formed input whose content is refused (422 `validation_failed`, or `invalid_credit_code`
   * when a credit code's check digit is among the problems).
   */
  static unacceptable(
    errors: Issue[],
    detail = 'The request is well-formed but not acceptable.',
  ): DomainError {
    const code = errors.some((e) => e.code === 'invalid_credit_code')
      ? 'invalid_credit_code'
      : 'unacceptable';
    return new DomainError(code, detail, { errors });
  }
  static notFound(what: string): DomainError {
    return new DomainError('not_found', `${what} was not found.`);
  }
  static conflict(detail: string, errors?: Issue[]): DomainError {
    return new DomainError('conflict', detail, { errors });
  }
  static unauthenticated(detail = 'Valid credentials are required.'): DomainError {
    return new DomainError('unauthenticated', detail);
  }
  static forbidden(detail = 'Your role may not call this endpoint.'): DomainError {
    return new DomainError('forbidden', detail);
  }
}
