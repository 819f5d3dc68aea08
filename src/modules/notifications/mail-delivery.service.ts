import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { createTransport, Transporter } from 'nodemailer';
import { DataSource, Repository } from 'typeorm';
import { SecretBox } from '../../common/crypto/secret-box';
import { Clock } from '../../common/time/clock';
import { AppConfig } from '../../config/app-config';
import { User } from '../auth/user.entity';
import {
  composeNotificationMail,
  composePasswordResetMail,
  MailContent,
} from './domain/mail-message';
import { nextAttemptDelayMs, parseRetrySchedule } from './domain/retry-schedule';
import { MailDelivery } from './mail-delivery.entity';
import { Notification } from './notification.entity';
import type { AttemptOutcome } from './webhook-delivery.service';

/** Slack on top of the SMTP timeouts for an attempt's lease (lookups, bookkeeping). */
const ATTEMPT_LEASE_MARGIN_MS = 5000;

/** The additional data a sealed password-reset token is bound to: its recipient. */
export function resetTokenAad(userId: string): string {
  return `password_reset:${userId}`;
}

/** The path of the page that takes a password-reset token (web application). */
export const PASSWORD_RESET_PATH = '/password/reset';

/**
 * One mail attempt: claim the delivery in PostgreSQL (compare-and-set), build the message from the
 * notification, hand it to the SMTP server, record the outcome. A claim that another attempt won
 * sends nothing, so one notification is mailed once; `Message-ID` is the notification id, so a
 * receiver can drop the copy a crash between "accepted" and "recorded" could still cause.
 */
@Injectable()
export class MailDeliveryService implements OnApplicationShutdown {
  private readonly logger = new Logger(MailDeliveryService.name);
  private readonly schedule: number[];
  private readonly box: SecretBox;
  private transport: Transporter | null = null;

