import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { DomainError } from '../../common/errors/domain-error';
import { isUuid } from '../../common/http/ids';
import { Clock } from '../../common/time/clock';
import { AuditService } from '../audit/audit.service';
import { CatalogService } from '../catalog/catalog.service';
import { EnterpriseVersion } from '../enterprises/enterprise.entity';
import { WebhookDelivery } from '../notifications/delivery.entity';
import { NotificationsService } from '../notifications/notifications.service';
import { OutboxService, WebhookMessage } from '../notifications/outbox.service';
import { PartnerBank } from '../partners/partner-bank.entity';
import { BankRoutingService, Refusal, routingError } from './bank-routing.service';
import { buildConsentedSnapshot, defaultConsentText } from './domain/consent';
import { DeclineReason } from './domain/referral-status';
import {
  AUTOMATIC_TRIGGERS,
  MAX_BANKS_PER_REFERRAL,
  mayReroute,
  RerouteRefusal,
  RerouteTrigger,
} from './domain/reroute';
import { deadlineColumns, DeadlinesService } from './deadlines.service';
import { ConsentDto } from './dto/referral.dto';
import { recordConsent, Referral, ReferralConsent, ReferralEvent } from './referral.entity';

/** How one attempt to re-route ended. */
export type RerouteOutcome =
  | { kind: 'rerouted'; fromBankId: string; toBank: PartnerBank; eventId: string }
  | { kind: 'refused'; refusal: RerouteRefusal }
  | { kind: 'no_bank'; decision: Refusal; regionCode: string };

/** Who asks, and with what. */
interface RerouteRequest {
  trigger: RerouteTrigger;
  actor: 'system' | 'sme' | 'admin';
  /** The SME's fresh consent (a re-route the SME asked for). */
  consent?: ConsentDto;
  requestedBankCode?: string;
  note?: string;
  adminId?: string;
}

/**
 * Moves a referral to the next bank (docs/routing.md, "Re-routing"): automatically when its bank
 * misses the acknowledge deadline (the worker's sweep) or declines it (in the decline's own
 * transaction), with the SME's `allowReroute`; by hand when the SME asks with fresh consent or an
 * admin reassigns it. Every path runs the same steps on a locked referral: the pure decision
 * (`mayReroute`), the choice of bank (`BankRoutingService`, banks tried and recent decliners left
 * out), then one transaction that writes the new consent record, the `rerouted` event, the new
 * deadlines, cancels what the old bank has not yet received, tells the old bank
 * `referral.reassigned` and the new one `referral.submitted`, and tells the SME.
 */
