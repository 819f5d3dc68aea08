import { isDeepStrictEqual } from 'node:util';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { DomainError } from '../../common/errors/domain-error';
import { Page, PageQuery, paginateByKey, paginateInMemory } from '../../common/http/pagination';
import { Clock } from '../../common/time/clock';
import { AuditService, diffRecords } from '../audit/audit.service';
import { validateLimits, validateRule } from '../matching/engine';
import { PartnersService } from '../partners/partners.service';
import { queueRematch } from '../rematch/rematch-run.entity';
import { BankProductsService } from './bank-products.service';
import {
  CATALOG_CHANNEL,
  CatalogCacheService,
  CachedVersion,
  PartnerBankRef,
} from './catalog-cache.service';
import {
  AdminProductResponse,
  ProductResponse,
  ProductVersionSummary,
  PublishResponse,
  VersionDiffResponse,
} from './dto/product.dto';
import { FinancingProduct, FinancingProductVersion } from './financing-product.entity';
import { PRODUCT_BODY_KEYS, ProductBody, publishIssues } from './product-body';

type Status = 'draft' | 'published' | 'retired';

export function statusOf(p: FinancingProduct): Status {
  return p.retiredAt ? 'retired' : p.latestVersion > 0 ? 'published' : 'draft';
}

/** The public shape of a product body (docs/api.md Product), with the fields in a stable order. */
export function toProductResponse(
  code: string,
  body: ProductBody,
  status: Status,
  version: number,
  partnerBanks?: PartnerBankRef[],
): ProductResponse {
  const out: Record<string, unknown> = { code };
  for (const key of PRODUCT_BODY_KEYS) {
    if (body[key] !== undefined) out[key] = body[key];
    if (key === 'partnerBankCodes' && partnerBanks) out.partnerBanks = partnerBanks;
  }
  return { ...(out as unknown as ProductResponse), status, version };
}

/** Only the body fields, in a stable order (drops anything else a DTO instance may carry). */
function pickBody(input: Partial<ProductBody>): Partial<ProductBody> {
  const out: Partial<ProductBody> = {};
  for (const key of PRODUCT_BODY_KEYS)
    if (input[key] !== undefined) (out as Record<string, unknown>)[key] = input[key];
  return out;
}

/** Body fields a product always has: PATCH may change them but not clear them with null. */
const REQUIRED_KEYS: readonly (keyof ProductBody)[] = [
  'name',
  'category',
  'administrator',
  'summary',
  'rate',
  'collateral',
  'eligibility',
  'partnerBankCodes',
  'sourceUrls',
  'provisional',
];

