import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { DeliveryRound } from './delivery-round.entity';

export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed', 'dead', 'cancelled'] as const;
/**
 * pending: first attempt due; failed: an attempt failed, another is scheduled; delivered; dead: no
 * more attempts; cancelled: the referral was re-routed away from the bank before it was delivered
 * (never sent again, not even by an admin).
 */
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];
export const WEBHOOK_EVENT_TYPES = [
  'referral.submitted',
  'referral.withdrawn',
  'referral.overdue',
  'referral.reassigned',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** One webhook message to one bank; its state lives here, not in Redis. */
@Entity('webhook_delivery')
@Index('ix_webhook_delivery_status_next', ['status', 'nextAttemptAt'])
@Index('ix_webhook_delivery_referral', ['referralId'])
// A re-route is one event announced twice: referral.reassigned to the old bank, submitted to the new.
@Unique('uq_webhook_delivery_event_bank', ['eventId', 'bankId'])
export class WebhookDelivery extends DeliveryRound<DeliveryStatus> {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'referral_id', type: 'uuid' })
  referralId: string;

  /** The referral event this message announces; also the `webhook-id`, stable across retries. */
  @Column({ name: 'event_id', type: 'uuid' })
  eventId: string;

  @Column({ name: 'event_type', type: 'varchar', length: 32 })
  eventType: WebhookEventType;

  @Column({ name: 'bank_id', type: 'uuid' })
  bankId: string;

  @Column({ name: 'last_status_code', type: 'int', nullable: true })
  lastStatusCode: number | null;
}

/** Every attempt, kept for the delivery log. */
@Entity('webhook_attempt')
@Index('ix_webhook_attempt_delivery', ['deliveryId', 'startedAt'])
export class WebhookAttempt {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'delivery_id', type: 'uuid' })
  deliveryId: string;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt: Date;

  @Column({ name: 'latency_ms', type: 'int' })
  latencyMs: number;

  @Column({ name: 'status_code', type: 'int', nullable: true })
  statusCode: number | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  error: string | null;
}

/**
 * Transactional outbox: written in the same transaction as the change it announces; the relay
 * moves unsent rows into BullMQ with jobId = row id, so a row enqueued twice runs once.
 */
@Entity('outbox')
@Index('ix_outbox_undispatched', ['createdAt'], { where: 'dispatched_at IS NULL' })
export class OutboxMessage {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 64 })
  queue: string;

  @Column({ name: 'job_name', type: 'varchar', length: 64 })
  jobName: string;

  /** Ids only, never personal or enterprise data. */
  @Column({ type: 'jsonb' })
  payload: Record<string, string>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'dispatched_at', type: 'timestamptz', nullable: true })
  dispatchedAt: Date | null;
}
