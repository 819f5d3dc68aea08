import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
} from 'typeorm';
import { PartnerBank } from '../partners/partner-bank.entity';
import { FinancingProduct } from './financing-product.entity';

/**
 * Which products a bank takes referrals for. The one source of truth for a product's partner banks:
 * admins change it without republishing the product; seeds only add links where a product has none.
 */
@Entity('bank_product')
@Index('ix_bank_product_product', ['productCode'])
export class BankProductLink {
  @PrimaryColumn({ name: 'bank_id', type: 'uuid' })
  bankId: string;

  @ManyToOne(() => PartnerBank, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'bank_id' })
  bank?: PartnerBank;

  @PrimaryColumn({ name: 'product_code', type: 'varchar', length: 64 })
  productCode: string;

  @ManyToOne(() => FinancingProduct, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'product_code', referencedColumnName: 'code' })
  product?: FinancingProduct;

  /** The admin who linked them; null when a seed or a publication created the link. */
  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
