import {
  Check,
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
import type { Relation } from 'typeorm';
import { WarehouseEntity } from '../warehouse/warehouse.entity';
import { ProductEntity } from './product.entity';

/** Quantities are exact decimals: numeric(15,3) read as strings, never JS numbers. */
@Entity('reorder_rules')
@Check('reorder_rules_min_quantity_check', `min_quantity >= 0`)
@Check('reorder_rules_min_le_max', `min_quantity <= max_quantity`)
@Unique('reorder_rules_pair', ['productId', 'warehouseId'])
@Index('reorder_rules_warehouse', ['warehouseId'])
export class ReorderRuleEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  productId!: string;

  @Column({ type: 'uuid' })
  warehouseId!: string;

  @Column({ type: 'numeric', precision: 15, scale: 3 })
  minQuantity!: string;

  @Column({ type: 'numeric', precision: 15, scale: 3 })
  maxQuantity!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @ManyToOne(() => ProductEntity, { onDelete: 'CASCADE' })
  @JoinColumn()
  product?: Relation<ProductEntity>;

  @ManyToOne(() => WarehouseEntity, { onDelete: 'CASCADE' })
  @JoinColumn()
  warehouse?: Relation<WarehouseEntity>;
}
