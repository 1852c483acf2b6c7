import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { WarehouseEntity } from '../warehouse/warehouse.entity';
import { UserEntity } from './user.entity';

/**
 * The warehouses assigned to a user (a warehouse-scoped role uses only these). An entity of its own rather than a many-to-many
 * junction: the table has its own index and foreign key names, which a junction would not keep.
 */
@Entity('user_warehouses')
@Index('user_warehouses_warehouse', ['warehouseId'])
export class UserWarehouseEntity {
  @PrimaryColumn({ type: 'uuid' })
  userId!: string;

  @PrimaryColumn({ type: 'uuid' })
  warehouseId!: string;

  @ManyToOne(() => UserEntity, (user) => user.warehouseAssignments, { onDelete: 'CASCADE' })
  @JoinColumn()
  user?: Relation<UserEntity>;

  @ManyToOne(() => WarehouseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ foreignKeyConstraintName: 'user_warehouses_warehouse_fk' })
  warehouse?: Relation<WarehouseEntity>;
}
