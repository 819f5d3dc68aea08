import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, Repository } from 'typeorm';
import { DomainError } from '../../common/errors/domain-error';
import { Page, PageQuery, paginate } from '../../common/http/pagination';
import { Clock } from '../../common/time/clock';
import { AuditService } from '../audit/audit.service';
import { Referral } from '../referrals/referral.entity';
import { DeliveryStatus, WebhookAttempt, WebhookDelivery } from './delivery.entity';
import { OutboxService } from './outbox.service';
import { isUuid } from '../../common/http/ids';

export interface DeliveryView {
  id: string;
  referralId: string;
  eventId: string;
  eventType: string;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: string | null;
  lastAttemptAt: string | null;
  lastStatusCode: number | null;
  lastError: string | null;
  deliveredAt: string | null;
  createdAt: string;
  log?: { startedAt: string; latencyMs: number; statusCode: number | null; error: string | null }[];
}

export function toDeliveryView(d: WebhookDelivery, log?: WebhookAttempt[]): DeliveryView {
  return {
    id: d.id,
    referralId: d.referralId,
    eventId: d.eventId,
    eventType: d.eventType,
    status: d.status,
    attempts: d.attempts,
    nextAttemptAt: d.nextAttemptAt?.toISOString() ?? null,
    lastAttemptAt: d.lastAttemptAt?.toISOString() ?? null,
    lastStatusCode: d.lastStatusCode,
    lastError: d.lastError,
    deliveredAt: d.deliveredAt?.toISOString() ?? null,
    createdAt: d.createdAt.toISOString(),
    ...(log
      ? {
          log: log.map((a) => ({
            startedAt: a.startedAt.toISOString(),
            latencyMs: a.latencyMs,
            statusCode: a.statusCode,
            error: a.error,
          })),
        }
      : {}),
  };
}

@Injectable()
export class DeliveriesService {
  constructor(
    @InjectRepository(WebhookDelivery) private readonly deliveries: Repository<WebhookDelivery>,
    @InjectRepository(WebhookAttempt) private readonly attempts: Repository<WebhookAttempt>,
    private readonly outbox: OutboxService,
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async list(status: DeliveryStatus | undefined, query: PageQuery): Promise<Page<DeliveryView>> {
    const qb = this.deliveries.createQueryBuilder('d');
    if (status) qb.where('d.status = :status', { status });
    const page = await paginate(qb, 'd', query);
    return { items: page.items.map((d) => toDeliveryView(d)), nextCursor: page.nextCursor };
  }

  /** Deliveries of some referrals (to one bank, if given) with their attempt logs (for the timeline). */
  async forReferrals(referralIds: string[], bankId?: string): Promise<Map<string, DeliveryView[]>> {
    const out = new Map<string, DeliveryView[]>();
    if (!referralIds.length) return out;
    const rows = await this.deliveries.find({
      where: { referralId: In(referralIds), ...(bankId ? { bankId } : {}) },
      order: { createdAt: 'ASC' },
    });
    const logs = rows.length
      ? await this.attempts.find({
          where: { deliveryId: In(rows.map((r) => r.id)) },
          order: { startedAt: 'ASC' },
        })
      : [];
    for (const d of rows) {
      const list = out.get(d.referralId) ?? [];
      list.push(
        toDeliveryView(
          d,
          logs.filter((l) => l.deliveryId === d.id),
        ),
      );
      out.set(d.referralId, list);
    }
    return out;
  }

  async redeliver(id: string, actorId: string): Promise<DeliveryView> {
    if (!isUuid(id)) throw DomainError.notFound('Delivery');
    return this.dataSource.transaction(async (em) => {
      const delivery = await em
        .getRepository(WebhookDelivery)
        .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!delivery) throw DomainError.notFound('Delivery');
      if (delivery.status === 'cancelled' || (await this.movedAway(em, delivery))) {
        throw DomainError.conflict(
          'The referral went to another bank: what the previous bank had not received is cancelled and is never sent to it again.',
          [{ path: 'id', code: 'reassigned', message: 'the referral is no longer with this bank' }],
        );
      }
      if (delivery.status === 'pending' || delivery.status === 'failed') {
        throw DomainError.conflict(
          'The delivery is still being attempted; redeliver once it is delivered or dead.',
        );
      }
      await this.outbox.restart(em, delivery, this.clock.now());
      await this.audit.record(
        { actorId, action: 'delivery.redelivered', entityType: 'delivery', entityKey: id },
        em,
      );
      return toDeliveryView((await em.getRepository(WebhookDelivery).findOneByOrFail({ id }))!);
    });
  }

  /** A delivery about a referral that left its bank (other than the notice that it left). */
  private async movedAway(em: EntityManager, delivery: WebhookDelivery): Promise<boolean> {
    if (delivery.eventType === 'referral.reassigned') return false;
    const referral = await em.getRepository(Referral).findOneBy({ id: delivery.referralId });
    return referral !== null && referral.bankId !== delivery.bankId;
  }
}
