import type { OperationType } from '@stockmaster/contracts';
import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { WarehouseEntity } from '../warehouse/warehouse.entity';

/** The last number given to an operation of one type in one warehouse (gap-free references). */
@Entity('operation_sequences')
export class OperationSequenceEntity {
  @PrimaryColumn({ type: 'uuid' })
  warehouseId!: string;

  @PrimaryColumn({ type: 'text' })
  type!: OperationType;

  @Column({ type: 'integer' })
  lastValue!: number;

  @ManyToOne(() => WarehouseEntity, { onDelete: 'CASCADE' })
  @JoinColumn()
  warehouse?: Relation<WarehouseEntity>;
}
