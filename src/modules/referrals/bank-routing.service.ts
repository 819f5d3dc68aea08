import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DomainError } from '../../common/errors/domain-error';
import { cityCodeOf } from '../enterprises/domain/regions';
import { PartnerBank } from '../partners/partner-bank.entity';
import { APPLICANT_DECLINE_REASONS, declineExclusionSince } from './domain/reroute';
import {
  OPEN_STATUSES,
  routeReferral,
  RoutingDecision,
  shanghaiDay,
  SkipReason,
} from './domain/routing';

export interface AssignRequest {
  productCode: string;
  enterpriseId: string;
  /** The enterprise's county (or city) code. */
  regionCode: string;
  /** The bank the SME or an admin named, if any. */
  requestedBankCode?: string;
  /** Leave out banks that declined this enterprise for this product in the last 90 days. */
  excludeDecliners: boolean;
  /** Banks that already had the referral (a re-route). */
  triedBankCodes?: readonly string[];
  now: Date;
  /**
   * The caller can run its transaction again (it throws ExclusiveRoutingNeeded away): route under
   * a shared lock while no partner bank of the product has a daily capacity (docs/routing.md).
   */
  shared?: boolean;
}

/**
 * Thrown inside the caller's transaction when the shared lock is not enough (a partner bank of the
 * product has a daily capacity): roll back and call assign again without `shared`.
 */
export class ExclusiveRoutingNeeded extends Error {
  constructor(productCode: string) {
    super(`a partner bank of ${productCode} has a daily capacity: route under the exclusive lock`);
    this.name = 'ExclusiveRoutingNeeded';
  }
}

interface BankCounts {
  id: string;
  assigned: number;
  open: number;
}

export type Refusal = Exclude<RoutingDecision, { ok: true }>;
export type Assignment = { ok: true; bank: PartnerBank } | { ok: false; decision: Refusal };

const SKIP_MESSAGES: Record<SkipReason, string> = {
  inactive: 'the bank no longer takes referrals',
  region_not_served: 'the bank does not serve the enterprise’s county or city',
  already_tried: 'the bank has already had this referral',
  paused: 'the bank has paused new referrals',
  at_capacity: 'the bank has taken as many referrals as it can today',
  excluded: 'the bank declined this enterprise for this product recently',
};

function otherBanks(codes: string[]): string {
  return codes.length
    ? `choose one of ${codes.join(', ')}, or leave bankCode out`
    : 'no other partner bank can take it now';
}

