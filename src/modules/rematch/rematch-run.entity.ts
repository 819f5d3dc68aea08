import { Column, Entity, EntityManager, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

export type RematchKind = 'publish' | 'retire';
export type RematchState = 'queued' | 'running' | 'done';

/**
 * One re-match of every enterprise after a product version was published or retired
 * (docs/impact.md). Written in the publish/retire transaction, so it is never lost; the worker
 * advances `cursor` (the last enterprise id done) in the same transaction as each page's statuses
 * and notifications, so a crash resumes after the last committed page.
 */
@Entity('rematch_run')
@Unique('uq_rematch_run', ['productCode', 'productVersion', 'kind'])
@Index('ix_rematch_run_product_queued', ['productCode', 'queuedAt'])
export class RematchRun {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'product_code', type: 'varchar', length: 64 })
  productCode: string;

  @Column({ name: 'product_version', type: 'int' })
  productVersion: number;

  @Column({ type: 'varchar', length: 8 })
  kind: RematchKind;

  @Column({ type: 'varchar', length: 8, default: 'queued' })
  state: RematchState;

  /** Enterprises when the run started (a count, not a promise: new ones are picked up too). */
  @Column({ type: 'int', default: 0 })
  total: number;

  @Column({ type: 'int', default: 0 })
  done: number;

  /** Enterprises whose eligibility changed. */
  @Column({ type: 'int', default: 0 })
  changed: number;

  /** Notifications written (a changed enterprise without an owner is not told). */
  @Column({ type: 'int', default: 0 })
  notified: number;

  @Column({ type: 'uuid', nullable: true })
  cursor: string | null;

  @Column({ name: 'queued_at', type: 'timestamptz' })
  queuedAt: Date;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;
}

/** The channel that wakes the worker when a run is queued. */
export const REMATCH_CHANNEL = 'rematch_queued';

/**
 * Queues a re-match inside the caller's transaction (a publish or a retirement): it commits with
 * the change or not at all. The same version and kind twice is one run.
 */
export async function queueRematch(
  em: EntityManager,
  run: { productCode: string; productVersion: number; kind: RematchKind; at: Date },
): Promise<void> {
  await em
    .createQueryBuilder()
    .insert()
    .into(RematchRun)
    .values({
      productCode: run.productCode,
      productVersion: run.productVersion,
      kind: run.kind,
      queuedAt: run.at,
    })
    .orIgnore()
    .execute();
  await em.query(`SELECT pg_notify($1, $2)`, [REMATCH_CHANNEL, run.productCode]);
}
