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
import { cityCodeOf } from '../enterprises/domain/regions';
import { ENGINE_VERSION } from '../matching/engine';
import { MatchingService } from '../matching/matching.service';
import { DeliveriesService } from '../notifications/deliveries.service';
import { NotificationsService } from '../notifications/notifications.service';
import { OutboxService } from '../notifications/outbox.service';
import { OutcomesService } from '../outcomes/outcomes.service';
import { PartnerBank } from '../partners/partner-bank.entity';
import {
  buildConsentedSnapshot,
  CONSENT_CATEGORY_IDS,
  CONSENT_PURPOSE,
  CONSENT_PURPOSE_CODE,
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
  ListReferralsQuery,
  ReferralCreatedResponse,
  ReferralEventResponse,
  ReferralResponse,
} from './dto/referral.dto';
import { deadlineColumns, DeadlinesService, deadlineView } from './deadlines.service';
import { Referral, ReferralConsent, ReferralEvent } from './referral.entity';
import {
  OPEN_STATUSES,
  routeReferral,
  RoutingDecision,
  shanghaiDay,
  SkipReason,
} from './domain/routing';
import { isUuid } from '../../common/http/ids';

/** A bank that declined this enterprise for this product is not routed to again for 90 days. */
const DECLINE_EXCLUSION_MS = 90 * 86_400_000;

const SKIP_MESSAGES: Record<SkipReason, string> = {
  inactive: 'the bank no longer takes referrals',
  region_not_served: 'the bank does not serve the enterprise’s county or city',
  paused: 'the bank has paused new referrals',
  at_capacity: 'the bank has taken as many referrals as it can today',
  excluded: 'the bank declined this enterprise for this product recently',
};

/** A routing refusal as the coded error the SME sees. */
function routingError(
  dto: CreateReferralDto,
  regionCode: string,
  decision: Exclude<RoutingDecision, { ok: true }>,
): DomainError {
  switch (decision.reason) {
    case 'not_a_partner':
      return new DomainError(
        'no_partner_bank',
        `${dto.bankCode} is not a partner bank of ${dto.productCode}.`,
        {
          errors: [
            {
              path: 'bankCode',
              code: 'not_a_partner',
              message: otherBanks(decision.availableBankCodes),
            },
          ],
          extra: { availableBankCodes: decision.availableBankCodes },
        },
      );
    case 'bank_unavailable':
      return new DomainError(
        'bank_unavailable',
        `${dto.bankCode} cannot take this referral now: ${SKIP_MESSAGES[decision.skip]}.`,
        {
          errors: [
            {
              path: 'bankCode',
              code: decision.skip,
              message: `${SKIP_MESSAGES[decision.skip]}; ${otherBanks(decision.availableBankCodes)}`,
            },
          ],
          extra: { availableBankCodes: decision.availableBankCodes },
        },
      );
    case 'no_bank_available': {
      // None serves the region at all: the product has no partner here. Otherwise they are all
      // paused or full for today, which is worth saying differently (try again later).
      const noneServes = decision.skipped.every(
        (s) => s.skip === 'region_not_served' || s.skip === 'inactive',
      );
      return noneServes
        ? new DomainError(
            'no_partner_bank',
            `No active partner bank of ${dto.productCode} serves region ${regionCode}.`,
            {
              errors: [
                {
                  path: 'enterpriseId',
                  code: 'no_bank_serves_region',
                  message: 'no partner bank serves the enterprise’s county or city',
                },
              ],
            },
          )
        : new DomainError(
            'no_bank_available',
            `Every partner bank of ${dto.productCode} serving region ${regionCode} is paused or full today; try again later.`,
            {
              errors: decision.skipped
                .filter((s) => s.skip !== 'region_not_served' && s.skip !== 'inactive')
                .map((s) => ({
                  path: 'productCode',
                  code: s.skip,
                  message: `${s.code}: ${SKIP_MESSAGES[s.skip]}`,
                })),
            },
          );
    }
  }
}

