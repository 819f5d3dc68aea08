import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { Principal, UserPrincipal } from '../../common/auth/access.decorator';
import { DomainError } from '../../common/errors/domain-error';
import { Page, PageQuery, paginate, paginateByKey } from '../../common/http/pagination';
import { Clock } from '../../common/time/clock';
import { DERIVED_FACTS_VERSION, deriveFacts } from './domain/derived-facts';
import { EnterpriseProfile, validateProfileSemantics } from './domain/profile';
import { EnterpriseResponse, EnterpriseVersionSummary } from './dto/enterprise.response';
import { Enterprise, EnterpriseVersion } from './enterprise.entity';
import { isUniqueViolation } from '../../database/errors';
import { isUuid } from '../../common/http/ids';

const USCC_TAKEN = () =>
  DomainError.conflict(
    'An enterprise with this credit code is already registered. If it is yours, claim it with ' +
      'POST /enterprises/claims, referring to its business licence or a letter of authorisation; ' +
      'an administrator will review the claim.',
    [
      {
        path: 'uscc',
        code: 'already_registered',
        message: 'uscc is already registered; claim it with POST /enterprises/claims',
      },
    ],
  );

const PROFILE_REQUIRED = () =>
  DomainError.conflict(
    'This enterprise was transferred to you; describe it first (PUT /enterprises/:id).',
    [
      {
        path: 'profile',
        code: 'profile_required',
        message: 'the profile written before the transfer is not yours to use',
      },
    ],
  );

