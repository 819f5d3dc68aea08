import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError } from '../../common/errors/domain-error';
import { Clock } from '../../common/time/clock';
import { CalendarService } from '../calendar/calendar.service';
import {
  AckState,
  AssignmentGroup,
  BankStats,
  DecisionGroup,
  foldBankStats,
  INSUFFICIENT_DATA,
  outlookWindow,
  parseStatsWindow,
  ProductDecisions,
  productOutlook,
  ProductOutlook,
  StatsWindow,
} from './domain/outcomes';

/**
 * The bank an event counts for: the one that held the referral when it happened (every event
 * records it, so a re-routed referral's decline stays with the bank that declined).
 */
const EVENT_BANK = 'e.bank_id';

/**
 * One row per group of bank assignments (consent records) received in the window that share their
 * dates and outcome; the events of an assignment are those recorded with that bank.
 */
const ASSIGNMENT_GROUPS_SQL = `
WITH a AS (
  SELECT c.referral_id, c.bank_id, c.granted_at,
         EXISTS (SELECT 1 FROM referral_consent n
                  WHERE n.referral_id = c.referral_id AND n.granted_at > c.granted_at) AS rerouted
    FROM referral_consent c
   WHERE c.granted_at >= $1 AND c.granted_at < $2 AND ($4::uuid IS NULL OR c.bank_id = $4::uuid)
), f AS (
  SELECT a.bank_id, a.granted_at, a.rerouted,
         min(e.created_at) FILTER (WHERE e.type = 'acknowledged') AS ack_at,
         coalesce(bool_or(e.type = 'overdue' AND e.reason = 'acknowledge'), false) AS ack_overdue,
         min(e.created_at) FILTER (WHERE e.type IN ('approved', 'declined')) AS decided_at,
         coalesce(bool_or(e.type = 'declined'), false) AS declined,
         coalesce(bool_or(e.type = 'approved'), false) AS approved,
         max(e.reason) FILTER (WHERE e.type = 'declined') AS reason,
         coalesce(sum(e.amount_yuan) FILTER (WHERE e.type = 'disbursed'), 0) AS disbursed,
         (NOT a.rerouted AND r.bank_id = a.bank_id AND (
            (r.status = 'submitted' AND r.acknowledge_due_at < $3)
            OR (r.status = 'acknowledged' AND r.contact_due_at < $3)
            OR (r.status = 'contacted' AND r.decide_due_at < $3))) AS overdue_open
    FROM a
    JOIN referral r ON r.id = a.referral_id
    LEFT JOIN referral_event e ON e.referral_id = a.referral_id AND ${EVENT_BANK} = a.bank_id
   GROUP BY a.referral_id, a.bank_id, a.granted_at, a.rerouted, r.id
)
SELECT f.bank_id,
       to_char(f.granted_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS received_on,
       to_char(f.ack_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS acknowledged_on,
       CASE WHEN f.ack_overdue THEN 'late' WHEN f.ack_at IS NOT NULL THEN 'on_time'
            ELSE 'pending' END AS ack_state,
       to_char(f.decided_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS decided_on,
       CASE WHEN f.declined THEN 'declined' WHEN f.approved THEN 'approved' END AS outcome,
       f.reason, f.overdue_open, f.rerouted,
       count(*)::int AS n, sum(f.disbursed)::text AS disbursed
  FROM f
 GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9`;

/**
 * Every product's decisions in the window, grouped by dates and outcome, with the number of
 * distinct enterprises and banks behind each product (the anonymity threshold).
 */
const DECISION_GROUPS_SQL = `
WITH d AS (
  SELECT r.product_code, r.enterprise_id, c.bank_id,
         to_char(c.granted_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS received_on,
         to_char(min(e.created_at) AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS decided_on,
         CASE WHEN bool_or(e.type = 'declined') THEN 'declined' ELSE 'approved' END AS outcome,
         max(e.reason) FILTER (WHERE e.type = 'declined') AS reason
    FROM referral_event e
    JOIN referral r ON r.id = e.referral_id
    JOIN referral_consent c ON c.referral_id = e.referral_id AND c.bank_id = ${EVENT_BANK}
   WHERE e.type IN ('approved', 'declined', 'disbursed') AND e.created_at >= $1 AND e.created_at < $2
   GROUP BY r.product_code, r.enterprise_id, c.id
), k AS (
  SELECT product_code, count(DISTINCT enterprise_id)::int AS enterprises,
         count(DISTINCT bank_id)::int AS banks
    FROM d GROUP BY product_code
)
SELECT d.product_code, k.enterprises, k.banks, d.received_on, d.decided_on, d.outcome, d.reason,
       count(*)::int AS n
  FROM d JOIN k USING (product_code)
 GROUP BY 1, 2, 3, 4, 5, 6, 7`;

/** The outlook, its decline reasons and their labels frozen: outlooks() shares them between answers. */
function frozenOutlook(o: ProductOutlook): ProductOutlook {
  for (const r of o.topDeclineReasons ?? []) Object.freeze(Object.freeze(r).label);
  Object.freeze(o.topDeclineReasons);
  return Object.freeze(o);
}

/** How long computed outlooks serve before they are read again (another process may decide). */
const OUTLOOK_CACHE_MS = 5 * 60_000;

interface AssignmentRow {
  bank_id: string;
  received_on: string;
  acknowledged_on: string | null;
  ack_state: AckState;
  decided_on: string | null;
  outcome: 'approved' | 'declined' | null;
  reason: string | null;
  overdue_open: boolean;
  rerouted: boolean;
  n: number;
  disbursed: string;
}

