import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { SelectQueryBuilder, ObjectLiteral } from 'typeorm';
import { DomainError } from '../errors/domain-error';
import { isUuid } from './ids';

export class PageQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,200}$/)
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * Keyset pagination, newest first, on (created_at, id): stable under concurrent inserts, and an
 * index on the pair serves it. The cursor is opaque to clients.
 */
export async function paginate<E extends ObjectLiteral & { id: string; createdAt: Date }>(
  qb: SelectQueryBuilder<E>,
  alias: string,
  query: PageQuery,
): Promise<Page<E>> {
  const limit = query.limit ?? 20;
  if (query.cursor) {
    const [at, id] = decodeCursor(query.cursor);
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
    nextCursor: entities.length > limit && last && lastAt ? encodeCursor(lastAt, last.id) : null,
  };
}

function encodeCursor(at: string, id: string): string {
  return Buffer.from(`${at}|${id}`).toString('base64url');
}

function decodeCursor(cursor: string): [string, string] {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!at || !id || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/.test(at) || !isUuid(id)) {
    throw DomainError.invalid([
      { path: 'cursor', code: 'invalid_cursor', message: 'cursor is not valid' },
    ]);
  }
  return [at, id];
}
