import { randomUUID } from 'node:crypto';
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
    message: {
      referralId: string;
      eventId: string;
      eventType: WebhookEventType;
      bankId: string;
      at: Date;
    },
  ): Promise<{ deliveryId: string; outboxId: string }> {
    // Ids made here, so the delivery and its outbox row are two plain inserts (the hot path).
    const deliveryId = randomUUID();
    const outboxId = randomUUID();
    await em.getRepository(WebhookDelivery).insert({
      id: deliveryId,
      referralId: message.referralId,
      eventId: message.eventId,
      eventType: message.eventType,
      bankId: message.bankId,
      status: 'pending',
      attempts: 0,
      nextAttemptAt: message.at,
      outboxId,
    });
    await this.writeOutbox(em, deliveryId, outboxId);
    return { deliveryId, outboxId };
  }

  /** A new round for a delivery (admin redelivery): attempts restart on the schedule. */
  async restart(em: EntityManager, delivery: WebhookDelivery, at: Date): Promise<void> {
    const outboxId = await this.writeOutbox(em, delivery.id, randomUUID());
    await em.getRepository(WebhookDelivery).update(delivery.id, {
      status: 'pending',
      attempts: 0,
      nextAttemptAt: at,
      outboxId,
    });
  }

  private async writeOutbox(em: EntityManager, deliveryId: string, id: string): Promise<string> {
    await em.getRepository(OutboxMessage).insert({
      id,
      queue: QueueName.Webhooks,
      jobName: JobName.DeliverWebhook,
      payload: { deliveryId },
    });
    // Wakes the relay at commit time (NOTIFY is transactional); polling is the fallback.
    await em.query('SELECT pg_notify($1, $2)', [OUTBOX_CHANNEL, id]);
    return id;
  }
}
