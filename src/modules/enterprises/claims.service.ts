import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, Not, Repository } from 'typeorm';
import { UserPrincipal } from '../../common/auth/access.decorator';
import { DomainError } from '../../common/errors/domain-error';
import { isUuid } from '../../common/http/ids';
import { Page, PageQuery, paginate } from '../../common/http/pagination';
import { Clock } from '../../common/time/clock';
import { isUniqueViolation } from '../../database/errors';
import { AuditService } from '../audit/audit.service';
import { User } from '../auth/user.entity';
import { NotificationsService } from '../notifications/notifications.service';
import { TERMINAL_REFERRAL_STATUSES } from '../referrals/domain/referral-status';
import { Referral } from '../referrals/referral.entity';
import { checkUscc } from './domain/uscc';
import { AdminClaimResponse, ClaimResponse, CreateClaimDto, DecideClaimDto } from './dto/claim.dto';
import { ClaimStatus, EnterpriseClaim } from './enterprise-claim.entity';
import { Enterprise, EnterpriseVersion } from './enterprise.entity';

function toClaimResponse(c: EnterpriseClaim): ClaimResponse {
  return {
    id: c.id,
    uscc: c.uscc,
    statement: c.statement,
    status: c.status,
    note: c.note,
    createdAt: c.createdAt.toISOString(),
    decidedAt: c.decidedAt?.toISOString() ?? null,
  };
}

/**
 * Contested credit codes: an SME claims an enterprise another account registered; an admin
 * transfers it (with its open referrals and its future notifications) or rejects the claim. Both
 * SMEs are told, and every step is in the audit log.
 */
@Injectable()
export class ClaimsService {
  constructor(
    @InjectRepository(EnterpriseClaim) private readonly claims: Repository<EnterpriseClaim>,
    private readonly dataSource: DataSource,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async create(claimant: UserPrincipal, dto: CreateClaimDto): Promise<ClaimResponse> {
    const uscc = dto.uscc.trim().toUpperCase();
    const check = checkUscc(uscc);
    if (!check.valid)
      throw DomainError.unacceptable([
        {
          path: 'uscc',
          code: 'invalid_credit_code',
          message: `uscc is not a valid unified social credit code (${check.reason.replace('_', ' ')})`,
        },
      ]);
    const enterprise = await this.dataSource.getRepository(Enterprise).findOneBy({ uscc });
    if (!enterprise)
      throw DomainError.unacceptable([
        {
          path: 'uscc',
          code: 'not_registered',
          message: 'no enterprise has this credit code yet: register it with POST /enterprises',
        },
      ]);
    if (enterprise.ownerId === claimant.userId)
      throw DomainError.unacceptable([
        { path: 'uscc', code: 'already_yours', message: 'this enterprise is already yours' },
      ]);
    try {
      return await this.dataSource.transaction(async (em) => {
        const claim = await em.getRepository(EnterpriseClaim).save(
          em.getRepository(EnterpriseClaim).create({
            claimantId: claimant.userId,
            uscc,
            enterpriseId: enterprise.id,
            statement: dto.statement,
            status: 'open',
          }),
        );
        await this.audit.record(
          {
            actorId: claimant.userId,
            action: 'claim.submitted',
            entityType: 'enterprise_claim',
            entityKey: claim.id,
            changes: { enterpriseId: { from: null, to: enterprise.id } },
          },
          em,
        );
        return toClaimResponse(claim);
      });
    } catch (e) {
      if (isUniqueViolation(e))
        throw DomainError.conflict('You already have an open claim for this credit code.', [
          { path: 'uscc', code: 'claim_open', message: 'wait for the decision on your open claim' },
        ]);
      throw e;
    }
  }

  async listOwn(claimant: UserPrincipal, query: PageQuery): Promise<Page<ClaimResponse>> {
    const qb = this.claims
      .createQueryBuilder('c')
      .where('c.claimant_id = :id', { id: claimant.userId });
    const page = await paginate(qb, 'c', query);
    return { items: page.items.map(toClaimResponse), nextCursor: page.nextCursor };
  }

  async list(status: ClaimStatus | undefined, query: PageQuery): Promise<Page<AdminClaimResponse>> {
    const qb = this.claims.createQueryBuilder('c');
    if (status) qb.where('c.status = :status', { status });
    const page = await paginate(qb, 'c', query);
    return { items: await this.toAdminResponses(page.items), nextCursor: page.nextCursor };
  }

  async decide(admin: UserPrincipal, id: string, dto: DecideClaimDto): Promise<AdminClaimResponse> {
    if (!isUuid(id)) throw DomainError.notFound('Claim');
    const decided = await this.dataSource.transaction(async (em) => {
      const claim = await em
        .getRepository(EnterpriseClaim)
        .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!claim) throw DomainError.notFound('Claim');
      if (claim.status !== 'open')
        throw new DomainError('invalid_transition', `This claim is already ${claim.status}.`, {
          errors: [
            {
              path: 'decision',
              code: 'invalid_transition',
              message: `a ${claim.status} claim cannot be decided again`,
            },
          ],
        });
      const enterprise = await em
        .getRepository(Enterprise)
        .findOne({ where: { id: claim.enterpriseId }, lock: { mode: 'pessimistic_write' } });
      if (!enterprise) throw DomainError.notFound('Enterprise');
      const previousOwnerId = enterprise.ownerId;
      if (dto.decision === 'transfer') {
        if (enterprise.uscc !== claim.uscc)
          throw DomainError.conflict(
            'The enterprise no longer carries this credit code; reject the claim instead.',
            [{ path: 'decision', code: 'uscc_changed', message: 'the credit code has changed' }],
          );
        if (previousOwnerId === claim.claimantId)
          throw DomainError.conflict('The claimant already owns this enterprise.', [
            { path: 'decision', code: 'already_owner', message: 'nothing to transfer' },
          ]);
        await this.transfer(em, enterprise, claim.claimantId);
      }
      const status: ClaimStatus = dto.decision === 'transfer' ? 'transferred' : 'rejected';
      await em.getRepository(EnterpriseClaim).update(id, {
        status,
        previousOwnerId,
        decidedBy: admin.userId,
        decidedAt: this.clock.now(),
        note: dto.note,
      });
      await this.audit.record(
        {
          actorId: admin.userId,
          action: `claim.${status}`,
          entityType: 'enterprise_claim',
          entityKey: id,
          changes: {
            status: { from: 'open', to: status },
            ...(dto.decision === 'transfer'
              ? { ownerId: { from: previousOwnerId, to: claim.claimantId } }
              : {}),
          },
        },
        em,
      );
      if (dto.decision === 'transfer')
        await this.audit.record(
          {
            actorId: admin.userId,
            action: 'enterprise.transferred',
            entityType: 'enterprise',
            entityKey: enterprise.id,
            changes: {
              ownerId: { from: previousOwnerId, to: claim.claimantId },
              claimId: { from: null, to: id },
            },
          },
          em,
        );
      await this.tellBoth(em, claim, dto, previousOwnerId, enterprise);
      return em.getRepository(EnterpriseClaim).findOneByOrFail({ id });
    });
    return (await this.toAdminResponses([decided]))[0];
  }

