import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { DomainError } from '../../common/errors/domain-error';
import { AuditService } from '../audit/audit.service';
import { PartnerBank } from '../partners/partner-bank.entity';
import { BankProductLink } from './bank-product.entity';
import { CATALOG_CHANNEL, CatalogCacheService, PartnerBankRef } from './catalog-cache.service';
import { FinancingProduct } from './financing-product.entity';

export interface BankProducts {
  bankCode: string;
  productCodes: string[];
}

/**
 * The links between banks and the products they take referrals for (the one source of truth for a
 * product's partner banks). Admins replace a bank's set without republishing any product.
 */
@Injectable()
export class BankProductsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cache: CatalogCacheService,
    private readonly audit: AuditService,
  ) {}

  async get(bankCode: string): Promise<BankProducts> {
    const bank = await this.dataSource.getRepository(PartnerBank).findOneBy({ code: bankCode });
    if (!bank) throw DomainError.notFound(`Bank ${bankCode}`);
    const links = await this.dataSource
      .getRepository(BankProductLink)
      .find({ where: { bankId: bank.id }, order: { productCode: 'ASC' } });
    return { bankCode, productCodes: links.map((l) => l.productCode) };
  }

  /** Replaces the bank's products with `productCodes` (audited with what was added and removed). */
  async replace(bankCode: string, productCodes: string[], actorId: string): Promise<BankProducts> {
    const result = await this.dataSource.transaction(async (em) => {
      const bank = await em
        .getRepository(PartnerBank)
        .findOne({ where: { code: bankCode }, lock: { mode: 'pessimistic_write' } });
      if (!bank) throw DomainError.notFound(`Bank ${bankCode}`);
      const known = productCodes.length
        ? await em.getRepository(FinancingProduct).findBy({ code: In(productCodes) })
        : [];
      const unknown = productCodes
        .map((code, i) => ({ code, i }))
        .filter(({ code }) => !known.some((p) => p.code === code));
      if (unknown.length) {
        throw DomainError.unacceptable(
          unknown.map(({ code, i }) => ({
            path: `productCodes[${i}]`,
            code: 'unknown_product',
            message: `product ${code} does not exist`,
          })),
        );
      }
      const repo = em.getRepository(BankProductLink);
      const current = (await repo.findBy({ bankId: bank.id })).map((l) => l.productCode);
      const added = productCodes.filter((c) => !current.includes(c)).sort();
      const removed = current.filter((c) => !productCodes.includes(c)).sort();
      if (removed.length) await repo.delete({ bankId: bank.id, productCode: In(removed) });
      if (added.length)
        await repo.insert(
          added.map((productCode) => ({ bankId: bank.id, productCode, createdBy: actorId })),
        );
      if (added.length || removed.length) {
        await this.audit.record(
          {
            actorId,
            action: 'bank_product.updated',
            entityType: 'bank_product',
            entityKey: bank.code,
            changes: { added, removed },
          },
          em,
        );
        await em.query(`SELECT pg_notify($1, $2)`, [CATALOG_CHANNEL, bank.code]);
      }
      return { bankCode: bank.code, productCodes: [...productCodes].sort() };
    });
    await this.cache.refresh();
    return result;
  }

  /** The product's partner bank codes, in code order. */
  /** The product's partner banks with their names, in code order. */
  async banksOf(em: EntityManager, productCode: string): Promise<PartnerBankRef[]> {
    const rows = await em.query<{ code: string; nameZh: string; nameEn: string }[]>(
      `SELECT b.code, b.name_zh AS "nameZh", b.name_en AS "nameEn"
         FROM bank_product l JOIN partner_bank b ON b.id = l.bank_id
        WHERE l.product_code = $1 ORDER BY b.code`,
      [productCode],
    );
    return rows.map((r) => ({ code: r.code, name: { zh: r.nameZh, en: r.nameEn } }));
  }

  async bankCodesOf(em: EntityManager, productCode: string): Promise<string[]> {
    const rows = await em.query<{ code: string }[]>(
      `SELECT b.code FROM bank_product l JOIN partner_bank b ON b.id = l.bank_id
        WHERE l.product_code = $1 ORDER BY b.code`,
      [productCode],
    );
    return rows.map((r) => r.code);
  }

  /**
   * Links a product to the banks a publication names. `replace`: an admin's publication whose draft
   * changed the partner banks sets them; `if_none`: the seeds add links only to a product that has
   * none, so an admin's links are never overwritten.
   */
  async linkOnPublish(
    em: EntityManager,
    productCode: string,
    bankCodes: string[],
    mode: 'replace' | 'if_none',
    actorId: string | null,
  ): Promise<void> {
    const before = await this.bankCodesOf(em, productCode);
    if (mode === 'if_none' && before.length) return;
    const banks = bankCodes.length
      ? await em.getRepository(PartnerBank).findBy({ code: In(bankCodes) })
      : [];
    const repo = em.getRepository(BankProductLink);
    await repo.delete({ productCode });
    if (banks.length)
      await repo.insert(banks.map((b) => ({ bankId: b.id, productCode, createdBy: actorId })));
    const after = banks.map((b) => b.code).sort();
    if (JSON.stringify(before) !== JSON.stringify(after))
      await this.audit.record(
        {
          actorId,
          action: 'product.partner_banks_linked',
          entityType: 'product',
          entityKey: productCode,
          changes: { partnerBankCodes: { from: before, to: after } },
        },
        em,
      );
  }
}