  constructor(
    private readonly dataSource: DataSource,
    @InjectRepository(MailDelivery) private readonly deliveries: Repository<MailDelivery>,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {
    this.schedule = parseRetrySchedule(config.webhooks.retryScheduleCsv);
    this.box = new SecretBox(config.secretEncryptionKey);
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }

  async attempt(id: string): Promise<AttemptOutcome> {
    const delivery = await this.deliveries.findOneBy({ id });
    if (!delivery || !['pending', 'failed'].includes(delivery.status)) return { kind: 'done' };
    const now = this.clock.now();
    if (delivery.nextAttemptAt && delivery.nextAttemptAt.getTime() - now.getTime() > 1000)
      return { kind: 'retry_at', at: delivery.nextAttemptAt };
    if (!(await this.claim(delivery, now))) return this.afterLostClaim(id, now);
    // Every write below applies only while the round is as this attempt found it.
    const unchanged = { id, status: delivery.status, attempts: delivery.attempts };

    const user = await this.dataSource.getRepository(User).findOneBy({ id: delivery.userId });
    if (!this.config.mail.enabled || !user) {
      await this.settle(unchanged, 'dead', !user ? 'the user no longer exists' : 'mail is off');
      return { kind: 'done' };
    }
    if (delivery.kind === 'notification' && !user.emailNotifications) {
      await this.settle(unchanged, 'cancelled', 'the user turned email notifications off');
      return { kind: 'done' };
    }
    const content = await this.compose(delivery);
    if (!content) {
      await this.settle(unchanged, 'dead', 'nothing left to send');
      return { kind: 'done' };
    }

    const attemptNo = delivery.attempts + 1;
    const error = await this.send(user.email, delivery, content);
    const base = { attempts: attemptNo, lastAttemptAt: now, lastError: error?.message ?? null };
    if (!error) {
      await this.deliveries.update(unchanged, {
        ...base,
        status: 'delivered',
        deliveredAt: this.clock.now(),
        nextAttemptAt: null,
        sealedSecret: null,
      });
      return { kind: 'done' };
    }
    const delay = error.permanent
      ? null
      : nextAttemptDelayMs(this.schedule, attemptNo, Math.random);
    if (delay === null) {
      const { affected } = await this.deliveries.update(unchanged, {
        ...base,
        status: 'dead',
        nextAttemptAt: null,
        sealedSecret: null,
      });
      if (affected) this.logger.warn(`mail ${id} is dead after ${attemptNo} attempts`);
      return { kind: 'done' };
    }
    const at = new Date(this.clock.now().getTime() + delay);
    const { affected } = await this.deliveries.update(unchanged, {
      ...base,
      status: 'failed',
      nextAttemptAt: at,
    });
    return affected ? { kind: 'retry_at', at } : { kind: 'done' };
  }

  private async settle(
    unchanged: Pick<MailDelivery, 'id' | 'status' | 'attempts'>,
    status: 'dead' | 'cancelled',
    lastError: string,
  ): Promise<void> {
    await this.deliveries.update(unchanged, {
      status,
      lastError,
      nextAttemptAt: null,
      sealedSecret: null,
    });
  }

  /** Compare-and-set on the state read: only one attempt of a round gets to send. */
  private async claim(delivery: MailDelivery, now: Date): Promise<boolean> {
    const leaseUntil = new Date(
      now.getTime() + 3 * this.config.mail.timeoutMs + ATTEMPT_LEASE_MARGIN_MS,
    );
    const result = await this.deliveries
      .createQueryBuilder()
      .update(MailDelivery)
      .set({ nextAttemptAt: leaseUntil })
      .where('id = :id AND status = :status AND attempts = :attempts', {
        id: delivery.id,
        status: delivery.status,
        attempts: delivery.attempts,
      })
      .andWhere('(next_attempt_at IS NULL OR next_attempt_at <= :latest)', {
        latest: new Date(now.getTime() + 1000),
      })
      .execute();
    return result.affected === 1;
  }

  private async afterLostClaim(id: string, now: Date): Promise<AttemptOutcome> {
    const current = await this.deliveries.findOneBy({ id });
    if (!current || !['pending', 'failed'].includes(current.status)) return { kind: 'done' };
    const due = current.nextAttemptAt?.getTime() ?? 0;
    return { kind: 'retry_at', at: new Date(Math.max(due, now.getTime() + 1000)) };
  }

  private async compose(delivery: MailDelivery): Promise<MailContent | null> {
    const base = this.config.publicUrl;
    if (delivery.kind === 'notification') {
      const n = delivery.notificationId
        ? await this.dataSource
            .getRepository(Notification)
            .findOneBy({ id: delivery.notificationId })
        : null;
      return n ? composeNotificationMail(n, `${base}/notifications`) : null;
    }
    if (!delivery.sealedSecret) return null;
    const token = this.box.open(delivery.sealedSecret, resetTokenAad(delivery.userId));
    const link = `${base}${PASSWORD_RESET_PATH}?token=${encodeURIComponent(token)}`;
    return composePasswordResetMail(link, Math.round(this.config.passwordResetTtlSeconds / 60));
  }

  private async send(
    to: string,
    delivery: MailDelivery,
    content: MailContent,
  ): Promise<{ message: string; permanent: boolean } | null> {
    const { from } = this.config.mail;
    const domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'localhost';
    try {
      await this.transporter().sendMail({
        from,
        to,
        subject: content.subject,
        text: content.text,
        html: content.html,
        messageId: `<${delivery.notificationId ?? delivery.id}@${domain}>`,
        headers: { 'Auto-Submitted': 'auto-generated' },
      });
      return null;
    } catch (e) {
      const err = e as Error & { responseCode?: number };
      // A 5xx answer to the message itself (unknown mailbox, refused content) will not change on
      // retry; connection failures and 4xx answers will.
      const permanent = typeof err.responseCode === 'number' && err.responseCode >= 500;
      return { message: err.message.slice(0, 500), permanent };
    }
  }

  private transporter(): Transporter {
    const { url, timeoutMs } = this.config.mail;
    // The URL's own settings (host, port, credentials, TLS) win; the timeouts fill in.
    this.transport ??= createTransport({
      url: url!,
      connectionTimeout: timeoutMs,
      greetingTimeout: timeoutMs,
      socketTimeout: timeoutMs,
    } as never);
    return this.transport;
  }
}