  /**
   * Moves the enterprise and its open referrals to the claimant. The profile versions written so
   * far stay with the enterprise but are hidden from the new owner, whose view starts at the next
   * version it writes; closed referrals stay in the previous owner's history.
   */
  private async transfer(
    em: EntityManager,
    enterprise: Enterprise,
    claimantId: string,
  ): Promise<void> {
    await em.getRepository(Enterprise).update(enterprise.id, {
      ownerId: claimantId,
      visibleFromVersion: enterprise.currentVersion + 1,
    });
    // Idempotency keys are unique per owner: a moved referral gets a key of its own so that it
    // can never collide with one the claimant used.
    await em
      .createQueryBuilder()
      .update(Referral)
      .set({ ownerId: claimantId, idempotencyKey: () => "'transferred:' || id::text" })
      .where({ enterpriseId: enterprise.id, status: Not(In([...TERMINAL_REFERRAL_STATUSES])) })
      .execute();
  }

  private async tellBoth(
    em: EntityManager,
    claim: EnterpriseClaim,
    dto: DecideClaimDto,
    previousOwnerId: string,
    enterprise: Enterprise,
  ): Promise<void> {
    const version = await em.getRepository(EnterpriseVersion).findOneBy({
      enterpriseId: enterprise.id,
      version: enterprise.currentVersion,
    });
    const base = { decision: dto.decision, uscc: claim.uscc, note: dto.note };
    // The claimant learns the decision, not what the previous owner wrote (the name included).
    await this.notifications.notify(em, { userId: claim.claimantId }, 'claim.decided', {
      ...base,
      audience: 'claimant',
      enterpriseName: null,
    });
    await this.notifications.notify(em, { userId: previousOwnerId }, 'claim.decided', {
      ...base,
      audience: 'previous_owner',
      enterpriseName: version?.profile.name ?? null,
    });
  }

  private async toAdminResponses(rows: EnterpriseClaim[]): Promise<AdminClaimResponse[]> {
    if (!rows.length) return [];
    const enterprises = await this.dataSource
      .getRepository(Enterprise)
      .findBy({ id: In([...new Set(rows.map((r) => r.enterpriseId))]) });
    const ownerOf = new Map(enterprises.map((e) => [e.id, e.ownerId]));
    const userIds = [
      ...new Set(rows.flatMap((r) => [r.claimantId, ownerOf.get(r.enterpriseId) ?? r.claimantId])),
    ];
    const users = await this.dataSource.getRepository(User).findBy({ id: In(userIds) });
    const emailOf = new Map(users.map((u) => [u.id, u.email]));
    return rows.map((c) => {
      const ownerId = ownerOf.get(c.enterpriseId) ?? c.previousOwnerId ?? c.claimantId;
      return {
        ...toClaimResponse(c),
        enterpriseId: c.enterpriseId,
        claimant: { id: c.claimantId, email: emailOf.get(c.claimantId) ?? null },
        owner: { id: ownerId, email: emailOf.get(ownerId) ?? null },
        previousOwnerId: c.previousOwnerId,
        decidedBy: c.decidedBy,
      };
    });
  }
}
