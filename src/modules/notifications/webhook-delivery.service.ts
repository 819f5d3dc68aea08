import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { Clock } from '../../common/time/clock';
import { AppConfig } from '../../config/app-config';
import { FinancingProduct, FinancingProductVersion } from '../catalog/financing-product.entity';
import { PartnerBank } from '../partners/partner-bank.entity';
import { PartnersService } from '../partners/partners.service';
import { Referral, ReferralEvent } from '../referrals/referral.entity';
import { WebhookAttempt, WebhookDelivery } from './delivery.entity';
import {
  classifyResponse,
  honoursRetryAfter,
  nextAttemptDelayMs,
  parseRetrySchedule,
} from './domain/retry-schedule';
import { checkWebhookUrl } from './domain/ssrf-guard';
import { webhookHeaders } from './domain/webhook-signature';
import { sendWebhook, SendResult } from './webhook-sender';

/** Slack on top of WEBHOOK_TIMEOUT_MS for an attempt's lease (URL check, body, bookkeeping). */
const ATTEMPT_LEASE_MARGIN_MS = 1000;

/** Nothing more is attempted for a delivery in these states. */
function isSettled(status: WebhookDelivery['status']): boolean {
  return status === 'delivered' || status === 'dead' || status === 'cancelled';
}

/** What the processor should do with the job after an attempt. */
export type AttemptOutcome = { kind: 'done' } | { kind: 'retry_at'; at: Date };

/**
 * One delivery attempt: build the body at send time from the consented snapshot, sign it afresh,
 * POST it, log the attempt, and decide what happens next. The delivery row in PostgreSQL is the
 * state; the BullMQ job only carries the delivery id.
 */
@Injectable()
export class WebhookDeliveryService {
  private readonly logger = new Logger(WebhookDeliveryService.name);
  private readonly schedule: number[];