interface DecisionRow {
  product_code: string;
  enterprises: number;
  banks: number;
  received_on: string;
  decided_on: string;
  outcome: 'approved' | 'declined';
  reason: string | null;
  n: number;
}

export interface BankStatsResult {
  from: string;
  to: string;
  banks: (BankStats & { bankName: { zh: string; en: string } })[];
}

/**
 * Outcomes of referrals (docs/outcomes.md): banks' performance and products' outlooks, aggregated
 * in SQL, counted in working days by the pure code in domain/outcomes.ts.
 */
@Injectable()
export class OutcomesService {
  private cache: { day: string; at: number; outlooks: Map<string, ProductOutlook> } | null = null;
  private loading: { generation: number; outlooks: Promise<Map<string, ProductOutlook>> } | null =
    null;
  /** Bumped by every invalidation, so that a load begun before one is not kept. */
  private generation = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly calendar: CalendarService,
    private readonly clock: Clock,
  ) {}

  /** The statistics window of a request, or 400 naming the parameter at fault. */
  window(query: { from?: unknown; to?: unknown }): StatsWindow {
    const parsed = parseStatsWindow(query, this.clock.today());
    if (!parsed.ok) throw DomainError.invalid(parsed.issues);
    return parsed.window;
  }

  /** Every partner bank's figures (admins), or one bank's (`bankId`). */
  async bankStats(query: { from?: unknown; to?: unknown }, bankId?: string) {
    const w = this.window(query);
    const banks = await this.dataSource.query<
      { id: string; code: string; nameZh: string; nameEn: string }[]
    >(
      `SELECT id, code, name_zh AS "nameZh", name_en AS "nameEn" FROM partner_bank
        WHERE $1::uuid IS NULL OR id = $1::uuid ORDER BY code`,
      [bankId ?? null],
    );
    const rows = await this.dataSource.query<AssignmentRow[]>(ASSIGNMENT_GROUPS_SQL, [
      w.start,
      w.end,
      this.clock.now(),
      bankId ?? null,
    ]);
    const codeOf = new Map(banks.map((b) => [b.id, b.code]));
    const groups: AssignmentGroup[] = rows.map((r) => ({
      bankCode: codeOf.get(r.bank_id) ?? r.bank_id,
      count: r.n,
      receivedOn: r.received_on,
      acknowledgedOn: r.acknowledged_on,
      ackState: r.ack_state,
      decidedOn: r.decided_on,
      outcome: r.outcome,
      declineReason: r.reason,
      disbursedYuan: Number(r.disbursed),
      overdueOpen: r.overdue_open,
      rerouted: r.rerouted,
    }));
    const calendar = await this.calendar.calendar();
    const nameOf = new Map(banks.map((b) => [b.code, { zh: b.nameZh, en: b.nameEn }]));
    return {
      from: w.from,
      to: w.to,
      banks: foldBankStats(
        calendar,
        banks.map((b) => b.code),
        groups,
      ).map((s) => ({ ...s, bankName: nameOf.get(s.bankCode)! })),
    };
  }

  /** One product's outlook over the last 12 months. */
  async outlook(productCode: string): Promise<ProductOutlook> {
    return this.outlookOf(await this.outlooks(), productCode);
  }

  /**
   * A product's entry of `outlooks()`: insufficient data when it had no decisions at all. Frozen
   * and shared by every answer, so a match preview's JSON reuses their bytes (json-bytes.ts).
   */
  outlookOf(outlooks: Map<string, ProductOutlook>, productCode: string): ProductOutlook {
    return outlooks.get(productCode) ?? INSUFFICIENT_DATA;
  }

  /**
   * Every product's outlook from one aggregate query, kept for a few minutes and until a bank
   * decides a referral in this process (match results carry them: docs/outcomes.md).
   */
  async outlooks(): Promise<Map<string, ProductOutlook>> {
    const day = this.clock.today();
    const now = Date.now();
    if (this.cache && this.cache.day === day && now - this.cache.at < OUTLOOK_CACHE_MS) {
      return this.cache.outlooks;
    }
    // Concurrent requests share one load, unless a decision came in since it began.
    if (this.loading?.generation !== this.generation) {
      const generation = this.generation;
      const loading = {
        generation,
        outlooks: this.loadOutlooks(day)
          .then((outlooks) => {
            if (generation === this.generation) this.cache = { day, at: now, outlooks };
            return outlooks;
          })
          .finally(() => {
            if (this.loading === loading) this.loading = null;
          }),
      };
      this.loading = loading;
    }
    return this.loading.outlooks;
  }

  /** A bank decided a referral: the next outlook is computed afresh. */
  invalidateOutlooks(): void {
    this.generation += 1;
    this.cache = null;
  }

  private async loadOutlooks(today: string): Promise<Map<string, ProductOutlook>> {
    const w = outlookWindow(today);
    const rows = await this.dataSource.query<DecisionRow[]>(DECISION_GROUPS_SQL, [w.start, w.end]);
    const byProduct = new Map<string, ProductDecisions & { groups: DecisionGroup[] }>();
    for (const r of rows) {
      let p = byProduct.get(r.product_code);
      if (!p) {
        p = { distinctEnterprises: r.enterprises, distinctBanks: r.banks, groups: [] };
        byProduct.set(r.product_code, p);
      }
      p.groups.push({
        count: r.n,
        receivedOn: r.received_on,
        decidedOn: r.decided_on,
        outcome: r.outcome,
        declineReason: r.reason,
      });
    }
    const calendar = await this.calendar.calendar();
    return new Map(
      [...byProduct].map(([code, d]) => [code, frozenOutlook(productOutlook(calendar, d))]),
    );
  }
}
