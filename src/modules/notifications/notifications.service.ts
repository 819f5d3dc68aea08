import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, IsNull, Repository } from 'typeorm';
import { DomainError } from '../../common/errors/domain-error';
import { isUuid } from '../../common/http/ids';
import { Page, PageQuery, paginate } from '../../common/http/pagination';
import { Clock } from '../../common/time/clock';
import { AppConfig } from '../../config/app-config';
import { User } from '../auth/user.entity';
import { FinancingProduct, FinancingProductVersion } from '../catalog/financing-product.entity';
import { Enterprise } from '../enterprises/enterprise.entity';
import { PartnerBank } from '../partners/partner-bank.entity';
import { Referral } from '../referrals/referral.entity';
import {
  Bilingual,
  NotificationFacts,
  NotificationType,
  ReferralFacts,
  renderNotification,
} from './domain/notification-texts';
import { Notification } from './notification.entity';
import { OutboxService } from './outbox.service';

type ReferralType = Extract<NotificationType, `referral.${string}`>;

/**
 * What a caller passes for each type. Referral notifications name only the referral (the service
 * looks up the product and the bank); a re-route names the bank it came from.
 */
export type NotifyData = {
  [T in NotificationType]: T extends 'referral.rerouted'
    ? { referralId: string; fromBankId: string } & Pick<
        NotificationFacts['referral.rerouted'],
        'cause' | 'reason'
      >
    : T extends ReferralType
      ? { referralId: string } & Omit<NotificationFacts[T], keyof ReferralFacts>
      : T extends 'match.changed'
        ? NotificationFacts[T] & { productCode: string }
        : NotificationFacts[T];
};

/** Whom to tell: an enterprise (its owner at the time of writing) or a user. */
export type Recipient = { enterpriseId: string } | { userId: string };

export interface NotificationView {
  id: string;
  type: NotificationType;
  title: Bilingual;
  body: Bilingual;
  referralId?: string;
  productCode?: string;
  createdAt: string;
  readAt: string | null;
}

export function toNotificationView(n: Notification): NotificationView {
  return {
    id: n.id,
    type: n.type,
    title: n.title,
    body: n.body,
    ...(n.referralId ? { referralId: n.referralId } : {}),
    ...(n.productCode ? { productCode: n.productCode } : {}),
    createdAt: n.createdAt.toISOString(),
    readAt: n.readAt?.toISOString() ?? null,
  };
}

const UNKNOWN_NAME: Bilingual = { zh: '（未知）', en: '(unknown)' };

/** Rows per multi-row insert of a bulk notification: well below PostgreSQL's 65,535 parameters. */
const BULK_ROWS = 1000;

/**
 * Notifications to SMEs: written in the caller's transaction (the fact and the message about it
 * commit together), and mailed through the outbox when mail is configured and the user wants it.
 */
