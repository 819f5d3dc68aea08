import type { Socket } from 'node:net';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { frameworkProblem, ProblemDetails, ProblemDetailsFilter } from './problem-details.filter';

const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

/** The longest path parameter the router takes; no identifier is longer (414 beyond). */
export const MAX_PARAM_LENGTH = 100;

/**
 * The 414 for a path under the API whose segment is over MAX_PARAM_LENGTH, for a catch-all route
 * (the pages' fallback) that the router chose instead of refusing the over-long parameter.
 */
export function answerOverlongSegment(request: FastifyRequest, reply: FastifyReply): boolean {
  const path = request.url.split('?')[0];
  if (!path.split('/').some((segment) => segment.length > MAX_PARAM_LENGTH)) return false;
  void reply
    .status(414)
    .header('x-request-id', request.id)
    .header('content-type', PROBLEM_CONTENT_TYPE)
    .send(
      frameworkProblem(414, 'A path segment is too long; no identifier is that long.', {
        instance: path,
      }),
    );
  return true;
}
const filter = new ProblemDetailsFilter();

/**
 * Fastify's `frameworkErrors`: its router refuses a malformed percent escape (400) or a path
 * parameter over `maxParamLength` (414) before any hook or Nest filter runs. They are rendered by
 * the same filter as every other error, so they are problem details with a stable code.
 */
export function answerFrameworkError(
  error: Error,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  const problem = filter.toProblem(error, request);
  void reply
    .status(problem.status)
    .header('x-request-id', request.id)
    .header('content-type', PROBLEM_CONTENT_TYPE)
    .send(problem);
}

/** The problem for an error Node's HTTP parser raised, by its code (undefined: nothing to say). */
export function clientErrorProblem(error: NodeJS.ErrnoException): ProblemDetails | undefined {
  if (error.code === 'ECONNRESET') return undefined;
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT')
    return frameworkProblem(408, 'The request did not arrive in time.');
  if (error.code === 'HPE_HEADER_OVERFLOW')
    return frameworkProblem(
      431,
      'The request line and headers together are too large (16 KiB at most).',
    );
  // HPE_INVALID_HEADER_TOKEN (a control character in a header), a bad method, a bad chunk…
  return frameworkProblem(
    400,
    'The request is not well-formed HTTP (e.g. a control character in a header).',
    {},
    'malformed_request',
  );
}

/**
 * Fastify's `clientErrorHandler` (Node's `clientError` event): the HTTP parser refuses a request
 * before Fastify sees it (headers over the size limit, a control character in a header). Like
 * Fastify's default it writes a raw answer and closes the connection, but as problem details.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (socket.destroyed) return;
  const problem = clientErrorProblem(error);
  if (problem && socket.writable) {
    const body = JSON.stringify(problem);
    socket.write(
      `HTTP/1.1 ${problem.status} ${problem.title}\r\n` +
        `Content-Type: ${PROBLEM_CONTENT_TYPE}\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        'Connection: close\r\n\r\n' +
        body,
    );
  }
  socket.destroy(error);
}
