import { createHmac } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import {
  generateWebhookSecret,
  isValidWebhookSecret,
  signWebhook,
  verifyWebhook,
  webhookHeaders,
} from './webhook-signature';

const NOW = new Date('2025-11-27T10:00:00Z');
const TS = Math.floor(NOW.getTime() / 1000);
const SECRET = 'whsec_' + Buffer.from(Array.from({ length: 32 }, (_, i) => i)).toString('base64');
const OTHER_SECRET = 'whsec_' + Buffer.alloc(32, 7).toString('base64');
const ID = 'evt_3f0c9a52-6b1d-4a43-9d55-0f4f1b6f2a10';
const BODY = JSON.stringify({
  id: ID,
  type: 'referral.submitted',
  data: { enterprise: { name: '南昌某电子科技有限公司' } },
});

describe('generateWebhookSecret', () => {
  it('should produce whsec_ + base64 of 32 bytes when called', () => {
    const secret = generateWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(32);
    expect(isValidWebhookSecret(secret)).toBe(true);
  });

  it('should produce a different secret when called twice', () => {
    expect(generateWebhookSecret()).not.toBe(generateWebhookSecret());
  });
});

describe('signWebhook', () => {
  it('should match a hand-computed HMAC when given a fixed secret, id, timestamp and body', () => {
    const key = Buffer.from(SECRET.slice('whsec_'.length), 'base64');
    const expected = createHmac('sha256', key)
      .update(`${ID}.${TS}.${BODY}`, 'utf8')
      .digest('base64');
    expect(signWebhook(SECRET, ID, TS, BODY)).toBe(`v1,${expected}`);
  });

  it('should reproduce the published Standard Webhooks example when given its inputs', () => {
    const signature = signWebhook(
      'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
      'msg_p5jXN8AQM9LWM0D4loKWxJek',
      1614265330,
      '{"test": 2432232314}',
    );
    expect(signature).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });

  it('should sign the same when the secret lacks the whsec_ prefix', () => {
    expect(signWebhook(SECRET.slice(6), ID, TS, BODY)).toBe(signWebhook(SECRET, ID, TS, BODY));
  });

  it.each([
    ['an empty secret', 'whsec_'],
    ['a secret with non-base64 characters', 'whsec_' + '!'.repeat(44)],
    ['a secret of 16 bytes', 'whsec_' + Buffer.alloc(16, 1).toString('base64')],
    ['a secret of 65 bytes', 'whsec_' + Buffer.alloc(65, 1).toString('base64')],
    ['a secret with missing padding', SECRET.slice(0, -1)],
  ])('should throw when given %s', (_label, secret) => {
    expect(isValidWebhookSecret(secret)).toBe(false);
    expect(() => signWebhook(secret, ID, TS, BODY)).toThrow(/secret/);
  });

  it.each([
    ['a dot in the id', 'evt.1', TS, /id/],
    ['a newline in the id', 'evt\r\nx-injected: 1', TS, /id/],
    ['an empty id', '', TS, /id/],
    ['a fractional timestamp', ID, TS + 0.5, /timestamp/],
    ['a negative timestamp', ID, -1, /timestamp/],
    ['a NaN timestamp', ID, Number.NaN, /timestamp/],
  ])('should throw when given %s', (_label, id, ts, message) => {
    expect(() => signWebhook(SECRET, id, ts, BODY)).toThrow(message);
  });

  it('should sign timestamp 0 when given the epoch', () => {
    const key = Buffer.from(SECRET.slice('whsec_'.length), 'base64');
    const expected = createHmac('sha256', key).update(`${ID}.0.${BODY}`).digest('base64');
    expect(signWebhook(SECRET, ID, 0, BODY)).toBe(`v1,${expected}`);
  });

  // 24 and 64 bytes are the Standard Webhooks bounds, both allowed; 25 bytes end in '==' and
  // 26 in '=', the two padded base64 forms.
  it.each([[24], [25], [26], [64]])('should accept a secret of %i bytes', (bytes) => {
    const secret = 'whsec_' + Buffer.alloc(bytes, 3).toString('base64');
    expect(isValidWebhookSecret(secret)).toBe(true);
    expect(signWebhook(secret, ID, TS, BODY)).toMatch(/^v1,/);
  });
});

