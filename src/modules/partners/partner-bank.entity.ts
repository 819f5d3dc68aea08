import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

/** Who at the bank SMEs and the service's staff can reach about referrals. */
export interface BankContact {
  name: string;
  phone: string;
  email: string;
}

@Entity('partner_bank')
export class PartnerBank {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('uq_partner_bank_code', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  code: string;

  @Column({ name: 'name_zh', type: 'varchar', length: 200 })
  nameZh: string;

  @Column({ name: 'name_en', type: 'varchar', length: 200 })
  nameEn: string;

  /** GB/T 2260 city or county codes the bank serves. */
  @Column({ name: 'region_codes', type: 'text', array: true, default: () => "'{}'" })
  regionCodes: string[];

  /** Null: the bank pulls referrals over the API instead of receiving webhooks. */
  @Column({ name: 'webhook_url', type: 'varchar', length: 2000, nullable: true })
  webhookUrl: string | null;

  /** AES-256-GCM ciphertext of the `whsec_…` secret (see SecretBox); never the secret itself. */
  @Column({ name: 'webhook_secret_enc', type: 'text', nullable: true })
  webhookSecretEnc: string | null;

  /** Set when the endpoint answered 410 Gone; deliveries stop until an admin re-enables it. */
  @Column({ name: 'webhook_disabled_at', type: 'timestamptz', nullable: true })
  webhookDisabledAt: Date | null;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  /** The bank's own pause switch: false → routing skips it and SMEs cannot name it. */
  @Column({ name: 'accepting_referrals', type: 'boolean', default: true })
  acceptingReferrals: boolean;

  /** Most referrals assigned to the bank per Asia/Shanghai day; null → no limit. */
  @Column({ name: 'daily_capacity', type: 'int', nullable: true })
  dailyCapacity: number | null;

  @Column({ type: 'jsonb', nullable: true })
  contact: BankContact | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
