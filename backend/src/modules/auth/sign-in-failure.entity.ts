import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Failed sign-ins per address as typed (an HMAC of it), account or not, and the lock-out. */
@Entity('sign_in_failures')
@Check('sign_in_failures_failures_check', `failures >= 0`)
@Index('sign_in_failures_updated', ['updatedAt'])
export class SignInFailureEntity {
  @PrimaryColumn({ type: 'text' })
  emailKey!: string;

  @Column({ type: 'integer' })
  failures!: number;

  @Column({ type: 'timestamptz', nullable: true })
  lockedUntil!: Date | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
