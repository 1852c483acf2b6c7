import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type MailOutboxStatus = 'pending' | 'sending' | 'sent' | 'failed';

/** A mail waiting in (or done with) the outbox the mail worker drains. */
@Entity('mail_outbox')
@Check('mail_outbox_status_check', `status IN ('pending', 'sending', 'sent', 'failed')`)
@Index('mail_outbox_due', ['nextAttemptAt'], { where: `status IN ('pending', 'sending')` })
export class MailOutboxMessageEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  toAddress!: string;

  @Column({ type: 'text' })
  template!: string;

  @Column({ type: 'text' })
  subject!: string;

  /** The template's variables. */
  @Column({ type: 'jsonb', default: {} })
  context!: Record<string, unknown>;

  @Column({ type: 'text', default: 'pending' })
  status!: MailOutboxStatus;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  nextAttemptAt!: Date;

  /** A worker's claim on a message being sent; a lapsed claim may be taken over. */
  @Column({ type: 'timestamptz', nullable: true })
  lockedUntil!: Date | null;

  @Column({ type: 'text', nullable: true })
  lastError!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt!: Date | null;
}
