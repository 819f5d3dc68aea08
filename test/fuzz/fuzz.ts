import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import {
  ContractChecker,
  OpenApiDocument,
  OpenApiOperation,
  toJsonSchema,
} from '../support/contract';
import { Hints, mutated, Schema, valid } from './arbitraries';

export const ROLES = ['anonymous', 'badToken', 'sme', 'otherSme', 'admin', 'bank'] as const;
export type Role = (typeof ROLES)[number];
/** The @Access audience each role authenticates as (null: none). */
const AUDIENCE: Record<Role, string | null> = {
  anonymous: null,
  badToken: null,
  sme: 'sme',
  otherSme: 'sme',
  admin: 'admin',
  bank: 'bank',
};

/** Who the fuzzer can be, and the ids and codes that exist in its app. */
export interface FuzzWorld {
  credentials: { sme: string; otherSme: string; admin: string; bankKey: string };
  /** Values for path parameters, by parameter name (real ids first; the fuzzer adds junk). */
  pathValues: Record<string, string[]>;
  /** Values for body properties, by property name (see Hints). */
  hints: Hints;
}

export interface FuzzOptions {
  baseUrl: string;
  document: OpenApiDocument;
  world: FuzzWorld;
  runsPerOperation: number;
  seed: number;
  /** Date.now() after which no new request starts. */
  deadline: number;
  concurrency?: number;
}

export interface OperationCount {
  operation: string;
  requests: number;
  byClass: Record<'2xx' | '3xx' | '4xx' | '5xx', number>;
  violations: number;
}

export interface FuzzFailure {
  operation: string;
  request: string;
  status: number;
  problems: string[];
}

export interface FuzzReport {
  seed: number;
  runsPerOperation: number;
  operations: OperationCount[];
  total: number;
  failures: FuzzFailure[];
  timedOut: boolean;
  elapsedMs: number;
}

interface Case {
  role: Role;
  path: Record<string, string>;
  query: Record<string, string>;
  headers: Record<string, string>;
  body:
    | { kind: 'none' }
    | { kind: 'json'; value: unknown; how: string }
    | { kind: 'raw'; text: string; contentType: string; how: string };
}

const HOSTILE_PATH = [
  '0',
  '-1',
  '1.5',
  '2147483648',
  '99999999999999999999',
  'NaN',
  '00000000-0000-0000-0000-000000000000',
  'ZZ',
  'a'.repeat(300),
  '%00',
  '%E0%A4%A',
  '..',
  '%2F',
  '%20',
  encodeURIComponent('中文'),
  encodeURIComponent('𝔘🏦'),
];

function b64url(s: string): string {
  return Buffer.from(s).toString('base64url');
}

const HOSTILE_QUERY = [
  '',
  '0',
  '-1',
  '101',
  '1.5',
  '1e3',
  '2147483648',
  '99999999999999999999',
  'abc',
  'true',
  '中文',
  '\u0000',
  'x'.repeat(1000),
  b64url('2023-02-30T00:00:00.000000Z|00000000-0000-4000-8000-000000000000'),
  b64url('9999-99-99T99:99:99.999999Z|00000000-0000-4000-8000-000000000000'),
  b64url('2026-01-01T00:00:00.000000Z|not-a-uuid'),
  b64url('garbage'),
  'AAAA',
  '!!!',
];

const RAW_BODIES: { text: string; contentType: string; how: string }[] = [
  { text: '{"a":', contentType: 'application/json', how: 'truncated JSON' },
  { text: '', contentType: 'application/json', how: 'empty JSON body' },
  { text: 'null', contentType: 'application/json', how: 'JSON null' },
  { text: '[]', contentType: 'application/json', how: 'JSON array' },
  { text: '"text"', contentType: 'application/json', how: 'JSON string' },
  { text: '12', contentType: 'application/json', how: 'JSON number' },
  { text: '{"a":1}', contentType: 'text/plain', how: 'text/plain' },
  {
    text: 'email=a%40b.cn&password=x',
    contentType: 'application/x-www-form-urlencoded',
    how: 'form-encoded',
  },
  { text: '{"a":1}', contentType: 'application/xml', how: 'application/xml' },
  { text: '\u0000\u0001', contentType: 'application/octet-stream', how: 'octet-stream' },
  {
    text: `{"a":"${'x'.repeat(300_000)}"}`,
    contentType: 'application/json',
    how: 'body over the limit',
  },
  { text: '{"a":1,"a":2}', contentType: 'application/json', how: 'duplicate key' },
];

const HEADER_SAFE = /^[\x20-\x7e]*$/;

