import type { OperationStatus, OperationType } from '@stockmaster/contracts';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToMany,
  OneToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { Relation } from 'typeorm';
import { UserEntity } from '../auth/user.entity';
import { LocationEntity } from '../warehouse/location.entity';
import { WarehouseEntity } from '../warehouse/warehouse.entity';
import { OperationLineEntity } from './operation-line.entity';

/**
 * A receipt, delivery, transfer, adjustment or scrap. Once done it never changes again, and the
 * database numbers it as it commits (triggers of the migrations, which TypeORM does not see).
 */
@Entity('operations')
@Check(
  'operations_type_check',
  `type IN ('receipt', 'delivery', 'transfer', 'adjustment', 'scrap')`,
)
@Check('operations_status_check', `status IN ('draft', 'done', 'cancelled')`)
@Check('operations_partner_check', `length(partner) <= 200`)
@Check('operations_notes_check', `length(notes) <= 2000`)
@Check('operations_done_has_date', `(status = 'done') = (done_at IS NOT NULL)`)
@Index('operations_list', { synchronize: false }) // (warehouse_id, created_at DESC)
@Index('operations_created', { synchronize: false }) // (created_at DESC, id DESC)
@Index('operations_done', ['doneAt'], { where: `status = 'done'` })
@Index('operations_drafts', { synchronize: false }) // (created_at DESC, id DESC) WHERE status = 'draft'
// GIN ((reference || ' ' || coalesce(partner, '')) gin_trgm_ops) WHERE reference NOT LIKE 'pending/%'
@Index('operations_search', { synchronize: false })
export class OperationEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** `CODE/IN/00001`; `pending/<id>` until the numbering trigger runs at commit. */
  @Column({ type: 'text', unique: true })
  reference!: string;

  @Column({ type: 'text' })
  type!: OperationType;

  @Column({ type: 'text', default: 'draft' })
  status!: OperationStatus;

  @Column({ type: 'uuid' })
  warehouseId!: string;

  @Column({ type: 'uuid', nullable: true })
  sourceLocationId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  destinationLocationId!: string | null;

  @Column({ type: 'text', nullable: true })
  partner!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  scheduledAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  doneAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  notes!: string | null;

  /** An explicit source location is taken with the locations below it. */
  @Column({ type: 'boolean', default: false })
  includeChildren!: boolean;

  @Column({ type: 'uuid', nullable: true })
  createdBy!: string | null;

  @Column({ type: 'uuid', nullable: true })
  validatedBy!: string | null;

  /** The operation this one reverses; each is reversed at most once. */
  @Column({ type: 'uuid', nullable: true })
  reversalOfId!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @ManyToOne(() => WarehouseEntity)
  @JoinColumn()
  warehouse?: Relation<WarehouseEntity>;

  @ManyToOne(() => LocationEntity)
  @JoinColumn()
  sourceLocation?: Relation<LocationEntity> | null;

  @ManyToOne(() => LocationEntity)
  @JoinColumn()
  destinationLocation?: Relation<LocationEntity> | null;

  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'created_by' })
  creator?: Relation<UserEntity> | null;

  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'validated_by' })
  validator?: Relation<UserEntity> | null;

  @OneToOne(() => OperationEntity)
  @JoinColumn()
  reversalOf?: Relation<OperationEntity> | null;

  @OneToMany(() => OperationLineEntity, (line) => line.operation)
  lines?: Relation<OperationLineEntity[]>;
}
