import type { DataSource, EntityManager } from 'typeorm';
import type { RecordedMatchStatus } from '../matching/product-match-status.entity';
import type { FactProjection, ProjectedRow } from './fact-projection';

/** The current profile version of one enterprise, reduced to the facts of a projection. */
export interface ScannedEnterprise extends ProjectedRow {
  id: string;
}

/** Rows per FETCH of the preview's cursor: few round trips, a few hundred kilobytes each. */
export const STREAM_BATCH = 5000;

/** The join that gives each enterprise its current profile version. */
const CURRENT_VERSIONS = `enterprise e
  JOIN enterprise_version v ON v.enterprise_id = e.id AND v.version = e.current_version`;

/**
 * Every enterprise's current profile, projected, in one query read through a cursor in batches
 * (docs/impact.md). One query, not keyset pages: PostgreSQL reads both tables in their physical
 * order and joins by hash, where pages by id would visit the heap in random order; the order of
 * the rows is therefore arbitrary. The next batch is requested while the caller works on the
 * current one; `onRead` receives the time spent waiting for each.
 */
export async function* streamEnterprises(
  dataSource: DataSource,
  projection: FactProjection,
  opts: { batch?: number; onRead?: (ms: number) => void } = {},
): AsyncGenerator<ScannedEnterprise[]> {
  const batch = opts.batch ?? STREAM_BATCH;
  const runner = dataSource.createQueryRunner('slave');
  await runner.connect();
  let pending: Promise<ScannedEnterprise[]> | null = null;
  try {
    await runner.startTransaction();
    await runner.query('SET TRANSACTION READ ONLY');
    // Plan for reading every row (hash join, sequential scans), not for the first few.
    await runner.query('SET LOCAL cursor_tuple_fraction = 1');
    await runner.query(
      `DECLARE enterprise_scan NO SCROLL CURSOR FOR
         SELECT e.id, ${projection.selectList()} FROM ${CURRENT_VERSIONS}`,
    );
    const fetch = () => {
      const p = runner.query(`FETCH ${batch} FROM enterprise_scan`) as Promise<ScannedEnterprise[]>;
      // Marked handled: a caller that stops early must not leave an unhandled rejection behind.
      p.catch(() => undefined);
      return p;
    };
    pending = fetch();
    while (pending) {
      const waitStarted = performance.now();
      const rows: ScannedEnterprise[] = await pending;
      opts.onRead?.(performance.now() - waitStarted);
      pending = rows.length === batch ? fetch() : null;
      if (rows.length) yield rows;
    }
  } finally {
    // Read only: rolling back closes the cursor and commits nothing, also after an error.
    await pending?.catch(() => undefined);
    if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
    await runner.release();
  }
}

/** An enterprise of a re-match page, with the status last recorded for the run's product. */
export interface RematchRow extends ScannedEnterprise {
  recorded: RecordedMatchStatus | null;
}

/**
 * One keyset page of enterprises after `afterId` (by id), projected, with the status recorded
 * for `productCode`. Keyset rather than OFFSET: every page costs the same, and enterprises
 * created during a run cannot shift the pages; the re-match's cursor is the last id done.
 */
export async function rematchPage(
  em: EntityManager,
  projection: FactProjection,
  productCode: string,
  afterId: string | null,
  limit: number,
): Promise<RematchRow[]> {
  return em.query<RematchRow[]>(
    `SELECT e.id, ${projection.selectList()}, s.status AS recorded
       FROM ${CURRENT_VERSIONS}
       LEFT JOIN product_match_status s
              ON s.enterprise_id = e.id AND s.product_code = $2
      WHERE ($1::uuid IS NULL OR e.id > $1::uuid)
      ORDER BY e.id
      LIMIT $3`,
    [afterId, productCode, limit],
  );
}

/** The names of some enterprises (their current profile's), by id. */
export async function enterpriseNames(
  em: EntityManager,
  ids: readonly string[],
): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await em.query<{ id: string; name: string | null }[]>(
    `SELECT e.id, v.profile ->> 'name' AS name FROM ${CURRENT_VERSIONS}
      WHERE e.id = ANY($1::uuid[])`,
    [ids],
  );
  return new Map(rows.map((r) => [r.id, r.name ?? '']));
}
