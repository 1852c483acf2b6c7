import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { Relation } from 'typeorm';
import { ProductEntity } from '../catalog/product.entity';
import { WarehouseEntity } from '../warehouse/warehouse.entity';

/**
 * On hand per (product, warehouse), with the pair's reorder minimum: kept by triggers of the
 * migrations as levels and rules change, never written by the application. No CHECK: one would
 * apply to the row an upsert proposes (a negative delta), and the levels' own CHECK already
 * keeps every sum of them at zero or more.
 */
@Entity('stock_totals')
@Index('stock_totals_below_minimum', ['warehouseId', 'productId'], {
  where: `quantity < min_quantity`,
})
export class StockTotalEntity {
  @PrimaryColumn({ type: 'uuid' })
  productId!: string;

  @PrimaryColumn({ type: 'uuid' })
  warehouseId!: string;

  @Column({ type: 'numeric', precision: 15, scale: 3, default: 0 })
  quantity!: string;

  /** How many of the pair's levels hold stock (quantity not zero): what a level page counts. */
  @Column({ type: 'integer', default: 0 })
  levels!: number;

  /** The reorder rule's minimum; null without a rule. */
  @Column({ type: 'numeric', precision: 15, scale: 3, nullable: true })
  minQuantity!: string | null;

  @ManyToOne(() => ProductEntity, { onDelete: 'CASCADE' })
  @JoinColumn()
  product?: Relation<ProductEntity>;

  @ManyToOne(() => WarehouseEntity, { onDelete: 'CASCADE' })
  @JoinColumn()
  warehouse?: Relation<WarehouseEntity>;
}

/**
 * Signed on-hand deltas per (warehouse, expiry date; null: untracked or undated), appended by
 * triggers and merged per key by `stock_summaries_fold()`: the sum of a key's rows is what it holds.
 */
@Entity('stock_expiry_totals')
export class StockExpiryTotalEntity {
  /** bigint: read as a string. */
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column({ type: 'uuid' })
  warehouseId!: string;

  @Column({ type: 'date', nullable: true })
  expiresAt!: string | null;

  @Column({ type: 'numeric' })
  quantity!: string;
}

/**
 * Quantity moved per quarter-hour between warehouses (null: a supplier, a customer or another
 * place outside them), appended by a trigger on the ledger and merged like the expiry totals.
 */
@Entity('stock_flows')
@Index('stock_flows_period', ['period'])
export class StockFlowEntity {
  /** bigint: read as a string. */
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  /** The quarter-hour's start. */
  @Column({ type: 'timestamptz' })
  period!: Date;

  @Column({ type: 'uuid', nullable: true })
  fromWarehouseId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  toWarehouseId!: string | null;

  @Column({ type: 'numeric' })
  quantity!: string;
}
