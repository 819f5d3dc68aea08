import { genericProblemStatuses, OperationFacts } from './problem-responses';

const op = (o: Partial<OperationFacts>): OperationFacts => ({
  method: 'GET',
  audiences: ['public'],
  guards: [],
  parameterPlaces: [],
  hasRequestBody: false,
  ...o,
});

describe('genericProblemStatuses', () => {
  it.each<[string, Partial<OperationFacts>, number[]]>([
    ['a public read without input', {}, []],
    ['a public read with a query', { parameterPlaces: ['query'] }, [400]],
    ['a public read of one resource', { parameterPlaces: ['path'] }, [400, 404]],
    ['an admin read', { audiences: ['admin'] }, [401, 403]],
    ['a read open to every role', { audiences: ['sme', 'admin', 'bank'] }, [401]],
    ['a read open to two roles', { audiences: ['sme', 'admin'] }, [401, 403]],
    [
      'an SME write with a body',
      { method: 'POST', audiences: ['sme'], hasRequestBody: true },
      [400, 401, 403, 413, 415],
    ],
    [
      'an admin action on one resource without a body',
      { method: 'POST', audiences: ['admin'], parameterPlaces: ['path'] },
      [400, 401, 403, 404, 413, 415],
    ],
    [
      'a rate-limited public write',
      { method: 'POST', hasRequestBody: true, guards: ['ThrottlerGuard'] },
      [400, 413, 415, 429],
    ],
    [
      'a delete',
      { method: 'DELETE', audiences: ['admin'], parameterPlaces: ['path'] },
      [400, 401, 403, 404, 413, 415],
    ],
  ])('should declare for %s', (_, facts, expected) => {
    expect(genericProblemStatuses(op(facts))).toEqual(expected);
  });
});
