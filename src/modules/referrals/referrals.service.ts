import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { BankPrincipal, Principal, UserPrincipal } from '../../common/auth/access.decorator';
import { DomainError, Issue } from '../../common/errors/domain-error';
import { Page, paginate } from '../../common/http/pagination';
import { Clock } from '../../common/time/clock';
import { CatalogService } from '../catalog/catalog.service';
import { EnterprisesService } from '../enterprises/enterprises.service';
import { ENGINE_VERSION } from '../matching/engine';
import { MatchingService } from '../matching/matching.service';
import { DeliveriesService } from '../notifications/deliveries.service';
import { NotificationsService } from '../notifications/notifications.service';
import { OutboxService } from '../notifications/outbox.service';
import { OutcomesService } from '../outcomes/outcomes.service';
import { PartnerBank } from '../partners/partner-bank.entity';
import { BankRoutingService, ExclusiveRoutingNeeded, routingError } from './bank-routing.service';
import {
  type Bilingual,
  buildConsentedSnapshot,
  CONSENT_CATEGORY_IDS,
  defaultConsentText,
} from './domain/consent';
import {
  BankEventType,
  DeclineReason,
  ReferralStatus,
  transition,
  validateEventPayload,
} from './domain/referral-status';
import {
  BankEventDto,
  CreateReferralDto,
  ReassignReferralDto,
  RerouteReferralDto,
  ListReferralsQuery,
  ReferralCreatedResponse,
  ReferralEventResponse,
  ReferralResponse,
} from './dto/referral.dto';
import { deadlineColumns, DeadlinesService, deadlineView } from './deadlines.service';
import { recordConsent, Referral, ReferralConsent, ReferralEvent } from './referral.entity';
import { RerouteService } from './reroute.service';
import { isUuid } from '../../common/http/ids';

/** Shared by default: everything but `founder`, which may hold sensitive personal information. */
const DEFAULT_CATEGORIES = CONSENT_CATEGORY_IDS.filter((c) => c !== 'founder');
const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{1,255}$/;

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** A bank's name as responses carry it. */
export function bankNameOf(bank: Pick<PartnerBank, 'nameZh' | 'nameEn'>): Bilingual {
  return { zh: bank.nameZh, en: bank.nameEn };
}

export function toCreatedResponse(
  r: Pick<
    Referral,
    | 'id'
    | 'bankCode'
    | 'productCode'
    | 'productVersion'
    | 'enterpriseId'
    | 'enterpriseVersion'
    | 'requestedAmountYuan'
    | 'termMonths'
    | 'createdAt'
  >,
  bank: Pick<PartnerBank, 'nameZh' | 'nameEn'>,
): ReferralCreatedResponse {
  return {
    id: r.id,
    status: 'submitted',
    bankCode: r.bankCode,
    bankName: bankNameOf(bank),
    productCode: r.productCode,
    productVersion: r.productVersion,
    enterpriseId: r.enterpriseId,
    enterpriseVersion: r.enterpriseVersion,
    requestedAmountYuan: r.requestedAmountYuan,
    termMonths: r.termMonths,
    createdAt: r.createdAt.toISOString(),
  };
}

function toEventResponse(
  e: ReferralEvent,
  bankOf: (bankId: string | null) => PartnerBank | undefined,
): ReferralEventResponse {
  const bank = bankOf(e.bankId);
  const from = bankOf(e.fromBankId);
  return {
    id: e.id,
    type: e.type,
    actor: e.actor,
    actorUserId: e.actorUserId,
    actorApiKeyId: e.actorApiKeyId,
    bankCode: bank?.code ?? null,
    bankName: bank ? bankNameOf(bank) : null,
    fromBankCode: from?.code ?? null,
    fromBankName: from ? bankNameOf(from) : null,
    amountYuan: e.amountYuan,
    reason: e.reason,
    note: e.note,
    createdAt: e.createdAt.toISOString(),
  };
}

/**
 * What a bank reads of a timeline: only its own time with the referral. The re-route that brought
 * the referral shows, but not why it left the previous bank, nor which bank that was, nor notes.
 */
function forBank(events: ReferralEvent[], bankId: string): ReferralEvent[] {
  return events
    .filter((e) => e.bankId === bankId)
    .map((e) => (e.type === 'rerouted' ? { ...e, reason: null, note: null, fromBankId: null } : e));
}