/** A routing refusal as the coded error the SME or admin sees (docs/routing.md). */
export function routingError(
  productCode: string,
  bankCode: string | undefined,
  regionCode: string,
  decision: Refusal,
  pathOfNeed: 'enterpriseId' | 'referral' = 'enterpriseId',
): DomainError {
  switch (decision.reason) {
    case 'not_a_partner':
      return new DomainError(
        'no_partner_bank',
        `${bankCode} is not a partner bank of ${productCode}.`,
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
        `${bankCode} cannot take this referral now: ${SKIP_MESSAGES[decision.skip]}.`,
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
      // paused, full, or out of the running for this enterprise, which is worth saying differently.
      const noneServes = decision.skipped.every(
        (s) => s.skip === 'region_not_served' || s.skip === 'inactive',
      );
      return noneServes
        ? new DomainError(
            'no_partner_bank',
            `No active partner bank of ${productCode} serves region ${regionCode}.`,
            {
              errors: [
                {
                  path: pathOfNeed,
                  code: 'no_bank_serves_region',
                  message: 'no partner bank serves the enterprise’s county or city',
                },
              ],
            },
          )
        : new DomainError(
            'no_bank_available',
            `No partner bank of ${productCode} serving region ${regionCode} can take it now.`,
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

/**
 * Chooses the bank of a referral inside the caller's transaction, for a submission and for a
 * re-route alike (docs/routing.md, Concurrency). The product's partner banks are locked (FOR
 * UPDATE, in id order) before today's assignments are counted, so concurrent assignments in any
 * number of processes count one after another and a daily capacity holds. A submission (`shared`)
 * locks them FOR SHARE instead while none of them has a capacity: submissions then run side by
 * side, and a bank still cannot change (pause, deactivate, get a capacity) under one of them.
 */
@Injectable()
export class BankRoutingService {
  /** Products seen with a capacity-limited partner bank: their submissions go exclusive at once. */
  private readonly limited = new Set<string>();

  async assign(em: EntityManager, req: AssignRequest): Promise<Assignment> {
    const shared = req.shared === true && !this.limited.has(req.productCode);
    const banks = await em
      .getRepository(PartnerBank)
      .createQueryBuilder('b')
      .innerJoin('bank_product', 'l', 'l.bank_id = b.id AND l.product_code = :code', {
        code: req.productCode,
      })
      .orderBy('b.id')
      .setLock(shared ? 'pessimistic_read' : 'pessimistic_write')
      .getMany();
    const limited = banks.some((b) => b.dailyCapacity !== null);
    if (limited) this.limited.add(req.productCode);
    else this.limited.delete(req.productCode);
    if (shared && limited) throw new ExclusiveRoutingNeeded(req.productCode);
    const excluded = req.excludeDecliners
      ? await this.recentDecliners(em, req.enterpriseId, req.productCode, req.now)
      : [];
    const decide = (counts: BankCounts[]) =>
      routeReferral({
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
        regionCode: req.regionCode,
        cityCode: cityCodeOf(req.regionCode),
        requestedBankCode: req.requestedBankCode,
        excludedBankCodes: excluded,
        triedBankCodes: req.triedBankCodes,
      });
    // With no capacity anywhere the counts only order the banks by load: a named bank that can
    // take the referral needs none of them. Anything else (a choice by load, a refusal listing
    // the other banks in load order) is decided on the counts.
    let decision = shared && req.requestedBankCode !== undefined ? decide([]) : null;
    if (!decision?.ok) decision = decide(await this.counts(em, banks, req.now));
    if (decision.ok) {
      const code = decision.bankCode;
      return { ok: true, bank: banks.find((b) => b.code === code)! };
    }
    return { ok: false, decision };
  }

  /** Today's assignments and the open referrals of each bank. */
  private async counts(em: EntityManager, banks: PartnerBank[], now: Date): Promise<BankCounts[]> {
    if (!banks.length) return [];
    const { start, end } = shanghaiDay(now);
    return em.query<BankCounts[]>(
      `SELECT b.id,
              (SELECT count(*)::int FROM referral_consent c
                WHERE c.bank_id = b.id AND c.granted_at >= $2 AND c.granted_at < $3) AS assigned,
              (SELECT count(*)::int FROM referral r
                WHERE r.bank_id = b.id AND r.status = ANY($4)) AS open
         FROM partner_bank b WHERE b.id = ANY($1)`,
      [banks.map((b) => b.id), start, end, OPEN_STATUSES],
    );
  }

  /**
   * Banks that declined this enterprise for this product in the last 90 days, whichever referral
   * it was and wherever that referral went next (the decline event names its bank). A decline that
   * was the applicant's own (the SME turned the offer down) keeps no bank away.
   */
  async recentDecliners(
    em: EntityManager,
    enterpriseId: string,
    productCode: string,
    now: Date,
  ): Promise<string[]> {
    const rows = await em.query<{ code: string }[]>(
      `SELECT DISTINCT b.code FROM referral r
         JOIN referral_event e ON e.referral_id = r.id AND e.type = 'declined'
         JOIN partner_bank b ON b.id = e.bank_id
        WHERE r.enterprise_id = $1 AND r.product_code = $2 AND e.created_at >= $3
          AND (e.reason IS NULL OR e.reason <> ALL($4))`,
      [enterpriseId, productCode, declineExclusionSince(now), APPLICANT_DECLINE_REASONS],
    );
    return rows.map((r) => r.code);
  }
}