@Injectable()
export class CatalogService {
  constructor(
    @InjectRepository(FinancingProduct) private readonly products: Repository<FinancingProduct>,
    @InjectRepository(FinancingProductVersion)
    private readonly versions: Repository<FinancingProductVersion>,
    private readonly dataSource: DataSource,
    private readonly cache: CatalogCacheService,
    private readonly partners: PartnersService,
    private readonly links: BankProductsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  // ---- public catalogue -------------------------------------------------------------------------

  listPublished(filter: { category?: string; q?: string } & PageQuery): Page<ProductResponse> {
    const q = filter.q?.trim().toLowerCase();
    const matching = this.cache
      .inForce(this.clock.now(), this.clock.today())
      .filter((v) => !filter.category || v.body.category === filter.category)
      .filter(
        (v) =>
          !q ||
          v.body.name.zh.toLowerCase().includes(q) ||
          v.body.name.en.toLowerCase().includes(q),
      );
    // The cache is small and kept in code order, so the page is cut in memory.
    const page = paginateInMemory(matching, (v) => v.code, filter);
    return {
      items: page.items.map((v) =>
        toProductResponse(v.code, v.body, 'published', v.version, v.partnerBanks),
      ),
      nextCursor: page.nextCursor,
    };
  }

  getPublished(code: string): ProductResponse {
    const v = this.inForce(code);
    if (!v) throw DomainError.notFound(`Product ${code}`);
    return toProductResponse(v.code, v.body, 'published', v.version, v.partnerBanks);
  }

  /** The version in force now, or undefined (not published, retired, or outside its window). */
  inForce(code: string): CachedVersion | undefined {
    return this.cache.inForceByCode(code, this.clock.now(), this.clock.today());
  }

  // ---- admin ------------------------------------------------------------------------------------

  async create(
    code: string,
    input: ProductBody,
    actorId: string | null,
  ): Promise<AdminProductResponse> {
    const body = pickBody(input) as ProductBody;
    await this.validateBody(body);
    return this.dataSource.transaction(async (em) => {
      const repo = em.getRepository(FinancingProduct);
      const inserted = await repo
        .createQueryBuilder()
        .insert()
        .values({ code, draft: body })
        .orIgnore()
        .returning('*')
        .execute();
      if (!inserted.raw[0]) {
        throw DomainError.conflict(`Product ${code} already exists.`, [
          { path: 'code', code: 'taken', message: 'code is already used' },
        ]);
      }
      await this.audit.record(
        {
          actorId,
          action: 'product.created',
          entityType: 'product',
          entityKey: code,
          changes: { draft: body },
        },
        em,
      );
      return this.adminView(em, await repo.findOneByOrFail({ code }));
    });
  }

  async update(
    code: string,
    patch: Partial<ProductBody>,
    actorId: string | null,
  ): Promise<AdminProductResponse> {
    const nulled = REQUIRED_KEYS.filter((k) => patch[k] === null);
    if (nulled.length) {
      throw DomainError.invalid(
        nulled.map((k) => ({ path: k, code: 'required', message: `${k} cannot be cleared` })),
      );
    }
    return this.dataSource.transaction(async (em) => {
      const product = await this.lock(em, code);
      const base = product.draft ?? (await this.latestBody(em, product));
      if (!base) throw DomainError.notFound(`Product ${code}`);
      const next = pickBody({ ...base, ...pickBody(patch) }) as ProductBody;
      // A field sent as null is stored as null (it clears an optional field).
      await this.validateBody(next);
      product.draft = next;
      await em.getRepository(FinancingProduct).save(product);
      await this.audit.record(
        {
          actorId,
          action: 'product.draft_updated',
          entityType: 'product',
          entityKey: code,
          changes: diffRecords(base as never, next as never),
        },
        em,
      );
      return this.adminView(em, product);
    });
  }

  async publish(code: string, actorId: string | null): Promise<PublishResponse> {
    const result = await this.dataSource.transaction(async (em) => {
      const product = await this.lock(em, code);
      if (!product.draft) {
        throw new DomainError(
          'not_publishable',
          'There is no draft to publish; edit the product first.',
          { errors: [{ path: 'draft', code: 'no_draft', message: 'no pending draft' }] },
        );
      }
      const issues = publishIssues(product.draft);
      const banks = await this.partners.findByCodes(product.draft.partnerBankCodes, em);
      for (const [i, c] of product.draft.partnerBankCodes.entries()) {
        if (!banks.some((b) => b.code === c))
          issues.push({
            path: `partnerBankCodes[${i}]`,
            code: 'unknown_bank',
            message: `bank ${c} does not exist`,
          });
      }
      if (issues.length)
        throw new DomainError('not_publishable', 'The draft cannot be published yet.', {
          errors: issues,
        });
      const version = product.latestVersion + 1;
      await em.getRepository(FinancingProductVersion).insert({
        productId: product.id,
        version,
        body: product.draft,
        validFrom: product.draft.validFrom ?? null,
        validTo: product.draft.validTo ?? null,
        publishedBy: actorId,
        publishedAt: this.clock.now(),
      });
      const previous = await this.latestBody(em, product);
      // The links are the partner banks from now on. An admin whose draft changed the banks sets
      // them; otherwise (and always for the seeds) links are only created where there are none.
      const banksChanged =
        previous !== null &&
        !isDeepStrictEqual(
          [...previous.partnerBankCodes].sort(),
          [...product.draft.partnerBankCodes].sort(),
        );
      await this.links.linkOnPublish(
        em,
        code,
        product.draft.partnerBankCodes,
        actorId !== null && banksChanged ? 'replace' : 'if_none',
        actorId,
      );
      product.latestVersion = version;
      product.draft = null;
      product.retiredAt = null;
      await em.getRepository(FinancingProduct).save(product);
      await this.audit.record(
        {
          actorId,
          action: 'product.published',
          entityType: 'product',
          entityKey: code,
          changes: { version, ...(previous ? {} : { first: true }) },
        },
        em,
      );
      // Every enterprise is evaluated against the new version in the background (docs/impact.md).
      // The seed's first versions are not: they arrive with a fresh installation, before anyone.
      if (actorId !== null || version > 1)
        await queueRematch(em, {
          productCode: code,
          productVersion: version,
          kind: 'publish',
          at: this.clock.now(),
        });
      await em.query(`SELECT pg_notify($1, $2)`, [CATALOG_CHANNEL, code]);
      return { code, version };
    });
    await this.cache.refresh();
    return result;
  }

  async retire(code: string, actorId: string | null): Promise<AdminProductResponse> {
    const view = await this.dataSource.transaction(async (em) => {
      const product = await this.lock(em, code);
      if (product.retiredAt) return this.adminView(em, product);
      product.retiredAt = this.clock.now();
      await em.getRepository(FinancingProduct).save(product);
      await this.audit.record(
        { actorId, action: 'product.retired', entityType: 'product', entityKey: code },
        em,
      );
      if (product.latestVersion > 0)
        await queueRematch(em, {
          productCode: code,
          productVersion: product.latestVersion,
          kind: 'retire',
          at: this.clock.now(),
        });
      await em.query(`SELECT pg_notify($1, $2)`, [CATALOG_CHANNEL, code]);
      return this.adminView(em, product);
    });
    await this.cache.refresh();
    return view;
  }

  async adminList(
    status: Status | undefined,
    query: PageQuery,
  ): Promise<Page<AdminProductResponse>> {
    const qb = this.products.createQueryBuilder('p');
    // 'draft' lists products with a pending draft; the others match statusOf.
    if (status === 'draft') qb.where('p.draft IS NOT NULL AND p.retired_at IS NULL');
    if (status === 'published') qb.where('p.retired_at IS NULL AND p.latest_version > 0');
    if (status === 'retired') qb.where('p.retired_at IS NOT NULL');
    const page = await paginateByKey(
      qb,
      { column: 'p.code', kind: 'text', of: (p) => p.code },
      query,
    );
    return {
      items: await Promise.all(page.items.map((p) => this.adminView(this.dataSource.manager, p))),
      nextCursor: page.nextCursor,
    };
  }

  async adminGet(code: string): Promise<AdminProductResponse> {
    const product = await this.products.findOneBy({ code });
    if (!product) throw DomainError.notFound(`Product ${code}`);
    return this.adminView(this.dataSource.manager, product);
  }

  async versionHistory(code: string, query: PageQuery): Promise<Page<ProductVersionSummary>> {
    const product = await this.products.findOneBy({ code });
    if (!product) throw DomainError.notFound(`Product ${code}`);
    const page = await paginateByKey(
      this.versions.createQueryBuilder('v').where('v.product_id = :id', { id: product.id }),
      { column: 'v.version', kind: 'int', of: (v) => v.version },
      query,
    );
    return {
      nextCursor: page.nextCursor,
      items: page.items.map((v) => ({
        version: v.version,
        publishedAt: v.publishedAt.toISOString(),
        publishedBy: v.publishedBy,
        validFrom: v.validFrom,
        validTo: v.validTo,
      })),
    };
  }

  async version(code: string, version: number): Promise<ProductResponse> {
    const row = await this.findVersion(code, version);
    return toProductResponse(code, row.body, 'published', row.version);
  }

  async diff(code: string, from: number, to: number): Promise<VersionDiffResponse> {
    const [a, b] = await Promise.all([this.findVersion(code, from), this.findVersion(code, to)]);
    return { code, from, to, changes: diffRecords(a.body as never, b.body as never) };
  }

  /** Upserts one seed product: creates and publishes it, or publishes a new version when the seed
   * changed and the product was last published by the seed (an admin's edits are never overwritten). */
  async applySeed(
    code: string,
    body: ProductBody,
  ): Promise<'created' | 'updated' | 'unchanged' | 'kept'> {
    const existing = await this.products.findOneBy({ code });
    if (!existing) {
      await this.create(code, body, null);
      await this.publish(code, null);
      return 'created';
    }
    const latest = await this.versions.findOneBy({
      productId: existing.id,
      version: existing.latestVersion,
    });
    // Content, not text: jsonb stores object keys in its own order (shorter keys first), so the
    // stored body never serialises like the seed does. isDeepStrictEqual ignores key order.
    const unchanged = latest && isDeepStrictEqual(latest.body, pickBody(body));
    if (unchanged || (latest && latest.publishedBy !== null)) {
      // A product without links (e.g. published before links existed) gets the seed's banks.
      await this.dataSource.transaction((em) =>
        this.links.linkOnPublish(em, code, body.partnerBankCodes, 'if_none', null),
      );
      return unchanged ? 'unchanged' : 'kept';
    }
    await this.update(code, body, null);
    await this.publish(code, null);
    return 'updated';
  }

  private async findVersion(code: string, version: number): Promise<FinancingProductVersion> {
    const row = await this.versions
      .createQueryBuilder('v')
      .innerJoin('v.product', 'p')
      .where('p.code = :code AND v.version = :version', { code, version })
      .getOne();
    if (!row) throw DomainError.notFound(`Version ${version} of product ${code}`);
    return row;
  }

  private async lock(em: EntityManager, code: string): Promise<FinancingProduct> {
    const product = await em
      .getRepository(FinancingProduct)
      .findOne({ where: { code }, lock: { mode: 'pessimistic_write' } });
    if (!product) throw DomainError.notFound(`Product ${code}`);
    return product;
  }

  private async latestBody(
    em: EntityManager,
    product: FinancingProduct,
  ): Promise<ProductBody | null> {
    if (product.latestVersion === 0) return null;
    const row = await em
      .getRepository(FinancingProductVersion)
      .findOneBy({ productId: product.id, version: product.latestVersion });
    return row?.body ?? null;
  }

  private async adminView(
    em: EntityManager,
    product: FinancingProduct,
  ): Promise<AdminProductResponse> {
    const status = statusOf(product);
    const [latest, banks] = await Promise.all([
      this.latestBody(em, product),
      this.links.banksOf(em, product.code),
    ]);
    return {
      code: product.code,
      status,
      latestVersion: product.latestVersion,
      hasDraft: product.draft !== null,
      draft: product.draft
        ? toProductResponse(product.code, product.draft, 'draft', product.latestVersion)
        : null,
      published: latest
        ? toProductResponse(
            product.code,
            { ...latest, partnerBankCodes: banks.map((b) => b.code) },
            status,
            product.latestVersion,
            banks,
          )
        : null,
    };
  }

  /** 422 for a rule the engine rejects (with the JSON path of the bad node); blank translations wait for publish. */
  private async validateBody(body: ProductBody): Promise<void> {
    const errors = [
      ...validateRule(body.eligibility, 'eligibility', { allowBlankText: true }),
      ...validateLimits(body.limits, 'limits', { allowBlankText: true }),
    ];
    if (errors.length)
      throw new DomainError('invalid_rule', 'The eligibility rule or a limit is not valid.', {
        errors,
      });
  }
}