@Injectable()
export class RerouteService {
  private readonly logger = new Logger(RerouteService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly routing: BankRoutingService,
    private readonly deadlines: DeadlinesService,
    private readonly catalog: CatalogService,
    private readonly outbox: OutboxService,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /**
   * The sweep's share: every referral whose bank missed the acknowledge deadline and whose SME
   * allowed re-routing, one transaction each. The row is taken FOR UPDATE SKIP LOCKED and a
   * re-route (or the mark that none was possible) takes it out of the query, so however many
   * workers sweep, each miss leads to one re-route.
   */
  async sweepOverdue(max = 200): Promise<{ rerouted: number; exhausted: number }> {
    let rerouted = 0;
    let exhausted = 0;
    for (let i = 0; i < max; i++) {
      const outcome = await this.dataSource.transaction(async (em) => {
        const [row] = await em.query<{ id: string }[]>(
          `SELECT r.id FROM referral r
            WHERE r.status = 'submitted' AND r.overdue_stage = 'acknowledge'
              AND r.reroute_exhausted_at IS NULL
              AND EXISTS (SELECT 1 FROM referral_consent c
                           WHERE c.referral_id = r.id AND c.bank_id = r.bank_id AND c.allow_reroute)
            ORDER BY r.acknowledge_due_at
            LIMIT 1
            FOR UPDATE OF r SKIP LOCKED`,
        );
        if (!row) return null;
        const referral = await em.getRepository(Referral).findOneByOrFail({ id: row.id });
        return this.automatically(em, referral, 'acknowledge_overdue');
      });
      if (outcome === null) break;
      if (outcome === 'rerouted') rerouted++;
      else if (outcome === 'exhausted') exhausted++;
      else break; // cannot happen (the query selects what may move); never loop on one row
    }
    if (rerouted || exhausted)
      this.logger.log(`re-routed ${rerouted} overdue referral(s); ${exhausted} found no bank left`);
    return { rerouted, exhausted };
  }

  /**
   * After the bank's decline, in its transaction (the referral is locked and already declined):
   * re-routes when the SME allowed it and the reason is not the applicant's own.
   */
  async afterDecline(
    em: EntityManager,
    referral: Referral,
  ): Promise<'rerouted' | 'exhausted' | 'not_allowed'> {
    return this.automatically(em, referral, 'declined');
  }

  /**
   * An automatic re-route: done, or marked as having no bank left (the SME and the admins are
   * told; the referral keeps its state), or not allowed (no permission, the applicant's own decline).
   */
  private async automatically(
    em: EntityManager,
    referral: Referral,
    trigger: (typeof AUTOMATIC_TRIGGERS)[number],
  ): Promise<'rerouted' | 'exhausted' | 'not_allowed'> {
    const outcome = await this.reroute(em, referral, { trigger, actor: 'system' });
    if (outcome.kind === 'rerouted') return 'rerouted';
    if (outcome.kind === 'refused' && outcome.refusal !== 'limit_reached') return 'not_allowed';
    const now = this.clock.now();
    const event = await em.getRepository(ReferralEvent).save(
      em.getRepository(ReferralEvent).create({
        referralId: referral.id,
        type: 'reroute_exhausted',
        actor: 'system',
        bankId: referral.bankId,
        reason: outcome.kind === 'refused' ? 'limit_reached' : 'no_bank_available',
        createdAt: now,
      }),
    );
    await em.getRepository(Referral).update(referral.id, { rerouteExhaustedAt: now });
    await this.notifications.notify(
      em,
      { enterpriseId: referral.enterpriseId },
      'referral.reroute_exhausted',
      { referralId: referral.id },
      { dedupeKey: `referral.reroute_exhausted:${event.id}` },
    );
    return 'exhausted';
  }

  /** `POST /referrals/:id/reroute`: the SME moves its own referral, with fresh consent. */
  async bySme(
    ownerId: string,
    id: string,
    dto: { bankCode?: string; consent: ConsentDto },
  ): Promise<void> {
    if (dto.consent.granted !== true) {
      throw DomainError.unacceptable([
        {
          path: 'consent.granted',
          code: 'consent_required',
          message: 'the enterprise must consent to share its data with the next bank',
        },
      ]);
    }
    await this.byHand(id, (r) => r.ownerId === ownerId, {
      trigger: 'sme_request',
      actor: 'sme',
      consent: dto.consent,
      requestedBankCode: dto.bankCode,
    });
  }

  /** `POST /admin/referrals/:id/reassign`: an admin moves it, on the SME's permission (audited). */
  async byAdmin(
    adminId: string,
    id: string,
    dto: { bankCode: string; note: string },
  ): Promise<void> {
    await this.byHand(id, () => true, {
      trigger: 'admin_reassign',
      actor: 'admin',
      requestedBankCode: dto.bankCode,
      note: dto.note,
      adminId,
    });
  }

  private async byHand(
    id: string,
    allowed: (r: Referral) => boolean,
    request: RerouteRequest,
  ): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const referral = isUuid(id)
        ? await em
            .getRepository(Referral)
            .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } })
        : null;
      if (!referral || !allowed(referral)) throw DomainError.notFound('Referral');
      const outcome = await this.reroute(em, referral, request);
      if (outcome.kind === 'refused') throw refusalError(outcome.refusal, referral);
      if (outcome.kind === 'no_bank')
        throw routingError(
          referral.productCode,
          request.requestedBankCode,
          outcome.regionCode,
          outcome.decision,
          'referral',
        );
    });
  }

  /** The steps every re-route shares, on a referral locked by the caller. */
  private async reroute(
    em: EntityManager,
    referral: Referral,
    request: RerouteRequest,
  ): Promise<RerouteOutcome> {
    const consents = await em
      .getRepository(ReferralConsent)
      .find({ where: { referralId: referral.id }, order: { grantedAt: 'ASC' } });
    const current = consents.find((c) => c.bankId === referral.bankId) ?? consents.at(-1);
    const decline =
      referral.status === 'declined'
        ? await em.getRepository(ReferralEvent).findOne({
            where: { referralId: referral.id, type: 'declined' },
            order: { createdAt: 'DESC' },
          })
        : null;
    const verdict = mayReroute(request.trigger, {
      status: referral.status,
      overdueStage: referral.overdueStage,
      declineReason: decline?.reason ?? null,
      allowReroute: current?.allowReroute ?? false,
      freshConsent: request.consent?.granted === true,
      banksTried: new Set(consents.map((c) => c.bankId)).size,
    });
    if (!verdict.ok) return { kind: 'refused', refusal: verdict.refusal };

    const version = await em.getRepository(EnterpriseVersion).findOneByOrFail({
      enterpriseId: referral.enterpriseId,
      version: referral.enterpriseVersion,
    });
    const profile = version.profile as unknown as Record<string, unknown>;
    const regionCode = String(profile.regionCode);
    const now = this.clock.now();
    const assignment = await this.routing.assign(em, {
      productCode: referral.productCode,
      enterpriseId: referral.enterpriseId,
      regionCode,
      requestedBankCode: request.requestedBankCode,
      excludeDecliners: true,
      triedBankCodes: consents.map((c) => c.bankCode),
      now,
    });
    if (!assignment.ok) return { kind: 'no_bank', decision: assignment.decision, regionCode };
    const to = assignment.bank;
    const from = await em.getRepository(PartnerBank).findOneByOrFail({ id: referral.bankId });

    // The new bank's consent record: the SME's fresh consent, or the standing permission in the
    // words the SME agreed to, addressed to the new bank (it never reads the previous bank's name).
    const product = this.catalog.inForce(referral.productCode);
    const productName = product?.body.name ?? {
      zh: referral.productCode,
      en: referral.productCode,
    };
    const fresh = request.consent;
    const categories = fresh?.dataCategories ?? current?.dataCategories ?? [];
    const allowReroute = fresh ? fresh.allowReroute === true : true;
    const text =
      fresh?.text ??
      defaultConsentText({ zh: to.nameZh, en: to.nameEn }, productName, categories, {
        allowReroute,
      });
    await recordConsent(em, {
      referralId: referral.id,
      bank: to,
      dataCategories: categories,
      text,
      grantedAt: now,
      allowReroute,
      basis: fresh ? 'fresh' : 'reroute_permission',
    });

    const event = await em.getRepository(ReferralEvent).save(
      em.getRepository(ReferralEvent).create({
        referralId: referral.id,
        type: 'rerouted',
        actor: request.actor,
        bankId: to.id,
        fromBankId: from.id,
        reason: request.trigger,
        note: request.note ?? null,
        createdAt: now,
      }),
    );
    const deadlines = await this.deadlines.forAssignment(now, product?.body.serviceLevel);
    const moved: Partial<Referral> = {
      bankId: to.id,
      bankCode: to.code,
      status: 'submitted',
      approvedAmountYuan: null,
      rerouteExhaustedAt: null,
      ...deadlineColumns(deadlines, now),
      // The snapshot the new bank's consent covers (the same categories, unless the SME chose anew).
      enterpriseSnapshot: fresh
        ? buildConsentedSnapshot(profile, categories)
        : referral.enterpriseSnapshot,
    };
    await em.getRepository(Referral).update(referral.id, moved as QueryDeepPartialEntity<Referral>);

    // What the old bank has not received yet is never sent (nor sent again by an admin).
    await em
      .createQueryBuilder()
      .update(WebhookDelivery)
      .set({
        status: 'cancelled',
        nextAttemptAt: null,
        lastError: 'the referral went to another bank',
      })
      .where({
        referralId: referral.id,
        bankId: from.id,
        status: In(['pending', 'failed', 'dead']),
      })
      .execute();
    const messages: WebhookMessage[] = [];
    if (from.webhookUrl && from.active)
      messages.push({
        referralId: referral.id,
        eventId: event.id,
        eventType: 'referral.reassigned',
        bankId: from.id,
        at: now,
      });
    if (to.webhookUrl)
      messages.push({
        referralId: referral.id,
        eventId: event.id,
        eventType: 'referral.submitted',
        bankId: to.id,
        at: now,
      });
    await this.outbox.enqueueWebhooks(em, messages);

    await this.notifications.notify(
      em,
      { enterpriseId: referral.enterpriseId },
      'referral.rerouted',
      {
        referralId: referral.id,
        fromBankId: from.id,
        cause: request.trigger,
        ...(decline?.reason ? { reason: decline.reason as DeclineReason } : {}),
      },
      { dedupeKey: `referral.rerouted:${event.id}` },
    );
    if (request.actor === 'admin')
      await this.audit.record(
        {
          actorId: request.adminId ?? null,
          action: 'referral.reassigned',
          entityType: 'referral',
          entityKey: referral.id,
          changes: { bankCode: { from: from.code, to: to.code }, note: request.note ?? null },
        },
        em,
      );
    return { kind: 'rerouted', fromBankId: from.id, toBank: to, eventId: event.id };
  }
}

