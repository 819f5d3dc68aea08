import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { DomainError } from '../../common/errors/domain-error';
import { Clock } from '../../common/time/clock';
import { FinancingProduct, FinancingProductVersion } from '../catalog/financing-product.entity';
import type { ProductBody } from '../catalog/product-body';
import { derivedFactsAsOf, toFacts } from '../enterprises/domain/derived-facts';
import {
  compileRule,
  resolveFacts,
  type CompiledRule,
  type Outcome,
  type Rule,
  type Text,
} from '../matching/engine';
import {
  MatchStatusRecord,
  outcomesOf,
  recordMatchStatuses,
  RecordedMatchStatus,
} from '../matching/product-match-status.entity';
import { NotificationsService } from '../notifications/notifications.service';
import { changedCriteria, conditionLabels, shouldNotify } from './domain/impact';
import { RematchProgressResponse } from './dto/impact.dto';
import { scanPage } from './enterprise-scan';
import { RematchRun } from './rematch-run.entity';

/** A product version, compiled, with its conditions' labels (to name the criteria that changed). */
interface PreparedVersion {
  version: number;
  name: Text;
  compiled: CompiledRule;
  labels: Map<string, Text>;
}

/** What a run evaluates: the new version (null: retired) and the one it replaces. */
interface RunContext {
  next: PreparedVersion | null;
  previous: PreparedVersion | null;
  name: Text;
}

export function toProgress(run: RematchRun): RematchProgressResponse {
  return {
    code: run.productCode,
    version: run.productVersion,
    kind: run.kind,
    state: run.state,
    total: run.total,
    done: run.done,
    changed: run.changed,
    notified: run.notified,
    queuedAt: run.queuedAt.toISOString(),
    startedAt: run.startedAt?.toISOString() ?? null,
    finishedAt: run.finishedAt?.toISOString() ?? null,
  };
}

/**
 * The re-match after a publish or a retirement (docs/impact.md). Each page is one transaction: it
 * locks the run, reads the page after the run's cursor, records every enterprise's status, tells
 * each SME whose eligibility changed, and moves the cursor. Two workers on one run take turns on
 * the lock; a worker that dies loses only its uncommitted page; a notification's dedupe key
 * (enterprise, product, version, kind) makes a second telling impossible even so.
 */
@Injectable()
export class RematchService {
  private readonly logger = new Logger(RematchService.name);
  private readonly contexts = new Map<string, RunContext>();

  constructor(
    @InjectRepository(RematchRun) private readonly runs: Repository<RematchRun>,
    private readonly dataSource: DataSource,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
  ) {}

  /** The latest run of a product; 404 when the product is unknown or was never re-matched. */
  async progress(code: string): Promise<RematchProgressResponse> {
    const run = await this.runs.findOne({
      where: { productCode: code },
      order: { queuedAt: 'DESC', productVersion: 'DESC' },
    });
    if (!run) throw DomainError.notFound(`A re-match of product ${code}`);
    return toProgress(run);
  }

  /** Runs waiting for a worker: per product only the oldest, so versions are matched in order. */
  async pendingRunIds(): Promise<string[]> {
    const rows = await this.dataSource.query<{ id: string }[]>(
      `SELECT r.id FROM rematch_run r
        WHERE r.state <> 'done'
          AND NOT EXISTS (SELECT 1 FROM rematch_run o
                           WHERE o.product_code = r.product_code AND o.state <> 'done'
                             AND (o.queued_at, o.id) < (r.queued_at, r.id))
        ORDER BY r.queued_at`,
    );
    return rows.map((r) => r.id);
  }

  /**
   * Works through a run page by page until it is done or `stop()` says to stop (shutdown); the
   * next worker continues from the last committed page.
   */
  async run(runId: string, opts: { pageSize: number; stop?: () => boolean }): Promise<void> {
    try {
      while (!opts.stop?.()) {
        const more = await this.dataSource.transaction((em) => this.step(em, runId, opts.pageSize));
        if (!more) return;
      }
    } finally {
      this.contexts.delete(runId);
    }
  }

