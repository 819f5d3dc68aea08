import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

export const CLAIM_STATUSES = ['open', 'transferred', 'rejected'] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];
export const CLAIM_DECISIONS = ['transfer', 'reject'] as const;
export type ClaimDecision = (typeof CLAIM_DECISIONS)[number];

/**
 * An SME's request to take over an enterprise whose credit code another account registered; an
 * admin transfers the enterprise or rejects the claim (docs/claims.md).
 */
@Entity('enterprise_claim')
@Index('uq_enterprise_claim_open', ['claimantId', 'uscc'], {
  unique: true,
  where: "status = 'open'",
})
@Index('ix_enterprise_claim_status_created', ['status', 'createdAt', 'id'])
@Index('ix_enterprise_claim_claimant_created', ['claimantId', 'createdAt', 'id'])
export class EnterpriseClaim {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'claimant_id', type: 'uuid' })
  claimantId: string;

  @Column({ type: 'varchar', length: 18 })
  uscc: string;

  /** The enterprise that carried the credit code when the claim was made. */
  @Column({ name: 'enterprise_id', type: 'uuid' })
  enterpriseId: string;

  /** The claimant's account of why the enterprise is theirs, naming the licence or letter. */
  @Column({ type: 'text' })
  statement: string;

  @Column({ type: 'varchar', length: 16 })
  status: ClaimStatus;

  /** Who owned the enterprise when the claim was decided (the one a transfer took it from). */
  @Column({ name: 'previous_owner_id', type: 'uuid', nullable: true })
  previousOwnerId: string | null;

  @Column({ name: 'decided_by', type: 'uuid', nullable: true })
  decidedBy: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
