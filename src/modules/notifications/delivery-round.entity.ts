import { Column, CreateDateColumn, UpdateDateColumn } from 'typeorm';

/**
 * The columns a webhook delivery and a mail delivery share: each is attempted in rounds (a
 * redelivery starts a new one), a round is run by one outbox row's job, and it ends delivered,
 * dead or cancelled. Not an entity of its own: each delivery table has these columns.
 */
export abstract class DeliveryRound<S extends string> {
  @Column({ type: 'varchar', length: 16 })
  status: S;

  /** Attempts in the current round (a redelivery starts a new round). */
  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ name: 'next_attempt_at', type: 'timestamptz', nullable: true })
  nextAttemptAt: Date | null;

  @Column({ name: 'last_attempt_at', type: 'timestamptz', nullable: true })
  lastAttemptAt: Date | null;

  @Column({ name: 'last_error', type: 'varchar', length: 500, nullable: true })
  lastError: string | null;

  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt: Date | null;

  /** The outbox row whose job runs this round (BullMQ jobId). */
  @Column({ name: 'outbox_id', type: 'uuid', nullable: true })
  outboxId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
