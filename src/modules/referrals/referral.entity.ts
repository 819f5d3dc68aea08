import {
  Column,
  CreateDateColumn,
  Entity,
  EntityManager,
  Index,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import { bigintNumber } from '../../database/transformers';
import type { CriterionResult, ProductStatus } from '../matching/engine';
import type { DeadlineStage } from '../calendar/domain/deadlines';
import { type Bilingual, CONSENT_PURPOSE, CONSENT_PURPOSE_CODE } from './domain/consent';
import type { ReferralEventType, ReferralStatus } from './domain/referral-status';

/** The match outcome the referral was accepted on (the product's result at submission). */
export interface ReferralMatchOutcome {
  status: ProductStatus;
  score: number;
  criteria: CriterionResult[];
  engineVersion: string;
  asOf: string;
}

@Entity('referral')
@Unique('uq_referral_idempotency', ['ownerId', 'idempotencyKey'])
@Index('ix_referral_bank_status_created', ['bankId', 'status', 'createdAt'])
@Index('ix_referral_owner_created', ['ownerId', 'createdAt'])
@Index('ix_referral_product_bank', ['productCode', 'bankId'])
// The sweep's backfill looks for open referrals without deadlines: none once it has run once.
@Index('ix_referral_without_deadline', ['productCode'], {
  where: `acknowledge_due_at IS NULL AND status IN ('submitted', 'acknowledged', 'contacted')`,
})
// The deadline sweep reads only open referrals whose current stage is not yet marked overdue.
@Index('ix_referral_acknowledge_due', ['acknowledgeDueAt'], {
  where: `status = 'submitted' AND overdue_stage IS NULL`,
})
@Index('ix_referral_contact_due', ['contactDueAt'], {
  where: `status = 'acknowledged' AND overdue_stage IS DISTINCT FROM 'contact'`,
})
@Index('ix_referral_decide_due', ['decideDueAt'], {
  where: `status = 'contacted' AND overdue_stage IS DISTINCT FROM 'decide'`,
})
// The re-route pass reads referrals whose bank missed the acknowledge deadline (docs/routing.md).
@Index('ix_referral_reroute_due', ['acknowledgeDueAt'], {
  where: `status = 'submitted' AND overdue_stage = 'acknowledge' AND reroute_exhausted_at IS NULL`,
})
@Index('ix_referral_reroute_exhausted', ['rerouteExhaustedAt'], {
  where: `reroute_exhausted_at IS NOT NULL`,
})
export class Referral {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'owner_id', type: 'uuid' })
  ownerId: string;

  @Column({ name: 'enterprise_id', type: 'uuid' })
  enterpriseId: string;

  @Column({ name: 'enterprise_version', type: 'int' })
  enterpriseVersion: number;

  @Column({ name: 'product_code', type: 'varchar', length: 64 })
  productCode: string;

  @Column({ name: 'product_version', type: 'int' })
  productVersion: number;

  @Column({ name: 'bank_id', type: 'uuid' })
  bankId: string;

  @Column({ name: 'bank_code', type: 'varchar', length: 64 })
  bankCode: string;

  @Column({ type: 'varchar', length: 16 })
  status: ReferralStatus;

  @Column({ name: 'requested_amount_yuan', type: 'bigint', transformer: bigintNumber })
  requestedAmountYuan: number;

  @Column({ name: 'term_months', type: 'int' })
  termMonths: number;

  @Column({
    name: 'approved_amount_yuan',
    type: 'bigint',
    transformer: bigintNumber,
    nullable: true,
  })
  approvedAmountYuan: number | null;

  /** When the current bank was assigned (submission or re-route); its deadlines count from that day. */
  @Column({ name: 'assigned_at', type: 'timestamptz', nullable: true })
  assignedAt: Date | null;

  /** Each stage's deadline, fixed at assignment (a later calendar change does not move it). */
  @Column({ name: 'acknowledge_due_at', type: 'timestamptz', nullable: true })
  acknowledgeDueAt: Date | null;

  @Column({ name: 'contact_due_at', type: 'timestamptz', nullable: true })
  contactDueAt: Date | null;

  @Column({ name: 'decide_due_at', type: 'timestamptz', nullable: true })
  decideDueAt: Date | null;

  /** The latest stage marked overdue for the current bank: one `overdue` event per stage. */
  @Column({ name: 'overdue_stage', type: 'varchar', length: 16, nullable: true })
  overdueStage: DeadlineStage | null;

  /**
   * Set when a re-route found no bank left to take the referral (or it had reached its limit of
   * banks); cleared when it is re-routed or its bank acts. Admins see it among escalations.
   */
  @Column({ name: 'reroute_exhausted_at', type: 'timestamptz', nullable: true })
  rerouteExhaustedAt: Date | null;

  @Column({ name: 'match_outcome', type: 'jsonb' })
  matchOutcome: ReferralMatchOutcome;

  /** Only the profile fields the current bank's consent names (consent.ts allow-list). */
  @Column({ name: 'enterprise_snapshot', type: 'jsonb' })
  enterpriseSnapshot: Record<string, unknown>;

  @Column({ name: 'idempotency_key', type: 'varchar', length: 255 })
  idempotencyKey: string;

  /** SHA-256 of the canonical request body: same key + other body → idempotency_key_reused. */
  @Column({ name: 'request_hash', type: 'char', length: 64 })
  requestHash: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** How a consent record came about (docs/routing.md, re-routing). */
