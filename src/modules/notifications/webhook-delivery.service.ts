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
 * state; the BullMQ job only carries the delivery id. Three statements per attempt: claim, read,
 * record (docs/throughput.md).
 */
@Injectable()
export class WebhookDeliveryService {
  private readonly logger = new Logger(WebhookDeliveryService.name);
  private readonly schedule: number[];
  private readonly productNames = new Map<string, unknown>();

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
    const now = this.clock.now();
    // Claimed, or settled, not yet due (a job that runs early, re-enqueued by the sweeper or a
    // duplicate, waits for its due time) or under way in another attempt: look and decide.
    const delivery = await this.claim(deliveryId, now);
    if (!delivery) return this.afterLostClaim(deliveryId, now);
    // This round's state as claimed: every write below applies only while it still holds, so a
    // stale attempt (one whose job Redis lost mid-request, then swept up and run again) cannot
    // overwrite what a newer attempt recorded, e.g. turn 'delivered' back into 'failed'.
    const unchanged = { id: delivery.id, status: delivery.status, attempts: delivery.attempts };
    const { referral, bank, event } = await this.readSubjects(delivery);
    // A referral that left this bank is no business of it any more (the re-route cancels what is
    // pending; this catches a job already under way then): only the notice that it left is sent.
    if (delivery.eventType !== 'referral.reassigned' && referral?.bankId !== delivery.bankId) {
      await this.deliveries.update(unchanged, {
        status: 'cancelled',
        nextAttemptAt: null,
        lastError: 'the referral went to another bank',
      });
      return { kind: 'done' };
    }
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
    if (!referral || !event)
      throw new Error(`delivery ${delivery.id}: its referral or event is missing`);

