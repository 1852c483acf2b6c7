import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A rate-limit counter shared by every API instance (an UNLOGGED table: losing it in a crash
 * only restarts the windows). `key` is an HMAC of the route and the address or email counted.
 */
@Entity('rate_limits')
@Check('rate_limits_hits_check', `hits >= 0`)
@Index('rate_limits_expires', ['expiresAt'])
export class RateLimitEntity {
  @PrimaryColumn({ type: 'text' })
  key!: string;

  @Column({ type: 'integer' })
  hits!: number;

  @Column({ type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  blockedUntil!: Date | null;
}
