import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  OneToMany,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VirtualColumn,
} from 'typeorm';
import type { Relation } from 'typeorm';
import { LocationEntity } from './location.entity';

@Entity('warehouses')
@Check('warehouses_code_check', `code ~ '^[A-Z0-9]{2,10}$'`)
@Check('warehouses_name_check', `length(name) BETWEEN 1 AND 200 AND name = btrim(name)`)
@Check('warehouses_address_check', `length(address) <= 500`)
export class WarehouseEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Also the first segment of every location's full name. */
  @Column({ type: 'text', unique: true })
  code!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', nullable: true })
  address!: string | null;

  /** Set by the first posting through the warehouse; its code is frozen from then on. */
  @Column({ type: 'boolean', default: false })
  hasStockHistory!: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  /**
   * The root location `CODE/Stock`, created with the warehouse and removed only with it: read
   * with every warehouse (the partial unique index on roots makes it one index probe).
   */
  @VirtualColumn({
    type: 'uuid',
    query: (alias) =>
      `SELECT id FROM locations WHERE warehouse_id = ${alias}.id AND parent_id IS NULL AND type = 'internal'`,
  })
  rootLocationId!: string;

  @OneToMany(() => LocationEntity, (location) => location.warehouse)
  locations?: Relation<LocationEntity[]>;
}
