import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';

export interface SendResult {
  statusCode: number | null;
  retryAfter?: string;
  error?: string;
  latencyMs: number;
}

const MAX_RESPONSE_BYTES = 64 * 1024;

/**
 * POSTs one webhook. Connects only to `addresses` (checked by the SSRF guard), so a DNS answer
 * that changes between check and connect cannot redirect the request; redirects are not followed.
 */
export function sendWebhook(
  url: string,
  addresses: string[],
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
): Promise<SendResult> {
  const started = performance.now();
  const target = new URL(url);
  const pinned = addresses[0];
  const family = pinned ? isIP(pinned) : 0;
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<SendResult>((resolve) => {
    let settled = false;
    const finish = (result: Omit<SendResult, 'latencyMs'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...result, latencyMs: Math.round(performance.now() - started) });
    };
    const req = send(
      target,
      {
        method: 'POST',
        headers: {
          ...headers,
          'content-length': Buffer.byteLength(body).toString(),
          'user-agent': 'sme-finance-matcher-webhooks/1',
        },
        lookup: pinned
          ? (_host, opts, cb) => {
              if ((opts as { all?: boolean }).all)
                (cb as (e: null, a: { address: string; family: number }[]) => void)(null, [
                  { address: pinned, family },
                ]);
              else (cb as (e: null, a: string, f: number) => void)(null, pinned, family);
            }
          : undefined,
      },
      (res) => {
        let seen = 0;
        res.on('data', (chunk: Buffer) => {
          seen += chunk.length;
          if (seen > MAX_RESPONSE_BYTES) res.destroy();
        });
        const done = () =>
          finish({
            statusCode: res.statusCode ?? null,
            retryAfter:
              typeof res.headers['retry-after'] === 'string'
                ? res.headers['retry-after']
                : undefined,
          });
        res.on('end', done);
        res.on('close', done);
        res.on('error', done);
      },
    );
    // One deadline for connect, send and the answer: a receiver that hangs is a failed attempt.
    const timer = setTimeout(() => {
      req.destroy(new Error(`timed out after ${timeoutMs} ms`));
    }, timeoutMs);
    req.on('error', (err) => finish({ statusCode: null, error: err.message.slice(0, 500) }));
    req.end(body);
  });
}
