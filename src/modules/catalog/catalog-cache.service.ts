import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import { PgListenerService } from '../../database/pg-listener.service';
import { retryWhileDatabaseUnavailable } from '../../database/startup-retry';
import {
  compileLimits,
  compileRule,
  type CompiledLimit,
  type CompiledRule,
  type MatchableProduct,
} from '../matching/engine';
import { FinancingProduct, FinancingProductVersion } from './financing-product.entity';
import type { ProductBody } from './product-body';

/** A published version, compiled once and kept in memory for the matcher and the public catalogue. */
export interface CachedVersion {
  code: string;
  version: number;
  body: ProductBody;
  /** The product's partner banks (its links) with their names, in code order. */
  partnerBanks: PartnerBankRef[];
  publishedAt: Date;
  matchable: MatchableProduct;
}

/** A partner bank by code and name (what SMEs read instead of the code). */
export interface PartnerBankRef {
  code: string;
  name: { zh: string; en: string };
}

export const CATALOG_CHANNEL = 'catalog_changed';
const SAFETY_REFRESH_MS = 60_000;

/**
 * Published products compiled once per version. Refreshed when this instance publishes or retires,
 * when any other instance does (PostgreSQL LISTEN/NOTIFY on `catalog_changed`), and every minute
 * as a safety net should a notification be missed.
 */
@Injectable()
export class CatalogCacheService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(CatalogCacheService.name);
  /** Every published version of every product that is not retired, by code, oldest first. */
  private versions = new Map<string, CachedVersion[]>();
  private readonly compiled = new Map<string, CompiledVersion>(); // key: code@version
  private loading: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    @InjectRepository(FinancingProduct) private readonly products: Repository<FinancingProduct>,
    @InjectRepository(FinancingProductVersion)
    private readonly productVersions: Repository<FinancingProductVersion>,
    private readonly listener: PgListenerService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // Nothing can be matched without it: a PostgreSQL restarting meanwhile delays the start.
    await retryWhileDatabaseUnavailable('catalogue cache', () => this.refresh(), {
      logger: this.logger,
    });
    // Also called after the listener reconnects: changes announced meanwhile were not heard.
    await this.listener.subscribe(
      CATALOG_CHANNEL,
      () =>
        void this.refresh().catch((e: Error) => this.logger.warn(`refresh failed: ${e.message}`)),
    );
    this.timer = setInterval(() => void this.refresh().catch(() => undefined), SAFETY_REFRESH_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Reloads from the database; concurrent callers share one load. */
  refresh(): Promise<void> {
    this.loading ??= this.load().finally(() => (this.loading = null));
    return this.loading;
  }

  /** The version in force at `at` for each product (see effectiveVersion). */
  inForce(at: Date, asOf: string): CachedVersion[] {
    const out: CachedVersion[] = [];
    for (const list of this.versions.values()) {
      const v = effectiveVersion(list, at, asOf);
      if (v) out.push(v);
    }
    return out; // in code order: the map is built sorted, so no request sorts
  }

  inForceByCode(code: string, at: Date, asOf: string): CachedVersion | undefined {
    const list = this.versions.get(code);
    return list ? effectiveVersion(list, at, asOf) : undefined;
  }

  private async load(): Promise<void> {
    const live = await this.products.find({ where: { retiredAt: IsNull() } });
    const ids = live.filter((p) => p.latestVersion > 0).map((p) => p.id);
    const rows = ids.length
      ? await this.productVersions
          .createQueryBuilder('v')
          .innerJoin('v.product', 'p')
          .addSelect('p.code', 'code')
          .where('v.product_id IN (:...ids)', { ids })
          .orderBy('v.version', 'ASC')
          .getRawAndEntities()
      : { entities: [], raw: [] };
    const codeById = new Map(live.map((p) => [p.id, p.code]));
    // A product's partner banks are its links (bank_product), not what a version was published with.
    // With the banks' names, so that no answer looks a bank up by code.
    const links = await this.products.query<
      { productCode: string; bankCode: string; nameZh: string; nameEn: string }[]
    >(
      `SELECT l.product_code AS "productCode", b.code AS "bankCode",
              b.name_zh AS "nameZh", b.name_en AS "nameEn"
         FROM bank_product l JOIN partner_bank b ON b.id = l.bank_id ORDER BY b.code`,
    );
    const banksOf = new Map<string, PartnerBankRef[]>();
    for (const l of links)
      banksOf.set(l.productCode, [
        ...(banksOf.get(l.productCode) ?? []),
        { code: l.bankCode, name: { zh: l.nameZh, en: l.nameEn } },
      ]);
    const next = new Map<string, CachedVersion[]>();
    for (const v of rows.entities) {
      const code = codeById.get(v.productId)!;
      const key = `${code}@${v.version}`;
      let compiled = this.compiled.get(key);
      if (!compiled) {
        try {
          compiled = {
            rule: compileRule(v.body.eligibility),
            limits: compileLimits(v.body.limits),
          };
        } catch (e) {
          // Rules are validated on write; one bad stored version must not freeze the whole catalogue.
          this.logger.error(`cannot compile ${key}; it is not offered: ${(e as Error).message}`);
          continue;
        }
        this.compiled.set(key, compiled);
      }
      const list = next.get(code) ?? [];
      list.push({
        code,
        version: v.version,
        body: { ...v.body, partnerBankCodes: (banksOf.get(code) ?? []).map((b) => b.code) },
        partnerBanks: banksOf.get(code) ?? [],
        publishedAt: v.publishedAt,
        matchable: toMatchable(code, v, compiled),
      });
      next.set(code, list);
    }
    this.versions = new Map([...next].sort(([a], [b]) => a.localeCompare(b)));
  }
}

/**
 * The version customers see at instant `at` (day `asOf`): the newest published version whose
 * validFrom has come (publishing ahead of validFrom schedules it and keeps the previous one live),
 * unless that version's validTo has passed.
 */
export function effectiveVersion(
  list: CachedVersion[],
  at: Date,
  asOf: string,
): CachedVersion | undefined {
  for (let i = list.length - 1; i >= 0; i--) {
    const v = list[i];
    if (v.publishedAt > at) continue;
    const from = v.body.validFrom ?? null;
    if (from !== null && asOf < from) continue;
    const to = v.body.validTo ?? null;
    return to !== null && asOf > to ? undefined : v;
  }
  return undefined;
}

/** A version's eligibility rule and conditional limits, compiled together. */
interface CompiledVersion {
  rule: CompiledRule;
  limits: CompiledLimit[];
}

function toMatchable(
  code: string,
  v: FinancingProductVersion,
  compiled: CompiledVersion,
): MatchableProduct {
  const b = v.body;
  return {
    code,
    version: v.version,
    provisional: b.provisional,
    compiled: compiled.rule,
    limits: compiled.limits,
    validFrom: b.validFrom ?? null,
    validTo: b.validTo ?? null,
    terms: {
      amountMinYuan: b.amountMinYuan,
      amountMaxYuan: b.amountMaxYuan,
      termMonthsMax: b.termMonthsMax,
      rate: b.rate,
      collateral: b.collateral,
      guaranteeFeeMaxBp: b.guaranteeFeeMaxBp,
    },
  };
}
