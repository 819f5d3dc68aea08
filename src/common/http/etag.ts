import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * Sends `body` with a strong ETag; answers 304 with no body when the client already has it.
 * Returns undefined in the 304 case so the controller sends nothing more.
 */
export function withEtag<T>(
  request: FastifyRequest,
  reply: FastifyReply,
  body: T,
  maxAgeSeconds = 60,
): T | undefined {
  const etag = `"${createHash('sha256').update(JSON.stringify(body)).digest('base64url').slice(0, 32)}"`;
  void reply.header('etag', etag).header('cache-control', `public, max-age=${maxAgeSeconds}`);
  const given = request.headers['if-none-match'];
  if (
    typeof given === 'string' &&
    given.split(',').some((t) => t.trim().replace(/^W\//, '') === etag)
  ) {
    void reply.status(304);
    return undefined;
  }
  return body;
}