describe('webhookHeaders', () => {
  it('should carry the id, timestamp, signature and JSON content type when built', () => {
    expect(webhookHeaders(SECRET, ID, TS, BODY)).toEqual({
      'webhook-id': ID,
      'webhook-timestamp': String(TS),
      'webhook-signature': signWebhook(SECRET, ID, TS, BODY),
      'content-type': 'application/json',
    });
  });

  it('should carry one space-separated signature per secret when rotating', () => {
    const headers = webhookHeaders([SECRET, OTHER_SECRET], ID, TS, BODY);
    expect(headers['webhook-signature']).toBe(
      `${signWebhook(SECRET, ID, TS, BODY)} ${signWebhook(OTHER_SECRET, ID, TS, BODY)}`,
    );
  });

  it('should throw when given no secret', () => {
    expect(() => webhookHeaders([], ID, TS, BODY)).toThrow(/secret/);
  });
});

describe('signatures checked by the standardwebhooks package (independent verifier)', () => {
  beforeEach(() => jest.useFakeTimers({ now: NOW }));
  afterEach(() => jest.useRealTimers());

  it.each([
    ['with the whsec_ prefix', SECRET],
    ['without the whsec_ prefix', SECRET.slice(6)],
  ])(
    'should verify our headers when the verifier holds the secret %s',
    (_label, verifierSecret) => {
      const headers = webhookHeaders(SECRET, ID, TS, BODY);
      expect(new Webhook(verifierSecret).verify(BODY, { ...headers })).toEqual(JSON.parse(BODY));
    },
  );

  it('should verify a freshly generated secret when signed by us', () => {
    const secret = generateWebhookSecret();
    const headers = webhookHeaders(secret, ID, TS, BODY);
    expect(() => new Webhook(secret).verify(BODY, { ...headers })).not.toThrow();
  });

  it.each([
    ['the old secret', OTHER_SECRET],
    ['the new secret', SECRET],
  ])(
    'should verify a rotation header when the verifier holds only %s',
    (_label, verifierSecret) => {
      const headers = webhookHeaders([SECRET, OTHER_SECRET], ID, TS, BODY);
      expect(() => new Webhook(verifierSecret).verify(BODY, { ...headers })).not.toThrow();
    },
  );

  it.each([
    ['the body is changed', { body: BODY.replace('submitted', 'withdrawn') }],
    ['the body gains a space', { body: BODY + ' ' }],
    ['the id is changed', { id: 'evt_other' }],
    ['the timestamp is changed', { ts: String(TS - 1) }],
    ['the secret is another', { secret: OTHER_SECRET }],
  ] as Array<[string, { body?: string; id?: string; ts?: string; secret?: string }]>)(
    'should reject our signature when %s',
    (_label, change) => {
      const headers = webhookHeaders(SECRET, ID, TS, BODY);
      const tampered = {
        ...headers,
        'webhook-id': change.id ?? headers['webhook-id'],
        'webhook-timestamp': change.ts ?? headers['webhook-timestamp'],
      };
      const verifier = new Webhook(change.secret ?? SECRET);
      expect(() => verifier.verify(change.body ?? BODY, tampered)).toThrow(/signature/i);
    },
  );
});

