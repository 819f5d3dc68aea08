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
import { classifyResponse, honoursRetryAfter, nextAttemptDelayMs, parseRetrySchedule } from './domain/retry-schedule';
import { checkWebhookUrl } from './domain/ssrf-guard';
import { webhookHeaders } from './domain/webhook-signature';
import { sendWebhook, SendResult } from './webhook-sender';

/** What the processor should do with the job after an attempt. */
export type AttemptOutcome =
  | { kind: 'done' }
  | { kind: 'retry_at'; at: Date };

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
    if (!delivery || delivery.status === 'delivered' || delivery.status === 'dead') return { kind: 'done' };
    const now = this.clock.now();
    // A job that runs early (re-enqueued by the sweeper, or a duplicate) waits for its due time.
    if (delivery.nextAttemptAt && delivery.nextAttemptAt.getTime() - now.getTime() > 1000) {
      return { kind: 'retry_at', at: delivery.nextAttemptAt };
    }
    const bank = await this.dataSource.getRepository(PartnerBank).findOneBy({ id: delivery.bankId });
    if (!bank?.webhookUrl || bank.webhookDisabledAt) {
      await this.deliveries.update(delivery.id, {
        status: 'dead',
        nextAttemptAt: null,
        lastError: bank?.webhookDisabledAt ? 'endpoint disabled after 410 Gone' : 'bank has no webhook URL',
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
    const base = { attempts: attemptNo, lastAttemptAt: now, lastStatusCode: result.statusCode, lastError: result.error ?? null };
    const verdict = classifyResponse(result.statusCode);
    if (verdict === 'delivered') {
      await this.deliveries.update(delivery.id, { ...base, status: 'delivered', deliveredAt: this.clock.now(), nextAttemptAt: null });
      return { kind: 'done' };
    }
    if (verdict === 'gone') {
      await this.dataSource.transaction(async (em) => {
        await em.getRepository(PartnerBank).update(bank.id, { webhookDisabledAt: this.clock.now() });
        await em.getRepository(WebhookDelivery).update(delivery.id, { ...base, status: 'dead', nextAttemptAt: null, lastError: '410 Gone: endpoint disabled' });
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
      await this.deliveries.update(delivery.id, { ...base, status: 'dead', nextAttemptAt: null });
      this.logger.warn(`delivery ${delivery.id} to ${bank.code} is dead after ${attemptNo} attempts`);
      return { kind: 'done' };
    }
    const at = new Date(this.clock.now().getTime() + delay);
    await this.deliveries.update(delivery.id, { ...base, status: 'failed', nextAttemptAt: at });
    return { kind: 'retry_at', at };
  }

  private async post(bank: PartnerBank, delivery: WebhookDelivery): Promise<SendResult> {
    const check = await checkWebhookUrl(bank.webhookUrl!, { allowPrivate: this.config.webhooks.allowPrivateTargets });
    if (!check.ok) return { statusCode: null, error: `webhook URL refused: ${check.reason}`, latencyMs: 0 };
    const body = JSON.stringify(await this.buildBody(delivery));
    const secret = this.partners.webhookSecretOf(bank);
    if (!secret) return { statusCode: null, error: 'bank has no webhook secret', latencyMs: 0 };
    const headers = webhookHeaders(secret, delivery.eventId, Math.floor(this.clock.now().getTime() / 1000), body);
    return sendWebhook(check.url, check.addresses, headers, body, this.config.webhooks.timeoutMs);
  }

  /** The webhook body (api.md): built now, from the consented snapshot only. */
  async buildBody(delivery: WebhookDelivery): Promise<Record<string, unknown>> {
    const em = this.dataSource.manager;
    const referral = await em.getRepository(Referral).findOneByOrFail({ id: delivery.referralId });
    const event = await em.getRepository(ReferralEvent).findOneByOrFail({ id: delivery.eventId });
    const product = await em
      .getRepository(FinancingProductVersion)
      .createQueryBuilder('v')
      .innerJoin(FinancingProduct, 'p', 'p.id = v.product_id')
      .where('p.code = :code AND v.version = :version', { code: referral.productCode, version: referral.productVersion })
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
          enterpriseVersion: referral.enterpriseVersion,
          requestedAmountYuan: referral.requestedAmountYuan,
          termMonths: referral.termMonths,
          createdAt: referral.createdAt.toISOString(),
        },
        enterprise: referral.enterpriseSnapshot,
        product: { code: referral.productCode, version: referral.productVersion, name: product?.body.name ?? null },
      },
    };
  }
}
