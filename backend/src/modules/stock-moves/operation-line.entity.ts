import {
  Check,
  Column,
  Entity,
  ForeignKey,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import type { Relation } from 'typeorm';
import { BatchEntity } from '../batches/batch.entity';
import { ProductEntity } from '../catalog/product.entity';
import { LocationEntity } from '../warehouse/location.entity';
import { OperationEntity } from './operation.entity';

/** A batch to create when the receipt is validated, stored with its line until then. */
export interface NewBatchColumn {
  code: string;
  producedAt?: string;
  receivedAt?: string;
  expiresAt?: string;
}

/**
 * One line of an operation: a quantity to move, or (inventory adjustments) a counted quantity.
 * Quantities are exact decimals, numeric(15,3) read as strings.
 */
@Entity('operation_lines')
@Check('operation_lines_quantity_check', `quantity > 0`)
@Check('operation_lines_counted_quantity_check', `counted_quantity >= 0`)
@Check('operation_lines_one_quantity', `(quantity IS NULL) <> (counted_quantity IS NULL)`)
@Unique(['operationId', 'lineNo'])
// A batch is always the line's own product's.
@ForeignKey(() => BatchEntity, ['batchId', 'productId'], ['id', 'productId'], {
  name: 'operation_lines_batch_of_product',
})
export class OperationLineEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  operationId!: string;

  @Column({ type: 'integer' })
  lineNo!: number;

  @Column({ type: 'uuid' })
  productId!: string;

  @Column({ type: 'uuid', nullable: true })
  batchId!: string | null;

  @Column({ type: 'numeric', precision: 15, scale: 3, nullable: true })
  quantity!: string | null;

  @Column({ type: 'numeric', precision: 15, scale: 3, nullable: true })
  countedQuantity!: string | null;

  @Column({ type: 'uuid', nullable: true })
  sourceLocationId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  destinationLocationId!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  newBatch!: NewBatchColumn | null;

  @Column({ type: 'boolean', default: false })
  acceptExpired!: boolean;

  @ManyToOne(() => OperationEntity, (operation) => operation.lines, { onDelete: 'CASCADE' })
  @JoinColumn()
  operation?: Relation<OperationEntity>;

  @ManyToOne(() => ProductEntity)
  @JoinColumn()
  product?: Relation<ProductEntity>;

  /** For reads: the key is the composite (batch, product) one above. */
  @ManyToOne(() => BatchEntity, { createForeignKeyConstraints: false })
  @JoinColumn()
  batch?: Relation<BatchEntity> | null;

  @ManyToOne(() => LocationEntity)
  @JoinColumn()
  sourceLocation?: Relation<LocationEntity> | null;

  @ManyToOne(() => LocationEntity)
  @JoinColumn()
  destinationLocation?: Relation<LocationEntity> | null;
}
