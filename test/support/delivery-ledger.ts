import { ReceivedWebhook, waitFor, WebhookReceiver } from './webhook-receiver';

/** How the bank answers one webhook: a status (with headers), or never ('hang'). */
export type Answer = { status: number; headers?: Record<string, string> } | 'hang';

/** Chooses the answer; `nth` counts the receipts of this webhook-id so far (1 for the first). */
export type Policy = (hook: ReceivedWebhook, nth: number) => Answer;

export interface Receipt {
  webhookId: string;
  referralId: string | null;
  amountYuan: number | null;
  at: number;
  answer: number | 'hang';
}

/**
 * The bank's side of the story: every webhook the receiver got, with the answer it gave. Installs
 * itself as the receiver's responder; tests change `policy` to script the bank.
 */
export class DeliveryLedger {
  readonly receipts: Receipt[] = [];
  private readonly seen = new Map<string, number>();
  policy: Policy = () => ({ status: 200 });

  constructor(receiver: WebhookReceiver) {
    receiver.responder = (hook) => {
      const webhookId = String(hook.headers['webhook-id']);
      const nth = (this.seen.get(webhookId) ?? 0) + 1;
      this.seen.set(webhookId, nth);
      const answer = this.policy(hook, nth);
      this.receipts.push({
        webhookId,
        referralId: hook.json?.data?.referral?.id ?? null,
        amountYuan: hook.json?.data?.referral?.requestedAmountYuan ?? null,
        at: hook.at,
        answer: answer === 'hang' ? 'hang' : answer.status,
      });
      return answer;
    };
  }

  of(webhookId: string): Receipt[] {
    return this.receipts.filter((r) => r.webhookId === webhookId);
  }
}

/** One webhook_delivery row, as the invariant reads it. */
export interface DeliveryRow {
  referral_id: string;
  delivery_id: string | null;
  event_id: string | null;
  status: string | null;
  attempts: number | null;
  last_error: string | null;
}

export interface Tally {
  /** Referrals committed (answered 201). */
  submitted: number;
  /** Deliveries the service marked delivered (each confirmed by a 2xx at the receiver). */
  delivered: number;
  /** Deliveries that ended `dead`. */
  dead: number;
  /**
   * Copies the bank may have processed more than once: receipts of a webhook-id after an earlier
   * receipt of it that the bank did not refuse (answered 2xx, or left hanging). Retries after a
   * refusal (4xx/5xx) are not counted.
   */
  duplicates: number;
  /** Every POST the receiver got for these referrals. */
  receipts: number;
  /** Distinct webhook-ids the receiver got for these referrals. */
  distinctIds: number;
}

type Sql = <T = Record<string, unknown>>(text: string, params?: unknown[]) => Promise<T[]>;

const is2xx = (a: number | 'hang') => a !== 'hang' && a >= 200 && a < 300;

/** The `referral.submitted` delivery of each referral (null columns when it has none). */
export async function deliveriesOf(sql: Sql, referralIds: string[]): Promise<DeliveryRow[]> {
  return sql<DeliveryRow>(
    `SELECT r.id AS referral_id, d.id AS delivery_id, d.event_id, d.status, d.attempts, d.last_error
       FROM referral r
       LEFT JOIN webhook_delivery d ON d.referral_id = r.id AND d.event_type = 'referral.submitted'
      WHERE r.id = ANY($1::uuid[])
      ORDER BY r.created_at`,
    [referralIds],
  );
}

/**
 * The delivery invariant: every committed referral has a delivery that ends `delivered` (and the
 * bank really answered 2xx for its webhook-id) or visibly `dead`; none is lost. Waits for every
 * delivery to settle, then counts.
 */
export async function expectNoneLost(
  sql: Sql,
  ledger: DeliveryLedger,
  referralIds: string[],
  timeoutMs = 20_000,
): Promise<Tally> {
  let rows: DeliveryRow[] = [];
  try {
    await waitFor(
      async () => {
        rows = await deliveriesOf(sql, referralIds);
        return (
          rows.length === referralIds.length &&
          rows.every((r) => r.status === 'delivered' || r.status === 'dead')
        );
      },
      timeoutMs,
      100,
    );
  } catch (e) {
    throw new Error(
      `deliveries did not settle: ${JSON.stringify(rows.map((r) => ({ ref: r.referral_id, status: r.status, attempts: r.attempts, err: r.last_error })))}`,
      { cause: e },
    );
  }
  // Every committed referral is still there and has its one delivery.
  expect(rows.map((r) => r.referral_id).sort()).toEqual([...referralIds].sort());
  for (const row of rows) expect(row.delivery_id).not.toBeNull();

  const ids = new Set(rows.map((r) => r.event_id!));
  const receipts = ledger.receipts.filter((r) => ids.has(r.webhookId));
  const delivered = rows.filter((r) => r.status === 'delivered');
  const dead = rows.filter((r) => r.status === 'dead');
  // Delivered means the bank said 2xx for that webhook-id (at least once).
  for (const row of delivered) {
    expect({
      eventId: row.event_id,
      acknowledged: receipts.some((r) => r.webhookId === row.event_id && is2xx(r.answer)),
    }).toEqual({
      eventId: row.event_id,
      acknowledged: true,
    });
  }
  // And the other way round: whatever the bank acknowledged is recorded as delivered.
  const acked = new Set(receipts.filter((r) => is2xx(r.answer)).map((r) => r.webhookId));
  expect(acked.size).toBe(delivered.length);

  let duplicates = 0;
  for (const id of ids) {
    let mayHaveProcessed = false;
    for (const r of receipts.filter((x) => x.webhookId === id)) {
      if (mayHaveProcessed) duplicates++;
      if (r.answer === 'hang' || is2xx(r.answer)) mayHaveProcessed = true;
    }
  }
  expect(delivered.length + dead.length).toBe(referralIds.length);
  return {
    submitted: referralIds.length,
    delivered: delivered.length,
    dead: dead.length,
    duplicates,
    receipts: receipts.length,
    distinctIds: new Set(receipts.map((r) => r.webhookId)).size,
  };
}

/** One summary line per fault, on stdout (for the closing note) and kept for the file's end. */
export const faultSummary: string[] = [];
export function reportFault(fault: string, t: Tally, extra = ''): void {
  const line =
    `[delivery-faults] ${fault.padEnd(44)} submitted=${t.submitted} delivered=${t.delivered} dead=${t.dead} ` +
    `duplicates=${t.duplicates} (receipts=${t.receipts}, distinct webhook-ids=${t.distinctIds})${extra ? ` ${extra}` : ''}`;
  faultSummary.push(line);
  process.stdout.write(line + '\n');
}
