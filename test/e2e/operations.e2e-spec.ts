import { listRoutes } from '../../src/openapi/routes';
import { createTestApp, TestApp } from '../support/test-app';

describe('operations (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it('should report live and ready when PostgreSQL and Redis answer', async () => {
    expect((await t.http.get('/health/live')).body).toEqual({ status: 'ok' });
    const ready = await t.http.get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.info).toMatchObject({ postgres: { status: 'up' }, redis: { status: 'up' } });
  });

  it('should serve Prometheus metrics with request counts and latency histograms', async () => {
    await t.http.get('/health/ready');
    const res = await t.http.get('/metrics');
    expect(res.status).toBe(200);
    expect(res.body).toMatch(
      /http_requests_total\{method="GET",route="\/health\/ready",status="200"\} \d+/,
    );
    expect(res.body).toMatch(
      /http_request_duration_seconds_bucket\{le="0.005",method="GET",route="\/health\/ready"\}/,
    );
  });

  it('should echo a well-formed X-Request-Id and make one otherwise', async () => {
    const given = await t.http.get('/health/live', { headers: { 'x-request-id': 'req-abc.123' } });
    expect(given.headers.get('x-request-id')).toBe('req-abc.123');
    const made = await t.http.get('/health/live', {
      headers: { 'x-request-id': 'bad id with spaces' },
    });
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('should declare who may call every route', () => {
    const undeclared = listRoutes(t.app).filter((r) => !r.audiences?.length);
    expect(undeclared).toEqual([]);
  });

  it('should answer unknown routes with 404 problem details', async () => {
    const res = await t.http.get('/api/v1/does-not-exist');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ code: 'not_found', status: 404 });
  });

  it('should describe every route, both auth schemes and the problem shape in /docs-json', async () => {
    const res = await t.http.get('/docs-json');
    expect(res.status).toBe(200);
    const doc = res.body;
    expect(doc.components.securitySchemes).toMatchObject({
      bearer: { type: 'http', scheme: 'bearer' },
      apiKey: { type: 'apiKey', in: 'header', name: 'X-Api-Key' },
    });
    expect(doc.components.schemas.ProblemDetailsDto).toMatchObject({
      type: 'object',
      required: expect.arrayContaining(['type', 'title', 'status', 'detail', 'code']),
      properties: {
        type: { type: 'string' },
        title: { type: 'string' },
        status: { type: expect.stringMatching(/^(integer|number)$/) },
        detail: { type: 'string' },
        code: { type: 'string' },
        instance: { type: 'string' },
        errors: { type: 'array', items: { $ref: '#/components/schemas/FieldErrorDto' } },
      },
    });
    expect(doc.components.schemas.FieldErrorDto).toMatchObject({
      required: expect.arrayContaining(['path', 'message', 'code']),
    });
    const documented = new Set<string>();
    for (const [path, ops] of Object.entries(
      doc.paths as Record<string, Record<string, unknown>>,
    )) {
      for (const method of Object.keys(ops)) documented.add(`${method.toUpperCase()} ${path}`);
    }
    const routes = listRoutes(t.app);
    expect(routes.length).toBeGreaterThan(5);
    for (const r of routes) expect(documented).toContain(r.key);
    expect((await t.http.get('/docs')).status).toBe(200);
  });

  it('should type every money, basis-point, month, version and count field as an integer', async () => {
    const doc = (await t.http.get('/docs-json')).body;
    const integral = /(Yuan|Bp|Months|Max|Min|[vV]ersion|[cC]ount|attempts|expiresIn|Ms)$/;
    const misfits: string[] = [];
    const visit = (node: unknown, where: string) => {
      if (!node || typeof node !== 'object') return;
      const { properties } = node as { properties?: Record<string, { type?: string }> };
      for (const [name, p] of Object.entries(properties ?? {}))
        if (integral.test(name) && p.type === 'number') misfits.push(`${where}.${name}`);
      for (const [k, v] of Object.entries(node)) visit(v, `${where}/${k}`);
    };
    visit(doc, '');
    expect(misfits).toEqual([]);
  });

  it('should give every operation a success schema and problem details for every error it declares', async () => {
    const doc = (await t.http.get('/docs-json')).body;
    const gaps: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, any>>)) {
      for (const [method, op] of Object.entries(ops)) {
        const where = `${method.toUpperCase()} ${path}`;
        if (!op['x-access']?.length) gaps.push(`${where}: no x-access`);
        for (const [status, res] of Object.entries(op.responses as Record<string, any>)) {
          const code = Number(status);
          if (code >= 400) {
            if (!res.content?.['application/problem+json'])
              gaps.push(`${where} ${status}: not problem+json`);
          } else if (code < 300 && code !== 204 && !res.content)
            gaps.push(`${where} ${status}: no body schema`);
        }
        const isPublic = op['x-access']?.includes('public');
        if (!isPublic && !op.responses['401']) gaps.push(`${where}: 401 undeclared`);
        if (op.requestBody && !op.responses['400']) gaps.push(`${where}: 400 undeclared`);
      }
    }
    expect(gaps).toEqual([]);
  });
});

describe('operations with Redis down (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Nothing listens on this port: Redis is "down" for this app only.
    t = await createTestApp({ env: { REDIS_URL: 'redis://127.0.0.1:6399' } });
  });
  afterAll(async () => t.close());

  it('should keep serving and answer /health/ready 503 naming Redis', async () => {
    expect((await t.http.get('/health/live')).status).toBe(200);
    const ready = await t.http.get('/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.body.error).toMatchObject({ redis: { status: 'down' } });
    expect(ready.body.info).toMatchObject({ postgres: { status: 'up' } });
    const login = await t.http.post('/api/v1/auth/login', {
      email: 'admin@test.example',
      password: 'admin-password-123',
    });
    expect(login.status).toBe(200);
  });
});
