import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import type { ProductBody } from './product-body';

/** A financing product's identity, its editable draft and its retirement. Versions are separate. */
@Entity('financing_product')
export class FinancingProduct {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('uq_financing_product_code', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  code: string;

  /** The working copy admins edit; null when there is no pending change. */
  @Column({ type: 'jsonb', nullable: true })
  draft: ProductBody | null;

  /** The highest published version number (0: never published). */
  @Column({ name: 'latest_version', type: 'int', default: 0 })
  latestVersion: number;

  @Column({ name: 'retired_at', type: 'timestamptz', nullable: true })
  retiredAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** An immutable published version: matches and referrals cite it. */
@Entity('financing_product_version')
@Unique('uq_financing_product_version', ['productId', 'version'])
export class FinancingProductVersion {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'product_id', type: 'uuid' })
  productId: string;

  @ManyToOne(() => FinancingProduct, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'product_id' })
  product?: FinancingProduct;

  @Column({ type: 'int' })
  version: number;

  @Column({ type: 'jsonb' })
  body: ProductBody;

  @Column({ name: 'valid_from', type: 'date', nullable: true })
  validFrom: string | null;

  @Column({ name: 'valid_to', type: 'date', nullable: true })
  validTo: string | null;

  /** Null when published by the seed catalogue. */
  @Column({ name: 'published_by', type: 'uuid', nullable: true })
  publishedBy: string | null;

  @CreateDateColumn({ name: 'published_at', type: 'timestamptz' })
  publishedAt: Date;
}
