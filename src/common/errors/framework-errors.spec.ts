import { clientErrorProblem } from './framework-errors';

const errorWith = (code: string) => Object.assign(new Error(code), { code });

describe('clientErrorProblem', () => {
  it.each([
    ['HPE_HEADER_OVERFLOW', 431, 'header_fields_too_large'],
    ['HPE_INVALID_HEADER_TOKEN', 400, 'malformed_request'],
    ['HPE_INVALID_METHOD', 400, 'malformed_request'],
    ['ERR_HTTP_REQUEST_TIMEOUT', 408, 'request_timeout'],
  ])('should answer %s as %i %s', (code, status, problemCode) => {
    expect(clientErrorProblem(errorWith(code))).toMatchObject({
      status,
      code: problemCode,
      type: `https://sme-finance-matcher.example/problems/${problemCode}`,
      title: expect.not.stringMatching(/^Error$/),
    });
  });

  it('should answer nothing to a connection the client reset', () => {
    expect(clientErrorProblem(errorWith('ECONNRESET'))).toBeUndefined();
  });
});
