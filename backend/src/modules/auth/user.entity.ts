import type { AlertDigestChoice, Role, UserStatus } from '@stockmaster/contracts';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  OneToMany,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { Relation } from 'typeorm';
import { UserWarehouseEntity } from './user-warehouse.entity';

/** Holds the password hash: map it to a contract type, never send it. */
@Entity('users')
@Check('users_email_check', `length(email) BETWEEN 3 AND 254`)
@Check('users_full_name_check', `length(btrim(full_name)) BETWEEN 1 AND 200`)
@Check('users_role_check', `role IN ('admin', 'manager', 'agent', 'viewer')`)
@Check('users_status_check', `status IN ('invited', 'active', 'disabled')`)
@Check('users_alert_digest_check', `alert_digest IN ('daily', 'off')`)
@Check('users_active_has_password', `status <> 'active' OR password_hash IS NOT NULL`)
@Index('users_full_name_trgm', { synchronize: false }) // GIN (full_name gin_trgm_ops)
@Index('users_email_trgm', { synchronize: false }) // GIN ((email::text) gin_trgm_ops)
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** citext: unique regardless of case. */
  @Column({ type: 'citext', unique: true })
  email!: string;

  @Column({ type: 'text' })
  fullName!: string;

  /** Null until an invitation is accepted. */
  @Column({ type: 'text', nullable: true })
  passwordHash!: string | null;

  @Column({ type: 'text' })
  role!: Role;

  @Column({ type: 'text' })
  status!: UserStatus;

  /** Bumped to invalidate every access token issued before. */
  @Column({ type: 'integer', default: 0 })
  tokenVersion!: number;

  /** The daily digest choice; null: the role's default (see alert-digest-default.ts). */
  @Column({ type: 'text', nullable: true })
  alertDigest!: AlertDigestChoice | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastLoginAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @OneToMany(() => UserWarehouseEntity, (assignment) => assignment.user)
  warehouseAssignments?: Relation<UserWarehouseEntity[]>;
}
