import type { LocationType } from '@stockmaster/contracts';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { Relation } from 'typeorm';
import { WarehouseEntity } from './warehouse.entity';

/**
 * A node of a warehouse's location tree (type `internal`), or one of the four virtual locations
 * that stand for the outside world (no warehouse, no parent).
 */
@Entity('locations')
@Check(
  'locations_name_check',
  `length(name) BETWEEN 1 AND 100 AND name = btrim(name) AND position('/' IN name) = 0`,
)
@Check('locations_type_check', `type IN ('internal', 'supplier', 'customer', 'inventory', 'scrap')`)
@Check('locations_internal_in_warehouse', `(type = 'internal') = (warehouse_id IS NOT NULL)`)
@Check('locations_virtual_flat', `type = 'internal' OR parent_id IS NULL`)
@Check('locations_check', `parent_id IS NULL OR parent_id <> id`)
@Index('locations_full_name_key', { synchronize: false }) // UNIQUE (lower(full_name))
@Index('locations_one_virtual_per_type', ['type'], { unique: true, where: `type <> 'internal'` })
@Index('locations_one_root_per_warehouse', ['warehouseId'], {
  unique: true,
  where: `parent_id IS NULL AND type = 'internal'`,
})
@Index('locations_parent', ['parentId'])
@Index('locations_warehouse', ['warehouseId', 'fullName'])
export class LocationEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', nullable: true })
  warehouseId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  parentId!: string | null;

  @Column({ type: 'text' })
  name!: string;

  /** `CODE/Stock/…/name`: the path from the warehouse code down, kept in step by the module. */
  @Column({ type: 'text' })
  fullName!: string;

  @Column({ type: 'text' })
  type!: LocationType;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @ManyToOne(() => WarehouseEntity, (warehouse) => warehouse.locations, { onDelete: 'CASCADE' })
  @JoinColumn()
  warehouse?: Relation<WarehouseEntity> | null;

  @ManyToOne(() => LocationEntity)
  @JoinColumn()
  parent?: Relation<LocationEntity> | null;
}
