import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { DomainError } from '../../common/errors/domain-error';
import { Clock } from '../../common/time/clock';
import { AppConfig } from '../../config/app-config';
import { CatalogCacheService } from '../catalog/catalog-cache.service';
import { DerivedFacts, deriveFacts, toFacts } from '../enterprises/domain/derived-facts';
import { profileFieldsFor, questionFieldsOf } from '../enterprises/domain/fact-inputs';
import type { EnterpriseProfile } from '../enterprises/domain/profile';
import { ENGINE_VERSION, matchAndAsk, matchProducts, MatchResult, type Question } from './engine';
import { MatchRunResponse } from './dto/match.response';
import { MatchRun } from './match-run.entity';
import { outcomesOf, recordMatchStatuses } from './product-match-status.entity';
import { INSUFFICIENT_DATA, type ProductOutlook } from '../outcomes/domain/outcomes';
import { OutcomesService } from '../outcomes/outcomes.service';
import { isUuid } from '../../common/http/ids';

export interface Evaluation {
  asOf: string;
  derived: DerivedFacts;
  results: MatchResult[];
  /** The shortest interview: the fields that would settle the needs_info results. */
  questions: Question[];
  productVersions: { code: string; version: number }[];
}

export function toMatchRunResponse(run: MatchRun): MatchRunResponse {
  return {
    id: run.id,
    enterpriseId: run.enterpriseId,
    enterpriseVersion: run.enterpriseVersion,
    engineVersion: run.engineVersion,
    asOf: run.asOf,
    createdAt: run.createdAt.toISOString(),
    derived: run.derived as never,
    // Runs stored before outlooks existed read as having too little data to show one.
    results: run.results.map((r) => ({ outlook: { ...INSUFFICIENT_DATA }, ...r })) as never,
    questions: run.questions ?? [],
  };
}

/** missingFacts as profile fields the SME can fill in (sizeClass → the missing size indicators …). */
function withActionableFacts(result: MatchResult, derived: DerivedFacts): MatchResult {
  return result.missingFacts.length
    ? { ...result, missingFacts: profileFieldsFor(result.missingFacts, derived) }
    : result;
}

/** Loads the compiled catalogue, calls the pure engine, persists runs. */
@Injectable()
export class MatchingService {
  constructor(
    private readonly catalog: CatalogCacheService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    @InjectRepository(MatchRun) private readonly runs: Repository<MatchRun>,
    private readonly outcomes: OutcomesService,
  ) {}

  /**
   * Each result with its product's outlook (docs/outcomes.md): all products' outlooks come from one
   * cached aggregate, never a query per product.
   */
  async withOutlooks<T extends { productCode: string }>(
    results: T[],
  ): Promise<(T & { outlook: ProductOutlook })[]> {
    const outlooks = await this.outcomes.outlooks();
    // Object.assign rather than `{ ...r, outlook }`: a key added after a spread cost V8 on Node
    // 20 over a microsecond per result (ten per preview), the copy by assignment a tenth of that.
    return results.map((r) =>
      Object.assign({}, r, { outlook: this.outcomes.outlookOf(outlooks, r.productCode) }),
    );
  }

  /** Evaluates every product in force today against a profile. Pure of side effects. */
  evaluate(profile: EnterpriseProfile): Evaluation {
    const asOf = this.clock.today();
    const derived = deriveFacts(profile, asOf);
    const products = this.catalog.inForce(this.clock.now(), asOf).map((v) => v.matchable);
    const answer = matchAndAsk(products, toFacts(profile, derived), {
      asOf,
      lpr1yBp: this.config.matching.lpr1yBp,
      fieldsOf: questionFieldsOf(derived),
    });
    return {
      asOf,
      derived,
      results: answer.results.map((r) => withActionableFacts(r, derived)),
      questions: answer.questions,
      productVersions: products.map((p) => ({ code: p.code, version: p.version })),
    };
  }

  /**
   * Evaluates one product's version in force today (for a referral's eligibility re-check);
   * undefined when the product is not offered today.
   */
  evaluateOne(
    profile: EnterpriseProfile,
    productCode: string,
  ): { result: MatchResult; asOf: string } | undefined {
    const asOf = this.clock.today();
    const version = this.catalog.inForceByCode(productCode, this.clock.now(), asOf);
    if (!version) return undefined;
    const derived = deriveFacts(profile, asOf);
    const [result] = matchProducts([version.matchable], toFacts(profile, derived), {
      asOf,
      lpr1yBp: this.config.matching.lpr1yBp,
    });
    return result ? { result: withActionableFacts(result, derived), asOf } : undefined;
  }

  async storeRun(
    enterpriseId: string,
    enterpriseVersion: number,
    profile: EnterpriseProfile,
  ): Promise<MatchRunResponse> {
    const e = this.evaluate(profile);
    const run = await this.runs.save(
      this.runs.create({
        enterpriseId,
        enterpriseVersion,
        engineVersion: ENGINE_VERSION,
        asOf: e.asOf,
        productVersions: e.productVersions,
        derived: e.derived,
        results: await this.withOutlooks(e.results),
        questions: e.questions,
      }),
    );
    await this.recordStatuses(enterpriseId, e);
    return toMatchRunResponse(run);
  }

  /**
   * Records the enterprise's status for every product in force (after a profile update or a match
   * run): a re-match after a rule change measures "changed" against it (docs/impact.md).
   */
  async refreshStatuses(enterpriseId: string, profile: EnterpriseProfile): Promise<void> {
    await this.recordStatuses(enterpriseId, this.evaluate(profile));
  }

  private async recordStatuses(enterpriseId: string, e: Evaluation): Promise<void> {
    await recordMatchStatuses(
      this.runs.manager,
      e.results.map((r) => ({
        enterpriseId,
        productCode: r.productCode,
        productVersion: r.productVersion,
        status: r.status,
        outcomes: outcomesOf(r.criteria),
      })),
    );
  }

  async getRun(id: string): Promise<MatchRun> {
    const run = isUuid(id) ? await this.runs.findOneBy({ id }) : null;
    if (!run) throw DomainError.notFound('Match run');
    return run;
  }
}
