import type { IncomingMessage } from 'node:http';
import { RequestMethod } from '@nestjs/common';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { createValidationPipe } from './common/validation/validation';
import { requestIdFor } from './common/http/logging';
import { ProblemDetailsDto } from './common/http/api-problems.decorator';
import { RETRY_AFTER_SECONDS } from './common/errors/problem-details.filter';
import { MetricsService } from './metrics/metrics.service';

/** The Fastify adapter as main.ts and the e2e tests build it. */
export function createFastifyAdapter(bodyLimit: number): FastifyAdapter {
  return new FastifyAdapter({
    bodyLimit,
    genReqId: (req: IncomingMessage) => requestIdFor(req),
    return503OnClosing: true,
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
  app.enableShutdownHooks();

  const fastify = app.getHttpAdapter().getInstance();
  const metrics = app.get(MetricsService);
  fastify.addHook('onRequest', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  fastify.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions?.url ?? 'unmatched';
    metrics.observe(request.method, route, reply.statusCode, reply.elapsedTime / 1000);
  });

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('sme-finance-matcher')
      .setDescription(
        'Matches Jiangxi small and micro enterprises with policy-backed financing products and refers them to partner banks. ' +
          'Errors are RFC 9457 problem details (application/problem+json) with a stable `code`.',
      )
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
      .addApiKey({ type: 'apiKey', in: 'header', name: 'X-Api-Key' }, 'apiKey')
      .build(),
    { extraModels: [ProblemDetailsDto] },
  );
  declareUnavailable(document);
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'docs-json',
    useGlobalPrefix: false,
  });
  return app;
}

/**
 * Every API route can answer 503 `service_unavailable` with Retry-After while PostgreSQL cannot be
 * reached (ProblemDetailsFilter); declared once here rather than on each route.
 */
function declareUnavailable(document: OpenAPIObject): void {
  for (const [path, item] of Object.entries(document.paths)) {
    if (!path.startsWith(`/${API_PREFIX}/`)) continue;
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const op = item[method];
      if (!op) continue;
      op.responses['503'] ??= {
        description: 'Service Unavailable: the database cannot be reached; retry later',
        headers: {
          'Retry-After': {
            description: `Seconds to wait before retrying (${RETRY_AFTER_SECONDS})`,
            schema: { type: 'integer' },
          },
        },
        content: {
          'application/problem+json': {
            schema: { $ref: '#/components/schemas/ProblemDetailsDto' },
          },
        },
      };
    }
  }
}
