import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { DomainError } from '../../common/errors/domain-error';
import { Clock } from '../../common/time/clock';
import { CatalogCacheService } from '../catalog/catalog-cache.service';
import { FinancingProduct, FinancingProductVersion } from '../catalog/financing-product.entity';
import { compileRule, validateRule, type CompiledRule, type Rule } from '../matching/engine';
import { ImpactTally } from './domain/impact';
import { ImpactResponse } from './dto/impact.dto';
import { enterpriseNames, streamEnterprises } from './enterprise-scan';
import { FactProjection } from './fact-projection';

/**
 * The impact preview (docs/impact.md): a candidate rule against the version in force, over the
 * latest profile of every enterprise, page by page. Stores nothing and tells no one.
 */
@Injectable()
export class ImpactService {
  constructor(
    @InjectRepository(FinancingProduct) private readonly products: Repository<FinancingProduct>,
    @InjectRepository(FinancingProductVersion)
    private readonly versions: Repository<FinancingProductVersion>,
    private readonly cache: CatalogCacheService,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async preview(code: string, version?: number): Promise<ImpactResponse> {
    const started = performance.now();
    const candidate = compileCandidate(await this.candidateRule(code, version));
    const asOf = this.clock.today();
    const inForce = this.cache.inForceByCode(code, this.clock.now(), asOf);
    const baseline = inForce?.matchable.compiled ?? null;
    const tally = new ImpactTally();
    const timings = { readMs: 0, deriveMs: 0, evaluateMs: 0 };
    // Only the facts the two rules read leave PostgreSQL (docs/impact.md).
    const projection = new FactProjection(
      [...candidate.factsRead, ...(baseline?.factsRead ?? [])],
      asOf,
    );
    const batches = streamEnterprises(this.dataSource, projection, {
      onRead: (ms) => (timings.readMs += ms),
    });
    for await (const batch of batches) {
      for (const row of batch) {
        const t0 = performance.now();
        const resolved = projection.resolve(row);
        const t1 = performance.now();
        const after = candidate.statusOf(resolved);
        const before = baseline ? baseline.statusOf(resolved) : 'none';
        timings.evaluateMs += performance.now() - t1;
        timings.deriveMs += t1 - t0;
        tally.add(row.id, before, after);
      }
    }
    const t2 = performance.now();
    const names = await enterpriseNames(this.dataSource.manager, tally.exampleIds());
    timings.readMs += performance.now() - t2;
    return {
      code,
      version: version ?? null,
      comparedToVersion: inForce?.version ?? null,
      asOf,
      ...tally.summary((id) => names.get(id) ?? ''),
      durationMs: Math.round(performance.now() - started),
      timings: {
        readMs: Math.round(timings.readMs),
        deriveMs: Math.round(timings.deriveMs),
        evaluateMs: Math.round(timings.evaluateMs),
      },
    };
  }

  /** The draft's rule, or a published version's; 404 for an unknown product or version. */
  private async candidateRule(code: string, version?: number): Promise<Rule> {
    const product = await this.products.findOneBy({ code });
    if (!product) throw DomainError.notFound(`Product ${code}`);
    if (version !== undefined) {
      const row = await this.versions.findOneBy({ productId: product.id, version });
      if (!row) throw DomainError.notFound(`Version ${version} of product ${code}`);
      return row.body.eligibility as Rule;
    }
    if (!product.draft) {
      throw new DomainError(
        'not_publishable',
        'There is no draft to preview; edit the product first, or name a published version.',
        { errors: [{ path: 'draft', code: 'no_draft', message: 'no pending draft' }] },
      );
    }
    return product.draft.eligibility as Rule;
  }
}

/** Compiles a candidate rule; 422 naming the bad node, as publishing would. */
function compileCandidate(rule: Rule): CompiledRule {
  const errors = validateRule(rule, 'eligibility', { allowBlankText: true });
  if (errors.length)
    throw new DomainError('invalid_rule', 'The eligibility rule is not valid.', { errors });
  return compileRule(rule);
}
