import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, Repository } from 'typeorm';
import { SecretBox } from '../../common/crypto/secret-box';
import { DomainError } from '../../common/errors/domain-error';
import { Page, PageQuery, paginateByKey } from '../../common/http/pagination';
import { AppConfig } from '../../config/app-config';
import type { BankPrincipal } from '../../common/auth/access.decorator';
import { Clock } from '../../common/time/clock';
import { AuditService, auditActor, diffRecords } from '../audit/audit.service';
import { OPEN_STATUSES, shanghaiDay } from '../referrals/domain/routing';
import { ApiKeysService } from '../auth/api-keys.service';
import { isKnownRegion } from '../enterprises/domain/regions';
import { checkWebhookUrl } from '../notifications/domain/ssrf-guard';
import { generateWebhookSecret } from '../notifications/domain/webhook-signature';
import {
  ApiKeyIssuedResponse,
  ApiKeyResponse,
  BankResponse,
  BankSettingsResponse,
  BankWithSecretResponse,
  CreateBankDto,
  UpdateBankDto,
  UpdateBankSettingsDto,
} from './dto/bank.dto';
import { CATALOG_CHANNEL } from '../catalog/catalog-cache.service';
import { PartnerBank } from './partner-bank.entity';
import { isUniqueViolation } from '../../database/errors';

export function toBankResponse(bank: PartnerBank): BankResponse {
  return {
    id: bank.id,
    code: bank.code,
    name: { zh: bank.nameZh, en: bank.nameEn },
    regionCodes: bank.regionCodes,
    webhookUrl: bank.webhookUrl,
    webhookDisabledAt: bank.webhookDisabledAt?.toISOString() ?? null,
    active: bank.active,
    acceptingReferrals: bank.acceptingReferrals,
    dailyCapacity: bank.dailyCapacity,
    contact: bank.contact,
    createdAt: bank.createdAt.toISOString(),
    updatedAt: bank.updatedAt.toISOString(),
  };
}

const secretAad = (bankId: string) => `partner_bank:${bankId}:webhook_secret`;

@Injectable()
export class PartnersService {
  private readonly box: SecretBox;

