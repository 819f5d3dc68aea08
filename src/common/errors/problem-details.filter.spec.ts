import { DomainError } from './domain-error';
import { ERROR_STATUS, ProblemDetailsFilter } from './problem-details.filter';

const filter = new ProblemDetailsFilter();
const issue = { path: 'uscc', code: 'required', message: 'uscc is required' };

describe('ProblemDetailsFilter', () => {
  it.each([
    ['invalid', DomainError.invalid([issue]), 400, 'validation_failed'],
    ['unacceptable', DomainError.unacceptable([issue]), 422, 'validation_failed'],
    [
      'unacceptable with a bad check digit',
      DomainError.unacceptable([{ ...issue, code: 'invalid_credit_code' }]),
      422,
      'invalid_credit_code',
    ],
    ['notFound', DomainError.notFound('Product X'), 404, 'not_found'],
    ['conflict', DomainError.conflict('taken'), 409, 'conflict'],
    ['unauthenticated', DomainError.unauthenticated(), 401, 'unauthenticated'],
    ['forbidden', DomainError.forbidden(), 403, 'forbidden'],
    ['a coded error', new DomainError('invalid_transition', 'no'), 409, 'invalid_transition'],
  ])('should render %s as %i %s', (_name, error, status, code) => {
    const problem = filter.toProblem(error);
    expect(problem).toMatchObject({
      status,
      code,
      type: `https://sme-finance-matcher.example/problems/${code}`,
      detail: error.detail,
    });
  });

  it('should carry the issues as errors and the extra members beside them', () => {
    const error = new DomainError('not_eligible', 'not eligible', {
      errors: [issue],
      extra: { matchStatus: 'ineligible' },
    });
    expect(filter.toProblem(error)).toMatchObject({
      status: 422,
      title: 'Unprocessable Content',
      errors: [issue],
      matchStatus: 'ineligible',
    });
  });

  it('should give every code a client or server error status', () => {
    for (const status of Object.values(ERROR_STATUS)) {
      expect(status).toBeGreaterThanOrEqual(400);
      expect(status).toBeLessThan(600);
    }
  });
});