@Injectable()
export class ReferralsService {
  constructor(
    @InjectRepository(Referral) private readonly referrals: Repository<Referral>,
    @InjectRepository(ReferralEvent) private readonly events: Repository<ReferralEvent>,
    @InjectRepository(ReferralConsent) private readonly consents: Repository<ReferralConsent>,
    private readonly dataSource: DataSource,
    private readonly enterprises: EnterprisesService,
    private readonly matching: MatchingService,
    private readonly catalog: CatalogService,
    private readonly outbox: OutboxService,
    private readonly deliveries: DeliveriesService,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
    private readonly deadlines: DeadlinesService,
    private readonly outcomes: OutcomesService,
    private readonly routing: BankRoutingService,
    private readonly reroutes: RerouteService,
  ) {}

  async submit(
    owner: UserPrincipal,
    key: string | undefined,
    dto: CreateReferralDto,
  ): Promise<ReferralCreatedResponse> {
    if (!key || !IDEMPOTENCY_KEY.test(key)) {
      throw DomainError.invalid([
        {
          path: 'Idempotency-Key',
          code: 'required',
          message: 'send an Idempotency-Key header of 1–255 letters, digits or _.:-',
        },
      ]);
    }
    const requestHash = createHash('sha256').update(canonical(dto)).digest('hex');
    const replay = await this.replayed(owner, key, requestHash);
    if (replay) return replay;

    if (dto.consent.granted !== true) {
      throw DomainError.unacceptable([
        {
          path: 'consent.granted',
          code: 'consent_required',
          message: 'the enterprise must consent to share its data with the bank',
        },
      ]);
    }
    const { enterprise, current } = await this.enterprises.getOwned(owner, dto.enterpriseId);
    const product = this.catalog.inForce(dto.productCode);
    if (!product) throw DomainError.notFound(`Product ${dto.productCode}`);

    // Re-check eligibility on the current profile, with the need this referral states.
    const profile = {
      ...current.profile,
      financingNeed: {
        ...current.profile.financingNeed,
        amountYuan: dto.requestedAmountYuan,
        termMonths: dto.termMonths,
      },
    };
    const evaluated = this.matching.evaluateOne(profile, dto.productCode);
    if (!evaluated) throw DomainError.notFound(`Product ${dto.productCode}`);
    const { result, asOf } = evaluated;

    // The caps that apply to this enterprise (a conditional limit, else the product's own).
    const b = product.body;
    const { amountMaxYuan, termMonthsMax } = result.applicableLimit;
    const limits: Issue[] = [];
    if (amountMaxYuan !== null && dto.requestedAmountYuan > amountMaxYuan)
      limits.push({
        path: 'requestedAmountYuan',
        code: 'above_product_maximum',
        message: `at most ${amountMaxYuan} yuan for ${dto.productCode}`,
      });
    if (b.amountMinYuan !== null && dto.requestedAmountYuan < b.amountMinYuan)
      limits.push({
        path: 'requestedAmountYuan',
        code: 'below_product_minimum',
        message: `at least ${b.amountMinYuan} yuan for ${dto.productCode}`,
      });
    if (termMonthsMax !== null && dto.termMonths > termMonthsMax)
      limits.push({
        path: 'termMonths',
        code: 'above_product_maximum',
        message: `at most ${termMonthsMax} months for ${dto.productCode}`,
      });
    if (limits.length)
      throw DomainError.unacceptable(limits, 'The request is outside the product’s terms.');
    if (result.status !== 'eligible') {
      const failing = result.criteria.filter((c) => c.outcome !== 'pass');
      throw new DomainError(
        'not_eligible',
        result.status === 'needs_info'
          ? 'Eligibility cannot be confirmed: facts are missing from the profile.'
          : 'The enterprise does not meet the product’s eligibility criteria.',
        {
          errors: [
            ...result.missingFacts.map((f) => ({
              path: f,
              code: 'missing_fact',
              message: `${f} is needed to decide`,
            })),
            ...failing
              // Conditions only: a failed group is explained by the conditions under it.
              .filter((c) => c.outcome === 'fail' && !c.kind)
              .map((c) => ({ path: c.id, code: 'criterion_failed', message: c.label.en })),
          ],
          extra: {
            matchStatus: result.status,
            criteria: failing,
            missingFacts: result.missingFacts,
            hints: result.hints,
          },
        },
      );
    }

    const categories = dto.consent.dataCategories ?? DEFAULT_CATEGORIES;
    const now = this.clock.now();
    const deadlines = await this.deadlines.forAssignment(now, product.body.serviceLevel);

    const allowReroute = dto.consent.allowReroute === true;
    const attempt = (shared: boolean) =>
      this.dataSource.transaction(async (em) => {
        const regionCode = current.profile.regionCode;
        const assignment = await this.routing.assign(em, {
          shared,
          productCode: dto.productCode,
          enterpriseId: enterprise.id,
          regionCode,
          requestedBankCode: dto.bankCode,
          // An SME's explicit choice stands; only automatic routing passes over recent decliners.
          excludeDecliners: !dto.bankCode,
          now,
        });
        if (!assignment.ok)
          throw routingError(dto.productCode, dto.bankCode, regionCode, assignment.decision);
        const bank = assignment.bank;
        const consentText =
          dto.consent.text ??
          defaultConsentText({ zh: bank.nameZh, en: bank.nameEn }, product.body.name, categories, {
            allowReroute,
          });
        const inserted = await em
          .createQueryBuilder()
          .insert()
          .into(Referral)
          .values({
            ownerId: owner.userId,
            enterpriseId: enterprise.id,
            enterpriseVersion: current.version,
            productCode: dto.productCode,
            productVersion: product.version,
            bankId: bank.id,
            bankCode: bank.code,
            status: 'submitted',
            requestedAmountYuan: dto.requestedAmountYuan,
            termMonths: dto.termMonths,
            approvedAmountYuan: null,
            ...deadlineColumns(deadlines, now),
            matchOutcome: {
              status: result.status,
              score: result.score,
              criteria: result.criteria,
              engineVersion: ENGINE_VERSION,
              asOf,
            },
            enterpriseSnapshot: buildConsentedSnapshot(
              current.profile as unknown as Record<string, unknown>,
              categories,
            ),
            idempotencyKey: key,
            requestHash,
            createdAt: now,
          } as never)
          .orIgnore()
          .returning('id')
          .execute();
        const id = (inserted.raw as { id: string }[])[0]?.id;
        if (!id) return null; // a concurrent request with the same key won; answer as a replay below
        await recordConsent(em, {
          referralId: id,
          bank,
          dataCategories: categories,
          text: consentText,
          grantedAt: now,
          allowReroute,
          basis: 'submission',
        });
        const event = await em.getRepository(ReferralEvent).save(
          em.getRepository(ReferralEvent).create({
            referralId: id,
            type: 'submitted',
            actor: 'sme',
            bankId: bank.id,
            createdAt: now,
          }),
        );
        if (bank.webhookUrl)
          await this.outbox.enqueueWebhook(em, {
            referralId: id,
            eventId: event.id,
            eventType: 'referral.submitted',
            bankId: bank.id,
            at: now,
          });
        return toCreatedResponse(
          {
            id,
            bankCode: bank.code,
            productCode: dto.productCode,
            productVersion: product.version,
            enterpriseId: enterprise.id,
            enterpriseVersion: current.version,
            requestedAmountYuan: dto.requestedAmountYuan,
            termMonths: dto.termMonths,
            createdAt: now,
          },
          bank,
        );
      });
    // Under the shared lock first; a product with a capacity-limited bank needs the exclusive one.
    const created = await attempt(true).catch((e: unknown) => {
      if (e instanceof ExclusiveRoutingNeeded) return attempt(false);
      throw e;
    });
    if (created) return created;
    const again = await this.replayed(owner, key, requestHash);
    if (!again) throw new Error('idempotent insert lost its row');
    return again;
  }

