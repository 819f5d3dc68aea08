/** One problem with one field of a request (RFC 9457 extension member `errors`). */
export interface FieldError {
  path: string;
  message: string;
  code: string;
}

/** Stable machine-readable codes clients switch on (docs/api.md, Conventions). */
export type ErrorCode =
  | 'validation_failed'
  | 'not_found'
  | 'forbidden'
  | 'unauthenticated'
  | 'conflict'
  | 'invalid_transition'
  | 'not_eligible'
  | 'idempotency_key_reused'
  | 'invalid_credit_code'
  | 'rate_limited'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'method_not_allowed'
  | 'no_partner_bank'
  | 'invalid_rule'
  | 'not_publishable'
  | 'service_unavailable'
  | 'internal_error';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function titleFor(status: number): string {
  return TITLES[status] ?? 'Error';
}

/**
 * Services throw domain errors; only the global filter turns them into HTTP problem details.
 * `extra` carries additional members (e.g. the failing criteria of `not_eligible`).
 */
export class DomainError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    readonly detail: string,
    readonly errors?: FieldError[],
    readonly extra?: Record<string, unknown>,
  ) {
    super(detail);
    this.name = 'DomainError';
  }

  static validation(errors: FieldError[], status: 400 | 422 = 400, detail?: string): DomainError {
    const code =
      status === 422 && errors.some((e) => e.code === 'invalid_credit_code')
        ? 'invalid_credit_code'
        : 'validation_failed';
    return new DomainError(
      status,
      code,
      detail ??
        (status === 400
          ? 'The request is malformed.'
          : 'The request is well-formed but not acceptable.'),
      errors,
    );
  }
  static notFound(what: string): DomainError {
    return new DomainError(404, 'not_found', `${what} was not found.`);
  }
  static conflict(detail: string, errors?: FieldError[]): DomainError {
    return new DomainError(409, 'conflict', detail, errors);
  }
  static unauthenticated(detail = 'Valid credentials are required.'): DomainError {
    return new DomainError(401, 'unauthenticated', detail);
  }
  static forbidden(detail = 'Your role may not call this endpoint.'): DomainError {
    return new DomainError(403, 'forbidden', detail);
  }
}
