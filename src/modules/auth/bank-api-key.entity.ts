import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { PartnerBank } from '../partners/partner-bank.entity';

/**
 * A partner bank's API key. The key is `sfm_<prefix>_<secret>`; only the prefix (for lookup) and a
 * SHA-256 of the whole key are stored. Keys are 256-bit random, so a fast hash is sufficient; a slow
 * password hash would only add latency to every bank request.
 */
@Entity('bank_api_key')
export class BankApiKey {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('ix_bank_api_key_bank')
  @Column({ name: 'bank_id', type: 'uuid' })
  bankId: string;

  @ManyToOne(() => PartnerBank, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'bank_id' })
  bank?: PartnerBank;

  @Index('uq_bank_api_key_prefix', { unique: true })
  @Column({ type: 'varchar', length: 16 })
  prefix: string;

  @Column({ name: 'key_hash', type: 'char', length: 64 })
  keyHash: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
