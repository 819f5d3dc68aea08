import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { SelectQueryBuilder, ObjectLiteral } from 'typeorm';
import { DomainError } from '../errors/domain-error';
import { isUuid } from './ids';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** `?limit=&cursor=`, accepted by every list (api.md, Conventions). */
export class PageQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * The `{items, nextCursor}` response of a list of `item`, for the OpenAPI document:
 * `export class ThingPage extends pageResponse(ThingResponse) {}`.
 */
export function pageResponse<T>(item: new () => T): new () => Page<T> {
  class PageResponse {
    @ApiProperty({ type: () => [item] }) items: T[];
    @ApiProperty({
      type: String,
      nullable: true,
      description: 'pass as ?cursor= for the next page',
    })
    nextCursor: string | null;
  }
  return PageResponse;
}

/** What one position of a cursor holds; each is checked before it reaches SQL. */
type CursorPart = 'timestamp' | 'uuid' | 'int' | 'text';
type CursorValue = string | number;

const MAX_CURSOR_LENGTH = 400;
const MAX_INT32 = 2 ** 31 - 1;
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\.\d{6}Z$/;

function invalidCursor(): DomainError {
  return new DomainError('invalid_cursor', 'The cursor is not one this list handed out.', {
    errors: [
      {
        path: 'cursor',
        code: 'invalid_cursor',
        message: 'cursor must be the nextCursor of a previous page; start again without it',
      },
    ],
  });
}

/** A real instant PostgreSQL accepts: no 30 February, no month 13, no year 0. */
function isTimestamp(value: string): boolean {
  const m = TIMESTAMP.exec(value);
  if (!m) return false;
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number);
  const d = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  d.setUTCFullYear(year); // Date.UTC maps years 0–99 to 1900–1999
  return (
    year >= 1 &&
    d.getUTCFullYear() === year &&
    d.getUTCMonth() === month - 1 &&
    d.getUTCDate() === day &&
    d.getUTCHours() === hour &&
    d.getUTCMinutes() === minute &&
    d.getUTCSeconds() === second
  );
}

function isPart(value: unknown, part: CursorPart): boolean {
  switch (part) {
    case 'timestamp':
      return typeof value === 'string' && isTimestamp(value);
    case 'uuid':
      return typeof value === 'string' && isUuid(value);
    case 'int':
      return (
        typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_INT32
      );
    case 'text':
      // eslint-disable-next-line no-control-regex -- control characters never occur in a key
      return typeof value === 'string' && value.length <= 200 && !/[\u0000-\u001f]/.test(value);
  }
}

/** The opaque cursor clients pass back: base64url of the JSON array of the last item's key. */
export function encodeCursor(key: readonly CursorValue[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** The key a cursor holds, checked position by position; anything else is 400 `invalid_cursor`. */
export function decodeCursor(cursor: string, parts: readonly CursorPart[]): CursorValue[] {
  if (cursor.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalidCursor();
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  if (
    !Array.isArray(key) ||
    key.length !== parts.length ||
    !parts.every((part, i) => isPart(key[i], part))
  ) {
    throw invalidCursor();
  }
  return key as CursorValue[];
}

function limitOf(query: PageQuery): number {
  return query.limit ?? DEFAULT_PAGE_SIZE;
}

/**
 * Keyset pagination, newest first, on (created_at, id): stable under concurrent inserts, and an
 * index on the pair serves it.
 */
export async function paginate<E extends ObjectLiteral & { id: string; createdAt: Date }>(
  qb: SelectQueryBuilder<E>,
  alias: string,
  query: PageQuery,
): Promise<Page<E>> {
  const limit = limitOf(query);
  if (query.cursor) {
    const [at, id] = decodeCursor(query.cursor, ['timestamp', 'uuid']);
    qb.andWhere(`(${alias}.created_at, ${alias}.id) < (:at::timestamptz, :id)`, { at, id });
  }
  // The cursor carries created_at as PostgreSQL prints it (microseconds); a JS Date would round
  // to milliseconds and skip rows created within the same millisecond.
  const { entities, raw } = await qb
    .addSelect(
      `to_char(${alias}.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
      'cursor_at',
    )
    .orderBy(`${alias}.created_at`, 'DESC')
    .addOrderBy(`${alias}.id`, 'DESC')
    .limit(limit + 1)
    .getRawAndEntities<{ cursor_at: string }>();
  const items = entities.slice(0, limit);
  const last = items[items.length - 1];
  const lastAt = raw[items.length - 1]?.cursor_at;
  return {
    items,
    nextCursor: entities.length > limit && last && lastAt ? encodeCursor([lastAt, last.id]) : null,
  };
}

/**
 * Keyset pagination in ascending order of one unique column (a version number, a code), for lists
 * that read naturally in that order.
 */
export async function paginateByKey<E extends ObjectLiteral, K extends 'int' | 'text'>(
  qb: SelectQueryBuilder<E>,
  key: { column: string; kind: K; of: (entity: E) => K extends 'int' ? number : string },
  query: PageQuery,
): Promise<Page<E>> {
  const limit = limitOf(query);
  if (query.cursor) {
    const [after] = decodeCursor(query.cursor, [key.kind]);
    qb.andWhere(`${key.column} > :after`, { after });
  }
  const rows = await qb
    .orderBy(key.column, 'ASC')
    .limit(limit + 1)
    .getMany();
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return {
    items,
    nextCursor: rows.length > limit && last ? encodeCursor([key.of(last)]) : null,
  };
}

/**
 * The same pages over a list already in memory, sorted by a unique text key with `localeCompare`
 * (the catalogue cache's order).
 */
export function paginateInMemory<T>(
  sorted: readonly T[],
  keyOf: (item: T) => string,
  query: PageQuery,
): Page<T> {
  const limit = limitOf(query);
  let start = 0;
  if (query.cursor) {
    const [after] = decodeCursor(query.cursor, ['text']) as [string];
    start = sorted.findIndex((item) => keyOf(item).localeCompare(after) > 0);
    if (start < 0) start = sorted.length;
  }
  const items = sorted.slice(start, start + limit);
  const last = items[items.length - 1];
  return {
    items,
    nextCursor: start + limit < sorted.length && last ? encodeCursor([keyOf(last)]) : null,
  };
}