function otherBanks(codes: string[]): string {
  return codes.length
    ? `choose one of ${codes.join(', ')}, or leave bankCode out`
    : 'no other partner bank can take it now';
}

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

export function toCreatedResponse(r: Referral): ReferralCreatedResponse {
  return {
    id: r.id,
    status: 'submitted',
    bankCode: r.bankCode,
    productCode: r.productCode,
    productVersion: r.productVersion,
    enterpriseId: r.enterpriseId,
    enterpriseVersion: r.enterpriseVersion,
    requestedAmountYuan: r.requestedAmountYuan,
    termMonths: r.termMonths,
    createdAt: r.createdAt.toISOString(),
  };
}

function toEventResponse(e: ReferralEvent): ReferralEventResponse {
  return {
    id: e.id,
    type: e.type,
    actor: e.actor,
    actorUserId: e.actorUserId,
    actorApiKeyId: e.actorApiKeyId,
    amountYuan: e.amountYuan,
    reason: e.reason,
    note: e.note,
    createdAt: e.createdAt.toISOString(),
  };
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

    const created = await this.dataSource.transaction(async (em) => {
      const bank = await this.assignBank(em, dto, enterprise.id, current.profile.regionCode, now);
      // A concurrent request with the same key committed while this one waited for the bank lock.
      if (await em.getRepository(Referral).existsBy({ ownerId: owner.userId, idempotencyKey: key }))
        return null;
      const consentText =
        dto.consent.text ??
        defaultConsentText({ zh: bank.nameZh, en: bank.nameEn }, product.body.name, categories);
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
      await em.getRepository(ReferralConsent).insert({
        referralId: id,
        bankId: bank.id,
        bankCode: bank.code,
        purposeCode: CONSENT_PURPOSE_CODE,
        purpose: { ...CONSENT_PURPOSE },
        dataCategories: [...categories],
        consentText: { zh: consentText.zh, en: consentText.en },
        grantedAt: now,
      });
      const event = await em
        .getRepository(ReferralEvent)
        .save(
          em
            .getRepository(ReferralEvent)
            .create({ referralId: id, type: 'submitted', actor: 'sme', createdAt: now }),
        );
      if (bank.webhookUrl)
        await this.outbox.enqueueWebhook(em, {
          referralId: id,
          eventId: event.id,
          eventType: 'referral.submitted',
          bankId: bank.id,
          at: now,
        });
      return em.getRepository(Referral).findOneByOrFail({ id });
    });
    if (created) return toCreatedResponse(created);
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
    return toCreatedResponse(existing);
  }

  /**
   * Chooses the bank inside the submission's transaction (docs/routing.md). The product's partner
   * banks are locked (FOR UPDATE, in id order) before today's assignments are counted, so concurrent
   * submissions in any number of API processes count one after another and a daily capacity holds.
   */
  private async assignBank(
    em: EntityManager,
    dto: CreateReferralDto,
    enterpriseId: string,
    regionCode: string,
    now: Date,
  ): Promise<PartnerBank> {
    const banks = await em
      .getRepository(PartnerBank)
      .createQueryBuilder('b')
      .innerJoin('bank_product', 'l', 'l.bank_id = b.id AND l.product_code = :code', {
        code: dto.productCode,
      })
      .orderBy('b.id')
      .setLock('pessimistic_write')
      .getMany();
    const { start, end } = shanghaiDay(now);
    const ids = banks.map((b) => b.id);
    const counts = ids.length
      ? await em.query<{ id: string; assigned: number; open: number }[]>(
          `SELECT b.id,
                  (SELECT count(*)::int FROM referral_consent c
                    WHERE c.bank_id = b.id AND c.granted_at >= $2 AND c.granted_at < $3) AS assigned,
                  (SELECT count(*)::int FROM referral r
                    WHERE r.bank_id = b.id AND r.status = ANY($4)) AS open
             FROM partner_bank b WHERE b.id = ANY($1)`,
          [ids, start, end, OPEN_STATUSES],
        )
      : [];
    // An SME's explicit choice stands; only automatic routing passes over recent decliners.
    const excluded = dto.bankCode
      ? []
      : (
          await em.query<{ bank_code: string }[]>(
            `SELECT DISTINCT r.bank_code FROM referral r
               JOIN referral_event e ON e.referral_id = r.id AND e.type = 'declined'
              WHERE r.enterprise_id = $1 AND r.product_code = $2 AND e.created_at >= $3`,
            [enterpriseId, dto.productCode, new Date(now.getTime() - DECLINE_EXCLUSION_MS)],
          )
        ).map((r) => r.bank_code);
    const decision = routeReferral({
      partners: banks.map((b) => {
        const c = counts.find((x) => x.id === b.id);
        return {
          code: b.code,
          active: b.active,
          acceptingReferrals: b.acceptingReferrals,
          dailyCapacity: b.dailyCapacity,
          regionCodes: b.regionCodes,
          assignedToday: c?.assigned ?? 0,
          openReferrals: c?.open ?? 0,
        };
      }),
      regionCode,
      cityCode: cityCodeOf(regionCode),
      requestedBankCode: dto.bankCode,
      excludedBankCodes: excluded,
    });
    if (decision.ok) return banks.find((b) => b.code === decision.bankCode)!;
    throw routingError(dto, regionCode, decision);
  }

  async withdraw(owner: UserPrincipal, id: string): Promise<ReferralResponse> {
    await this.dataSource.transaction(async (em) => {
      const referral = await this.lockVisible(em, id, (r) => r.ownerId === owner.userId);
      const step = transition(referral.status, 'withdrawn', 'sme');
      if (!step.ok) throw this.invalidTransition(referral.status, 'withdrawn');
      const now = this.clock.now();
      const event = await em
        .getRepository(ReferralEvent)
        .save(
          em
            .getRepository(ReferralEvent)
            .create({ referralId: id, type: 'withdrawn', actor: 'sme', createdAt: now }),
        );
      await em.getRepository(Referral).update(id, { status: step.next });
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
          amountYuan: dto.amountYuan ?? null,
          reason: dto.reason ?? null,
          note: dto.note ?? null,
          createdAt: this.clock.now(),
        }),
      );
      await em.getRepository(Referral).update(id, {
        status: step.next,
        ...(dto.type === 'approved' ? { approvedAmountYuan: dto.amountYuan } : {}),
      });
      await this.notifySme(em, referral, dto);
      return toEventResponse(event);
    });
    // A decision changes the product's outlook that match results show.
    if (dto.type !== 'acknowledged' && dto.type !== 'contacted') this.outcomes.invalidateOutlooks();
    return posted;
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

  /** Timeline, delivery state and (by audience) the outcome, consent and snapshot, in 3 queries. */
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
      this.deliveries.forReferrals(ids),
    ]);
    const now = this.clock.now();
    const isBank = principal.kind === 'bank';
    const isAdmin = principal.kind === 'user' && principal.role === 'admin';
    const bankIds = [...new Set(rows.map((r) => r.bankId))];
    const banks = await this.dataSource
      .getRepository(PartnerBank)
      .createQueryBuilder('b')
      .where('b.id IN (:...bankIds)', { bankIds })
      .getMany();
    return rows.map((r) => {
      const consent = consents.find((c) => c.referralId === r.id);
      const bank = banks.find((b) => b.id === r.bankId);
      return {
        ...toCreatedResponse(r),
        status: r.status as never,
        approvedAmountYuan: r.approvedAmountYuan,
        updatedAt: r.updatedAt.toISOString(),
        ...deadlineView(r, now),
        events: events.filter((e) => e.referralId === r.id).map(toEventResponse),
        delivery: {
          mode: bank?.webhookUrl ? 'webhook' : 'pull',
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
              },
            }
          : {}),
        ...(isBank || isAdmin ? { enterprise: r.enterpriseSnapshot } : {}),
      };
    });
  }
}
