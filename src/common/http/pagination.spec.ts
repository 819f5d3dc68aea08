import { DomainError } from '../errors/domain-error';
import { decodeCursor, encodeCursor, paginateInMemory } from './pagination';

const UUID = '7f1b1f7e-0a4e-4a8e-9f55-0d3b6c1a2b3c';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof DomainError ? e.code : 'other';
  }
  return undefined;
}

describe('cursors', () => {
  it.each([
    ['2024-02-29T23:59:59.999999Z'],
    ['0001-01-01T00:00:00.000000Z'],
    ['9999-12-31T23:59:59.000000Z'],
  ])('should round-trip the real instant %s', (at) => {
    expect(decodeCursor(encodeCursor([at, UUID]), ['timestamp', 'uuid'])).toEqual([at, UUID]);
  });

  it.each([
    ['30 February', ['2024-02-30T00:00:00.000000Z', UUID]],
    ['29 February of a common year', ['2023-02-29T00:00:00.000000Z', UUID]],
    ['month 13', ['2024-13-01T00:00:00.000000Z', UUID]],
    ['month 00', ['2024-00-01T00:00:00.000000Z', UUID]],
    ['year 0000', ['0000-01-01T00:00:00.000000Z', UUID]],
    ['hour 24', ['2024-01-01T24:00:00.000000Z', UUID]],
    ['second 60', ['2024-01-01T00:00:60.000000Z', UUID]],
    ['milliseconds only', ['2024-01-01T00:00:00.000Z', UUID]],
    ['a bad uuid', ['2024-01-01T00:00:00.000000Z', 'nope']],
    ['one part', ['2024-01-01T00:00:00.000000Z']],
    ['three parts', ['2024-01-01T00:00:00.000000Z', UUID, UUID]],
  ])('should refuse a timestamp cursor holding %s', (_what, key) => {
    expect(codeOf(() => decodeCursor(encodeCursor(key), ['timestamp', 'uuid']))).toBe(
      'invalid_cursor',
    );
  });

  it.each([
    ['2^31', [2 ** 31]],
    ['a negative', [-1]],
    ['a fraction', [1.5]],
    ['a string', ['1']],
  ])('should refuse an int cursor holding %s', (_what, key) => {
    expect(codeOf(() => decodeCursor(encodeCursor(key), ['int']))).toBe('invalid_cursor');
  });

  it.each([['not base64url!'], ['bm90LWEtY3Vyc29y'], ['A'.repeat(401)], ['']])(
    'should refuse the malformed cursor %j',
    (cursor) => {
      expect(codeOf(() => decodeCursor(cursor, ['text']))).toBe('invalid_cursor');
    },
  );

  it('should cut an in-memory list into pages that cover it exactly once', () => {
    const all = ['A', 'B', 'C', 'D', 'E'];
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = paginateInMemory(all, (s) => s, { limit: 2, cursor });
      seen.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(all);
    expect(paginateInMemory(all, (s) => s, { limit: 5 }).nextCursor).toBeNull();
    expect(paginateInMemory(all, (s) => s, {}).items).toEqual(all);
  });
});
