import type { IncomingMessage } from 'node:http';
import { RequestMethod } from '@nestjs/common';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import {
  answerClientError,
  answerFrameworkError,
  MAX_PARAM_LENGTH,
} from './common/errors/framework-errors';
import { SHUTDOWN_SIGNALS } from './common/shutdown';
import { createValidationPipe } from './common/validation/validation';
import { jsonBytes } from './common/http/json-bytes';
import { completionLogger, hotRouteKey, hotRouteKeys, requestIdFor } from './common/http/logging';
import { buildOpenApiDocument } from './openapi/document';
import { MetricsService } from './metrics/metrics.service';
import { registerWebApp } from './web/web-app';

/** The Fastify adapter as main.ts and the e2e tests build it. */
export function createFastifyAdapter(bodyLimit: number): FastifyAdapter {
  return new FastifyAdapter({
    bodyLimit,
    genReqId: (req: IncomingMessage) => requestIdFor(req),
    return503OnClosing: true,
    // Errors raised before a route runs are problem details too (docs/api.md, Ground rules): the
    // router's (a malformed percent escape; a path parameter longer than every code and id, 414)
    // and Node's HTTP parser's (headers over 16 KiB, 431; a control character in a header, 400).
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    frameworkErrors: answerFrameworkError,
    clientErrorHandler: answerClientError,
    // Route schemas (the profile) are strict: no coercion, unknown properties rejected, not dropped.
    // allErrors is bounded by the body limit and by maxItems on every array.
    ajv: {
      customOptions: {
        coerceTypes: false,
        removeAdditional: false,
        useDefaults: false,
        allErrors: true,
      },
    },
  });
}

export const API_PREFIX = 'api/v1';

/** Fastify's own content type for JSON, which it leaves unset when a reply has its own serializer. */
const JSON_UTF8 = 'application/json; charset=utf-8';

/**
 * JSON is the one body the API reads (docs/api.md, Conventions): Nest's own parsers (which add
 * form encoding) stay off, and Fastify keeps only its JSON parser, so anything else is a 415.
 */
export const APP_OPTIONS = { bodyParser: false } as const;

/** Everything main.ts does to the app, shared with the e2e tests so they test the real thing. */
export function setupApp(app: NestFastifyApplication): NestFastifyApplication {
  app.useLogger(app.get(Logger));
  app.setGlobalPrefix(API_PREFIX, {
    exclude: [
      { path: 'health/live', method: RequestMethod.GET },
      { path: 'health/ready', method: RequestMethod.GET },
      { path: 'metrics', method: RequestMethod.GET },
    ],
  });
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks([...SHUTDOWN_SIGNALS]);

  const fastify = app.getHttpAdapter().getInstance();
  fastify.removeContentTypeParser('text/plain');
  const metrics = app.get(MetricsService);
  const logCompletion = completionLogger(API_PREFIX);
  const hot = hotRouteKeys(API_PREFIX);
  fastify.addHook('onRequest', async (request, reply) => {
    void reply.header('x-request-id', request.id);
    // The same bytes as JSON.stringify, reusing those of the engine's frozen parts (json-bytes.ts).
    // Fastify sends the Buffer as it is (reply.js, onSendEnd), though its types say string.
    if (hot.has(hotRouteKey(request))) {
      void reply.serializer(jsonBytes as (payload: unknown) => never).type(JSON_UTF8);
    }
  });
  fastify.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions?.url ?? 'unmatched';
    metrics.observe(request.method, route, reply.statusCode, reply.elapsedTime / 1000);
    logCompletion(request, reply);
  });

  const document = buildOpenApiDocument(app, API_PREFIX);
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'docs-json',
    useGlobalPrefix: false,
  });
  // The pages (docs/web.md), when `npm run build` has built them; the API works without them.
  if (!registerWebApp(fastify)) app.get(Logger).warn('dist/web is missing: no web pages at /');
  return app;
}
