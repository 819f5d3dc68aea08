import { connect } from 'node:net';
import { expectProblem } from '../support/problems';
import { createTestApp, TestApp } from '../support/test-app';

/** Sends bytes fetch refuses to send and reads the whole answer (the server closes the connection). */
function rawExchange(url: string, request: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(request));
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', reject);
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

function parseRaw(text: string): { status: number; contentType: string; body: any } {
  const [head, body] = text.split('\r\n\r\n');
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1]);
  const contentType = /^content-type: (.*)$/im.exec(head)?.[1] ?? '';
  return { status, contentType, body: JSON.parse(body) };
}

function expectRawProblem(text: string, status: number, code: string): void {
  const res = parseRaw(text);
  expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
  expect(res.contentType).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status, code, title: expect.any(String) });
  expect(res.body.type).toContain(code);
}

describe('errors raised before a route runs (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it('should answer a path parameter longer than any id with 414 problem details', async () => {
    const res = await t.http.get(`/api/v1/products/${'A'.repeat(101)}`);
    expectProblem(res, 414, 'uri_too_long');
    expect(res.body.instance).toContain('/api/v1/products/');
    expect(res.headers.get('x-request-id')).toBeTruthy();
  });

  it('should answer a malformed percent escape with 400 malformed_url', async () => {
    const res = await t.http.get('/api/v1/products/%E0%A4%A');
    expectProblem(res, 400, 'malformed_url');
  });

  it('should answer headers over the size limit with 431 problem details', async () => {
    const text = await rawExchange(
      t.url,
      `GET /api/v1/products HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
    );
    expectRawProblem(text, 431, 'header_fields_too_large');
  });

  it('should answer a control character in a header with 400 malformed_request', async () => {
    const text = await rawExchange(
      t.url,
      'GET /api/v1/products HTTP/1.1\r\nHost: x\r\nX-Bad: a\x01b\r\n\r\n',
    );
    expectRawProblem(text, 400, 'malformed_request');
  });

  it('should answer a request that is not HTTP with 400 malformed_request', async () => {
    const text = await rawExchange(t.url, 'HELLO\r\n\r\n');
    expectRawProblem(text, 400, 'malformed_request');
  });

  it('should keep serving after refusing malformed requests', async () => {
    expect((await t.http.get('/health/live')).status).toBe(200);
  });
});
