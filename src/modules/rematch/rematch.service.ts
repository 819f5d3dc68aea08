import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { DomainError } from '../../common/errors/domain-error';
import { Clock } from '../../common/time/clock';
import { FinancingProduct, FinancingProductVersion } from '../catalog/financing-product.entity';
import type { ProductBody } from '../catalog/product-body';
import {
  compileRule,
  type CompiledRule,
  type Outcome,
  type Rule,
  type Text,
} from '../matching/engine';
import {
  outcomesOf,
  recordVersionStatuses,
  RecordedMatchStatus,
} from '../matching/product-match-status.entity';
import { NotificationsService } from '../notifications/notifications.service';
import { changedCriteria, conditionLabels, shouldNotify } from './domain/impact';
import { RematchProgressResponse } from './dto/impact.dto';
import { rematchPage } from './enterprise-scan';
import { FactProjection } from './fact-projection';
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
  projection?: FactProjection;
}

type Outcomes = Record<string, Outcome>;

/** An enterprise's status before the run; outcomes null: recorded, not read (read when needed). */
interface Prior {
  status: RecordedMatchStatus;
  outcomes: Outcomes | null;
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
    const projection = this.projection(ctx, this.clock.today());
    const page = await rematchPage(em, projection, run.productCode, run.cursor, pageSize);
    const statuses: {
      enterpriseId: string;
      status: RecordedMatchStatus;
      outcomes: Outcomes | null;
    }[] = [];
    const changes: {
      id: string;
      before: Prior | null;
      after: RecordedMatchStatus;
      outcomes: Outcomes;
    }[] = [];
    for (const row of page) {
      const facts = projection.resolve(row);
      const now = ctx.next?.compiled.evaluateResolved(facts);
      const after: RecordedMatchStatus = now ? now.status : 'retired';
      const afterOutcomes = now ? outcomesOf(now.criteria) : null;
      let before: Prior | null = row.recorded ? { status: row.recorded, outcomes: null } : null;
      if (!before && ctx.previous) {
        // Nothing recorded yet: measured against the version this one replaces.
        const then = ctx.previous.compiled.evaluateResolved(facts);
        before = { status: then.status, outcomes: outcomesOf(then.criteria) };
      }
      // A retirement keeps the outcomes recorded (null), or those of the version it retires.
      statuses.push({
        enterpriseId: row.id,
        status: after,
        outcomes: afterOutcomes ?? (before ? before.outcomes : {}),
      });
      if (shouldNotify(before?.status ?? null, after))
        changes.push({ id: row.id, before, after, outcomes: afterOutcomes ?? {} });
    }
    if (changes.length) {
      run.changed += changes.length;
      run.notified += await this.tell(em, run, ctx, changes);
    }
    await recordVersionStatuses(em, run.productCode, run.productVersion, statuses);
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

  /**
   * Tells the SMEs of a page whose eligibility changed, in a few statements: the outcomes recorded
   * for them (to name the criteria that changed), then one bulk notification. Returns how many
   * were written (a replay writes none: the dedupe keys are taken).
   */
  private async tell(
    em: EntityManager,
    run: RematchRun,
    ctx: RunContext,
    changes: { id: string; before: Prior | null; after: RecordedMatchStatus; outcomes: Outcomes }[],
  ): Promise<number> {
    const unread = changes.filter((c) => c.before && c.before.outcomes === null).map((c) => c.id);
    const recorded = new Map<string, Record<string, Outcome>>();
    if (unread.length) {
      const rows = await em.query<{ id: string; outcomes: Record<string, Outcome> }[]>(
        `SELECT enterprise_id AS id, outcomes FROM product_match_status
          WHERE product_code = $1 AND enterprise_id = ANY($2::uuid[])`,
        [run.productCode, unread],
      );
      for (const r of rows) recorded.set(r.id, r.outcomes);
    }
    return this.notifications.notifyMatchChanges(
      em,
      changes.map(({ id, before, after, outcomes }) => {
        const criteria = ctx.next
          ? changedCriteria(
              {
                outcomes: before?.outcomes ?? recorded.get(id) ?? {},
                labels: ctx.previous?.labels ?? new Map(),
              },
              { outcomes, labels: ctx.next.labels },
            )
          : [];
        const from = before && before.status !== 'retired' ? before.status : null;
        return {
          enterpriseId: id,
          data: { productCode: run.productCode, productName: ctx.name, from, to: after, criteria },
          dedupeKey: `match.changed:${id}:${run.productCode}:${run.productVersion}:${run.kind}`,
        };
      }),
    );
  }

  /** The facts both versions of a run read, projected for the day (docs/impact.md). */
  private projection(ctx: RunContext, asOf: string): FactProjection {
    if (ctx.projection?.asOf !== asOf) {
      ctx.projection = new FactProjection(
        [...(ctx.next?.compiled.factsRead ?? []), ...(ctx.previous?.compiled.factsRead ?? [])],
        asOf,
      );
    }
    return ctx.projection;
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
