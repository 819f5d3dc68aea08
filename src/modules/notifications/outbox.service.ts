import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { JobName, JobPayloads, QueueName } from '../../common/queue/queue-names';
import { OutboxMessage, WebhookDelivery, WebhookEventType } from './delivery.entity';
import { MailDelivery, MailKind } from './mail-delivery.entity';

export const OUTBOX_CHANNEL = 'outbox_written';

export interface WebhookMessage {
  referralId: string;
  eventId: string;
  eventType: WebhookEventType;
  bankId: string;
  at: Date;
}

/**
 * Writes deliveries (webhooks to banks, mail to SMEs) and their outbox rows inside the caller's
 * transaction: if the change commits, so does the promise to deliver it; if it rolls back, nothing
 * is sent.
 */
@Injectable()
export class OutboxService {
  async enqueueWebhook(
    em: EntityManager,
    message: WebhookMessage,
  ): Promise<{ deliveryId: string; outboxId: string }> {
    const [ids] = await this.enqueueWebhooks(em, [message]);
    return ids;
  }

  /**
   * Many messages (the deadline sweep's batches), or one (a submission), in ONE statement: the
   * outbox rows and the deliveries as data-modifying CTEs, and the NOTIFY, one round trip on the
   * hot path of every submission.
   */
  async enqueueWebhooks(
    em: EntityManager,
    messages: WebhookMessage[],
  ): Promise<{ deliveryId: string; outboxId: string }[]> {
    if (messages.length === 0) return [];
    // Ids made here, so the deliveries and their outbox rows are plain inserts.
    const ids = messages.map(() => ({ deliveryId: randomUUID(), outboxId: randomUUID() }));
    const params: unknown[] = [
      OUTBOX_CHANNEL,
      ids[0].outboxId,
      QueueName.Webhooks,
      JobName.DeliverWebhook,
    ];
    const arg = (value: unknown) => `$${params.push(value)}`;
    const outboxRows = ids.map(
      ({ deliveryId, outboxId }) =>
        `(${arg(outboxId)}::uuid, $3, $4, ${arg(JSON.stringify({ deliveryId }))}::jsonb)`,
    );
    const deliveryRows = messages.map(
      (m, i) =>
        `(${arg(ids[i].deliveryId)}::uuid, ${arg(m.referralId)}::uuid, ${arg(m.eventId)}::uuid, ` +
        `${arg(m.eventType)}, ${arg(m.bankId)}::uuid, 'pending', 0, ${arg(m.at)}::timestamptz, ` +
        `${arg(ids[i].outboxId)}::uuid)`,
    );
    await em.query(
      `WITH outbox_rows AS (
         INSERT INTO outbox (id, queue, job_name, payload) VALUES ${outboxRows.join(', ')}
       ), delivery_rows AS (
         INSERT INTO webhook_delivery
           (id, referral_id, event_id, event_type, bank_id, status, attempts, next_attempt_at, outbox_id)
         VALUES ${deliveryRows.join(', ')}
       )
       SELECT pg_notify($1, $2)`,
      params,
    );
    return ids;
  }

  /** One email to one user (a notification's, or a password-reset link with its sealed token). */
  async enqueueMail(
    em: EntityManager,
    message: {
      kind: MailKind;
      userId: string;
      notificationId?: string;
      sealedSecret?: string;
      at: Date;
    },
  ): Promise<{ mailDeliveryId: string; outboxId: string }> {
    const mailDeliveryId = randomUUID();
    const outboxId = randomUUID();
    await em.getRepository(MailDelivery).insert({
      id: mailDeliveryId,
      kind: message.kind,
      userId: message.userId,
      notificationId: message.notificationId ?? null,
      sealedSecret: message.sealedSecret ?? null,
      status: 'pending',
      attempts: 0,
      nextAttemptAt: message.at,
      outboxId,
    });
    await this.writeOutbox(em, outboxId, JobName.DeliverMail, { mailDeliveryId });
    return { mailDeliveryId, outboxId };
  }

  /** Many notification mails in two multi-row inserts and one NOTIFY (the deadline sweep's batches). */
  async enqueueNotificationMails(
    em: EntityManager,
    messages: { userId: string; notificationId: string; at: Date }[],
  ): Promise<void> {
    if (messages.length === 0) return;
    const ids = messages.map(() => ({ mailDeliveryId: randomUUID(), outboxId: randomUUID() }));
    await em.getRepository(MailDelivery).insert(
      messages.map((m, i) => ({
        id: ids[i].mailDeliveryId,
        kind: 'notification' as const,
        userId: m.userId,
        notificationId: m.notificationId,
        sealedSecret: null,
        status: 'pending' as const,
        attempts: 0,
        nextAttemptAt: m.at,
        outboxId: ids[i].outboxId,
      })),
    );
    await em.getRepository(OutboxMessage).insert(
      ids.map(({ mailDeliveryId, outboxId }) => ({
        id: outboxId,
        queue: QueueName.Webhooks,
        jobName: JobName.DeliverMail,
        payload: { mailDeliveryId },
      })),
    );
    await em.query('SELECT pg_notify($1, $2)', [OUTBOX_CHANNEL, ids[0].outboxId]);
  }

  /** A new round for a dead mail (admin redelivery): attempts restart on the schedule. */
  async restartMail(em: EntityManager, delivery: MailDelivery, at: Date): Promise<void> {
    const outboxId = randomUUID();
    await this.writeOutbox(em, outboxId, JobName.DeliverMail, { mailDeliveryId: delivery.id });
    await em.getRepository(MailDelivery).update(delivery.id, {
      status: 'pending',
      attempts: 0,
      nextAttemptAt: at,
      lastError: null,
      outboxId,
    });
  }

  /** A new round for a delivery (admin redelivery): attempts restart on the schedule. */
  async restart(em: EntityManager, delivery: WebhookDelivery, at: Date): Promise<void> {
    const outboxId = randomUUID();
    await this.writeOutbox(em, outboxId, JobName.DeliverWebhook, { deliveryId: delivery.id });
    await em.getRepository(WebhookDelivery).update(delivery.id, {
      status: 'pending',
      attempts: 0,
      nextAttemptAt: at,
      outboxId,
    });
  }

  private async writeOutbox<J extends JobName>(
    em: EntityManager,
    id: string,
    jobName: J,
    payload: JobPayloads[J],
  ): Promise<void> {
    await em.getRepository(OutboxMessage).insert({
      id,
      queue: QueueName.Webhooks,
      jobName,
      payload: { ...payload },
    });
    // Wakes the relay at commit time (NOTIFY is transactional); polling is the fallback.
    await em.query('SELECT pg_notify($1, $2)', [OUTBOX_CHANNEL, id]);
  }
}