  constructor(
    @InjectRepository(PartnerBank) private readonly banks: Repository<PartnerBank>,
    private readonly dataSource: DataSource,
    private readonly apiKeys: ApiKeysService,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {
    this.box = new SecretBox(config.secretEncryptionKey);
  }

  async create(dto: CreateBankDto, actorId: string | null): Promise<BankWithSecretResponse> {
    await this.validateWrite(dto.webhookUrl, dto.regionCodes);
    const secret = generateWebhookSecret();
    const taken = () =>
      DomainError.conflict(`Bank ${dto.code} already exists.`, [
        { path: 'code', code: 'taken', message: 'code is already used' },
      ]);
    return this.dataSource.transaction(async (em) => {
      const repo = em.getRepository(PartnerBank);
      // The unique index decides, also between concurrent creates of the same code.
      const bank = await repo
        .save(
          repo.create({
            code: dto.code,
            nameZh: dto.name.zh,
            nameEn: dto.name.en,
            regionCodes: dto.regionCodes,
            webhookUrl: dto.webhookUrl ?? null,
          }),
        )
        .catch((e: unknown) => {
          throw isUniqueViolation(e) ? taken() : e;
        });
      bank.webhookSecretEnc = this.box.seal(secret, secretAad(bank.id));
      await repo.save(bank);
      await this.audit.record(
        {
          actorId,
          action: 'bank.created',
          entityType: 'bank',
          entityKey: bank.code,
          changes: this.auditView(bank),
        },
        em,
      );
      return { ...toBankResponse(bank), webhookSecret: secret };
    });
  }

  async update(
    code: string,
    dto: UpdateBankDto,
    actorId: string | null,
  ): Promise<BankWithSecretResponse> {
    await this.validateWrite(dto.webhookUrl, dto.regionCodes);
    return this.dataSource.transaction(async (em) => {
      const repo = em.getRepository(PartnerBank);
      const bank = await repo.findOne({ where: { code }, lock: { mode: 'pessimistic_write' } });
      if (!bank) throw DomainError.notFound(`Bank ${code}`);
      const before = this.auditView(bank);
      if (dto.name) Object.assign(bank, { nameZh: dto.name.zh, nameEn: dto.name.en });
      if (dto.webhookUrl !== undefined) bank.webhookUrl = dto.webhookUrl;
      if (dto.regionCodes) bank.regionCodes = dto.regionCodes;
      if (dto.active !== undefined) bank.active = dto.active;
      if (dto.reenableWebhook) bank.webhookDisabledAt = null;
      let secret: string | undefined;
      if (dto.rotateWebhookSecret) {
        secret = generateWebhookSecret();
        bank.webhookSecretEnc = this.box.seal(secret, secretAad(bank.id));
      }
      await repo.save(bank);
      // The catalogue cache carries partner banks' names: a rename reaches every instance's copy.
      if (dto.name) await em.query(`SELECT pg_notify($1, $2)`, [CATALOG_CHANNEL, bank.code]);
      const changes: Record<string, unknown> = diffRecords(before, this.auditView(bank));
      if (secret) changes.webhookSecret = 'rotated';
      await this.audit.record(
        { actorId, action: 'bank.updated', entityType: 'bank', entityKey: bank.code, changes },
        em,
      );
      return { ...toBankResponse(bank), ...(secret ? { webhookSecret: secret } : {}) };
    });
  }

  /** The calling bank's own settings and today's figures (GET /bank/me). */
  async settings(bankId: string): Promise<BankSettingsResponse> {
    const bank = await this.banks.findOneByOrFail({ id: bankId });
    const { start, end } = shanghaiDay(this.clock.now());
    const [counts] = await this.dataSource.query<{ assigned: number; open: number }[]>(
      `SELECT (SELECT count(*)::int FROM referral_consent
                WHERE bank_id = $1 AND granted_at >= $2 AND granted_at < $3) AS assigned,
              (SELECT count(*)::int FROM referral WHERE bank_id = $1 AND status = ANY($4)) AS open`,
      [bank.id, start, end, OPEN_STATUSES],
    );
    return {
      code: bank.code,
      name: { zh: bank.nameZh, en: bank.nameEn },
      regionCodes: bank.regionCodes,
      acceptingReferrals: bank.acceptingReferrals,
      dailyCapacity: bank.dailyCapacity,
      contact: bank.contact,
      assignedToday: counts.assigned,
      openReferrals: counts.open,
    };
  }

  /** A bank pauses itself, sets its daily capacity or its contact (PATCH /bank/me); audited. */
  async updateSettings(
    caller: BankPrincipal,
    dto: UpdateBankSettingsDto,
  ): Promise<BankSettingsResponse> {
    await this.dataSource.transaction(async (em) => {
      const repo = em.getRepository(PartnerBank);
      // The same row lock routing takes, so a change and a submission never interleave.
      const bank = await repo.findOne({
        where: { id: caller.bankId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!bank) throw DomainError.notFound('Bank');
      const before = this.settingsView(bank);
      if (dto.acceptingReferrals !== undefined) bank.acceptingReferrals = dto.acceptingReferrals;
      if (dto.dailyCapacity !== undefined) bank.dailyCapacity = dto.dailyCapacity;
      if (dto.contact !== undefined)
        bank.contact = dto.contact
          ? { name: dto.contact.name, phone: dto.contact.phone, email: dto.contact.email }
          : null;
      await repo.save(bank);
      const changes = diffRecords(before, this.settingsView(bank));
      if (Object.keys(changes).length)
        await this.audit.record(
          {
            ...auditActor(caller),
            action: 'bank.settings_updated',
            entityType: 'bank',
            entityKey: bank.code,
            changes,
          },
          em,
        );
    });
    return this.settings(caller.bankId);
  }

  async list(query: PageQuery): Promise<Page<BankResponse>> {
    const page = await paginateByKey(
      this.banks.createQueryBuilder('b'),
      { column: 'b.code', kind: 'text', of: (b) => b.code },
      query,
    );
    return { items: page.items.map(toBankResponse), nextCursor: page.nextCursor };
  }

  async get(code: string): Promise<PartnerBank> {
    const bank = await this.banks.findOne({ where: { code } });
    if (!bank) throw DomainError.notFound(`Bank ${code}`);
    return bank;
  }

  /** Pass the caller's transaction as `em`: a second connection held meanwhile is one too many. */
  async findByCodes(codes: string[], em?: EntityManager): Promise<PartnerBank[]> {
    const banks = em ? em.getRepository(PartnerBank) : this.banks;
    return codes.length ? banks.find({ where: { code: In(codes) } }) : [];
  }

  /** The bank's current webhook secret, decrypted for signing. */
  webhookSecretOf(bank: PartnerBank): string | null {
    return bank.webhookSecretEnc ? this.box.open(bank.webhookSecretEnc, secretAad(bank.id)) : null;
  }

  async issueApiKey(code: string, actorId: string | null): Promise<ApiKeyIssuedResponse> {
    const bank = await this.get(code);
    const issued = await this.apiKeys.issue(bank.id);
    // Keyed by key id like the revocation, so a key's issue and revoke rows share one entity_key.
    await this.audit.record({
      actorId,
      action: 'api_key.issued',
      entityType: 'api_key',
      entityKey: `${code}:${issued.id}`,
      changes: { prefix: issued.prefix },
    });
    return {
      id: issued.id,
      apiKey: issued.apiKey,
      prefix: issued.prefix,
      createdAt: issued.createdAt.toISOString(),
    };
  }

  async listApiKeys(code: string, query: PageQuery): Promise<Page<ApiKeyResponse>> {
    const bank = await this.get(code);
    const page = await this.apiKeys.list(bank.id, query);
    return {
      items: page.items.map((k) => ({
        id: k.id,
        prefix: k.prefix,
        createdAt: k.createdAt.toISOString(),
        revokedAt: k.revokedAt?.toISOString() ?? null,
      })),
      nextCursor: page.nextCursor,
    };
  }

  async revokeApiKey(code: string, keyId: string, actorId: string | null): Promise<void> {
    const bank = await this.get(code);
    await this.apiKeys.revoke(bank.id, keyId);
    await this.audit.record({
      actorId,
      action: 'api_key.revoked',
      entityType: 'api_key',
      entityKey: `${code}:${keyId}`,
    });
  }

  private async validateWrite(
    webhookUrl: string | null | undefined,
    regionCodes: string[] | undefined,
  ): Promise<void> {
    const errors = (regionCodes ?? [])
      .map((c, i) => ({ c, i }))
      .filter(({ c }) => !isKnownRegion(c))
      .map(({ c, i }) => ({
        path: `regionCodes[${i}]`,
        code: 'unknown_region',
        message: `${c} is not a known Jiangxi city or county`,
      }));
    if (webhookUrl) {
      const check = await checkWebhookUrl(webhookUrl, {
        allowPrivate: this.config.webhooks.allowPrivateTargets,
      });
      if (!check.ok) {
        errors.push({
          path: 'webhookUrl',
          code: `webhook_url_${check.reason}`,
          message:
            check.reason === 'scheme' || check.reason === 'private_address'
              ? `webhook URL rejected: ${check.reason.replace('_', ' ')} (https and public addresses only; set WEBHOOK_ALLOW_PRIVATE_TARGETS=true to allow http and loopback or private addresses in development)`
              : `webhook URL rejected: ${check.reason.replace('_', ' ')} (https and public addresses only)`,
        });
      }
    }
    if (errors.length) throw DomainError.unacceptable(errors);
  }

  private settingsView(bank: PartnerBank): Record<string, unknown> {
    return {
      acceptingReferrals: bank.acceptingReferrals,
      dailyCapacity: bank.dailyCapacity,
      contact: bank.contact,
    };
  }

  private auditView(bank: PartnerBank): Record<string, unknown> {
    return {
      name: { zh: bank.nameZh, en: bank.nameEn },
      regionCodes: bank.regionCodes,
      webhookUrl: bank.webhookUrl,
      active: bank.active,
      webhookDisabledAt: bank.webhookDisabledAt?.toISOString() ?? null,
    };
  }
}