export const CONSENT_BASES = ['submission', 'reroute_permission', 'fresh'] as const;
export type ConsentBasis = (typeof CONSENT_BASES)[number];

/**
 * PIPL Art. 23 separate consent: who receives what, for what, in which words, when. One row per
 * bank assignment (a re-routed referral has one per bank it went to), so the rows of a bank on a
 * day are its assignments that day (daily capacity), and a referral's rows are the banks tried.
 */
@Entity('referral_consent')
@Index('ix_referral_consent_bank_granted', ['bankId', 'grantedAt'])
@Unique('uq_referral_consent_referral_bank', ['referralId', 'bankId'])
export class ReferralConsent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'referral_id', type: 'uuid' })
  referralId: string;

  @Column({ name: 'bank_id', type: 'uuid' })
  bankId: string;

  @Column({ name: 'bank_code', type: 'varchar', length: 64 })
  bankCode: string;

  @Column({ name: 'purpose_code', type: 'varchar', length: 64 })
  purposeCode: string;

  @Column({ type: 'jsonb' })
  purpose: { zh: string; en: string };

  @Column({ name: 'data_categories', type: 'text', array: true })
  dataCategories: string[];

  @Column({ name: 'consent_text', type: 'jsonb' })
  consentText: { zh: string; en: string };

  /** When the consent took effect for this bank (its assignment). */
  @Column({ name: 'granted_at', type: 'timestamptz' })
  grantedAt: Date;

  /** The SME agreed that the referral may go on to the next bank (docs/routing.md). */
  @Column({ name: 'allow_reroute', type: 'boolean', default: false })
  allowReroute: boolean;

  /**
   * `submission`: given with the referral; `reroute_permission`: written for the next bank from an
   * earlier record's `allowReroute` (its text is the one the SME agreed to); `fresh`: given with a
   * re-route the SME asked for.
   */
  @Column({ type: 'varchar', length: 24, default: 'submission' })
  basis: ConsentBasis;
}

/**
 * Writes the consent record that lets `bank` read the referral's snapshot, in the caller's
 * transaction: at submission and at every re-route, always for the one purpose the SME agrees to.
 */
export async function recordConsent(
  em: EntityManager,
  c: {
    referralId: string;
    bank: { id: string; code: string };
    dataCategories: readonly string[];
    text: Bilingual;
    grantedAt: Date;
    allowReroute: boolean;
    basis: ConsentBasis;
  },
): Promise<void> {
  await em.getRepository(ReferralConsent).insert({
    referralId: c.referralId,
    bankId: c.bank.id,
    bankCode: c.bank.code,
    purposeCode: CONSENT_PURPOSE_CODE,
    purpose: { ...CONSENT_PURPOSE },
    dataCategories: [...c.dataCategories],
    consentText: { zh: c.text.zh, en: c.text.en },
    grantedAt: c.grantedAt,
    allowReroute: c.allowReroute,
    basis: c.basis,
  });
}

/** What a timeline entry can be: a lifecycle event, or one the service records itself. */
export type ReferralTimelineType =
  'submitted' | ReferralEventType | 'overdue' | 'deadline_moved' | 'rerouted' | 'reroute_exhausted';

/** The append-only timeline of a referral. */
@Entity('referral_event')
@Index('ix_referral_event_referral', ['referralId', 'createdAt'])
export class ReferralEvent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'referral_id', type: 'uuid' })
  referralId: string;

  @Column({ type: 'varchar', length: 24 })
  type: ReferralTimelineType;

  /**
   * The bank that held the referral when the event happened (for `rerouted`, the one it went to).
   * A bank reads only the events of its own time with the referral; the 90-day decline exclusion
   * reads who declined from here.
   */
  @Column({ name: 'bank_id', type: 'uuid', nullable: true })
  bankId: string | null;

  /** For `rerouted`: the bank the referral left. */
  @Column({ name: 'from_bank_id', type: 'uuid', nullable: true })
  fromBankId: string | null;

  /** `system`: the deadline sweep or an automatic re-route; `admin`: an admin's action (the audit log names who). */
  @Column({ type: 'varchar', length: 8 })
  actor: 'sme' | 'bank' | 'system' | 'admin';

  /** The bank officer who acted (signed in with a JWT), or null. */
  @Column({ name: 'actor_user_id', type: 'uuid', nullable: true })
  actorUserId: string | null;

  /** The bank API key that acted, or null. */
  @Column({ name: 'actor_api_key_id', type: 'uuid', nullable: true })
  actorApiKeyId: string | null;

  @Column({ name: 'amount_yuan', type: 'bigint', transformer: bigintNumber, nullable: true })
  amountYuan: number | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  reason: string | null;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
