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
