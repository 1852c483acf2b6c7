import {
  Check,
  Column,
  Entity,
  ForeignKey,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import type { Relation } from 'typeorm';
import { BatchEntity } from '../batches/batch.entity';
import { ProductEntity } from '../catalog/product.entity';
import { LocationEntity } from '../warehouse/location.entity';
import { WarehouseEntity } from '../warehouse/warehouse.entity';

/**
 * The ledger's cache: the quantity of one product (and batch) at one internal location. Changed
 * only by guarded SQL, never read-modify-write; a trigger of the migrations keeps it to internal
 * locations of its warehouse.
 */
@Entity('stock_levels')
@Check('stock_levels_not_negative', `quantity >= 0`)
// NULLS NOT DISTINCT in the migration (one row without a batch, too), which TypeORM cannot say.
@Unique('stock_levels_key', ['productId', 'locationId', 'batchId'])
// No index names the quantity, which every posting changes: a level is then updated in place on
// its page (a HOT update, with the table's fillfactor of 60 set by the migrations) instead of in
// every index. Reads that filter on the quantity check it on the row.
@Index('stock_levels_location', ['locationId'])
@Index('stock_levels_warehouse', ['warehouseId', 'productId'])
@Index('stock_levels_batch', ['batchId', 'warehouseId'], { where: `batch_id IS NOT NULL` })
// (expires_at) and (warn_from) with INCLUDE columns: the expired and expiring cards.
@Index('stock_levels_expiring', { synchronize: false })
@Index('stock_levels_warning', { synchronize: false })
@ForeignKey(() => BatchEntity, ['batchId', 'productId'], ['id', 'productId'], {
  name: 'stock_levels_batch_of_product',
})
export class StockLevelEntity {
  /** bigint: read as a string. */
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column({ type: 'uuid' })
  productId!: string;

  @Column({ type: 'uuid' })
  locationId!: string;

  @Column({ type: 'uuid' })
  warehouseId!: string;

  @Column({ type: 'uuid', nullable: true })
  batchId!: string | null;

  @Column({ type: 'numeric', precision: 15, scale: 3, default: 0 })
  quantity!: string;

  /** The batch's expiry date, copied by triggers of the migrations (null without a batch). */
  @Column({ type: 'date', nullable: true })
  expiresAt!: string | null;

  /** The first day of the batch's warning window: expiry − the product's warning days. */
  @Column({ type: 'date', nullable: true })
  warnFrom!: string | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @ManyToOne(() => ProductEntity)
  @JoinColumn()
  product?: Relation<ProductEntity>;

  @ManyToOne(() => LocationEntity)
  @JoinColumn()
  location?: Relation<LocationEntity>;

  @ManyToOne(() => WarehouseEntity)
  @JoinColumn()
  warehouse?: Relation<WarehouseEntity>;

  /** For reads: the key is the composite (batch, product) one above. */
  @ManyToOne(() => BatchEntity, { createForeignKeyConstraints: false })
  @JoinColumn()
  batch?: Relation<BatchEntity> | null;
}
