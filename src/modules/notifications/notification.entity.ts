import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { Bilingual, NotificationType } from './domain/notification-texts';

/** One message to one SME user, shown in the service and, when mail is on, sent by email. */
@Entity('notification')
@Index('ix_notification_user_created', ['userId', 'createdAt', 'id'])
@Index('ix_notification_user_unread', ['userId', 'createdAt', 'id'], {
  where: 'read_at IS NULL',
})
export class Notification {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The recipient: the enterprise's owner when it was written. */
  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ name: 'enterprise_id', type: 'uuid', nullable: true })
  enterpriseId: string | null;

  @Column({ type: 'varchar', length: 40 })
  type: NotificationType;

  /** Written once, when the event happened, so later renames do not rewrite history. */
  @Column({ type: 'jsonb' })
  title: Bilingual;

  @Column({ type: 'jsonb' })
  body: Bilingual;

  @Column({ name: 'referral_id', type: 'uuid', nullable: true })
  referralId: string | null;

  @Column({ name: 'product_code', type: 'varchar', length: 64, nullable: true })
  productCode: string | null;

  /** Callers that may run twice (a re-match) pass one, so each fact is told once. */
  @Index('uq_notification_dedupe', { unique: true, where: 'dedupe_key IS NOT NULL' })
  @Column({ name: 'dedupe_key', type: 'varchar', length: 200, nullable: true })
  dedupeKey: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt: Date | null;
}