  /** The stored answer for a repeated key and body; 422 for the same key with another body. */
  private async replayed(
    owner: UserPrincipal,
    key: string,
    requestHash: string,
  ): Promise<ReferralCreatedResponse | null> {
    const existing = await this.referrals.findOneBy({ ownerId: owner.userId, idempotencyKey: key });
    if (!existing) return null;
    if (existing.requestHash !== requestHash) {
      throw new DomainError(
        'idempotency_key_reused',
        'This Idempotency-Key was used with a different request body.',
        {
          errors: [
            {
              path: 'Idempotency-Key',
              code: 'idempotency_key_reused',
              message: 'use a new key for a new request',
            },
          ],
        },
      );
    }
    const bank = await this.dataSource
      .getRepository(PartnerBank)
      .findOneByOrFail({ id: existing.bankId });
    return toCreatedResponse(existing, bank);
  }

  async withdraw(owner: UserPrincipal, id: string): Promise<ReferralResponse> {
    await this.dataSource.transaction(async (em) => {
      const referral = await this.lockVisible(em, id, (r) => r.ownerId === owner.userId);
      const step = transition(referral.status, 'withdrawn', 'sme');
      if (!step.ok) throw this.invalidTransition(referral.status, 'withdrawn');
      const now = this.clock.now();
      const event = await em.getRepository(ReferralEvent).save(
        em.getRepository(ReferralEvent).create({
          referralId: id,
          type: 'withdrawn',
          actor: 'sme',
          bankId: referral.bankId,
          createdAt: now,
        }),
      );
      await em.getRepository(Referral).update(id, { status: step.next, rerouteExhaustedAt: null });
      const bank = await em.getRepository(PartnerBank).findOneByOrFail({ id: referral.bankId });
      if (bank.webhookUrl)
        await this.outbox.enqueueWebhook(em, {
          referralId: id,
          eventId: event.id,
          eventType: 'referral.withdrawn',
          bankId: bank.id,
          at: now,
        });
    });
    return this.get(owner, id);
  }