  constructor(
    private readonly dataSource: DataSource,
    @InjectRepository(WebhookDelivery) private readonly deliveries: Repository<WebhookDelivery>,
    private readonly partners: PartnersService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {
    this.schedule = parseRetrySchedule(config.webhooks.retryScheduleCsv);
  }

  async attempt(deliveryId: string): Promise<AttemptOutcome> {
    const delivery = await this.deliveries.findOneBy({ id: deliveryId });
    if (!delivery || isSettled(delivery.status)) return { kind: 'done' };
    const now = this.clock.now();
    // A job that runs early (re-enqueued by the sweeper, or a duplicate) waits for its due time.
    if (delivery.nextAttemptAt && delivery.nextAttemptAt.getTime() - now.getTime() > 1000) {
      return { kind: 'retry_at', at: delivery.nextAttemptAt };
    }
    // This round's state as read: every write below applies only while it still holds, so a stale
    // attempt (one whose job Redis lost mid-request, then swept up and run again) cannot overwrite
    // what a newer attempt recorded, e.g. turn 'delivered' back into 'failed'.
    const unchanged = { id: delivery.id, status: delivery.status, attempts: delivery.attempts };
    if (!(await this.claim(delivery, now))) return this.afterLostClaim(delivery.id, now);
    // A referral that left this bank is no business of it any more (the re-route cancels what is
    // pending; this catches a job already under way then): only the notice that it left is sent.
    const referral = await this.dataSource
      .getRepository(Referral)
      .findOneBy({ id: delivery.referralId });
    if (delivery.eventType !== 'referral.reassigned' && referral?.bankId !== delivery.bankId) {
      await this.deliveries.update(unchanged, {
        status: 'cancelled',
        nextAttemptAt: null,
        lastError: 'the referral went to another bank',
      });
      return { kind: 'done' };
    }
    const bank = await this.dataSource
      .getRepository(PartnerBank)
      .findOneBy({ id: delivery.bankId });
    if (!bank?.webhookUrl || bank.webhookDisabledAt) {
      await this.deliveries.update(unchanged, {
        status: 'dead',
        nextAttemptAt: null,
        lastError: bank?.webhookDisabledAt
          ? 'endpoint disabled after 410 Gone'
          : 'bank has no webhook URL',
      });
      return { kind: 'done' };
    }

    const result = await this.post(bank, delivery);
    const attemptNo = delivery.attempts + 1;
    await this.dataSource.getRepository(WebhookAttempt).insert({
      deliveryId: delivery.id,
      startedAt: now,
      latencyMs: result.latencyMs,
      statusCode: result.statusCode,
      error: result.error ?? null,
    });
    const base = {
      attempts: attemptNo,
      lastAttemptAt: now,
      lastStatusCode: result.statusCode,
      lastError: result.error ?? null,
    };
    const verdict = classifyResponse(result.statusCode);
    if (verdict === 'delivered') {
      await this.deliveries.update(unchanged, {
        ...base,
        status: 'delivered',
        deliveredAt: this.clock.now(),
        nextAttemptAt: null,
      });
      return { kind: 'done' };
    }
    if (verdict === 'gone') {
      await this.dataSource.transaction(async (em) => {
        await em
          .getRepository(PartnerBank)
          .update(bank.id, { webhookDisabledAt: this.clock.now() });
        await em.getRepository(WebhookDelivery).update(unchanged, {
          ...base,
          status: 'dead',
          nextAttemptAt: null,
          lastError: '410 Gone: endpoint disabled',
        });
      });
      this.logger.warn(`bank ${bank.code} answered 410 Gone; its webhook endpoint is disabled`);
      return { kind: 'done' };
    }
    const delay = nextAttemptDelayMs(
      this.schedule,
      attemptNo,
      Math.random,
      honoursRetryAfter(result.statusCode) ? result.retryAfter : undefined,
      now,
    );
    if (delay === null) {
      const { affected } = await this.deliveries.update(unchanged, {
        ...base,
        status: 'dead',
        nextAttemptAt: null,
      });
      if (affected)
        this.logger.warn(
          `delivery ${delivery.id} to ${bank.code} is dead after ${attemptNo} attempts`,
        );
      return { kind: 'done' };
    }
    const at = new Date(this.clock.now().getTime() + delay);
    const { affected } = await this.deliveries.update(unchanged, {
      ...base,
      status: 'failed',
      nextAttemptAt: at,
    });
    // Not affected: a newer attempt has moved the delivery on and owns what comes next.
    return affected ? { kind: 'retry_at', at } : { kind: 'done' };
  }

  /**
   * Marks an attempt as under way by moving `nextAttemptAt` past its deadline, if no other attempt
   * did so first (compare-and-set on the state read). While it runs, the sweeper leaves the
   * delivery alone even when Redis has lost its job, and a second job for it waits.
   */
  private async claim(delivery: WebhookDelivery, now: Date): Promise<boolean> {
    const leaseUntil = new Date(
      now.getTime() + this.config.webhooks.timeoutMs + ATTEMPT_LEASE_MARGIN_MS,
    );
    const result = await this.deliveries
      .createQueryBuilder()
      .update(WebhookDelivery)
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

  /** Another attempt got there first: stop if it settled the delivery, else come back when it is due. */
  private async afterLostClaim(deliveryId: string, now: Date): Promise<AttemptOutcome> {
    const current = await this.deliveries.findOneBy({ id: deliveryId });
    if (!current || isSettled(current.status)) return { kind: 'done' };
    const due = current.nextAttemptAt?.getTime() ?? 0;
    return { kind: 'retry_at', at: new Date(Math.max(due, now.getTime() + 1000)) };
  }

  private async post(bank: PartnerBank, delivery: WebhookDelivery): Promise<SendResult> {
    const check = await checkWebhookUrl(bank.webhookUrl!, {
      allowPrivate: this.config.webhooks.allowPrivateTargets,
    });
    if (!check.ok)
      return { statusCode: null, error: `webhook URL refused: ${check.reason}`, latencyMs: 0 };
    const body = JSON.stringify(await this.buildBody(delivery));
    let secret: string | null;
    try {
      secret = this.partners.webhookSecretOf(bank);
    } catch {
      // A failed attempt like any other (logged, retried, then dead and visible), not a job that
      // throws and is swept up again forever with nothing recorded.
      return {
        statusCode: null,
        error: 'webhook secret cannot be decrypted (was SECRET_ENCRYPTION_KEY changed?)',
        latencyMs: 0,
      };
    }
    if (!secret) return { statusCode: null, error: 'bank has no webhook secret', latencyMs: 0 };
    const headers = webhookHeaders(
      secret,
      delivery.eventId,
      Math.floor(this.clock.now().getTime() / 1000),
      body,
    );
    return sendWebhook(check.url, check.addresses, headers, body, this.config.webhooks.timeoutMs);
  }

  /**
   * The webhook body (docs/api.md): built now, from the consented snapshot only. The notice that a
   * referral went to another bank carries ids only: the old bank learns nothing new about it.
   */
  async buildBody(delivery: WebhookDelivery): Promise<Record<string, unknown>> {
    const em = this.dataSource.manager;
    const referral = await em.getRepository(Referral).findOneByOrFail({ id: delivery.referralId });
    const event = await em.getRepository(ReferralEvent).findOneByOrFail({ id: delivery.eventId });
    if (delivery.eventType === 'referral.reassigned')
      return {
        id: delivery.eventId,
        type: delivery.eventType,
        timestamp: event.createdAt.toISOString(),
        data: { referral: { id: referral.id } },
      };
    const product = await em
      .getRepository(FinancingProductVersion)
      .createQueryBuilder('v')
      .innerJoin(FinancingProduct, 'p', 'p.id = v.product_id')
      .where('p.code = :code AND v.version = :version', {
        code: referral.productCode,
        version: referral.productVersion,
      })
      .getOne();
    return {
      id: delivery.eventId,
      type: delivery.eventType,
      timestamp: event.createdAt.toISOString(),
      data: {
        referral: {
          id: referral.id,
          status: referral.status,
          bankCode: referral.bankCode,
          productCode: referral.productCode,
          productVersion: referral.productVersion,
          enterpriseId: referral.enterpriseId,
          enterpriseVersion: referral.enterpriseVersion,
          requestedAmountYuan: referral.requestedAmountYuan,
          termMonths: referral.termMonths,
          createdAt: referral.createdAt.toISOString(),
        },
        enterprise: referral.enterpriseSnapshot,
        product: {
          code: referral.productCode,
          version: referral.productVersion,
          name: product?.body.name ?? null,
        },
      },
    };
  }
}
