import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, IsNull, Repository } from 'typeorm';
import { DomainError } from '../../common/errors/domain-error';
import { isUuid } from '../../common/http/ids';
import { Page, PageQuery, paginate } from '../../common/http/pagination';
import { Clock } from '../../common/time/clock';
import { AuditService } from '../audit/audit.service';
import { AuthService, emailTaken, hashPassword } from '../auth/auth.service';
import { User } from '../auth/user.entity';
import {
  BankOfficerCreatedResponse,
  BankOfficerResponse,
  CreateBankOfficerDto,
} from './dto/bank-officer.dto';
import { PartnersService } from './partners.service';

function toOfficerResponse(user: User, bankCode: string): BankOfficerResponse {
  return {
    id: user.id,
    email: user.email,
    role: 'bank',
    displayName: user.displayName,
    bankCode,
    passwordSet: user.passwordHash !== null,
    createdAt: user.createdAt.toISOString(),
    disabledAt: user.disabledAt?.toISOString() ?? null,
  };
}

/** Bank officers: user accounts with role `bank`, created and disabled by admins. */
@Injectable()
export class BankOfficersService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly dataSource: DataSource,
    private readonly partners: PartnersService,
    private readonly auth: AuthService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async create(
    code: string,
    dto: CreateBankOfficerDto,
    actorId: string,
  ): Promise<BankOfficerCreatedResponse> {
    const bank = await this.partners.get(code);
    const email = dto.email.trim().toLowerCase();
    const passwordHash = dto.password ? await hashPassword(dto.password) : null;
    return this.dataSource.transaction(async (em) => {
      const inserted = await em
        .createQueryBuilder()
        .insert()
        .into(User)
        .values({
          email,
          role: 'bank',
          bankId: bank.id,
          passwordHash,
          displayName: dto.displayName ?? null,
        })
        .orIgnore()
        .returning('id')
        .execute();
      const id = (inserted.raw as { id: string }[])[0]?.id;
      if (!id) throw emailTaken();
      const user = await em.getRepository(User).findOneByOrFail({ id });
      const issued = passwordHash
        ? null
        : await this.auth.issuePasswordToken(em, id, 'set_password');
      await this.audit.record(
        {
          actorId,
          action: 'bank_user.created',
          entityType: 'bank_user',
          entityKey: `${bank.code}:${id}`,
          changes: {
            email,
            displayName: user.displayName,
            password: passwordHash ? 'set' : 'set-password token issued',
          },
        },
        em,
      );
      return {
        ...toOfficerResponse(user, bank.code),
        ...(issued
          ? {
              setPasswordToken: issued.token,
              setPasswordTokenExpiresAt: issued.expiresAt.toISOString(),
            }
          : {}),
      };
    });
  }

  async list(code: string, query: PageQuery): Promise<Page<BankOfficerResponse>> {
    const bank = await this.partners.get(code);
    const qb = this.users.createQueryBuilder('u').where('u.bank_id = :bank', { bank: bank.id });
    const page = await paginate(qb, 'u', query);
    return {
      items: page.items.map((u) => toOfficerResponse(u, bank.code)),
      nextCursor: page.nextCursor,
    };
  }

  /** Disables the officer: the next request with any of its tokens is refused (idempotent). */
  async disable(code: string, id: string, actorId: string): Promise<void> {
    const bank = await this.partners.get(code);
    if (!isUuid(id)) throw DomainError.notFound('Bank officer');
    await this.dataSource.transaction(async (em) => {
      const user = await em.getRepository(User).findOne({
        where: { id, bankId: bank.id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!user) throw DomainError.notFound('Bank officer');
      if (user.disabledAt) return;
      await em
        .getRepository(User)
        .update({ id, disabledAt: IsNull() }, { disabledAt: this.clock.now() });
      await this.auth.endSessions(em, id);
      await this.audit.record(
        {
          actorId,
          action: 'bank_user.disabled',
          entityType: 'bank_user',
          entityKey: `${bank.code}:${id}`,
        },
        em,
      );
    });
  }
}
