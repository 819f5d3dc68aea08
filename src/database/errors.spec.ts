import {
  QueryFailedError,
  QueryRunnerAlreadyReleasedError,
  QueryRunnerProviderAlreadyReleasedError,
} from 'typeorm';
import { isDatabaseUnavailable } from './errors';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('isDatabaseUnavailable', () => {
  it.each([
    ['connection refused', withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')],
    ['reset', withCode('ECONNRESET')],
    [
      'admin shutdown 57P01',
      withCode('57P01', 'terminating connection due to administrator command'),
    ],
    ['cannot connect now 57P03', withCode('57P03', 'the database system is starting up')],
    ['too many connections 53300', withCode('53300')],
    ['connection exception class 08', withCode('08006')],
    ['dropped mid-query', new Error('Connection terminated unexpectedly')],
    ['pool timeout', new Error('timeout exceeded when trying to connect')],
    [
      'wrapped by TypeORM',
      new QueryFailedError('SELECT 1', [], withCode('57P01', 'terminating connection')),
    ],
    ['every address refused', new AggregateError([withCode('ECONNREFUSED')], 'connect failed')],
    ['query runner released when its connection dropped', new QueryRunnerAlreadyReleasedError()],
    [
      'the entity manager of a transaction whose connection dropped',
      new QueryRunnerProviderAlreadyReleasedError(),
    ],
  ])('should say yes for %s', (_name, e) => {
    expect(isDatabaseUnavailable(e)).toBe(true);
  });

  it.each([
    ['unique violation', new QueryFailedError('INSERT', [], withCode('23505', 'duplicate key'))],
    ['syntax error', withCode('42601', 'syntax error at or near')],
    ['a plain bug', new TypeError('cannot read properties of undefined')],
    ['not an error', 'ECONNREFUSED'],
    ['null', null],
  ])('should say no for %s', (_name, e) => {
    expect(isDatabaseUnavailable(e)).toBe(false);
  });
});
