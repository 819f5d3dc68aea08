import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { DomainError } from '../../common/errors/domain-error';
import { isUuid } from '../../common/http/ids';
import { Page, PageQuery, paginate } from '../../common/http/pagination';
import { Clock } from '../../common/time/clock';
import { AuditService } from '../audit/audit.service';
import { MailDeliveryResponse } from './dto/notification.dto';
import { MailDelivery, MailDeliveryStatus } from './mail-delivery.entity';
import { OutboxService } from './outbox.service';

export function toMailDeliveryView(d: MailDelivery): MailDeliveryResponse {
  return {
    id: d.id,
    kind: d.kind,
    notificationId: d.notificationId,
    userId: d.userId,
    status: d.status,
    attempts: d.attempts,
    nextAttemptAt: d.nextAttemptAt?.toISOString() ?? null,
    lastAttemptAt: d.lastAttemptAt?.toISOString() ?? null,
    lastError: d.lastError,
    deliveredAt: d.deliveredAt?.toISOString() ?? null,
    createdAt: d.createdAt.toISOString(),
  };
}

/** The mail log for admins, and manual redelivery of a mail that ran out of attempts. */
@Injectable()
export class MailDeliveriesService {
  constructor(
    @InjectRepository(MailDelivery) private readonly deliveries: Repository<MailDelivery>,
    private readonly outbox: OutboxService,
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async list(
    status: MailDeliveryStatus | undefined,
    query: PageQuery,
  ): Promise<Page<MailDeliveryResponse>> {
    const qb = this.deliveries.createQueryBuilder('d');
    if (status) qb.where('d.status = :status', { status });
    const page = await paginate(qb, 'd', query);
    return { items: page.items.map(toMailDeliveryView), nextCursor: page.nextCursor };
  }

  async redeliver(id: string, actorId: string): Promise<MailDeliveryResponse> {
    if (!isUuid(id)) throw DomainError.notFound('Mail delivery');
    return this.dataSource.transaction(async (em) => {
      const repo = em.getRepository(MailDelivery);
      const delivery = await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!delivery) throw DomainError.notFound('Mail delivery');
      // A delivered mail is not sent again (one mail per notification), nor one still being tried.
      if (delivery.status !== 'dead')
        throw DomainError.conflict(
          `Only a dead mail can be redelivered; this one is ${delivery.status}.`,
        );
      if (delivery.kind === 'password_reset')
        throw DomainError.conflict(
          'A password-reset link is not sent again once it failed; the user can ask for a new one.',
        );
      await this.outbox.restartMail(em, delivery, this.clock.now());
      await this.audit.record(
        { actorId, action: 'mail.redelivered', entityType: 'mail_delivery', entityKey: id },
        em,
      );
      return toMailDeliveryView(await repo.findOneByOrFail({ id }));
    });
  }
}
