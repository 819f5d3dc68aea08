import type { Audience } from '../common/auth/access.decorator';
import { titleFor } from '../common/errors/problem-details.filter';

/** The component every error answer refers to (RFC 9457 problem details). */
export const PROBLEM_SCHEMA = 'ProblemDetailsDto';
export const PROBLEM_MEDIA_TYPE = 'application/problem+json';

const BODY_METHODS = new Set(['post', 'put', 'patch', 'delete']);
const ROLES: Audience[] = ['admin', 'sme', 'bank'];

/** What the document generator knows about one operation. */
export interface OperationFacts {
  method: string;
  audiences: readonly Audience[];
  /** Names of the route's guards (ThrottlerGuard answers 429). */
  guards: readonly string[];
  /** Where its parameters are: path, query, header. */
  parameterPlaces: readonly string[];
  hasRequestBody: boolean;
}

/**
 * The error statuses any route answers by its shape alone, whatever its service does:
 * - 400 when it takes parameters (even a path parameter is refused with U+0000 in it), a body, or
 *   its method makes Fastify read a body (malformed JSON);
 * - 401 unless public; 403 unless public or open to every role (a valid caller of another role);
 * - 404 when a path parameter names a resource;
 * - 413 and 415 when Fastify reads a body (too large, not JSON);
 * - 429 when the route is rate-limited.
 * Statuses that depend on the service (409, 422, a 404 for an id in the body) are declared on the
 * route with @ApiProblems.
 */
export function genericProblemStatuses(op: OperationFacts): number[] {
  const method = op.method.toLowerCase();
  const readsBody = BODY_METHODS.has(method);
  const isPublic = op.audiences.includes('public');
  const statuses: number[] = [];
  if (readsBody || op.hasRequestBody || op.parameterPlaces.length > 0) statuses.push(400);
  if (!isPublic) {
    statuses.push(401);
    if (!ROLES.every((r) => op.audiences.includes(r))) statuses.push(403);
  }
  if (op.parameterPlaces.includes('path')) statuses.push(404);
  if (readsBody) statuses.push(413, 415);
  if (op.guards.includes('ThrottlerGuard')) statuses.push(429);
  return statuses;
}

export function problemResponse(status: number): {
  description: string;
  content: Record<string, { schema: { $ref: string } }>;
} {
  return {
    description: titleFor(status),
    content: {
      [PROBLEM_MEDIA_TYPE]: { schema: { $ref: `#/components/schemas/${PROBLEM_SCHEMA}` } },
    },
  };
}