    const result = await this.post(bank, delivery, referral, event);
    const attemptNo = delivery.attempts + 1;
    const logged = {
      deliveryId: delivery.id,
      startedAt: now,
      latencyMs: result.latencyMs,
      statusCode: result.statusCode,
      error: result.error ?? null,
    };
    const base = {
      attempts: attemptNo,
      lastAttemptAt: now,
      lastStatusCode: result.statusCode,
      lastError: result.error ?? null,
    };
    const verdict = classifyResponse(result.statusCode);
    if (verdict === 'delivered') {
      await this.record(logged, unchanged, {
        ...base,
        status: 'delivered',
        deliveredAt: this.clock.now(),
        nextAttemptAt: null,
      });
      return { kind: 'done' };
    }
    if (verdict === 'gone') {
      await this.dataSource.transaction(async (em) => {
        await em.getRepository(WebhookAttempt).insert(logged);
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
      const affected = await this.record(logged, unchanged, {
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
    const affected = await this.record(logged, unchanged, {
      ...base,
      status: 'failed',
      nextAttemptAt: at,
    });
    // Not affected: a newer attempt has moved the delivery on and owns what comes next.
    return affected ? { kind: 'retry_at', at } : { kind: 'done' };
  }

  /**
   * Marks an attempt as under way by moving `nextAttemptAt` past its deadline, if the delivery is
   * still to be sent, due, and no other attempt did so first: one compare-and-set that returns the
   * row it claimed. While it runs, the sweeper leaves the delivery alone even when Redis has lost
   * its job, and a second job for it waits.
   */
  private async claim(deliveryId: string, now: Date): Promise<ClaimedDelivery | null> {
    const leaseUntil = new Date(
      now.getTime() + this.config.webhooks.timeoutMs + ATTEMPT_LEASE_MARGIN_MS,
    );
    // An UPDATE answers [rows, rowCount] through TypeORM.
    const [rows] = await this.dataSource.query<[ClaimedRow[], number]>(
      `UPDATE webhook_delivery SET next_attempt_at = $2, updated_at = now()
        WHERE id = $1 AND status IN ('pending', 'failed')
          AND (next_attempt_at IS NULL OR next_attempt_at <= $3)
        RETURNING id, referral_id, event_id, event_type, bank_id, status, attempts`,
      [deliveryId, leaseUntil, new Date(now.getTime() + 1000)],
    );
    const row = rows[0] ?? null;
    return row
      ? {
          id: row.id,
          referralId: row.referral_id,
          eventId: row.event_id,
          eventType: row.event_type,
          bankId: row.bank_id,
          status: row.status,
          attempts: row.attempts,
        }
      : null;
  }

  /** The referral, the bank as it is now and the announced event, in one statement. */
  private async readSubjects(
    delivery: ClaimedDelivery,
  ): Promise<{ referral: Referral | null; bank: PartnerBank | null; event: ReferralEvent | null }> {
    const row = (await this.dataSource
      .getRepository(PartnerBank)
      .createQueryBuilder('b')
      .leftJoinAndMapOne('b.referralRow', Referral, 'r', 'r.id = :referralId', {
        referralId: delivery.referralId,
      })
      .leftJoinAndMapOne('b.eventRow', ReferralEvent, 'e', 'e.id = :eventId', {
        eventId: delivery.eventId,
      })
      .where('b.id = :bankId', { bankId: delivery.bankId })
      .getOne()) as (PartnerBank & { referralRow?: Referral; eventRow?: ReferralEvent }) | null;
    if (!row) {
      // No bank row at all: read the referral alone, so a re-routed one is still told apart.
      const referral = await this.dataSource
        .getRepository(Referral)
        .findOneBy({ id: delivery.referralId });
      return { referral, bank: null, event: null };
    }
    const { referralRow, eventRow } = row;
    delete row.referralRow;
    delete row.eventRow;
    return { referral: referralRow ?? null, bank: row, event: eventRow ?? null };
  }

  /** The attempt's log row and the delivery's new state, in one statement; rows updated. */
  private async record(
    logged: Omit<WebhookAttempt, 'id'>,
    unchanged: { id: string; status: WebhookDelivery['status']; attempts: number },
    set: Pick<
      WebhookDelivery,
      'attempts' | 'lastAttemptAt' | 'lastStatusCode' | 'lastError' | 'status' | 'nextAttemptAt'
    > &
      Partial<Pick<WebhookDelivery, 'deliveredAt'>>,
  ): Promise<number> {
    const [, updated] = await this.dataSource.query<[unknown[], number]>(
      `WITH logged AS (
         INSERT INTO webhook_attempt (delivery_id, started_at, latency_ms, status_code, error)
         VALUES ($1, $2, $3, $4, $5)
       )
       UPDATE webhook_delivery
          SET attempts = $9, last_attempt_at = $10, last_status_code = $11, last_error = $12,
              status = $13, next_attempt_at = $14,
              delivered_at = CASE WHEN $15::boolean THEN $16::timestamptz ELSE delivered_at END,
              updated_at = now()
        WHERE id = $6 AND status = $7 AND attempts = $8
        RETURNING id`,
      [
        logged.deliveryId,
        logged.startedAt,
        logged.latencyMs,
        logged.statusCode,
        logged.error,
        unchanged.id,
        unchanged.status,
        unchanged.attempts,
        set.attempts,
        set.lastAttemptAt,
        set.lastStatusCode,
        set.lastError,
        set.status,
        set.nextAttemptAt,
        set.deliveredAt !== undefined,
        set.deliveredAt ?? null,
      ],
    );
    return updated;
  }

  /** Another attempt got there first: stop if it settled the delivery, else come back when it is due. */
  private async afterLostClaim(deliveryId: string, now: Date): Promise<AttemptOutcome> {
    const current = await this.deliveries.findOneBy({ id: deliveryId });
    if (!current || isSettled(current.status)) return { kind: 'done' };
    const due = current.nextAttemptAt?.getTime() ?? 0;
    return { kind: 'retry_at', at: new Date(Math.max(due, now.getTime() + 1000)) };
  }

  private async post(
    bank: PartnerBank,
    delivery: ClaimedDelivery,
    referral: Referral,
    event: ReferralEvent,
  ): Promise<SendResult> {
    const check = await checkWebhookUrl(bank.webhookUrl!, {
      allowPrivate: this.config.webhooks.allowPrivateTargets,
    });
    if (!check.ok)
      return { statusCode: null, error: `webhook URL refused: ${check.reason}`, latencyMs: 0 };
    const body = JSON.stringify(await this.buildBody(delivery, referral, event));
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
  async buildBody(
    delivery: Pick<WebhookDelivery, 'eventId' | 'eventType'>,
    referral: Referral,
    event: ReferralEvent,
  ): Promise<Record<string, unknown>> {
    if (delivery.eventType === 'referral.reassigned')
      return {
        id: delivery.eventId,
        type: delivery.eventType,
        timestamp: event.createdAt.toISOString(),
        data: { referral: { id: referral.id } },
      };
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
          name: await this.productName(referral.productCode, referral.productVersion),
        },
      },
    };
  }

  /** A published version's name never changes: read once per process and version. */
  private async productName(code: string, version: number): Promise<unknown> {
    const key = `${code}@${version}`;
    if (this.productNames.has(key)) return this.productNames.get(key);
    const found = await this.dataSource
      .getRepository(FinancingProductVersion)
      .createQueryBuilder('v')
      .innerJoin(FinancingProduct, 'p', 'p.id = v.product_id')
      .where('p.code = :code AND v.version = :version', { code, version })
      .getOne();
    const name = found?.body.name ?? null;
    // Not found is not remembered: the version may be published by the time of the next attempt.
    if (found) this.productNames.set(key, name);
    return name;
  }
}

interface ClaimedRow {
  id: string;
  referral_id: string;
  event_id: string;
  event_type: WebhookDelivery['eventType'];
  bank_id: string;
  status: WebhookDelivery['status'];
  attempts: number;
}

/** The delivery row as its attempt claimed it. */
type ClaimedDelivery = Pick<
  WebhookDelivery,
  'id' | 'referralId' | 'eventId' | 'eventType' | 'bankId' | 'status' | 'attempts'
>;
