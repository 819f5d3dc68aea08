import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DeliveryRound } from './delivery-round.entity';

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
export class MailDelivery extends DeliveryRound<MailDeliveryStatus> {
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
}