  async postBankEvent(
    bank: BankPrincipal,
    id: string,
    dto: BankEventDto,
  ): Promise<ReferralEventResponse> {
    const posted = await this.dataSource.transaction(async (em) => {
      const referral = await this.lockVisible(em, id, (r) => r.bankId === bank.bankId);
      const step = transition(referral.status, dto.type, 'bank');
      if (!step.ok) throw this.invalidTransition(referral.status, dto.type);
      const issues = validateEventPayload(dto, { approvedAmountYuan: referral.approvedAmountYuan });
      if (issues.length) throw DomainError.unacceptable(issues);
      const event = await em.getRepository(ReferralEvent).save(
        em.getRepository(ReferralEvent).create({
          referralId: id,
          type: dto.type,
          actor: 'bank',
          actorUserId: bank.userId,
          actorApiKeyId: bank.apiKeyId,
          bankId: referral.bankId,
          amountYuan: dto.amountYuan ?? null,
          reason: dto.reason ?? null,
          note: dto.note ?? null,
          createdAt: this.clock.now(),
        }),
      );
      // The bank acting takes the referral off the escalations, unless this decline finds no bank.
      await em.getRepository(Referral).update(id, {
        status: step.next,
        rerouteExhaustedAt: null,
        ...(dto.type === 'approved' ? { approvedAmountYuan: dto.amountYuan } : {}),
      });
      const rerouted =
        dto.type === 'declined'
          ? await this.reroutes.afterDecline(em, { ...referral, status: step.next })
          : null;
      // A re-route tells the SME itself (with the decline's reason); otherwise the event does.
      if (rerouted !== 'rerouted') await this.notifySme(em, referral, dto);
      const own = await em.getRepository(PartnerBank).findOneByOrFail({ id: referral.bankId });
      return toEventResponse(event, (b) => (b === null ? undefined : own));
    });
    // A decision changes the product's outlook that match results show.
    if (dto.type !== 'acknowledged' && dto.type !== 'contacted') this.outcomes.invalidateOutlooks();
    return posted;
  }

  /** `POST /referrals/:id/reroute`: the SME moves its referral on, with fresh consent. */
  async reroute(
    owner: UserPrincipal,
    id: string,
    dto: RerouteReferralDto,
  ): Promise<ReferralResponse> {
    await this.reroutes.bySme(owner.userId, id, dto);
    return this.get(owner, id);
  }

  /** `POST /admin/referrals/:id/reassign`: an admin moves it, on the SME's permission. */
  async reassign(
    admin: UserPrincipal,
    id: string,
    dto: ReassignReferralDto,
  ): Promise<ReferralResponse> {
    await this.reroutes.byAdmin(admin.userId, id, dto);
    return this.get(admin, id);
  }

  /** The SME hears of every bank event on its referral, in the event's own transaction. */
  private async notifySme(em: EntityManager, referral: Referral, dto: BankEventDto): Promise<void> {
    const to = { enterpriseId: referral.enterpriseId };
    const referralId = referral.id;
    switch (dto.type) {
      case 'acknowledged':
      case 'contacted':
        await this.notifications.notify(em, to, `referral.${dto.type}`, { referralId });
        return;
      case 'approved':
      case 'disbursed':
        await this.notifications.notify(em, to, `referral.${dto.type}`, {
          referralId,
          amountYuan: dto.amountYuan!,
        });
        return;
      case 'declined':
        await this.notifications.notify(em, to, 'referral.declined', {
          referralId,
          reason: dto.reason as DeclineReason,
        });
        return;
    }
  }

  async get(principal: Principal, id: string): Promise<ReferralResponse> {
    const referral = await this.findVisible(principal, id);
    return (await this.toResponses([referral], principal))[0];
  }

