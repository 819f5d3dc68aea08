import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isDatabaseUnavailable } from '../../database/errors';
import { DomainError, ErrorCode } from './domain-error';
import { AjvError, issueFromAjv } from './ajv-issues';
import type { Issue } from './issue';

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance?: string;
  requestId?: string;
  errors?: Issue[];
  [extra: string]: unknown;
}

const TYPE_BASE = 'https://sme-finance-matcher.example/problems/';
/** Sent as Retry-After with every 503: a restarting database or a failover takes seconds. */
export const RETRY_AFTER_SECONDS = 5;

/** The HTTP status of every code a service may raise: the one place that decides it. */
export const ERROR_STATUS: Record<ErrorCode, number> = {
  validation_failed: 400,
  invalid_cursor: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  invalid_transition: 409,
  unacceptable: 422,
  invalid_credit_code: 422,
  not_eligible: 422,
  idempotency_key_reused: 422,
  no_partner_bank: 422,
  bank_unavailable: 422,
  no_bank_available: 422,
  // A re-route the referral's own state rules out: it had its banks, or the SME did not allow it.
  reroute_limit_reached: 409,
  consent_required: 409,
  invalid_rule: 422,
  not_publishable: 422,
};

/** The code clients see, where it differs from the internal one (see ErrorCode). */
const RENDERED_CODE: Partial<Record<ErrorCode, string>> = { unacceptable: 'validation_failed' };

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  409: 'Conflict',
  413: 'Content Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function titleFor(status: number): string {
  return TITLES[status] ?? 'Error';
}

/** Codes of errors raised outside the services (framework, guards, Fastify), by status. */
const CODE_BY_STATUS: Record<number, string> = {
  400: 'validation_failed',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  408: 'request_timeout',
  409: 'conflict',
  413: 'payload_too_large',
  414: 'uri_too_long',
  415: 'unsupported_media_type',
  422: 'validation_failed',
  429: 'rate_limited',
  431: 'header_fields_too_large',
};

/** Codes of Fastify's own errors that say more than their status (a 400 that is not about JSON). */
const CODE_BY_FASTIFY_CODE: Record<string, string> = { FST_ERR_BAD_URL: 'malformed_url' };

/** Problem details with the code a framework status implies (see CODE_BY_STATUS). */
export function frameworkProblem(
  status: number,
  detail: string,
  base: Partial<ProblemDetails> = {},
  code = CODE_BY_STATUS[status] ?? 'validation_failed',
): ProblemDetails {
  return { type: TYPE_BASE + code, title: titleFor(status), status, detail, code, ...base };
}

/**
 * The one place that knows HTTP error rendering: every error becomes RFC 9457 problem details with
 * a stable `code`. Anything unexpected is logged with its request id and answered as a generic 500
 * that reveals nothing internal.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemDetailsFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const reply = ctx.getResponse<FastifyReply>();
    const request = ctx.getRequest<FastifyRequest>();
    const problem = this.toProblem(exception, request);
    if (problem.status === 503) {
      this.logger.warn(
        { requestId: request?.id, url: request?.url, reason: (exception as Error)?.message },
        'dependency unavailable; answered 503',
      );
    } else if (problem.status >= 500) {
      this.logger.error(
        { err: exception, requestId: request?.id, url: request?.url },
        'unhandled error',
      );
    }
    if (reply.sent) return;
    if (problem.status === 503) void reply.header('retry-after', String(RETRY_AFTER_SECONDS));
    void reply
      .status(problem.status)
      .header('content-type', 'application/problem+json; charset=utf-8')
      .send(problem);
  }

  toProblem(exception: unknown, request?: FastifyRequest): ProblemDetails {
    const base = { instance: request?.url, requestId: request?.id as string | undefined };
    if (exception instanceof DomainError) {
      const status = ERROR_STATUS[exception.code];
      const code = RENDERED_CODE[exception.code] ?? exception.code;
      return {
        type: TYPE_BASE + code,
        title: titleFor(status),
        status,
        detail: exception.detail,
        code,
        ...base,
        ...(exception.errors ? { errors: exception.errors } : {}),
        ...(exception.extra ?? {}),
      };
    }
    if (exception instanceof ThrottlerException) {
      return this.simple(429, 'Too many requests; try again later.', base);
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      if (status < 500) return this.simple(status, this.messageOf(exception), base);
      if (status === 503) {
        // Readiness (terminus) failures: keep which checks failed as extension members.
        const { status: _ignored, ...checks } = exception.getResponse() as Record<string, unknown>;
        return {
          type: TYPE_BASE + 'service_unavailable',
          title: titleFor(503),
          status: 503,
          detail: 'A dependency is unavailable.',
          code: 'service_unavailable',
          ...base,
          ...checks,
        };
      }
    }
    if (isDatabaseUnavailable(exception)) {
      return {
        type: TYPE_BASE + 'service_unavailable',
        title: titleFor(503),
        status: 503,
        detail: 'The database cannot be reached right now; try again shortly.',
        code: 'service_unavailable',
        ...base,
      };
    }
    const validation = (exception as { validation?: AjvError[] })?.validation;
    if (Array.isArray(validation)) {
      return {
        ...this.simple(400, 'The request is malformed.', base),
        errors: validation.map(issueFromAjv),
      };
    }
    // Fastify raises its own errors (bad JSON, body too large, wrong content type) with a statusCode.
    const statusCode = (exception as { statusCode?: unknown })?.statusCode;
    if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
      const fastifyCode = (exception as { code?: string }).code ?? '';
      return frameworkProblem(
        statusCode,
        this.fastifyMessage(fastifyCode, statusCode),
        base,
        CODE_BY_FASTIFY_CODE[fastifyCode],
      );
    }
    return {
      type: TYPE_BASE + 'internal_error',
      title: titleFor(500),
      status: 500,
      detail: 'An unexpected error occurred. Quote the request id when reporting it.',
      code: 'internal_error',
      ...base,
    };
  }

  private simple(status: number, detail: string, base: Partial<ProblemDetails>): ProblemDetails {
    return frameworkProblem(status, detail, base);
  }

  private messageOf(exception: HttpException): string {
    const body = exception.getResponse();
    if (typeof body === 'string') return body;
    const message = (body as { message?: unknown }).message;
    if (typeof message === 'string') return message;
    if (Array.isArray(message)) return message.join('; ');
    return exception.message;
  }

  private fastifyMessage(code: string, status: number): string {
    if (code === 'FST_ERR_BAD_URL')
      return 'The URL is malformed: a percent escape is incomplete or does not encode UTF-8.';
    if (status === 414) return 'A path segment is too long; no identifier is that long.';
    if (status === 413) return 'The request body is too large.';
    if (status === 415) return 'Send JSON with content-type application/json.';
    if (code.startsWith('FST_ERR_CTP') || status === 400)
      return 'The request body is not valid JSON.';
    return 'The request could not be processed.';
  }
}
