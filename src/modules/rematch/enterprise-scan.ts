import type { EntityManager } from 'typeorm';
import type { DerivedFacts } from '../enterprises/domain/derived-facts';
import type { EnterpriseProfile } from '../enterprises/domain/profile';

/** The latest profile version of one enterprise, as a pass over all of them reads it. */
export interface ScannedEnterprise {
  id: string;
  profile: EnterpriseProfile;
  derived: DerivedFacts;
  derivedAsOf: string;
  derivedVersion: number;
}

/** Rows per page of a scan: large enough to amortise the round trip, small enough for memory. */
export const SCAN_PAGE_SIZE = 2000;

/**
 * One keyset page of enterprises after `afterId` (by id), each with its current profile version.
 * Keyset rather than OFFSET: every page costs the same, and enterprises created during a scan
 * cannot shift the pages.
 */
export async function scanPage(
  em: EntityManager,
  afterId: string | null,
  limit = SCAN_PAGE_SIZE,
): Promise<ScannedEnterprise[]> {
  return em.query<ScannedEnterprise[]>(
    `SELECT e.id, v.profile, v.derived, v.derived_as_of::text AS "derivedAsOf",
            v.derived_version AS "derivedVersion"
       FROM enterprise e
       JOIN enterprise_version v ON v.enterprise_id = e.id AND v.version = e.current_version
      WHERE ($1::uuid IS NULL OR e.id > $1::uuid)
      ORDER BY e.id
      LIMIT $2`,
    [afterId, limit],
  );
}

/**
 * Every enterprise, page by page, never all at once. The next page is requested while the caller
 * works on the current one, so reading and evaluating overlap. `onRead` receives the time spent
 * waiting for each page.
 */
export async function* scanEnterprises(
  em: EntityManager,
  opts: { pageSize?: number; onRead?: (ms: number) => void } = {},
): AsyncGenerator<ScannedEnterprise[]> {
  const size = opts.pageSize ?? SCAN_PAGE_SIZE;
  const request = (after: string | null) => {
    const p = scanPage(em, after, size);
    // Marked handled: a caller that stops early must not leave an unhandled rejection behind.
    p.catch(() => undefined);
    return p;
  };
  let pending: Promise<ScannedEnterprise[]> | null = request(null);
  while (pending) {
    const waitStarted = performance.now();
    const page: ScannedEnterprise[] = await pending;
    opts.onRead?.(performance.now() - waitStarted);
    pending = page.length === size ? request(page[page.length - 1].id) : null;
    if (page.length) yield page;
  }
}
