import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { ProblemDetailsDto } from '../common/http/api-problems.decorator';
import { RETRY_AFTER_SECONDS } from '../common/errors/problem-details.filter';
import { genericProblemStatuses, PROBLEM_SCHEMA, problemResponse } from './problem-responses';
import { listRoutes, RouteInfo } from './routes';

type Operation = {
  parameters?: { in: string }[];
  requestBody?: unknown;
  responses: Record<string, unknown>;
  [extension: `x-${string}`]: unknown;
};
type Schema = {
  type?: string;
  properties?: Record<string, Schema>;
  additionalProperties?: unknown;
  [key: string]: unknown;
};

/**
 * Completes what the decorators describe so that the document says exactly what the server does:
 * - every operation declares the problem statuses its shape and access rule imply
 *   (genericProblemStatuses) as problem details, besides those its decorators declare;
 * - every API route can answer 503 `service_unavailable` with Retry-After while PostgreSQL cannot
 *   be reached (ProblemDetailsFilter);
 * - every operation carries its audiences as `x-access`;
 * - component schemas with properties are closed (`additionalProperties: false`): request bodies
 *   with unknown properties are refused and responses carry no undocumented members. Problem details
 *   stay open: some carry extension members (RFC 9457, section 3.2).
 */
export function completeDocument(
  document: OpenAPIObject,
  routes: readonly RouteInfo[],
  prefix: string,
): OpenAPIObject {
  for (const route of routes) {
    const op = (document.paths[route.path] as Record<string, Operation> | undefined)?.[
      route.method.toLowerCase()
    ];
    if (!op) continue;
    const audiences = route.audiences ?? [];
    op['x-access'] = [...audiences];
    const statuses = genericProblemStatuses({
      method: route.method,
      audiences,
      guards: route.guards,
      parameterPlaces: [...new Set((op.parameters ?? []).map((p) => p.in))],
      hasRequestBody: op.requestBody !== undefined,
    });
    for (const status of statuses) op.responses[status] ??= problemResponse(status);
    if (route.path.startsWith(`/${prefix}/`)) op.responses['503'] ??= unavailable();
    op.responses = Object.fromEntries(
      Object.entries(op.responses).sort(([a], [b]) => a.localeCompare(b)),
    );
  }
  for (const [name, schema] of Object.entries(
    (document.components?.schemas ?? {}) as Record<string, Schema>,
  )) {
    if (name === PROBLEM_SCHEMA) schema.additionalProperties = true;
    else if (schema.properties && schema.additionalProperties === undefined)
      schema.additionalProperties = false;
  }
  return document;
}

function unavailable() {
  return {
    description: 'Service Unavailable: the database cannot be reached; retry later',
    headers: {
      'Retry-After': {
        description: `Seconds to wait before retrying (${RETRY_AFTER_SECONDS})`,
        schema: { type: 'integer' },
      },
    },
    content: {
      'application/problem+json': {
        schema: { $ref: `#/components/schemas/${PROBLEM_SCHEMA}` },
      },
    },
  };
}

/** The OpenAPI document served at /docs-json: the decorators' description, completed. */
export function buildOpenApiDocument(app: INestApplication, prefix: string): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('sme-finance-matcher')
      .setDescription(
        'Matches Jiangxi small and micro enterprises with policy-backed financing products and refers them to partner banks. ' +
          'Errors are RFC 9457 problem details (application/problem+json) with a stable `code`; every operation ' +
          'lists the error statuses it can answer, and `x-access` names who may call it.',
      )
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
      .addApiKey({ type: 'apiKey', in: 'header', name: 'X-Api-Key' }, 'apiKey')
      .build(),
    { extraModels: [ProblemDetailsDto] },
  );
  return completeDocument(document, listRoutes(app, prefix), prefix);
}
