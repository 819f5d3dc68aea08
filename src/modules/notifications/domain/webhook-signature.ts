/**
 * Standard Webhooks signing (https://www.standardwebhooks.com, docs/api.md "Webhooks to partner
 * banks"). Pure apart from `generateWebhookSecret`, which draws random bytes.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const SECRET_PREFIX = 'whsec_';
// Standard Webhooks: "The secret key SHOULD be between 24 bytes and 64 bytes"; we generate 32.
const SECRET_MIN_BYTES = 24;
const SECRET_MAX_BYTES = 64;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
// The signed content is `${id}.${ts}.${body}`: a '.' in the id would let one signature stand for
// another (id, timestamp) split, and CR/LF would break the header, so ids are kept to a safe set.
const MSG_ID = /^[A-Za-z0-9_-]{1,128}$/;

/** Default tolerance between the signed timestamp and the verifier's clock, in seconds. */
export const WEBHOOK_TOLERANCE_SECONDS = 5 * 60;

/** The headers sent with every webhook request (a type alias so it fits header records). */
export type WebhookHeaders = {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
  'content-type': 'application/json';
};

/**
 * Creates a new bank webhook secret.
 *
 * @returns `whsec_` followed by the base64 of 32 random bytes
 */
export function generateWebhookSecret(): string {
  return SECRET_PREFIX + randomBytes(32).toString('base64');
}

/**
 * Whether `secret` is a usable signing secret: `whsec_` (optional, as in the reference libraries)
 * followed by canonical base64 of 24–64 bytes.
 */
export function isValidWebhookSecret(secret: string): boolean {
  return decodeSecret(secret) !== null;
}

/**
 * Signs one webhook message.
 *
 * @param secret the bank's `whsec_…` secret; the HMAC key is its base64-decoded part
 * @param msgId the event id, stable across retries (letters, digits, `_`, `-`; ≤ 128 chars)
 * @param timestampSeconds unix time of this attempt, a non-negative whole number of seconds
 * @param body the exact request body that will be sent
 * @returns `v1,<base64 HMAC-SHA256(key, "<msgId>.<timestamp>.<body>")>`
 * @throws Error when the secret, id or timestamp is malformed (a programming or data error)
 */
export function signWebhook(
  secret: string,
  msgId: string,
  timestampSeconds: number,
  body: string,
): string {
  const key = decodeSecret(secret);
  if (key === null)
    throw new Error('Invalid webhook secret: expected whsec_ + base64 of 24–64 bytes');
  assertMessageId(msgId);
  // A fractional timestamp would be signed as "1.5" but parsed by receivers as 1: fail loudly.
  if (!Number.isSafeInteger(timestampSeconds) || timestampSeconds < 0) {
    throw new Error(`Invalid webhook timestamp: ${timestampSeconds}`);
  }
  return `v1,${hmac(key, msgId, String(timestampSeconds), body)}`;
}

/**
 * Builds the headers of one delivery attempt. Pass several secrets during a rotation: the
 * signature header then carries one signature per secret, space-separated, and the bank can
 * verify with either its old or its new secret.
 *
 * @param secret one secret, or the secrets to sign with (new first by convention)
 * @returns `webhook-id`, `webhook-timestamp`, `webhook-signature` and `content-type`
 * @throws Error as `signWebhook`, or when no secret is given
 */
export function webhookHeaders(
  secret: string | readonly string[],
  msgId: string,
  timestampSeconds: number,
  body: string,
): WebhookHeaders {
  const secrets = typeof secret === 'string' ? [secret] : secret;
  if (secrets.length === 0) throw new Error('At least one webhook secret is required');
  return {
    'webhook-id': msgId,
    'webhook-timestamp': String(timestampSeconds),
    'webhook-signature': secrets
      .map((s) => signWebhook(s, msgId, timestampSeconds, body))
      .join(' '),
    'content-type': 'application/json',
  };
}

export type WebhookVerificationResult =
  | { ok: true }
  | {
      ok: false;
      reason:
        | 'missing_headers'
        | 'invalid_timestamp'
        | 'timestamp_too_old'
        | 'timestamp_too_new'
        | 'no_matching_signature';
    };

/**
 * Verifies a received webhook the way a partner bank should (used by our tests and docs).
 * Header names are matched case-insensitively; the signature header may hold several
 * space-separated `v1,<sig>` entries (secret rotation) and entries of other versions are skipped.
 *
 * @param secrets the secrets to accept (e.g. the current and the previous one)
 * @param headers the request headers
 * @param body the raw request body, exactly as received
 * @param now the verifier's clock
 * @param toleranceSeconds how far the signed timestamp may be from `now`, either way
 */
export function verifyWebhook(
  secrets: readonly string[],
  headers: Readonly<Record<string, string | readonly string[] | undefined>>,
  body: string,
  now: Date,
  toleranceSeconds = WEBHOOK_TOLERANCE_SECONDS,
): WebhookVerificationResult {
  const msgId = header(headers, 'webhook-id');
  const timestamp = header(headers, 'webhook-timestamp');
  const signatures = header(headers, 'webhook-signature');
  if (msgId === undefined || timestamp === undefined || signatures === undefined) {
    return { ok: false, reason: 'missing_headers' };
  }
  if (!/^\d{1,15}$/.test(timestamp)) return { ok: false, reason: 'invalid_timestamp' };
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const ts = Number(timestamp);
  if (nowSeconds - ts > toleranceSeconds) return { ok: false, reason: 'timestamp_too_old' };
  if (ts - nowSeconds > toleranceSeconds) return { ok: false, reason: 'timestamp_too_new' };

  const offered = signatures
    .split(' ')
    .filter((entry) => entry.startsWith('v1,'))
    .map((entry) => Buffer.from(entry.slice(3), 'base64'));
  for (const secret of secrets) {
    const key = decodeSecret(secret);
    if (key === null) continue;
    const expected = Buffer.from(hmac(key, msgId, timestamp, body), 'base64');
    // Constant-time comparison; the length check first because timingSafeEqual requires it.
    if (offered.some((sig) => sig.length === expected.length && timingSafeEqual(sig, expected))) {
      return { ok: true };
    }
  }
  return { ok: false, reason: 'no_matching_signature' };
}

function hmac(key: Buffer, msgId: string, timestamp: string, body: string): string {
  // Stryker disable next-line StringLiteral: utf8 is also Node's default for a string
  return createHmac('sha256', key).update(`${msgId}.${timestamp}.${body}`, 'utf8').digest('base64');
}

function decodeSecret(secret: string): Buffer | null {
  const encoded = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret;
  // Buffer.from(…, 'base64') silently skips junk; check the alphabet so a typo is not a weak key.
  // Stryker disable next-line ConditionalExpression: a shortcut; '' decodes to 0 bytes, below the minimum
  if (encoded.length === 0 || !BASE64.test(encoded)) return null;
  const key = Buffer.from(encoded, 'base64');
  return key.length >= SECRET_MIN_BYTES && key.length <= SECRET_MAX_BYTES ? key : null;
}

function assertMessageId(msgId: string): void {
  if (!MSG_ID.test(msgId)) throw new Error(`Invalid webhook id: ${JSON.stringify(msgId)}`);
}

function header(
  headers: Readonly<Record<string, string | readonly string[] | undefined>>,
  name: string,
): string | undefined {
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== name) continue;
    const text = typeof value === 'string' ? value : value?.join(' ');
    // Stryker disable next-line ConditionalExpression: returning an undefined text is the same answer
    return text === undefined || text === '' ? undefined : text;
  }
  return undefined;
}
