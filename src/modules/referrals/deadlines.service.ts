import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError } from '../../common/errors/domain-error';
import { Clock } from '../../common/time/clock';
import { AuditService } from '../audit/audit.service';
import { CalendarService } from '../calendar/calendar.service';
import {
  currentDeadline,
  DEFAULT_SERVICE_LEVEL,
  moveDeadline,
  stageDeadlines,
  stageOf,
  type DeadlineStage,
  type ServiceLevel,
  type StageDeadlines,
} from '../calendar/domain/deadlines';
import { CatalogService } from '../catalog/catalog.service';
import { NotificationsService } from '../notifications/notifications.service';
import { OutboxService } from '../notifications/outbox.service';
import { Referral, ReferralEvent } from './referral.entity';

/** What every open referral shows about its deadline (api.md: `deadline`, `overdue`). */
export interface DeadlineView {
  deadline: { stage: DeadlineStage; dueAt: string } | null;
  overdue: boolean;
}

export function deadlinesOf(r: Referral): StageDeadlines | null {
  return r.acknowledgeDueAt && r.contactDueAt && r.decideDueAt
    ? { acknowledge: r.acknowledgeDueAt, contact: r.contactDueAt, decide: r.decideDueAt }
    : null;
}

export function deadlineView(r: Referral, now: Date): DeadlineView {
  const current = currentDeadline(r.status, deadlinesOf(r), now);
  return current
    ? {
        deadline: { stage: current.stage, dueAt: current.dueAt.toISOString() },
        overdue: current.overdue,
      }
    : { deadline: null, overdue: false };
}

/** The columns a bank assignment writes. */
export function deadlineColumns(d: StageDeadlines, assignedAt: Date) {
  return {
    assignedAt,
    acknowledgeDueAt: d.acknowledge,
    contactDueAt: d.contact,
    decideDueAt: d.decide,
    overdueStage: null,
  };
}

/** One stage of the sweep: the referrals waiting on it, as the partial indexes select them. */
const SWEEP_STAGES: { stage: DeadlineStage; status: string; column: string; unmarked: string }[] = [
  {
    stage: 'acknowledge',
    status: 'submitted',
    column: 'acknowledge_due_at',
    unmarked: 'overdue_stage IS NULL',
  },
  {
    stage: 'contact',
    status: 'acknowledged',
    column: 'contact_due_at',
    unmarked: `overdue_stage IS DISTINCT FROM 'contact'`,
  },
  {
    stage: 'decide',
    status: 'contacted',
    column: 'decide_due_at',
    unmarked: `overdue_stage IS DISTINCT FROM 'decide'`,
  },
];

export interface OverdueReferral {
  eventId: string;
  referralId: string;
  bankId: string;
  ownerId: string;
  enterpriseId: string;
  productCode: string;
  stage: DeadlineStage;
  dueAt: Date;
  notifyBank: boolean;
}

export interface SweepResult {
  backfilled: number;
  overdue: number;
}

/**
 * Deadlines of referrals (docs/deadlines.md): computed when a bank is assigned, shown on every open
 * referral, moved by admins, and swept by the worker, which marks each passed stage overdue once —
 * whatever the number of workers — and tells the bank in the same transaction.
 */