  async list(principal: Principal, query: ListReferralsQuery): Promise<Page<ReferralResponse>> {
    const qb = this.referrals.createQueryBuilder('r').where('1 = 1');
    if (principal.kind === 'bank') qb.andWhere('r.bank_id = :bank', { bank: principal.bankId });
    else if (principal.role === 'sme')
      qb.andWhere('r.owner_id = :owner', { owner: principal.userId });
    if (query.status) qb.andWhere('r.status = :status', { status: query.status });
    const page = await paginate(qb, 'r', query);
    return { items: await this.toResponses(page.items, principal), nextCursor: page.nextCursor };
  }

  private async findVisible(principal: Principal, id: string): Promise<Referral> {
    const referral = isUuid(id) ? await this.referrals.findOneBy({ id }) : null;
    if (!referral || !this.canSee(principal, referral)) throw DomainError.notFound('Referral');
    return referral;
  }

  private canSee(principal: Principal, r: Referral): boolean {
    if (principal.kind === 'bank') return r.bankId === principal.bankId;
    return principal.role === 'admin' || r.ownerId === principal.userId;
  }

  private async lockVisible(
    em: EntityManager,
    id: string,
    allowed: (r: Referral) => boolean,
  ): Promise<Referral> {
    const referral = isUuid(id)
      ? await em
          .getRepository(Referral)
          .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } })
      : null;
    if (!referral || !allowed(referral)) throw DomainError.notFound('Referral');
    return referral;
  }

  private invalidTransition(from: ReferralStatus, event: BankEventType | 'withdrawn'): DomainError {
    return new DomainError('invalid_transition', `A referral that is ${from} cannot be ${event}.`, {
      errors: [
        {
          path: 'type',
          code: 'invalid_transition',
          message: `${event} is not allowed from ${from}`,
        },
      ],
    });
  }

  /** Timeline, delivery state and (by audience) the outcome, consent and snapshot, in 4 queries. */
  private async toResponses(rows: Referral[], principal: Principal): Promise<ReferralResponse[]> {
    if (!rows.length) return [];
    const ids = rows.map((r) => r.id);
    const [events, consents, deliveries] = await Promise.all([
      this.events
        .createQueryBuilder('e')
        .where('e.referral_id IN (:...ids)', { ids })
        .orderBy('e.created_at', 'ASC')
        .addOrderBy('e.id', 'ASC')
        .getMany(),
      this.consents.createQueryBuilder('c').where('c.referral_id IN (:...ids)', { ids }).getMany(),
      // A bank sees the deliveries made to itself only, not those to a bank that had it before.
      this.deliveries.forReferrals(ids, principal.kind === 'bank' ? principal.bankId : undefined),
    ]);
    const now = this.clock.now();
    const isBank = principal.kind === 'bank';
    const isAdmin = principal.kind === 'user' && principal.role === 'admin';
    const bankIds = [
      ...new Set([
        ...rows.map((r) => r.bankId),
        ...events.flatMap((e) => [e.bankId, e.fromBankId]).filter((b): b is string => !!b),
      ]),
    ];
    const banks = await this.dataSource
      .getRepository(PartnerBank)
      .createQueryBuilder('b')
      .where('b.id IN (:...bankIds)', { bankIds })
      .getMany();
    const byId = new Map(banks.map((b) => [b.id, b]));
    const bankOf = (bankId: string | null) => (bankId === null ? undefined : byId.get(bankId));
    return rows.map((r) => {
      // The current bank's consent: the one its snapshot and webhooks follow.
      const consent = consents.find((c) => c.referralId === r.id && c.bankId === r.bankId);
      const bank = byId.get(r.bankId)!;
      const own = events.filter((e) => e.referralId === r.id);
      const timeline = principal.kind === 'bank' ? forBank(own, principal.bankId) : own;
      return {
        ...toCreatedResponse(r, bank),
        status: r.status as never,
        approvedAmountYuan: r.approvedAmountYuan,
        updatedAt: r.updatedAt.toISOString(),
        ...deadlineView(r, now),
        events: timeline.map((e) => toEventResponse(e, bankOf)),
        delivery: {
          mode: bank.webhookUrl ? 'webhook' : 'pull',
          deliveries: deliveries.get(r.id) ?? [],
        },
        ...(isBank ? {} : { matchOutcome: r.matchOutcome }),
        ...(consent
          ? {
              consent: {
                bankCode: consent.bankCode,
                purpose: consent.purpose,
                dataCategories: consent.dataCategories,
                text: consent.consentText,
                grantedAt: consent.grantedAt.toISOString(),
                allowReroute: consent.allowReroute,
                basis: consent.basis,
              },
            }
          : {}),
        ...(isBank || isAdmin ? { enterprise: r.enterpriseSnapshot } : {}),
      };
    });
  }
}
