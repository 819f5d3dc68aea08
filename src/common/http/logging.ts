import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { RequestMethod } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Params, PinoLogger } from 'nestjs-pino';
import type { Logger as Pino } from 'pino';

/** Never logged, wherever they appear in a log line. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.passwordHash',
  '*.accessToken',
  '*.apiKey',
  '*.webhookSecret',
  '*.secret',
  'password',
  'apiKey',
  'webhookSecret',
];

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** Accepts a caller's X-Request-Id when it is well-formed, otherwise makes one. */
export function requestIdFor(raw: IncomingMessage): string {
  const req = raw as unknown as { id?: string; headers: IncomingMessage['headers'] };
  if (typeof req.id === 'string') return req.id;
  const given = req.headers['x-request-id'];
  const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
  req.id = id;
  return id;
}

/**
 * The hot routes (the anonymous match preview), served lean. pino-http leaves them alone: with
 * the completion line turned off it still cost 4-8% of a preview's CPU in profiles under the HTTP
 * bench (a child logger per request, its bindings serialised, an async-local store, listeners),
 * for a line completionLogger writes directly; logs written while serving them carry no request
 * context (the few there are, a 5xx or a 503, name the request id themselves). Their answers are
 * written by jsonBytes (setupApp).
 */
export const HOT_ROUTES = [{ path: 'matches/preview', method: RequestMethod.POST }] as const;

/** `METHOD /prefix/path` of each hot route, as hotRouteKey gives it for a request. */
export function hotRouteKeys(prefix: string): ReadonlySet<string> {
  return new Set(HOT_ROUTES.map((r) => `${RequestMethod[r.method]} /${prefix}/${r.path}`));
}

export const hotRouteKey = (request: FastifyRequest): string =>
  `${request.method} ${request.routeOptions.url}`;

const levelFor = (status: number): 'error' | 'warn' | 'info' =>
  status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info';

/**
 * The completion line pino-http writes, for the routes it leaves alone (HOT_ROUTES, served under
 * `prefix`): the same message, level and fields ops read (request id, method, URL,
 * status, response time in ms), and nothing from the body or headers. Nothing is built when the
 * level is off. Meant for Fastify's onResponse hook.
 */
export function completionLogger(
  prefix: string,
): (request: FastifyRequest, reply: FastifyReply) => void {
  const routes = hotRouteKeys(prefix);
  return (request, reply) => {
    if (!routes.has(hotRouteKey(request))) return;
    const logger = PinoLogger.root as Pino | undefined;
    const level = levelFor(reply.statusCode);
    if (!logger?.isLevelEnabled(level)) return;
    logger[level](
      {
        req: { id: request.id, method: request.method, url: request.url },
        res: reply.raw,
        responseTime: Math.round(reply.elapsedTime),
      },
      'request completed',
    );
  };
}

export function loggerParams(level: string): Params {
  return {
    exclude: [...HOT_ROUTES],
    pinoHttp: {
      level,
      genReqId: (req) => requestIdFor(req),
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      customLogLevel: (_req, res, err) => (err ? 'error' : levelFor(res.statusCode)),
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          url: req.url,
        }),
      },
      autoLogging: { ignore: (req) => req.url === '/health/live' || req.url === '/metrics' },
    },
  };
}