@Injectable()
export class DeadlinesService {
  private readonly logger = new Logger(DeadlinesService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly calendar: CalendarService,
    private readonly catalog: CatalogService,
    private readonly outbox: OutboxService,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** The deadlines of a bank assigned at `at` for a product with `level`. */
  async forAssignment(
    at: Date,
    level: ServiceLevel = DEFAULT_SERVICE_LEVEL,
  ): Promise<StageDeadlines> {
    return stageDeadlines(await this.calendar.calendar(), at, level);
  }

  private serviceLevelOf(productCode: string): ServiceLevel {
    return this.catalog.inForce(productCode)?.body.serviceLevel ?? DEFAULT_SERVICE_LEVEL;
  }

  /** One pass: deadlines for open referrals that have none, then every passed stage, in batches. */
  async sweep(batchSize = 1000): Promise<SweepResult> {
    const now = this.clock.now();
    const backfilled = await this.backfill(now);
    let overdue = 0;
    for (const s of SWEEP_STAGES) {
      for (;;) {
        const marked = await this.markBatch(s, now, batchSize);
        overdue += marked;
        if (marked < batchSize) break;
      }
    }
    if (overdue > 0) this.logger.log(`${overdue} referral deadline(s) passed`);
    return { backfilled, overdue };
  }

  /**
   * Referrals open before deadlines existed count from now (no burst of backdated overdue events):
   * one UPDATE per product, since all of a product's referrals get the same deadlines.
   */
  private async backfill(now: Date): Promise<number> {
    const products = await this.dataSource.query<{ product_code: string }[]>(
      `SELECT DISTINCT product_code FROM referral
        WHERE acknowledge_due_at IS NULL AND status IN ('submitted', 'acknowledged', 'contacted')`,
    );
    let count = 0;
    for (const { product_code } of products) {
      const d = await this.forAssignment(now, this.serviceLevelOf(product_code));
      const [, affected] = await this.dataSource.query<[unknown, number]>(
        `UPDATE referral SET assigned_at = $1, acknowledge_due_at = $2, contact_due_at = $3,
                decide_due_at = $4, updated_at = now()
          WHERE product_code = $5 AND acknowledge_due_at IS NULL
            AND status IN ('submitted', 'acknowledged', 'contacted')`,
        [now, d.acknowledge, d.contact, d.decide, product_code],
      );
      count += affected;
    }
    return count;
  }

  /** Marks up to `limit` referrals overdue at one stage, with their events and webhooks, atomically. */
  private async markBatch(
    s: (typeof SWEEP_STAGES)[number],
    now: Date,
    limit: number,
  ): Promise<number> {
    return this.dataSource.transaction(async (em) => {
      // SKIP LOCKED: a second worker takes other rows; the UPDATE's predicate makes a re-run a no-op.
      const rows = await em.query<Record<string, unknown>[]>(
        `WITH due AS (
           SELECT id FROM referral
            WHERE status = '${s.status}' AND ${s.unmarked} AND ${s.column} <= $1
            ORDER BY ${s.column}
            LIMIT $2
            FOR UPDATE SKIP LOCKED
         ), marked AS (
           UPDATE referral r SET overdue_stage = '${s.stage}', updated_at = now()
             FROM due WHERE r.id = due.id
           RETURNING r.id, r.bank_id, r.owner_id, r.enterprise_id, r.product_code, r.${s.column} AS due_at
         ), events AS (
           INSERT INTO referral_event (referral_id, type, actor, reason, bank_id, created_at)
           SELECT id, 'overdue', 'system', '${s.stage}', bank_id, $1 FROM marked
           RETURNING id, referral_id
         )
         SELECT e.id AS event_id, m.id AS referral_id, m.bank_id, m.owner_id, m.enterprise_id,
                m.product_code, m.due_at, (b.webhook_url IS NOT NULL AND b.active) AS notify_bank
           FROM events e
           JOIN marked m ON m.id = e.referral_id
           JOIN partner_bank b ON b.id = m.bank_id`,
        [now, limit],
      );
      const batch: OverdueReferral[] = rows.map((r) => ({
        eventId: r.event_id as string,
        referralId: r.referral_id as string,
        bankId: r.bank_id as string,
        ownerId: r.owner_id as string,
        enterpriseId: r.enterprise_id as string,
        productCode: r.product_code as string,
        stage: s.stage,
        dueAt: new Date(r.due_at as string),
        notifyBank: r.notify_bank as boolean,
      }));
      await this.outbox.enqueueWebhooks(
        em,
        batch
          .filter((o) => o.notifyBank)
          .map((o) => ({
            referralId: o.referralId,
            eventId: o.eventId,
            eventType: 'referral.overdue' as const,
            bankId: o.bankId,
            at: now,
          })),
      );
      // The SME is told in the same transaction (and by mail when it is configured), in a few
      // statements for the whole batch.
      await this.notifications.notifyReferrals(
        em,
        'referral.overdue',
        batch.map((o) => ({
          data: { referralId: o.referralId, stage: o.stage },
          dedupeKey: `referral.overdue:${o.eventId}`,
        })),
      );
      return batch.length;
    });
  }

  /**
   * An admin moves the current stage's deadline (a bank asked for time); later stages move by the
   * same number of working days. A referral that was overdue at this stage is no longer, until the
   * new deadline passes too.
   */
  async move(referralId: string, dueAt: Date, note: string, actorId: string): Promise<Referral> {
    const calendar = await this.calendar.calendar();
    const now = this.clock.now();
    return this.dataSource.transaction(async (em) => {
      const repo = em.getRepository(Referral);
      const r = await repo.findOne({
        where: { id: referralId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!r) throw DomainError.notFound('The referral');
      const stage = stageOf(r.status);
      const current = deadlinesOf(r);
      if (!stage || !current) {
        throw new DomainError('invalid_transition', 'This referral has no open deadline to move.');
      }
      if (dueAt.getTime() <= now.getTime()) {
        throw DomainError.unacceptable([
          { path: 'dueAt', code: 'in_the_past', message: 'dueAt must be in the future' },
        ]);
      }
      const moved = moveDeadline(calendar, current, stage, dueAt);
      const stillMarked = r.overdueStage === stage ? stageBefore(stage) : r.overdueStage;
      await repo.update(r.id, {
        acknowledgeDueAt: moved.acknowledge,
        contactDueAt: moved.contact,
        decideDueAt: moved.decide,
        overdueStage: stillMarked,
      });
      await em.getRepository(ReferralEvent).insert({
        referralId: r.id,
        type: 'deadline_moved',
        actor: 'admin',
        bankId: r.bankId,
        reason: stage,
        note,
        createdAt: now,
      });
      await this.audit.record(
        {
          actorId,
          action: 'referral.deadline_moved',
          entityType: 'referral',
          entityKey: r.id,
          changes: {
            [`${stage}DueAt`]: { from: current[stage].toISOString(), to: dueAt.toISOString() },
            note,
          },
        },
        em,
      );
      return repo.findOneByOrFail({ id: r.id });
    });
  }
}

/** The stage marked before `stage` for the same bank (so that a re-marked stage stays unique). */
function stageBefore(stage: DeadlineStage): DeadlineStage | null {
  return stage === 'decide' ? 'contact' : stage === 'contact' ? 'acknowledge' : null;
}
