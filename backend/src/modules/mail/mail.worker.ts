import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { ClaimedMail, MailOutboxRepository } from './mail-outbox.repository';
import { MailRenderer, secretFieldsOf } from './mail-templates';
import { MailTransporter } from './mail-transport';

/** The nodemailer transport (SMTP, or rendering to a buffer without `SMTP_URL`). */
export const MAIL_TRANSPORTER = Symbol('MAIL_TRANSPORTER');

const BATCH = 10;
const MAX_ATTEMPTS = 10;
const MAX_BACKOFF_MS = 60 * 60 * 1000;

/**
 * Drains the outbox: claims due messages, renders and sends them, and reschedules failures with
 * exponential backoff. Runs in every API instance; the claim makes each message go out once.
 */
@Injectable()
export class MailWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MailWorker.name);
  private readonly renderer: MailRenderer;
  private timer: NodeJS.Timeout | undefined;
  private draining: Promise<void> | undefined;

  constructor(
    private readonly outbox: MailOutboxRepository,
    @Inject(MAIL_TRANSPORTER) private readonly mailer: MailTransporter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.renderer = new MailRenderer(config.publicUrl);
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.drain(), this.config.mail.pollIntervalMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.draining;
    this.mailer.close();
  }

  /** One pass over the due messages; overlapping calls share the pass in progress. */
  drain(): Promise<void> {
    this.draining ??= this.drainOnce().finally(() => (this.draining = undefined));
    return this.draining;
  }

  private async drainOnce(): Promise<void> {
    try {
      for (
        let batch = await this.outbox.claim(BATCH);
        batch.length > 0;
        batch = await this.outbox.claim(BATCH)
      ) {
        for (const mail of batch) await this.deliver(mail);
      }
    } catch (error) {
      // The database may be briefly away; the next tick tries again.
      this.logger.warn(`mail outbox unavailable: ${String(error)}`);
    }
  }

  private async deliver(mail: ClaimedMail): Promise<void> {
    try {
      const { html, text } = this.renderer.render(mail.template, mail.subject, mail.context);
      const raw = await this.mailer.send({
        to: mail.to_address,
        subject: mail.subject,
        html,
        text,
      });
      if (raw) await this.writeToFolder(mail, raw);
      await this.outbox.markSent(mail.id, secretFieldsOf(mail.template));
      this.logger.log({ mailId: mail.id, template: mail.template }, 'mail sent');
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const retryIn =
        mail.attempts >= MAX_ATTEMPTS
          ? null
          : Math.min(MAX_BACKOFF_MS, this.config.mail.retryBaseMs * 2 ** (mail.attempts - 1)) *
            (1 + Math.random() * 0.1);
      await this.outbox.markFailed(
        mail.id,
        message,
        retryIn === null ? null : Math.round(retryIn),
        secretFieldsOf(mail.template),
      );
      this.logger.warn(
        { mailId: mail.id, attempts: mail.attempts, error: message },
        retryIn === null
          ? 'mail failed for good'
          : `mail failed, retrying in ${Math.round(retryIn / 1000)} s`,
      );
    }
  }

  /** Local mode: the message lands in DATA_DIR/mail so a user can still read their reset code. */
  private async writeToFolder(mail: ClaimedMail, raw: Buffer): Promise<void> {
    const dir = join(this.config.dataDir, 'mail');
    await mkdir(dir, { recursive: true });
    const file = join(
      dir,
      `${new Date().toISOString().replace(/[:.]/g, '-')}-${mail.template}-${mail.id}.eml`,
    );
    // Written aside, then renamed: whoever watches the folder never opens a half-written message.
    await writeFile(`${file}.part`, raw, { mode: 0o600 });
    await rename(`${file}.part`, file);
    this.logger.log(`mail to ${mail.to_address} written to ${file}`);
  }
}
