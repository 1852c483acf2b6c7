import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { Relation } from 'typeorm';
import { UserEntity } from '../auth/user.entity';

/** One line of the audit log. The actor's email is copied so the line outlives the account. */
@Entity('audit_log')
@Index('audit_log_at', { synchronize: false }) // (at DESC, id DESC)
@Index('audit_log_actor', { synchronize: false }) // (actor_id, at DESC)
@Index('audit_log_action', { synchronize: false }) // (action, at DESC)
export class AuditEntryEntity {
  /** bigint: read as a string. */
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  at!: Date;

  @Column({ type: 'uuid', nullable: true })
  actorId!: string | null;

  @Column({ type: 'text', nullable: true })
  actorEmail!: string | null;

  @Column({ type: 'text' })
  action!: string;

  @Column({ type: 'text', nullable: true })
  entityType!: string | null;

  @Column({ type: 'text', nullable: true })
  entityId!: string | null;

  @Column({ type: 'jsonb', default: {} })
  summary!: Record<string, unknown>;

  @Column({ type: 'text', nullable: true })
  ip!: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn()
  actor?: Relation<UserEntity> | null;
}
