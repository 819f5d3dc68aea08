import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import { DomainError } from '../../common/errors/domain-error';
import { Page, PageQuery, paginate } from '../../common/http/pagination';
import { PartnerBank } from '../partners/partner-bank.entity';
import { BankApiKey } from './bank-api-key.entity';

const KEY_PATTERN = /^sfm_([a-z0-9]{12})_([A-Za-z0-9_-]{43})$/;

function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

@Injectable()
export class ApiKeysService {
  constructor(
    @InjectRepository(BankApiKey) private readonly keys: Repository<BankApiKey>,
    @InjectRepository(PartnerBank) private readonly banks: Repository<PartnerBank>,
  ) {}

  /** Issues a key for a bank; the plain key is returned once and never stored. */
  async issue(
    bankId: string,
  ): Promise<{ id: string; apiKey: string; prefix: string; createdAt: Date }> {
    const prefix = randomBytes(9)
      .toString('base64url')
      .toLowerCase()
      .replace(/[^a-z0-9]/g, 'x')
      .slice(0, 12);
    const apiKey = `sfm_${prefix}_${randomBytes(32).toString('base64url')}`;
    const row = await this.keys.save(this.keys.create({ bankId, prefix, keyHash: sha256(apiKey) }));
    return { id: row.id, apiKey, prefix, createdAt: row.createdAt };
  }

  async revoke(bankId: string, keyId: string): Promise<void> {
    const result = await this.keys.update(
      { id: keyId, bankId, revokedAt: IsNull() },
      { revokedAt: new Date() },
    );
    if (!result.affected) throw DomainError.notFound('API key');
  }

  /** The bank's keys, newest first. */
  list(bankId: string, query: PageQuery): Promise<Page<BankApiKey>> {
    return paginate(
      this.keys.createQueryBuilder('k').where('k.bank_id = :bankId', { bankId }),
      'k',
      query,
    );
  }

  /** Resolves a presented key to its active bank, or null. Constant-time hash comparison. */
  async authenticate(presented: string): Promise<{ bank: PartnerBank; keyId: string } | null> {
    const match = KEY_PATTERN.exec(presented);
    if (!match) return null;
    const row = await this.keys.findOne({ where: { prefix: match[1] }, relations: { bank: true } });
    if (!row || row.revokedAt || !row.bank?.active) return null;
    const expected = Buffer.from(row.keyHash, 'hex');
    const actual = Buffer.from(sha256(presented), 'hex');
    if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return null;
    return { bank: row.bank, keyId: row.id };
  }
}
