import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/** The parts of an OpenAPI 3.0 document the contract check reads. */
export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, unknown> };
}
export interface OpenApiOperation {
  operationId?: string;
  parameters?: { name: string; in: string; required?: boolean; schema?: any }[];
  requestBody?: { required?: boolean; content: Record<string, { schema?: any }> };
  responses: Record<string, { description?: string; content?: Record<string, { schema?: any }> }>;
  security?: Record<string, string[]>[];
  'x-access'?: string[];
}

/** What the check needs of one HTTP answer. */
export interface ObservedResponse {
  status: number;
  contentType: string | null;
  /** The raw body text ('' when there is none). */
  text: string;
  /** The body parsed as JSON when it is JSON. */
  body: unknown;
}

/** Paths the document leaves out on purpose: the document itself and its UI. */
const UNDOCUMENTED = /^\/docs(?:-json|\/.*)?$/;
/**
 * Statuses Node's HTTP layer may answer for any URL before a route is chosen (URI too long,
 * header fields too large); they must still be problem details.
 */
const TRANSPORT_STATUSES = new Set([414, 431]);
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

/**
 * OpenAPI 3.0 schemas are nearly JSON Schema; `nullable` is the difference that matters. A nullable
 * schema with a plain `type` gains "null"; one built from references becomes anyOf [it, null].
 */
export function toJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) out[k] = toJsonSchema(v);
  if (out.nullable === undefined) return out;
  const nullable = out.nullable === true;
  delete out.nullable;
  if (!nullable) return out;
  const composed = '$ref' in out || 'allOf' in out || 'oneOf' in out || 'anyOf' in out;
  if (typeof out.type === 'string' && !composed) {
    out.type = [out.type, 'null'];
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
    return out;
  }
  const { description, ...rest } = out;
  return { description, anyOf: [rest, { type: 'null' }] };
}

function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

function mediaType(contentType: string | null): string | null {
  return contentType ? contentType.split(';')[0].trim().toLowerCase() : null;
}

interface Route {
  method: string;
  template: string;
  pattern: RegExp;
  params: number;
  op: OpenApiOperation;
}

/**
 * Checks HTTP answers against the served OpenAPI document: the status must be declared for the
 * operation, the content type must be one it declares, and the body must match its schema (Ajv,
 * with every $ref resolved against the document). A path no operation matches must answer a 4xx
 * in problem details.
 */
export class ContractChecker {
  private readonly ajv: Ajv;
  private readonly routes: Route[];
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(readonly document: OpenApiDocument) {
    this.ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
    addFormats(this.ajv);
    this.ajv.addSchema(toJsonSchema(document) as object, 'openapi');
    this.routes = [];
    for (const [template, ops] of Object.entries(document.paths)) {
      const params = (template.match(/\{[^}]+\}/g) ?? []).length;
      const pattern = new RegExp(
        '^' +
          template
            .split(/\{[^}]+\}/)
            .map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
            .join('[^/]+') +
          '$',
      );
      for (const method of METHODS)
        if (ops[method]) this.routes.push({ method, template, pattern, params, op: ops[method] });
    }
    // A literal segment wins over a parameter (/admin/banks/{code} vs a fixed sibling).
    this.routes.sort((a, b) => a.params - b.params);
  }

  /** The operation that serves this method and path (query string ignored), if any. */
  route(method: string, url: string): Route | undefined {
    const path = new URL(url, 'http://x').pathname;
    const m = method.toLowerCase();
    return this.routes.find((r) => r.method === m && r.pattern.test(path));
  }

  private schemaAt(pointer: string): ValidateFunction {
    let validate = this.validators.get(pointer);
    if (!validate) {
      validate = this.ajv.compile({ $ref: `openapi#${pointer}` });
      this.validators.set(pointer, validate);
    }
    return validate;
  }

  private problemSchema(): ValidateFunction {
    return this.schemaAt('/components/schemas/ProblemDetailsDto');
  }

  /** Every way this answer breaks the document (empty when it conforms). */
  check(method: string, url: string, res: ObservedResponse): string[] {
    const path = new URL(url, 'http://x').pathname;
    if (UNDOCUMENTED.test(path)) return [];
    const route = this.route(method, url);
    const what = route
      ? `${method.toUpperCase()} ${route.template} → ${res.status}`
      : `${method.toUpperCase()} ${path} (no operation) → ${res.status}`;
    const media = mediaType(res.contentType);

    if (!route || TRANSPORT_STATUSES.has(res.status)) {
      if (res.status < 400 || res.status >= 500)
        return [`${what}: only a 4xx problem is acceptable here`];
      return this.checkProblem(what, media, res);
    }

    const declared =
      route.op.responses[String(res.status)] ??
      route.op.responses[`${Math.floor(res.status / 100)}XX`] ??
      route.op.responses.default;
    if (!declared) {
      const listed = Object.keys(route.op.responses).join(', ');
      return [`${what}: status ${res.status} is not declared (declared: ${listed})`];
    }
    const statusKey = route.op.responses[String(res.status)]
      ? String(res.status)
      : route.op.responses[`${Math.floor(res.status / 100)}XX`]
        ? `${Math.floor(res.status / 100)}XX`
        : 'default';
    const content = declared.content;
    if (!content || Object.keys(content).length === 0) {
      return res.text.length > 0 && method.toUpperCase() !== 'HEAD'
        ? [`${what}: the document declares no body, but the answer has one (${media})`]
        : [];
    }
    if (method.toUpperCase() === 'HEAD') return [];
    if (!media || !content[media])
      return [
        `${what}: content type ${media ?? '(none)'} is not declared (declared: ${Object.keys(content).join(', ')})`,
      ];
    if (!content[media].schema) return [];
    if (!/json/.test(media)) return [];
    const pointer = [
      '',
      'paths',
      escapePointer(route.template),
      route.method,
      'responses',
      statusKey,
      'content',
      escapePointer(media),
      'schema',
    ].join('/');
    const validate = this.schemaAt(pointer);
    if (validate(res.body)) return [];
    return [
      `${what}: body does not match the document: ${this.ajv.errorsText(validate.errors, { separator: '; ' })}`,
    ];
  }

  private checkProblem(what: string, media: string | null, res: ObservedResponse): string[] {
    if (media !== 'application/problem+json')
      return [`${what}: content type ${media ?? '(none)'} is not application/problem+json`];
    const validate = this.problemSchema();
    if (validate(res.body)) return [];
    return [
      `${what}: not problem details: ${this.ajv.errorsText(validate.errors, { separator: '; ' })}`,
    ];
  }
}

const checkers = new Map<string, Promise<ContractChecker>>();

/** The checker for the app at baseUrl, built once from its /docs-json. */
export function contractFor(baseUrl: string): Promise<ContractChecker> {
  let checker = checkers.get(baseUrl);
  if (!checker) {
    checker = (async () => {
      const res = await fetch(`${baseUrl}/docs-json`);
      if (!res.ok) throw new Error(`GET ${baseUrl}/docs-json answered ${res.status}`);
      return new ContractChecker((await res.json()) as OpenApiDocument);
    })();
    checkers.set(baseUrl, checker);
    checker.catch(() => checkers.delete(baseUrl));
  }
  return checker;
}

/** Raised when an answer breaks the document; the message names the operation and the breach. */
export class ContractViolation extends Error {
  constructor(
    readonly problems: string[],
    readonly body: unknown,
  ) {
    super(
      `The answer breaks the OpenAPI document (/docs-json):\n  ${problems.join('\n  ')}\n` +
        `body: ${JSON.stringify(body)?.slice(0, 2000)}`,
    );
    this.name = 'ContractViolation';
  }
}
