import type { Tracking, Unit } from '@stockmaster/contracts';
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
import { CategoryEntity } from './category.entity';

@Entity('products')
@Check('products_sku_check', `sku ~ '^[A-Za-z0-9._-]{1,64}$'`)
@Check('products_name_check', `length(name) BETWEEN 1 AND 200 AND name = btrim(name)`)
@Check('products_description_check', `length(description) <= 2000`)
@Check('products_unit_check', `unit IN ('unit', 'kg', 'g', 'l', 'ml', 'm', 'box', 'pack')`)
@Check('products_barcode_check', `barcode ~ '^[!-~]{1,64}$'`)
@Check('products_tracking_check', `tracking IN ('none', 'batch')`)
@Check('products_shelf_life_days_check', `shelf_life_days BETWEEN 0 AND 36500`)
@Check('products_expiry_warning_days_check', `expiry_warning_days BETWEEN 0 AND 36500`)
@Index('products_sku_key', { synchronize: false }) // UNIQUE (lower(sku))
@Index('products_barcode_key', ['barcode'], { unique: true, where: `barcode IS NOT NULL` })
// GIN (sku || ' ' || name || ' ' || coalesce(barcode, '')) gin_trgm_ops
@Index('products_search_trgm', { synchronize: false })
@Index('products_sku_order', ['sku'])
@Index('products_name', ['name', 'id'])
@Index('products_created', ['createdAt', 'id'])
@Index('products_updated', ['updatedAt', 'id'])
@Index('products_category', ['categoryId'])
@Index('products_expiry_warning', ['expiryWarningDays'])
export class ProductEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  sku!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ type: 'uuid', nullable: true })
  categoryId!: string | null;

  @Column({ type: 'text' })
  unit!: Unit;

  @Column({ type: 'text', nullable: true })
  barcode!: string | null;

  @Column({ type: 'text', default: 'none' })
  tracking!: Tracking;

  @Column({ type: 'integer', nullable: true })
  shelfLifeDays!: number | null;

  @Column({ type: 'integer', default: 2 })
  expiryWarningDays!: number;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  /** Optimistic concurrency, bumped by the catalog's own updates (not a TypeORM version column). */
  @Column({ type: 'integer', default: 1 })
  version!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @ManyToOne(() => CategoryEntity, { onDelete: 'RESTRICT' })
  @JoinColumn()
  category?: Relation<CategoryEntity> | null;
}
