import 'reflect-metadata';
import { DomainError } from '../../../common/errors/domain-error';
import { createValidationPipe } from '../../../common/validation/validation';
import { MatchViewQuery } from './match.response';

/** The same DTO without its own check: the pipe validates it with class-validator. */
class WalkedMatchViewQuery extends MatchViewQuery {}
Object.defineProperty(WalkedMatchViewQuery, 'fromQuery', { value: undefined });

const pipe = createValidationPipe();

async function outcome(metatype: typeof MatchViewQuery, query: unknown): Promise<unknown> {
  try {
    const value = await pipe.transform(query, { type: 'query', metatype, data: undefined });
    return { value: { ...(value as object) }, own: value instanceof MatchViewQuery };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return { code: error.code, errors: error.errors };
  }
}

describe('MatchViewQuery.fromQuery', () => {
  it.each([
    [{}],
    [{ view: 'full' }],
    [{ view: 'summary' }],
    [{ view: 'short' }],
    [{ view: '' }],
    [{ view: 'SUMMARY' }],
    [{ view: ['full', 'summary'] }],
    [{ view: ['summary'] }],
    [{ view: null }],
    [{ foo: '1' }],
    [{ foo: '1', view: 'summary' }],
    [{ view: 'x', foo: '1', bar: ['2'] }],
    [{ constructor: 'x' }],
    [{ toString: 'x' }],
    [{ hasOwnProperty: 'x', view: 'full' }],
    [{ view: 'summary\u0000' }],
  ])('should answer %j as the class-validator walk does', async (query) => {
    const walked = await outcome(WalkedMatchViewQuery, query);
    expect(await outcome(MatchViewQuery, query)).toEqual(walked);
  });

  it('should refuse an unknown view and an unknown key with their codes', async () => {
    expect(await outcome(MatchViewQuery, { view: 'short', x: '1' })).toEqual({
      code: 'validation_failed',
      errors: [
        { path: 'x', code: 'unknown_property', message: 'property x is not allowed' },
        {
          path: 'view',
          code: 'isIn',
          message: 'view must be one of the following values: full, summary',
        },
      ],
    });
    expect(await outcome(MatchViewQuery, { view: 'summary' })).toEqual({
      value: { view: 'summary' },
      own: true,
    });
  });
});
