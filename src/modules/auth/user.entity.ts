import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { PartnerBank } from '../partners/partner-bank.entity';

export const USER_ROLES = ['admin', 'sme', 'bank'] as const;
export type UserRole = (typeof USER_ROLES)[number];

@Entity('app_user')
@Check('ck_app_user_bank', `(role = 'bank') = (bank_id IS NOT NULL)`)
export class User {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Stored lower-cased; unique. */
  @Index('uq_app_user_email', { unique: true })
  @Column({ type: 'varchar', length: 254 })
  email: string;

  @Column({ type: 'varchar', length: 16 })
  role: UserRole;

  /** Null for a bank officer who has not yet set a password with the one-time token. */
  @Column({ name: 'password_hash', type: 'varchar', length: 200, nullable: true })
  passwordHash: string | null;

  /** The bank a `bank` officer acts for; null for every other role. */
  @Index('ix_app_user_bank')
  @Column({ name: 'bank_id', type: 'uuid', nullable: true })
  bankId: string | null;

  @ManyToOne(() => PartnerBank, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'bank_id' })
  bank?: PartnerBank;

  /** Set when an admin disables the account; its tokens stop working on the next request. */
  @Column({ name: 'disabled_at', type: 'timestamptz', nullable: true })
  disabledAt: Date | null;

  @Column({ name: 'display_name', type: 'varchar', length: 100, nullable: true })
  displayName: string | null;

  /** Whether notifications also go out by email (when mail is configured). */
  @Column({ name: 'email_notifications', type: 'boolean', default: true })
  emailNotifications: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
