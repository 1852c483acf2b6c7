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
import type { BatchStatus } from '@stockmaster/contracts';
import { ProductEntity } from '../catalog/product.entity';

/**
 * A batch (lot) of one product. Dates are calendar days, read as `YYYY-MM-DD` strings (the data
 * source keeps PostgreSQL `date` values as text).
 */
@Entity('batches')
@Check('batches_code_check', `length(code) BETWEEN 1 AND 64 AND code = btrim(code)`)
@Check('batches_public_token_check', `length(public_token) >= 22`)
@Check('batches_notes_check', `length(notes) <= 2000`)
@Check('batches_produced_before_received', `produced_at <= received_at`)
@Check('batches_produced_before_expiry', `produced_at <= expires_at`)
@Check('batches_status_check', `status IN ('available', 'quarantined', 'recalled')`)
@Check('batches_recall_notice_check', `length(recall_notice) <= 2000`)
@Check(
  'batches_recall_complete',
  `(status = 'recalled') = (recall_notice IS NOT NULL AND recalled_at IS NOT NULL)`,
)
// Moves, levels and lines refer to (batch, product): a batch never moves as another product's.
@Unique('batches_id_product', ['id', 'productId'])
@Index('batches_code_per_product', { synchronize: false }) // UNIQUE (product_id, lower(code))
@Index('batches_expiry', ['expiresAt', 'code'])
@Index('batches_code_trgm', { synchronize: false }) // GIN (code gin_trgm_ops)
@Index('batches_blocked', { synchronize: false }) // (status) WHERE status <> 'available'
export class BatchEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  productId!: string;

  @Column({ type: 'text' })
  code!: string;

  @Column({ type: 'date', nullable: true })
  producedAt!: string | null;

  @Column({ type: 'date', nullable: true })
  receivedAt!: string | null;

  @Column({ type: 'date', nullable: true })
  expiresAt!: string | null;

  /** Unguessable: what the batch's QR code carries. */
  @Column({ type: 'text', unique: true })
  publicToken!: string;

  @Column({ type: 'text', nullable: true })
  notes!: string | null;

  /** Quarantined and recalled batches are blocked: never delivered nor transferred. */
  @Column({ type: 'text', default: 'available' })
  status!: BatchStatus;

  /** What the public page of a recalled batch shows first. */
  @Column({ type: 'text', nullable: true })
  recallNotice!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  recalledAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @ManyToOne(() => ProductEntity)
  @JoinColumn()
  product?: Relation<ProductEntity>;
}
