import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { Relation } from 'typeorm';

/** A day boundary whose closing balances were taken (its key is also the job's claim). */
@Entity('stock_snapshot_days')
export class StockSnapshotDayEntity {
  /** UTC midnight: the balances of every move before it. */
  @PrimaryColumn({ type: 'timestamptz' })
  at!: Date;

  /** How many balances were written. */
  @Column({ type: 'integer', default: 0 })
  levels!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  takenAt!: Date;
}

/** One non-zero balance of an internal location at a boundary: Σ moves with done_at < at. */
@Entity('stock_snapshots')
@Index('stock_snapshots_at', ['at', 'productId'])
export class StockSnapshotEntity {
  /** bigint: read as a string. */
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column({ type: 'timestamptz' })
  at!: Date;

  @Column({ type: 'uuid' })
  productId!: string;

  @Column({ type: 'uuid' })
  locationId!: string;

  @Column({ type: 'uuid', nullable: true })
  batchId!: string | null;

  @Column({ type: 'numeric', precision: 15, scale: 3 })
  quantity!: string;

  @ManyToOne(() => StockSnapshotDayEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'at', referencedColumnName: 'at' })
  day?: Relation<StockSnapshotDayEntity>;
}
