import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The claim of one local day's scheduled digest: its key makes the run happen once. */
@Entity('alert_digest_runs')
export class AlertDigestRunEntity {
  /** The local date (TZ) the digest is for. */
  @PrimaryColumn({ type: 'date' })
  date!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  startedAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;

  /** Mails queued. */
  @Column({ type: 'integer', nullable: true })
  recipients!: number | null;

  /** Users with the digest on whose mail would have said nothing. */
  @Column({ type: 'integer', nullable: true })
  skipped!: number | null;
}
