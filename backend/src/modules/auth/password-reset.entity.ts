import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { Relation } from 'typeorm';
import { UserEntity } from './user.entity';

/**
 * A one-time reset code, stored only hashed, keyed by the address as typed (an HMAC of it) so
 * an unknown address is answered like a known one; `userId` is null when no account matched.
 */
@Entity('password_resets')
@Check('password_resets_attempts_check', `attempts >= 0`)
@Index('password_resets_email', { synchronize: false }) // (email_key, created_at DESC)
@Index('password_resets_user', ['userId'])
@Index('password_resets_unclaimed', ['expiresAt'], { where: `user_id IS NULL` })
export class PasswordResetEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  emailKey!: string;

  @Column({ type: 'uuid', nullable: true })
  userId!: string | null;

  @Column({ type: 'text' })
  codeHash!: string;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  usedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn()
  user?: Relation<UserEntity>;
}
