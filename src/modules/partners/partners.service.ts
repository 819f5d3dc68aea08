import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, In, Repository } from 'typeorm';
import { SecretBox } from '../../common/crypto/secret-box';
import { DomainError } from '../../common/errors/domain-error';
import { AppConfig } from '../../config/app-config';
import { AuditService, diffRecords } from '../audit/audit.service';
import { ApiKeysService } from '../auth/api-keys.service';
import { isKnownRegion } from '../enterprises/domain/regions';
import { checkWebhookUrl } from '../notifications/domain/ssrf-guard';
import { generateWebhookSecret } from '../notifications/domain/webhook-signature';
import {
  ApiKeyIssuedResponse,
  ApiKeyResponse,
  BankResponse,
  BankWithSecretResponse,
  CreateBankDto,
  UpdateBankDto,
} from './dto/bank.dto';
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
      const changes: Record<string, unknown> = diffRecords(before, this.auditView(bank));
      if (secret) changes.webhookSecret = 'rotated';
      await this.audit.record(
        { actorId, action: 'bank.updated', entityType: 'bank', entityKey: bank.code, changes },
        em,
      );
      return { ...toBankResponse(bank), ...(secret ? { webhookSecret: secret } : {}) };
    });
  }

  async list(): Promise<BankResponse[]> {
    return (await this.banks.find({ order: { code: 'ASC' } })).map(toBankResponse);
  }

  async get(code: string): Promise<PartnerBank> {
    const bank = await this.banks.findOne({ where: { code } });
    if (!bank) throw DomainError.notFound(`Bank ${code}`);
    return bank;
  }

  async findByCodes(codes: string[]): Promise<PartnerBank[]> {
    return codes.length ? this.banks.find({ where: { code: In(codes) } }) : [];
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

  async listApiKeys(code: string): Promise<ApiKeyResponse[]> {
    const bank = await this.get(code);
    return (await this.apiKeys.list(bank.id)).map((k) => ({
      id: k.id,
      prefix: k.prefix,
      createdAt: k.createdAt.toISOString(),
      revokedAt: k.revokedAt?.toISOString() ?? null,
    }));
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
          message: `webhook URL rejected: ${check.reason.replace('_', ' ')} (https and public addresses only)`,
        });
      }
    }
    if (errors.length) throw DomainError.unacceptable(errors);
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
