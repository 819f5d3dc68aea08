import { Writable } from 'node:stream';
import pino from 'pino';
import { loggerParams, REDACTED_PATHS, requestIdFor } from './logging';

function capture(): { logger: pino.Logger; lines: () => any[] } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      chunks.push(chunk.toString());
      cb();
    },
  });
  const params = loggerParams('info').pinoHttp as { redact: pino.LoggerOptions['redact'] };
  const logger = pino({ redact: params.redact }, stream);
  return {
    logger,
    lines: () =>
      chunks
        .join('')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l)),
  };
}

describe('log redaction', () => {
  it('should censor credentials and secrets wherever they appear in a log line', () => {
    const { logger, lines } = capture();
    logger.info({
      req: {
        headers: {
          authorization: 'Bearer eyJ.secret.token',
          'x-api-key': 'sfm_abc_def',
          cookie: 'sid=1',
        },
      },
      body: { email: 'a@b.cn', password: 'hunter2-hunter2' },
      bank: { webhookSecret: 'whsec_c2VjcmV0', apiKey: 'sfm_x_y' },
    });
    const [line] = lines();
    const text = JSON.stringify(line);
    for (const secret of [
      'eyJ.secret.token',
      'sfm_abc_def',
      'hunter2-hunter2',
      'whsec_c2VjcmV0',
      'sfm_x_y',
      'sid=1',
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(line.body.email).toBe('a@b.cn');
    expect(line.req.headers.authorization).toBe('[redacted]');
  });

  it('should list the authorization and API key headers among the redacted paths', () => {
    expect(REDACTED_PATHS).toEqual(
      expect.arrayContaining(['req.headers.authorization', 'req.headers["x-api-key"]']),
    );
  });
});

describe('requestIdFor', () => {
  it.each([
    ['req-abc.123', 'req-abc.123'],
    ['has spaces', undefined],
    ['x'.repeat(65), undefined],
  ])('should keep the caller id %p only when it is well-formed', (given, expected) => {
    const id = requestIdFor({ headers: { 'x-request-id': given } } as never);
    if (expected) expect(id).toBe(expected);
    else expect(id).toMatch(/^[0-9a-f-]{36}$/);
  });
});
