import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import fastifyStatic from '@fastify/static';
import { answerOverlongSegment } from '../common/errors/framework-errors';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * The web application's Content-Security-Policy (docs/web.md): scripts, styles and everything
 * else only from this origin, no inline code, no framing.
 */
export const WEB_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const WEB_HEADERS: Record<string, string> = {
  'content-security-policy': WEB_CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

/** Paths the pages never answer: the API, the OpenAPI UI, health and metrics keep problem details. */
const NOT_PAGES = /^\/(api|docs|docs-json|health|metrics)(\/|$|\?|-)/;

/** The folder `npm run build` writes the pages to (dist/web), found from the package root. */
export function webDistDir(from = __dirname): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return join(dir, 'dist', 'web');
}

/** A browser asking for a page: GET with text/html named in Accept (a bare wildcard is not). */
export function wantsPage(method: string, url: string, accept: string | undefined): boolean {
  if (method !== 'GET' || NOT_PAGES.test(url)) return false;
  return typeof accept === 'string' && /(^|,)\s*text\/html\s*(;|,|$)/i.test(accept);
}

/**
 * Serves the built pages: hashed assets under /assets/ (cached for a year, gzip/brotli when the
 * build wrote them) and index.html for every page route. Anything that is not a page request falls
 * through to the API's not-found handler, so it keeps answering problem details.
 */
export function registerWebApp(fastify: FastifyInstance, root = webDistDir()): boolean {
  const indexFile = join(root, 'index.html');
  if (!existsSync(indexFile)) return false;
  const index = readFileSync(indexFile);
  void fastify.register(async (instance) => {
    await instance.register(fastifyStatic, {
      root: join(root, 'assets'),
      prefix: '/assets/',
      decorateReply: false,
      preCompressed: true,
      index: false,
      // File names carry a content hash: a changed file is a new name.
      maxAge: 365 * 24 * 3600 * 1000,
      immutable: true,
      setHeaders: (reply: FastifyReply) => {
        void reply.headers(WEB_HEADERS);
      },
    });
    const page = (request: FastifyRequest, reply: FastifyReply): FastifyReply => {
      if (!wantsPage(request.method, request.url, request.headers.accept)) {
        if (NOT_PAGES.test(request.url) && answerOverlongSegment(request, reply)) return reply;
        reply.callNotFound();
        return reply;
      }
      return reply
        .headers({ ...WEB_HEADERS, 'cache-control': 'no-cache', vary: 'accept' })
        .type('text/html; charset=utf-8')
        .send(index);
    };
    instance.get('/*', { exposeHeadRoute: false }, page);
  });
  return true;
}