  /** One page; false when the run is finished (or gone). */
  private async step(em: EntityManager, runId: string, pageSize: number): Promise<boolean> {
    const run = await em
      .getRepository(RematchRun)
      .findOne({ where: { id: runId }, lock: { mode: 'pessimistic_write' } });
    if (!run || run.state === 'done') return false;
    if (run.state === 'queued') {
      const [{ n }] = await em.query<{ n: string }[]>('SELECT count(*) AS n FROM enterprise');
      run.state = 'running';
      run.startedAt = this.clock.now();
      run.total = Number(n);
    }
    const ctx = await this.context(em, run);
    const page = await scanPage(em, run.cursor, pageSize);
    const asOf = this.clock.today();
    const recorded = await this.recorded(
      em,
      run.productCode,
      page.map((e) => e.id),
    );
    const statuses: MatchStatusRecord[] = [];
    for (const row of page) {
      const facts = resolveFacts(
        toFacts(
          row.profile,
          derivedFactsAsOf(
            row.profile,
            { derived: row.derived, asOf: row.derivedAsOf, version: row.derivedVersion },
            asOf,
          ),
        ),
      );
      const now = ctx.next?.compiled.evaluateResolved(facts);
      const after: RecordedMatchStatus = now ? now.status : 'retired';
      const afterOutcomes = now ? outcomesOf(now.criteria) : {};
      let before = recorded.get(row.id) ?? null;
      if (!before && ctx.previous) {
        // Nothing recorded yet: measured against the version this one replaces.
        const then = ctx.previous.compiled.evaluateResolved(facts);
        before = { status: then.status, outcomes: outcomesOf(then.criteria) };
      }
      statuses.push({
        enterpriseId: row.id,
        productCode: run.productCode,
        productVersion: run.productVersion,
        status: after,
        outcomes: after === 'retired' ? (before?.outcomes ?? {}) : afterOutcomes,
      });
      if (!shouldNotify(before?.status ?? null, after)) continue;
      run.changed += 1;
      const criteria = ctx.next
        ? changedCriteria(
            { outcomes: before?.outcomes ?? {}, labels: ctx.previous?.labels ?? new Map() },
            { outcomes: afterOutcomes, labels: ctx.next.labels },
          )
        : [];
      const from = before && before.status !== 'retired' ? before.status : null;
      const id = await this.notifications.notify(
        em,
        { enterpriseId: row.id },
        'match.changed',
        { productCode: run.productCode, productName: ctx.name, from, to: after, criteria },
        {
          dedupeKey: `match.changed:${row.id}:${run.productCode}:${run.productVersion}:${run.kind}`,
        },
      );
      if (id) run.notified += 1;
    }
    await recordMatchStatuses(em, statuses);
    run.done += page.length;
    if (page.length) run.cursor = page[page.length - 1].id;
    const finished = page.length < pageSize;
    if (finished) {
      run.state = 'done';
      run.finishedAt = this.clock.now();
      this.logger.log(
        `re-match of ${run.productCode} v${run.productVersion} (${run.kind}) done: ` +
          `${run.done} evaluated, ${run.changed} changed`,
      );
    }
    await em.getRepository(RematchRun).save(run);
    return !finished;
  }

  private async recorded(
    em: EntityManager,
    productCode: string,
    ids: string[],
  ): Promise<Map<string, { status: RecordedMatchStatus; outcomes: Record<string, Outcome> }>> {
    if (!ids.length) return new Map();
    const rows = await em.query<
      { id: string; status: RecordedMatchStatus; outcomes: Record<string, Outcome> }[]
    >(
      `SELECT enterprise_id AS id, status, outcomes FROM product_match_status
        WHERE product_code = $1 AND enterprise_id = ANY($2::uuid[])`,
      [productCode, ids],
    );
    return new Map(rows.map((r) => [r.id, { status: r.status, outcomes: r.outcomes }]));
  }

  /** The versions a run compares, compiled once per run and process. */
  private async context(em: EntityManager, run: RematchRun): Promise<RunContext> {
    const cached = this.contexts.get(run.id);
    if (cached) return cached;
    const product = await em.getRepository(FinancingProduct).findOneByOrFail({
      code: run.productCode,
    });
    const load = async (version: number): Promise<PreparedVersion | null> => {
      if (version < 1) return null;
      const row = await em
        .getRepository(FinancingProductVersion)
        .findOneBy({ productId: product.id, version });
      return row ? prepare(version, row.body) : null;
    };
    const ctx: RunContext =
      run.kind === 'publish'
        ? {
            next: await load(run.productVersion),
            previous: await load(run.productVersion - 1),
            name: { zh: run.productCode, en: run.productCode },
          }
        : { next: null, previous: await load(run.productVersion), name: { zh: '', en: '' } };
    ctx.name = (run.kind === 'publish' ? ctx.next : ctx.previous)?.name ?? {
      zh: run.productCode,
      en: run.productCode,
    };
    if (run.kind === 'publish' && !ctx.next)
      throw new Error(`version ${run.productVersion} of ${run.productCode} is missing`);
    this.contexts.set(run.id, ctx);
    return ctx;
  }
}

function prepare(version: number, body: ProductBody): PreparedVersion {
  const rule = body.eligibility as Rule;
  return {
    version,
    name: body.name,
    compiled: compileRule(rule),
    labels: conditionLabels(rule),
  };
}
