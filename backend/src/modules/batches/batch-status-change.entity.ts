import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { Relation } from 'typeorm';
import type { BatchStatus } from '@stockmaster/contracts';
import { UserEntity } from '../auth/user.entity';
import { BatchEntity } from './batch.entity';

/**
 * One change of a batch's status: the history a recall is judged by. The user's email is copied
 * so the line outlives the account.
 */
@Entity('batch_status_changes')
@Check('batch_status_changes_reason_check', `length(reason) <= 2000`)
@Check('batch_status_changes_public_notice_check', `length(public_notice) <= 2000`)
@Check(
  'batch_status_changes_statuses',
  `from_status IN ('available', 'quarantined', 'recalled') AND to_status IN ('available', 'quarantined', 'recalled') AND from_status <> to_status`,
)
@Index('batch_status_changes_batch', ['batchId', 'at', 'id'])
export class BatchStatusChangeEntity {
  /** bigint: read as a string. */
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column({ type: 'uuid' })
  batchId!: string;

  @Column({ type: 'text' })
  fromStatus!: BatchStatus;

  @Column({ type: 'text' })
  toStatus!: BatchStatus;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ type: 'text', nullable: true })
  publicNotice!: string | null;

  @Column({ type: 'uuid', nullable: true })
  userId!: string | null;

  @Column({ type: 'text', nullable: true })
  userEmail!: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at!: Date;

  @ManyToOne(() => BatchEntity)
  @JoinColumn()
  batch?: Relation<BatchEntity>;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn()
  user?: Relation<UserEntity> | null;
}
