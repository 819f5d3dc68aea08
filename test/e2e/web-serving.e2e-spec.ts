import { createTestApp, TestApp } from '../support/test-app';

const PAGE = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };

/** The pages are served by the API's own process at / (docs/web.md), without shadowing the API. */
describe('web pages (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it.each(['/', '/sme/matches/abc', '/admin/products/KEDAITONG', '/login?next=%2Fbank'])(
    'should serve the page shell with a strict CSP for a browser GET of %s',
    async (path) => {
      const res = await fetch(t.url + path, { headers: PAGE });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("default-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      const html = await res.text();
      expect(html).toMatch(
        /<script type="module" crossorigin src="\/assets\/index-[\w-]+\.js"><\/script>/,
      );
      // No inline script (the CSP would refuse it) and nothing from another origin.
      expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
      expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    },
  );

  it('should serve the hashed assets compressed and cached for a year', async () => {
    const html = await (await fetch(t.url + '/', { headers: PAGE })).text();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)![1];
    const res = await fetch(t.url + script, { headers: { 'accept-encoding': 'br, gzip' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/javascript/);
    expect(res.headers.get('content-encoding')).toBe('br');
    expect(res.headers.get('cache-control')).toContain('immutable');
  });

  it.each([
    ['GET', '/', { accept: '*/*' }],
    ['GET', '/sme', { accept: 'application/json' }],
    ['GET', '/api/v1/nothing-here', PAGE],
    ['GET', '/docs/nothing-here', PAGE],
    ['GET', '/health/nothing-here', PAGE],
    ['GET', '/metrics/nothing-here', PAGE],
    ['GET', '/assets/missing.js', PAGE],
    ['POST', '/sme', PAGE],
    ['DELETE', '/', PAGE],
  ])('should keep answering problem details to %s %s (%j)', async (method, path, headers) => {
    const res = await fetch(t.url + path, { method, headers });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(((await res.json()) as { code: string }).code).toBe('not_found');
  });

  it('should leave the API, the OpenAPI document and health to their own routes', async () => {
    const products = await fetch(t.url + '/api/v1/products', { headers: PAGE });
    expect(products.headers.get('content-type')).toMatch(/^application\/json/);
    const live = await fetch(t.url + '/health/live', { headers: PAGE });
    expect(await live.json()).toEqual({ status: 'ok' });
    const docs = await fetch(t.url + '/docs-json', { headers: PAGE });
    expect(((await docs.json()) as { openapi: string }).openapi).toMatch(/^3\./);
  });
});
