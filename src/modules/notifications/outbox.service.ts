import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { JobName, QueueName } from '../../common/queue/queue-names';
import { OutboxMessage, WebhookDelivery, WebhookEventType } from './delivery.entity';

export const OUTBOX_CHANNEL = 'outbox_written';

/**
 * Writes webhook deliveries and their outbox rows inside the caller's transaction: if the change
 * commits, so does the promise to deliver it; if it rolls back, nothing is sent.
 */
@Injectable()
export class OutboxService {
  async enqueueWebhook(
    em: EntityManager,
    message: { referralId: string; eventId: string; eventType: WebhookEventType; bankId: string; at: Date },
  ): Promise<WebhookDelivery> {
    const delivery = await em.getRepository(WebhookDelivery).save(
      em.getRepository(WebhookDelivery).create({
        referralId: message.referralId,
        eventId: message.eventId,
        eventType: message.eventType,
        bankId: message.bankId,
        status: 'pending',
        attempts: 0,
        nextAttemptAt: message.at,
      }),
    );
    delivery.outboxId = await this.writeOutbox(em, delivery.id);
    await em.getRepository(WebhookDelivery).update(delivery.id, { outboxId: delivery.outboxId });
    return delivery;
  }

  /** A new round for a delivery (admin redelivery): attempts restart on the schedule. */
  async restart(em: EntityManager, delivery: WebhookDelivery, at: Date): Promise<void> {
    const outboxId = await this.writeOutbox(em, delivery.id);
    await em.getRepository(WebhookDelivery).update(delivery.id, {
      status: 'pending',
      attempts: 0,
      nextAttemptAt: at,
      outboxId,
    });
  }

  private async writeOutbox(em: EntityManager, deliveryId: string): Promise<string> {
    const row = await em.getRepository(OutboxMessage).save(
      em.getRepository(OutboxMessage).create({
        queue: QueueName.Webhooks,
        jobName: JobName.DeliverWebhook,
        payload: { deliveryId },
      }),
    );
    // Wakes the relay at commit time (NOTIFY is transactional); polling is the fallback.
    await em.query('SELECT pg_notify($1, $2)', [OUTBOX_CHANNEL, row.id]);
    return row.id;
  }
}
