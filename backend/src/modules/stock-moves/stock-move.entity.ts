import {
  Check,
  Column,
  Entity,
  ForeignKey,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { Relation } from 'typeorm';
import { BatchEntity } from '../batches/batch.entity';
import { ProductEntity } from '../catalog/product.entity';
import { LocationEntity } from '../warehouse/location.entity';
import { OperationEntity } from './operation.entity';
import { OperationLineEntity } from './operation-line.entity';

/**
 * The ledger: one row per quantity moved. Rows are only ever inserted (a trigger of the
 * migrations refuses UPDATE, DELETE and TRUNCATE); a mistake is corrected by a reversal.
 */
@Entity('stock_moves')
@Check('stock_moves_quantity_check', `quantity > 0`)
@Check('stock_moves_check', `source_location_id <> destination_location_id`)
@Index('stock_moves_product', { synchronize: false }) // (product_id, done_at DESC, id DESC)
// (done_at, id) INCLUDE (product_id, batch_id, source_location_id, destination_location_id, quantity):
// the ledger's pages newest first, and the as-of ranges
@Index('stock_moves_time', { synchronize: false })
@Index('stock_moves_source', ['sourceLocationId', 'doneAt'])
@Index('stock_moves_destination', ['destinationLocationId', 'doneAt'])
@Index('stock_moves_operation', ['operationId'])
@Index('stock_moves_batch', ['batchId'], { where: `batch_id IS NOT NULL` })
@ForeignKey(() => BatchEntity, ['batchId', 'productId'], ['id', 'productId'], {
  name: 'stock_moves_batch_of_product',
})
export class StockMoveEntity {
  /** bigint: read as a string. */
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column({ type: 'uuid' })
  operationId!: string;

  @Column({ type: 'uuid', nullable: true })
  lineId!: string | null;

  @Column({ type: 'uuid' })
  productId!: string;

  @Column({ type: 'uuid', nullable: true })
  batchId!: string | null;

  @Column({ type: 'uuid' })
  sourceLocationId!: string;

  @Column({ type: 'uuid' })
  destinationLocationId!: string;

  @Column({ type: 'numeric', precision: 15, scale: 3 })
  quantity!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  doneAt!: Date;

  // Deferred: a posting writes its moves in the statement that writes the operation and lines.
  @ManyToOne(() => OperationEntity, { deferrable: 'INITIALLY DEFERRED' })
  @JoinColumn()
  operation?: Relation<OperationEntity>;

  @ManyToOne(() => OperationLineEntity, { deferrable: 'INITIALLY DEFERRED' })
  @JoinColumn()
  line?: Relation<OperationLineEntity> | null;

  @ManyToOne(() => ProductEntity)
  @JoinColumn()
  product?: Relation<ProductEntity>;

  /** For reads: the key is the composite (batch, product) one above. */
  @ManyToOne(() => BatchEntity, { createForeignKeyConstraints: false })
  @JoinColumn()
  batch?: Relation<BatchEntity> | null;

  @ManyToOne(() => LocationEntity)
  @JoinColumn()
  sourceLocation?: Relation<LocationEntity>;

  @ManyToOne(() => LocationEntity)
  @JoinColumn()
  destinationLocation?: Relation<LocationEntity>;
}
