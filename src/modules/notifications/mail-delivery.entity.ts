import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

/**
 * pending: first attempt due; failed: an attempt failed, another is scheduled; delivered: the SMTP
 * server accepted it; dead: no more attempts; cancelled: the recipient turned email off before it left.
 */
export const MAIL_DELIVERY_STATUSES = [
  'pending',
  'delivered',
  'failed',
  'dead',
  'cancelled',
] as const;
export type MailDeliveryStatus = (typeof MAIL_DELIVERY_STATUSES)[number];
export const MAIL_KINDS = ['notification', 'password_reset'] as const;
export type MailKind = (typeof MAIL_KINDS)[number];

/** One email to one user; its state lives here, the BullMQ job only carries its id. */
@Entity('mail_delivery')
@Index('ix_mail_delivery_status_next', ['status', 'nextAttemptAt'])
@Index('ix_mail_delivery_created', ['createdAt', 'id'])
export class MailDelivery {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 32 })
  kind: MailKind;

  /** The notification this mail carries (also its Message-ID); one mail per notification. */
  @Index('uq_mail_delivery_notification', { unique: true, where: 'notification_id IS NOT NULL' })
  @Column({ name: 'notification_id', type: 'uuid', nullable: true })
  notificationId: string | null;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  /** A password-reset link's token, encrypted (AES-256-GCM); erased once the mail is settled. */
  @Column({ name: 'sealed_secret', type: 'text', nullable: true })
  sealedSecret: string | null;

  @Column({ type: 'varchar', length: 16 })
  status: MailDeliveryStatus;

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