function paramSchema(p: { schema?: Schema }): Schema {
  return p.schema ?? { type: 'string' };
}

function asQueryString(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

function caseArbitrary(
  template: string,
  op: OpenApiOperation,
  doc: OpenApiDocument,
  world: FuzzWorld,
): fc.Arbitrary<Case> {
  const params = op.parameters ?? [];
  const path: Record<string, fc.Arbitrary<string>> = {};
  const query: Record<string, fc.Arbitrary<string>> = {};
  const headers: Record<string, fc.Arbitrary<string>> = {};
  for (const p of params) {
    if (p.in === 'path') {
      const known = world.pathValues[p.name] ?? [];
      path[p.name] = fc.oneof(
        { arbitrary: known.length ? fc.constantFrom(...known) : fc.uuid(), weight: 6 },
        { arbitrary: fc.constantFrom(...HOSTILE_PATH), weight: 2 },
        { arbitrary: fc.uuid(), weight: 1 },
        {
          arbitrary: fc.string({ minLength: 1, unit: 'grapheme' }).map(encodeURIComponent),
          weight: 1,
        },
      );
    } else if (p.in === 'query') {
      query[p.name] = fc.oneof(
        {
          arbitrary: valid(paramSchema(p), doc, world.hints, p.name).map(asQueryString),
          weight: 3,
        },
        { arbitrary: fc.constantFrom(...HOSTILE_QUERY), weight: 2 },
      );
    } else if (p.in === 'header') {
      headers[p.name.toLowerCase()] = fc
        .oneof(
          {
            arbitrary: valid(paramSchema(p), doc, world.hints, p.name).map(asQueryString),
            weight: 3,
          },
          { arbitrary: fc.constantFrom('', ' ', 'x'.repeat(300), 'ü', 'a,b'), weight: 1 },
        )
        .filter((v) => HEADER_SAFE.test(v));
    }
  }
  const requiredQuery = params.filter((p) => p.in === 'query' && p.required).map((p) => p.name);
  const requiredHeaders = params
    .filter((p) => p.in === 'header' && p.required)
    .map((p) => p.name.toLowerCase());
  const queryArb = fc
    .tuple(
      fc.record(query, { requiredKeys: requiredQuery }),
      fc.option(fc.constantFrom('unknown', 'limit', 'cursor', '__proto__'), { freq: 8 }),
      fc.constantFrom(...HOSTILE_QUERY),
    )
    .map(([q, extraKey, extraValue]) =>
      extraKey && !(extraKey in q) ? { ...q, [extraKey]: extraValue } : q,
    );

  const schema = op.requestBody?.content?.['application/json']?.schema as Schema | undefined;
  let body: fc.Arbitrary<Case['body']>;
  const raw = fc.constantFrom(...RAW_BODIES).map((r) => ({ kind: 'raw' as const, ...r }));
  if (schema) {
    const good = valid(schema, doc, world.hints);
    body = fc.oneof(
      {
        arbitrary: good.map((value) => ({ kind: 'json' as const, value, how: 'valid' })),
        weight: 5,
      },
      { arbitrary: mutated(good).map((m) => ({ kind: 'json' as const, ...m })), weight: 4 },
      { arbitrary: raw, weight: 1 },
      { arbitrary: fc.constant({ kind: 'none' as const }), weight: 1 },
    );
  } else if (['post', 'put', 'patch', 'delete'].includes(template.split(' ')[0])) {
    body = fc.oneof(
      { arbitrary: fc.constant({ kind: 'none' as const }), weight: 8 },
      {
        arbitrary: fc
          .jsonValue({ maxDepth: 2 })
          .map((value) => ({ kind: 'json' as const, value, how: 'unexpected body' })),
        weight: 1,
      },
      { arbitrary: raw, weight: 1 },
    );
  } else body = fc.constant({ kind: 'none' as const });

  return fc.record({
    role: fc.constantFrom(...ROLES),
    path: fc.record(path),
    query: queryArb,
    headers: fc.record(headers, { requiredKeys: requiredHeaders }),
    body,
  });
}

/** Ajv for what the document says a request must be (query and headers arrive as strings). */
class RequestRules {
  private readonly bodies = new Ajv({ strict: false, allErrors: false });
  private readonly params = new Ajv({ strict: false, allErrors: false, coerceTypes: true });
  private readonly cache = new Map<string, ValidateFunction>();

  constructor(doc: OpenApiDocument) {
    for (const ajv of [this.bodies, this.params]) {
      addFormats(ajv);
      ajv.addSchema(toJsonSchema(doc) as object, 'openapi');
    }
  }

  private compile(ajv: Ajv, key: string, schema: object): ValidateFunction {
    let v = this.cache.get(key);
    if (!v) {
      // Local references point into the document added as "openapi".
      const rebased = JSON.parse(
        JSON.stringify(toJsonSchema(schema)).replaceAll('"#/components/', '"openapi#/components/'),
      ) as object;
      v = ajv.compile(rebased);
      this.cache.set(key, v);
    }
    return v;
  }

  /** True when the document says this request is well-formed (its body and its parameters). */
  accepts(key: string, op: OpenApiOperation, c: Case): boolean {
    for (const p of op.parameters ?? []) {
      if (p.in === 'path') continue;
      const value = p.in === 'query' ? c.query[p.name] : c.headers[p.name.toLowerCase()];
      if (value === undefined) {
        if (p.required) return false;
        continue;
      }
      // Wrapped in an object so that coerceTypes can turn "20" into 20 in place.
      const check = this.compile(this.params, `${key} ${p.in} ${p.name}`, {
        type: 'object',
        properties: { value: p.schema ?? { type: 'string' } },
      });
      if (!check({ value })) return false;
    }
    // Query parameters the operation does not name make no request malformed (OpenAPI is silent).
    const schema = op.requestBody?.content?.['application/json']?.schema;
    if (!schema) return true;
    if (c.body.kind === 'none') return !op.requestBody?.required;
    if (c.body.kind === 'raw') return false;
    const v = this.compile(this.bodies, `${key} body`, schema);
    return v(c.body.value);
  }
}

function credentialsFor(role: Role, world: FuzzWorld): Record<string, string> {
  switch (role) {
    case 'anonymous':
      return {};
    case 'badToken':
      return { authorization: 'Bearer not.a.token' };
    case 'bank':
      return { 'x-api-key': world.credentials.bankKey };
    case 'sme':
    case 'otherSme':
    case 'admin':
      return { authorization: `Bearer ${world.credentials[role]}` };
  }
}

function classOf(status: number): '2xx' | '3xx' | '4xx' | '5xx' {
  return status >= 500 ? '5xx' : status >= 400 ? '4xx' : status >= 300 ? '3xx' : '2xx';
}

/**
 * Sends runsPerOperation generated requests to every operation of the document, as every role, and
 * collects every answer that is a 5xx, breaks the document (ContractChecker), succeeds for a caller
 * the operation's x-access excludes, or succeeds for a request the document calls malformed.
 */
export async function fuzzOperations(opts: FuzzOptions): Promise<FuzzReport> {
  const started = Date.now();
  const checker = new ContractChecker(opts.document);
  const rules = new RequestRules(opts.document);
  const operations: { key: string; template: string; method: string; op: OpenApiOperation }[] = [];
  for (const [template, ops] of Object.entries(opts.document.paths))
    for (const [method, op] of Object.entries(ops))
      operations.push({ key: `${method.toUpperCase()} ${template}`, template, method, op });
  // Reads first and destructive operations last, so that retiring products or revoking keys
  // does not starve the operations after them.
  const rank = (o: (typeof operations)[number]) =>
    (/\/(retire|api-keys\/\{id\})$/.test(o.template) ? 10 : 0) +
    ['get', 'post', 'put', 'patch', 'delete'].indexOf(o.method);
  operations.sort((a, b) => rank(a) - rank(b) || a.key.localeCompare(b.key));

  const report: FuzzReport = {
    seed: opts.seed,
    runsPerOperation: opts.runsPerOperation,
    operations: [],
    total: 0,
    failures: [],
    timedOut: false,
    elapsedMs: 0,
  };
  const seenKinds = new Set<string>();
  for (const [index, { key, template, method, op }] of operations.entries()) {
    const count: OperationCount = {
      operation: key,
      requests: 0,
      byClass: { '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0 },
      violations: 0,
    };
    report.operations.push(count);
    const cases = fc.sample(caseArbitrary(`${method} ${template}`, op, opts.document, opts.world), {
      seed: opts.seed + index,
      numRuns: opts.runsPerOperation,
    });
    const access = op['x-access'] ?? [];
    let next = 0;
    const worker = async () => {
      while (next < cases.length) {
        if (Date.now() > opts.deadline) {
          report.timedOut = true;
          return;
        }
        const c = cases[next++];
        const path = template.replace(/\{([^}]+)\}/g, (_, name: string) => c.path[name] ?? 'x');
        const qs = new URLSearchParams(c.query).toString();
        const url = path + (qs ? `?${qs}` : '');
        const headers: Record<string, string> = {
          ...c.headers,
          ...credentialsFor(c.role, opts.world),
        };
        let payload: string | undefined;
        if (c.body.kind === 'json' && c.body.value !== undefined) {
          headers['content-type'] = 'application/json';
          payload = JSON.stringify(c.body.value);
        } else if (c.body.kind === 'raw') {
          headers['content-type'] = c.body.contentType;
          payload = c.body.text;
        }
        const describe = () =>
          `${method.toUpperCase()} ${url.slice(0, 300)} as ${c.role}` +
          (c.body.kind === 'none' ? '' : ` body(${c.body.how}): ${(payload ?? '').slice(0, 300)}`);
        let res: Response;
        try {
          res = await fetch(opts.baseUrl + url, {
            method: method.toUpperCase(),
            headers,
            body: payload,
          });
        } catch (err) {
          count.violations++;
          report.failures.push({
            operation: key,
            request: describe(),
            status: 0,
            problems: [`no answer: ${(err as Error).message}`],
          });
          continue;
        }
        const text = await res.text();
        const contentType = res.headers.get('content-type');
        let body: unknown = text;
        const problems: string[] = [];
        if (text && /json/.test(contentType ?? '')) {
          try {
            body = JSON.parse(text);
          } catch {
            problems.push(`${key} → ${res.status}: the body is not the JSON its content type says`);
          }
        }
        count.requests++;
        report.total++;
        count.byClass[classOf(res.status)]++;
        if (res.status >= 500) problems.push(`${key} → ${res.status}: a server error`);
        problems.push(
          ...checker.check(method, url, { status: res.status, contentType, text, body }),
        );
        const audience = AUDIENCE[c.role];
        const allowed =
          access.includes('public') || (audience !== null && access.includes(audience));
        if (res.status < 300 && !allowed)
          problems.push(
            `${key} → ${res.status}: succeeded for ${c.role}, not in x-access ${access.join(',')}`,
          );
        if (res.status < 300 && !rules.accepts(key, op, c))
          problems.push(`${key} → ${res.status}: accepted a request the document calls malformed`);
        if (problems.length) {
          count.violations++;
          // One example of each kind of breach per operation (numbers and ids differ between examples).
          const kind = `${key} ${problems[0].replace(/[0-9a-f-]{36}|\d+/g, '#')}`;
          if (seenKinds.has(kind)) continue;
          seenKinds.add(kind);
          if (report.failures.length < 200)
            report.failures.push({
              operation: key,
              request: describe(),
              status: res.status,
              problems: [...problems, `answer: ${text.slice(0, 400)}`],
            });
        }
      }
    };
    await Promise.all(Array.from({ length: opts.concurrency ?? 4 }, worker));
    if (report.timedOut) break;
  }
  report.elapsedMs = Date.now() - started;
  return report;
}

/** The report as a table: one line per operation, then the totals. */
export function formatReport(r: FuzzReport): string {
  const width = Math.max(...r.operations.map((o) => o.operation.length), 9);
  const lines = [
    `fuzz: seed ${r.seed} (FUZZ_SEED), ${r.runsPerOperation} requests per operation (FUZZ_RUNS)` +
      (r.timedOut ? ', STOPPED AT THE TIME BUDGET (FUZZ_BUDGET_MS)' : ''),
    `${'operation'.padEnd(width)}  requests    2xx    3xx    4xx    5xx  violations`,
  ];
  const total = { requests: 0, '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0, violations: 0 };
  for (const o of r.operations) {
    lines.push(
      `${o.operation.padEnd(width)}  ${String(o.requests).padStart(8)} ${String(o.byClass['2xx']).padStart(6)} ${String(o.byClass['3xx']).padStart(6)} ${String(o.byClass['4xx']).padStart(6)} ${String(o.byClass['5xx']).padStart(6)}  ${String(o.violations).padStart(10)}`,
    );
    total.requests += o.requests;
    for (const k of ['2xx', '3xx', '4xx', '5xx'] as const) total[k] += o.byClass[k];
    total.violations += o.violations;
  }
  lines.push(
    `${'TOTAL'.padEnd(width)}  ${String(total.requests).padStart(8)} ${String(total['2xx']).padStart(6)} ${String(total['3xx']).padStart(6)} ${String(total['4xx']).padStart(6)} ${String(total['5xx']).padStart(6)}  ${String(total.violations).padStart(10)}`,
    `${r.operations.length} operations, ${total.requests} requests in ${(r.elapsedMs / 1000).toFixed(1)} s`,
  );
  return lines.join('\n');
}