@Injectable()
export class EnterprisesService {
  constructor(
    @InjectRepository(Enterprise) private readonly enterprises: Repository<Enterprise>,
    @InjectRepository(EnterpriseVersion) private readonly versions: Repository<EnterpriseVersion>,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** 422 for a well-formed profile the domain rejects (check digit, unknown region, future date…). */
  checkProfile(profile: EnterpriseProfile): void {
    const issues = validateProfileSemantics(profile, this.clock.today());
    if (issues.length)
      throw DomainError.unacceptable(issues, 'The profile is well-formed but not acceptable.');
  }

  /** `profile` is plain JSON checked against ENTERPRISE_PROFILE_SCHEMA by the route. */
  async create(owner: UserPrincipal, profile: EnterpriseProfile): Promise<EnterpriseResponse> {
    return this.saveProfile(profile, (em) =>
      em
        .getRepository(Enterprise)
        .save(
          em
            .getRepository(Enterprise)
            .create({ ownerId: owner.userId, uscc: profile.uscc ?? null, currentVersion: 1 }),
        ),
    );
  }

  async replace(
    owner: UserPrincipal,
    id: string,
    profile: EnterpriseProfile,
  ): Promise<EnterpriseResponse> {
    // Checked here: a malformed id would otherwise reach PostgreSQL's uuid type (a 500).
    if (!isUuid(id)) throw DomainError.notFound('Enterprise');
    return this.saveProfile(profile, async (em) => {
      const repo = em.getRepository(Enterprise);
      const enterprise = await repo.findOne({
        where: { id, ownerId: owner.userId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!enterprise) throw DomainError.notFound('Enterprise');
      enterprise.currentVersion += 1;
      enterprise.uscc = profile.uscc ?? null;
      return repo.save(enterprise);
    });
  }

  /**
   * Stores `profile` with its derived facts as the current version of the enterprise that
   * `enterpriseAt` creates or moves on a version, in one transaction. A credit code another
   * enterprise holds is a 409 whichever statement meets the unique index.
   */
  private async saveProfile(
    profile: EnterpriseProfile,
    enterpriseAt: (em: EntityManager) => Promise<Enterprise>,
  ): Promise<EnterpriseResponse> {
    this.checkProfile(profile);
    const asOf = this.clock.today();
    try {
      return await this.dataSource.transaction(async (em) => {
        const enterprise = await enterpriseAt(em);
        const version = await em.getRepository(EnterpriseVersion).save(
          em.getRepository(EnterpriseVersion).create({
            enterpriseId: enterprise.id,
            version: enterprise.currentVersion,
            profile,
            derived: deriveFacts(profile, asOf),
            derivedAsOf: asOf,
            derivedVersion: DERIVED_FACTS_VERSION,
          }),
        );
        return this.toResponse(enterprise, version);
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw USCC_TAKEN();
      throw e;
    }
  }

  /**
   * The enterprise if the caller may see it (owner or admin); 404 otherwise so ids cannot be
   * probed. `current` is null for an owner who took the enterprise over by a claim and has not
   * described it yet: the versions before the transfer are not theirs to see.
   */
  async getVisible(
    principal: Principal,
    id: string,
  ): Promise<{ enterprise: Enterprise; current: EnterpriseVersion | null; visibleFrom: number }> {
    if (!isUuid(id)) throw DomainError.notFound('Enterprise');
    // The enterprise and its current version in one statement (a referral's submission reads it).
    const enterprise: (Enterprise & { currentRow?: EnterpriseVersion }) | null =
      await this.enterprises
        .createQueryBuilder('e')
        .leftJoinAndMapOne(
          'e.currentRow',
          EnterpriseVersion,
          'v',
          'v.enterprise_id = e.id AND v.version = e.current_version',
        )
        .where('e.id = :id', { id })
        .getOne();
    const currentRow = enterprise?.currentRow;
    if (enterprise) delete enterprise.currentRow;
    const visible =
      enterprise &&
      principal.kind === 'user' &&
      (principal.role === 'admin' || enterprise.ownerId === principal.userId);
    if (!enterprise || !visible) throw DomainError.notFound('Enterprise');
    const visibleFrom = this.visibleFrom(principal, enterprise);
    if (enterprise.currentVersion >= visibleFrom && !currentRow)
      throw new Error(`enterprise ${id} has no row for its version ${enterprise.currentVersion}`);
    const current = enterprise.currentVersion >= visibleFrom ? currentRow! : null;
    return { enterprise, current, visibleFrom };
  }

  /** The first version the caller may see: admins see all, an owner what it wrote since taking over. */
  private visibleFrom(principal: Principal, enterprise: Enterprise): number {
    return principal.kind === 'user' && principal.role === 'admin'
      ? 1
      : enterprise.visibleFromVersion;
  }

  /** The owner's own enterprise with a profile it may use (for actions only the owner may take). */
  async getOwned(
    owner: UserPrincipal,
    id: string,
  ): Promise<{ enterprise: Enterprise; current: EnterpriseVersion }> {
    const found = await this.getVisible(owner, id);
    if (found.enterprise.ownerId !== owner.userId) throw DomainError.notFound('Enterprise');
    if (!found.current) throw PROFILE_REQUIRED();
    return { enterprise: found.enterprise, current: found.current };
  }

  /** 404 unless the caller may see this version of the enterprise (e.g. a stored match run's). */
  async assertVersionVisible(principal: Principal, id: string, version: number): Promise<void> {
    const { visibleFrom } = await this.getVisible(principal, id);
    if (version < visibleFrom) throw DomainError.notFound('Enterprise');
  }

  async get(principal: Principal, id: string): Promise<EnterpriseResponse> {
    const { enterprise, current } = await this.getVisible(principal, id);
    return this.toResponse(enterprise, current);
  }

  async list(principal: UserPrincipal, query: PageQuery): Promise<Page<EnterpriseResponse>> {
    const qb = this.enterprises.createQueryBuilder('e');
    if (principal.role !== 'admin') qb.where('e.owner_id = :owner', { owner: principal.userId });
    const page = await paginate(qb, 'e', query);
    const versions = page.items.length
      ? await this.versions
          .createQueryBuilder('v')
          .innerJoin(Enterprise, 'e', 'e.id = v.enterprise_id AND e.current_version = v.version')
          .where('v.enterprise_id IN (:...ids)', { ids: page.items.map((e) => e.id) })
          .getMany()
      : [];
    const byId = new Map(versions.map((v) => [v.enterpriseId, v]));
    return {
      items: page.items.map((e) =>
        this.toResponse(
          e,
          e.currentVersion >= this.visibleFrom(principal, e) ? byId.get(e.id)! : null,
        ),
      ),
      nextCursor: page.nextCursor,
    };
  }

  async history(
    principal: Principal,
    id: string,
    query: PageQuery,
  ): Promise<Page<EnterpriseVersionSummary>> {
    const { visibleFrom } = await this.getVisible(principal, id);
    const page = await paginateByKey(
      this.versions
        .createQueryBuilder('v')
        .where('v.enterprise_id = :id AND v.version >= :visibleFrom', { id, visibleFrom }),
      { column: 'v.version', kind: 'int', of: (v) => v.version },
      query,
    );
    return {
      items: page.items.map((v) => ({
        version: v.version,
        createdAt: v.createdAt.toISOString(),
        profile: v.profile as never,
      })),
      nextCursor: page.nextCursor,
    };
  }

  private toResponse(e: Enterprise, v: EnterpriseVersion | null): EnterpriseResponse {
    // Derived facts such as yearsInOperation move with the calendar: compute them for today.
    return {
      id: e.id,
      version: v?.version ?? null,
      profile: (v?.profile ?? null) as never,
      derived: (v ? deriveFacts(v.profile, this.clock.today()) : null) as never,
      createdAt: e.createdAt.toISOString(),
      updatedAt: e.updatedAt.toISOString(),
    };
  }
}
