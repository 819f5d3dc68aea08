import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { Outcome } from './engine';

/** A product's status for an enterprise, or `retired` for a product withdrawn while recorded. */
export type RecordedMatchStatus = 'eligible' | 'ineligible' | 'needs_info' | 'retired';

/**
 * The last status the service recorded for an enterprise and a product (docs/impact.md): written
 * by every profile update and match run, and by the re-match after a publish or a retirement. A
 * re-match tells an SME when this changes, so it is what "changed" is measured against.
 */
@Entity('product_match_status')
export class ProductMatchStatus {
  @PrimaryColumn({ name: 'enterprise_id', type: 'uuid' })
  enterpriseId: string;

  @PrimaryColumn({ name: 'product_code', type: 'varchar', length: 64 })
  productCode: string;

  /** The product version the status was evaluated against. */
  @Column({ name: 'product_version', type: 'int' })
  productVersion: number;

  @Column({ type: 'varchar', length: 16 })
  status: RecordedMatchStatus;

  /** Each condition's outcome by id, to name the criteria that changed next time. */
  @Column({ type: 'jsonb' })
  outcomes: Record<string, Outcome>;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** One row to record. */
export interface MatchStatusRecord {
  enterpriseId: string;
  productCode: string;
  productVersion: number;
  status: RecordedMatchStatus;
  outcomes: Record<string, Outcome>;
}

/**
 * Records statuses in one statement. A row already recorded against a later product version is
 * left alone, so an older evaluation never overwrites a newer one.
 */
export async function recordMatchStatuses(
  em: { query(sql: string, params?: unknown[]): Promise<unknown> },
  rows: readonly MatchStatusRecord[],
): Promise<void> {
  if (!rows.length) return;
  await em.query(
    `INSERT INTO product_match_status
       (enterprise_id, product_code, product_version, status, outcomes, updated_at)
     SELECT x."enterpriseId", x."productCode", x."productVersion", x.status, x.outcomes, now()
       FROM jsonb_to_recordset($1::jsonb) AS x("enterpriseId" uuid, "productCode" varchar,
            "productVersion" int, status varchar, outcomes jsonb)
     ON CONFLICT (enterprise_id, product_code) DO UPDATE
       SET product_version = EXCLUDED.product_version, status = EXCLUDED.status,
           outcomes = EXCLUDED.outcomes, updated_at = now()
       WHERE product_match_status.product_version <= EXCLUDED.product_version`,
    [JSON.stringify(rows)],
  );
}

/**
 * Records the statuses of one product version for many enterprises (a re-match page) in one
 * statement of arrays (`unnest`). Outcome maps repeat a lot (most enterprises fail or pass the
 * same way), so each distinct map is sent once and rows name it by index. `outcomes: null` keeps
 * the outcomes already recorded (a retirement); where nothing is recorded it stores `{}`. As in
 * {@link recordMatchStatuses}, a row recorded against a later version is left alone.
 */
export async function recordVersionStatuses(
  em: { query(sql: string, params?: unknown[]): Promise<unknown> },
  productCode: string,
  productVersion: number,
  rows: readonly {
    enterpriseId: string;
    status: RecordedMatchStatus;
    outcomes: Record<string, Outcome> | null;
  }[],
): Promise<void> {
  if (!rows.length) return;
  const distinct = new Map<string, number>();
  const index = rows.map(({ outcomes }) => {
    if (outcomes === null) return null;
    const key = JSON.stringify(outcomes);
    let at = distinct.get(key);
    if (at === undefined) distinct.set(key, (at = distinct.size));
    return at;
  });
  await em.query(
    `INSERT INTO product_match_status
       (enterprise_id, product_code, product_version, status, outcomes, updated_at)
     SELECT x.id, $1::varchar, $2::int, x.status,
            CASE WHEN x.o IS NULL
                 THEN coalesce((SELECT p.outcomes FROM product_match_status p
                                 WHERE p.enterprise_id = x.id AND p.product_code = $1::varchar), '{}')
                 ELSE $6::jsonb -> x.o END,
            now()
       FROM unnest($3::uuid[], $4::varchar[], $5::int[]) AS x(id, status, o)
     ON CONFLICT (enterprise_id, product_code) DO UPDATE
       SET product_version = EXCLUDED.product_version, status = EXCLUDED.status,
           outcomes = EXCLUDED.outcomes, updated_at = now()
       WHERE product_match_status.product_version <= EXCLUDED.product_version`,
    [
      productCode,
      productVersion,
      rows.map((r) => r.enterpriseId),
      rows.map((r) => r.status),
      index,
      `[${[...distinct.keys()].join(',')}]`,
    ],
  );
}

/** Each criterion's outcome by id. */
export function outcomesOf(
  criteria: readonly { id: string; outcome: Outcome }[],
): Record<string, Outcome> {
  const out: Record<string, Outcome> = {};
  for (const c of criteria) out[c.id] = c.outcome;
  return out;
}
