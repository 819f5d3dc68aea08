import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import type { DerivedFacts } from './domain/derived-facts';
import type { EnterpriseProfile } from './domain/profile';

/** An SME's enterprise; its profile lives in versions (every PUT keeps the old one). */
@Entity('enterprise')
@Index('ix_enterprise_owner_created', ['ownerId', 'createdAt', 'id'])
export class Enterprise {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'owner_id', type: 'uuid' })
  ownerId: string;

  /** One enterprise per credit code; null for an individual founder, who has none. */
  @Index('uq_enterprise_uscc', { unique: true, where: 'uscc IS NOT NULL' })
  @Column({ type: 'varchar', length: 18, nullable: true })
  uscc: string | null;

  @Column({ name: 'current_version', type: 'int' })
  currentVersion: number;

  /**
   * The first profile version the current owner may see. A claim transfer sets it past the
   * versions the previous owner wrote, so they stay hidden from the new owner (admins see all).
   */
  @Column({ name: 'visible_from_version', type: 'int', default: 1 })
  visibleFromVersion: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

@Entity('enterprise_version')
@Unique('uq_enterprise_version', ['enterpriseId', 'version'])
export class EnterpriseVersion {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'enterprise_id', type: 'uuid' })
  enterpriseId: string;

  @Column({ type: 'int' })
  version: number;

  @Column({ type: 'jsonb' })
  profile: EnterpriseProfile;

  /** Derived facts as computed when this version was written (as of `derived_as_of`). */
  @Column({ type: 'jsonb' })
  derived: DerivedFacts;

  @Column({ name: 'derived_as_of', type: 'date' })
  derivedAsOf: string;

  /** DERIVED_FACTS_VERSION that computed `derived`; 0 for rows written before it was recorded. */
  @Column({ name: 'derived_version', type: 'int', default: 0 })
  derivedVersion: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