/** A refused re-route as the coded error the SME or admin sees. */
function refusalError(refusal: RerouteRefusal, r: Referral): DomainError {
  switch (refusal) {
    case 'not_overdue':
      return new DomainError(
        'invalid_transition',
        `The bank is within its deadline for this ${r.status} referral; it can be re-routed once the deadline has passed or the bank declines.`,
        { errors: [{ path: 'status', code: 'not_overdue', message: 'the bank is not late' }] },
      );
    case 'not_reroutable':
      return new DomainError(
        'invalid_transition',
        `A referral that is ${r.status} cannot be re-routed.`,
        {
          errors: [
            {
              path: 'status',
              code: 'not_reroutable',
              message: `${r.status} is final for re-routing`,
            },
          ],
        },
      );
    case 'applicants_own_decline':
      return new DomainError(
        'invalid_transition',
        'The bank declined because the applicant turned its offer down; the referral is not re-routed.',
        {
          errors: [
            {
              path: 'status',
              code: 'applicants_own_decline',
              message: 'declined as applicant_declined_offer',
            },
          ],
        },
      );
    case 'consent_required':
      return new DomainError(
        'consent_required',
        'The SME has not allowed this referral to go to another bank; only the SME can re-route it, with fresh consent.',
        {
          errors: [
            {
              path: 'consent.allowReroute',
              code: 'consent_required',
              message: 'the consent record does not allow re-routing',
            },
          ],
        },
      );
    case 'limit_reached':
      return new DomainError(
        'reroute_limit_reached',
        `This referral has been with ${MAX_BANKS_PER_REFERRAL} banks, the most one referral goes to.`,
        {
          errors: [
            {
              path: 'bankCode',
              code: 'limit_reached',
              message: `at most ${MAX_BANKS_PER_REFERRAL} banks per referral`,
            },
          ],
        },
      );
  }
}