describe('verifyWebhook', () => {
  // Signed inside each test (beforeEach), not when the spec loads: see CONTRIBUTING.md on static
  // mutants.
  let headers: ReturnType<typeof webhookHeaders>;
  beforeEach(() => {
    headers = webhookHeaders(SECRET, ID, TS, BODY);
  });

  it('should accept our own headers when the secret and clock match', () => {
    expect(verifyWebhook([SECRET], headers, BODY, NOW)).toEqual({ ok: true });
  });

  it('should accept a signature from the standardwebhooks package when it signed', () => {
    const signature = new Webhook(SECRET).sign(ID, NOW, BODY);
    const theirs = {
      'webhook-id': ID,
      'webhook-timestamp': String(TS),
      'webhook-signature': signature,
    };
    expect(verifyWebhook([SECRET], theirs, BODY, NOW)).toEqual({ ok: true });
  });

  it('should read a header that arrives as several values as one space-separated list', () => {
    const listed = {
      ...headers,
      'webhook-signature': [signWebhook(OTHER_SECRET, ID, TS, BODY), headers['webhook-signature']],
    };
    expect(verifyWebhook([SECRET], listed, BODY, NOW)).toEqual({ ok: true });
  });

  it('should match header names case-insensitively when they arrive capitalised', () => {
    const capitalised = {
      'Webhook-Id': headers['webhook-id'],
      'Webhook-Timestamp': headers['webhook-timestamp'],
      'Webhook-Signature': headers['webhook-signature'],
    };
    expect(verifyWebhook([SECRET], capitalised, BODY, NOW)).toEqual({ ok: true });
  });

  it.each([
    ['the old one is listed first', [OTHER_SECRET, SECRET]],
    ['only the signing secret is listed', [SECRET]],
  ])('should accept when the receiver holds several secrets and %s', (_label, secrets) => {
    expect(verifyWebhook(secrets, headers, BODY, NOW)).toEqual({ ok: true });
  });

  it.each([
    ['a v1a entry comes first', (own: string) => `v1a,AAAA ${own}`],
    ['a bogus v1 entry comes first', (own: string) => `v1,AAAA ${own}`],
    ['the sender rotates', (own: string) => `${signWebhook(OTHER_SECRET, ID, TS, BODY)} ${own}`],
  ])('should accept a space-separated list when %s', (_label, listed) => {
    const result = verifyWebhook(
      [SECRET],
      { ...headers, 'webhook-signature': listed(headers['webhook-signature']) },
      BODY,
      NOW,
    );
    expect(result).toEqual({ ok: true });
  });

  it.each([
    ['the body is tampered', {}, BODY + ' ', NOW, 'no_matching_signature'],
    ['the id is tampered', { 'webhook-id': 'evt_x' }, BODY, NOW, 'no_matching_signature'],
    [
      'the timestamp is tampered',
      { 'webhook-timestamp': String(TS + 1) },
      BODY,
      NOW,
      'no_matching_signature',
    ],
    ['the signature is empty', { 'webhook-signature': '' }, BODY, NOW, 'missing_headers'],
    ['the id header is missing', { 'webhook-id': undefined }, BODY, NOW, 'missing_headers'],
    [
      'the timestamp header is missing',
      { 'webhook-timestamp': undefined },
      BODY,
      NOW,
      'missing_headers',
    ],
    [
      'the signature header is missing',
      { 'webhook-signature': undefined },
      BODY,
      NOW,
      'missing_headers',
    ],
    [
      'the timestamp is not a number',
      { 'webhook-timestamp': '12abc' },
      BODY,
      NOW,
      'invalid_timestamp',
    ],
    ['the timestamp is negative', { 'webhook-timestamp': '-5' }, BODY, NOW, 'invalid_timestamp'],
    ['the message is 301 s old', {}, BODY, new Date(NOW.getTime() + 301_000), 'timestamp_too_old'],
    [
      'the message is 301 s in the future',
      {},
      BODY,
      new Date(NOW.getTime() - 301_000),
      'timestamp_too_new',
    ],
  ] as const)('should reject when %s', (_label, change, body, now, reason) => {
    expect(verifyWebhook([SECRET], { ...headers, ...change }, body, now)).toEqual({
      ok: false,
      reason,
    });
  });

  it('should reject when the signature version is v2', () => {
    const v2 = headers['webhook-signature'].replace('v1,', 'v2,');
    expect(verifyWebhook([SECRET], { ...headers, 'webhook-signature': v2 }, BODY, NOW)).toEqual({
      ok: false,
      reason: 'no_matching_signature',
    });
  });

  it.each([
    ['exactly 300 s old', 300_000],
    ['exactly 300 s ahead', -300_000],
  ])('should accept when the message is %s', (_label, shiftMs) => {
    const now = new Date(NOW.getTime() + shiftMs);
    expect(verifyWebhook([SECRET], headers, BODY, now)).toEqual({ ok: true });
  });

  it('should accept a message signed at timestamp 0 when the clock stands at the epoch', () => {
    const epoch = webhookHeaders(SECRET, ID, 0, BODY);
    expect(epoch['webhook-timestamp']).toBe('0');
    expect(verifyWebhook([SECRET], epoch, BODY, new Date(0))).toEqual({ ok: true });
  });

  it('should verify with a secret of 64 bytes, the largest allowed', () => {
    const secret = 'whsec_' + Buffer.alloc(64, 9).toString('base64');
    const signed = webhookHeaders(secret, ID, TS, BODY);
    expect(verifyWebhook([secret], signed, BODY, NOW)).toEqual({ ok: true });
  });

  it('should honour a custom tolerance when one is given', () => {
    const later = new Date(NOW.getTime() + 61_000);
    expect(verifyWebhook([SECRET], headers, BODY, later, 60)).toEqual({
      ok: false,
      reason: 'timestamp_too_old',
    });
  });

  it('should reject when the receiver holds only a wrong or malformed secret', () => {
    expect(verifyWebhook([OTHER_SECRET, 'whsec_!!'], headers, BODY, NOW)).toEqual({
      ok: false,
      reason: 'no_matching_signature',
    });
  });
});
