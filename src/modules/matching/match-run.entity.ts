import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { DerivedFacts } from '../enterprises/domain/derived-facts';
import type { MatchResult, Question } from './engine';

/**
 * A stored match: the enterprise version, every product version and the engine version it used,
 * and the day it was for, so any answer can be replayed and explained later.
 */
@Entity('match_run')
@Index('ix_match_run_enterprise_created', ['enterpriseId', 'createdAt'])
export class MatchRun {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'enterprise_id', type: 'uuid' })
  enterpriseId: string;

  @Column({ name: 'enterprise_version', type: 'int' })
  enterpriseVersion: number;

  @Column({ name: 'engine_version', type: 'varchar', length: 32 })
  engineVersion: string;

  @Column({ name: 'as_of', type: 'date' })
  asOf: string;

  /** `[{ code, version }]` of every product evaluated. */
  @Column({ name: 'product_versions', type: 'jsonb' })
  productVersions: { code: string; version: number }[];

  @Column({ type: 'jsonb' })
  derived: DerivedFacts;

  @Column({ type: 'jsonb' })
  results: MatchResult[];

  /** The interview that went with the results (runs stored before it have none). */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  questions: Question[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