@Injectable()
export class NotificationsService {
  constructor(
    @InjectRepository(Notification) private readonly notifications: Repository<Notification>,
    private readonly outbox: OutboxService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /**
   * Tells an SME about something, inside `em`'s transaction.
   *
   * @param opts.dedupeKey a key that makes a second call for the same fact a no-op (e.g.
   *   `match.changed:<enterpriseId>:<product>:<version>`)
   * @returns the notification id, or null when the recipient is gone or the key was used before
   */
  async notify<T extends NotificationType>(
    em: EntityManager,
    to: Recipient,
    type: T,
    data: NotifyData[T],
    opts: { dedupeKey?: string } = {},
  ): Promise<string | null> {
    const userId =
      'userId' in to
        ? to.userId
        : ((await em.getRepository(Enterprise).findOneBy({ id: to.enterpriseId }))?.ownerId ??
          null);
    if (!userId) return null;
    const { facts, referralId, productCode } = await this.factsFor(em, type, data);
    const text = renderNotification(type, facts as NotificationFacts[T]);
    const inserted = await em
      .createQueryBuilder()
      .insert()
      .into(Notification)
      .values({
        userId,
        enterpriseId: 'enterpriseId' in to ? to.enterpriseId : null,
        type,
        title: text.title,
        body: text.body,
        referralId,
        productCode,
        dedupeKey: opts.dedupeKey ?? null,
        createdAt: this.clock.now(),
      } as never)
      .orIgnore()
      .returning('id')
      .execute();
    const id = (inserted.raw as { id: string }[])[0]?.id;
    if (!id) return null;
    if (this.config.mail.enabled) {
      const user = await em.getRepository(User).findOneBy({ id: userId });
      if (user?.emailNotifications)
        await this.outbox.enqueueMail(em, {
          kind: 'notification',
          userId,
          notificationId: id,
          at: this.clock.now(),
        });
    }
    return id;
  }

  /**
   * Tells the SMEs of many referrals about the same kind of event, inside `em`'s transaction, in
   * three statements whatever their number (the deadline sweep's batches): one read of the owners,
   * product and bank names and mail preferences, one multi-row insert, and the mails. Each item is
   * what `notify` would take for its referral's enterprise; a used `dedupeKey` is skipped.
   *
   * @returns how many notifications were written
   */
  async notifyReferrals<T extends Exclude<ReferralType, 'referral.rerouted'>>(
    em: EntityManager,
    type: T,
    items: { data: NotifyData[T]; dedupeKey?: string }[],
  ): Promise<number> {
    if (items.length === 0) return 0;
    const rows = await em.query<
      {
        id: string;
        enterprise_id: string;
        owner_id: string;
        product_code: string;
        product_name: Bilingual | null;
        bank_zh: string | null;
        bank_en: string | null;
        email_notifications: boolean | null;
      }[]
    >(
      `SELECT r.id, r.enterprise_id, e.owner_id, r.product_code, v.body -> 'name' AS product_name,
              b.name_zh AS bank_zh, b.name_en AS bank_en, u.email_notifications
         FROM referral r
         JOIN enterprise e ON e.id = r.enterprise_id
         LEFT JOIN financing_product p ON p.code = r.product_code
         LEFT JOIN financing_product_version v ON v.product_id = p.id AND v.version = r.product_version
         LEFT JOIN partner_bank b ON b.id = r.bank_id
         LEFT JOIN app_user u ON u.id = e.owner_id
        WHERE r.id = ANY($1::uuid[])`,
      [items.map((i) => i.data.referralId)],
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    const now = this.clock.now();
    const values = items.flatMap(({ data, dedupeKey }) => {
      const r = byId.get(data.referralId);
      if (!r) return []; // the enterprise is gone: nobody to tell, as notify() does
      const { referralId, ...rest } = data;
      const facts = {
        productName: r.product_name ?? { zh: r.product_code, en: r.product_code },
        bankName: r.bank_zh !== null ? { zh: r.bank_zh, en: r.bank_en! } : UNKNOWN_NAME,
        ...rest,
      };
      const text = renderNotification(type, facts as unknown as NotificationFacts[T]);
      return [
        {
          userId: r.owner_id,
          enterpriseId: r.enterprise_id,
          type,
          title: text.title,
          body: text.body,
          referralId,
          productCode: r.product_code,
          dedupeKey: dedupeKey ?? null,
          createdAt: now,
        },
      ];
    });
    if (values.length === 0) return 0;
    const inserted = await em
      .createQueryBuilder()
      .insert()
      .into(Notification)
      .values(values as never)
      .orIgnore()
      .returning(['id', 'userId']) // property names: TypeORM drops names it does not know
      .execute();
    const written = inserted.raw as { id: string; user_id: string }[];
    if (this.config.mail.enabled) {
      const wantsMail = new Set(rows.filter((r) => r.email_notifications).map((r) => r.owner_id));
      await this.outbox.enqueueNotificationMails(
        em,
        written
          .filter((n) => wantsMail.has(n.user_id))
          .map((n) => ({ userId: n.user_id, notificationId: n.id, at: now })),
      );
    }
    return written.length;
  }

  /**
   * Tells the SMEs of many enterprises that their match changed (a re-match page), inside `em`'s
   * transaction, in a few statements whatever their number: one read of the owners and their mail
   * preferences, multi-row inserts of up to {@link BULK_ROWS} notifications, and the mails. Each
   * item is what `notify` would take for its enterprise; a used `dedupeKey` is skipped, and an
   * enterprise that is gone is told nothing.
   *
   * @returns how many notifications were written
   */
  async notifyMatchChanges(
    em: EntityManager,
    items: { enterpriseId: string; data: NotifyData['match.changed']; dedupeKey: string }[],
  ): Promise<number> {
    if (items.length === 0) return 0;
    const owners = await em.query<
      { id: string; owner_id: string; email_notifications: boolean | null }[]
    >(
      `SELECT e.id, e.owner_id, u.email_notifications
         FROM enterprise e LEFT JOIN app_user u ON u.id = e.owner_id
        WHERE e.id = ANY($1::uuid[])`,
      [items.map((i) => i.enterpriseId)],
    );
    const byId = new Map(owners.map((o) => [o.id, o]));
    const now = this.clock.now();
    const values = items.flatMap(({ enterpriseId, data, dedupeKey }) => {
      const owner = byId.get(enterpriseId);
      if (!owner) return [];
      const { productCode, ...facts } = data;
      const text = renderNotification('match.changed', facts);
      return [
        {
          userId: owner.owner_id,
          enterpriseId,
          type: 'match.changed' as const,
          title: text.title,
          body: text.body,
          referralId: null,
          productCode,
          dedupeKey,
          createdAt: now,
        },
      ];
    });
    const written: { id: string; user_id: string }[] = [];
    for (let from = 0; from < values.length; from += BULK_ROWS) {
      const inserted = await em
        .createQueryBuilder()
        .insert()
        .into(Notification)
        .values(values.slice(from, from + BULK_ROWS) as never)
        .orIgnore()
        .returning(['id', 'userId']) // property names: TypeORM drops names it does not know
        .execute();
      written.push(...(inserted.raw as { id: string; user_id: string }[]));
    }
    if (this.config.mail.enabled) {
      const wantsMail = new Set(owners.filter((o) => o.email_notifications).map((o) => o.owner_id));
      const mails = written
        .filter((n) => wantsMail.has(n.user_id))
        .map((n) => ({ userId: n.user_id, notificationId: n.id, at: now }));
      for (let from = 0; from < mails.length; from += BULK_ROWS) {
        await this.outbox.enqueueNotificationMails(em, mails.slice(from, from + BULK_ROWS));
      }
    }
    return written.length;
  }

  private async factsFor(
    em: EntityManager,
    type: NotificationType,
    data: NotifyData[NotificationType],
  ): Promise<{ facts: unknown; referralId: string | null; productCode: string | null }> {
    if ('referralId' in data) {
      const { referralId, ...rest } = data;
      const referral = await em.getRepository(Referral).findOneByOrFail({ id: referralId });
      const names = await this.referralNames(em, referral, referral.bankId);
      const extra: Record<string, unknown> = { ...rest };
      if (type === 'referral.rerouted' && 'fromBankId' in rest) {
        delete extra.fromBankId;
        extra.fromBankName = await this.bankName(em, rest.fromBankId);
      }
      return { facts: { ...names, ...extra }, referralId, productCode: referral.productCode };
    }
    if ('productCode' in data) {
      const { productCode, ...facts } = data;
      return { facts, referralId: null, productCode };
    }
    return { facts: data, referralId: null, productCode: null };
  }

  private async referralNames(
    em: EntityManager,
    referral: Referral,
    bankId: string,
  ): Promise<ReferralFacts> {
    const version = await em
      .getRepository(FinancingProductVersion)
      .createQueryBuilder('v')
      .innerJoin(FinancingProduct, 'p', 'p.id = v.product_id')
      .where('p.code = :code AND v.version = :version', {
        code: referral.productCode,
        version: referral.productVersion,
      })
      .getOne();
    return {
      productName: version?.body.name ?? { zh: referral.productCode, en: referral.productCode },
      bankName: await this.bankName(em, bankId),
    };
  }

  private async bankName(em: EntityManager, bankId: string): Promise<Bilingual> {
    const bank = await em.getRepository(PartnerBank).findOneBy({ id: bankId });
    return bank ? { zh: bank.nameZh, en: bank.nameEn } : UNKNOWN_NAME;
  }

  async list(
    userId: string,
    query: PageQuery & { unread?: boolean },
  ): Promise<Page<NotificationView>> {
    const qb = this.notifications.createQueryBuilder('n').where('n.user_id = :userId', { userId });
    if (query.unread) qb.andWhere('n.read_at IS NULL');
    const page = await paginate(qb, 'n', query);
    return { items: page.items.map(toNotificationView), nextCursor: page.nextCursor };
  }

  async markRead(userId: string, id: string): Promise<NotificationView> {
    const found = isUuid(id) ? await this.notifications.findOneBy({ id, userId }) : null;
    if (!found) throw DomainError.notFound('Notification');
    if (!found.readAt) {
      // Only the first read counts: a second call leaves readAt as it was.
      await this.notifications.update({ id, readAt: IsNull() }, { readAt: this.clock.now() });
    }
    return toNotificationView(await this.notifications.findOneByOrFail({ id }));
  }

  async markAllRead(userId: string): Promise<{ updated: number }> {
    const result = await this.notifications.update(
      { userId, readAt: IsNull() },
      { readAt: this.clock.now() },
    );
    return { updated: result.affected ?? 0 };
  }
}
