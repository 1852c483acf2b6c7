import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { MailTemplate, MailTemplates } from './mail-templates';

export interface OutgoingMail<T extends MailTemplate> {
  to: string;
  subject: string;
  template: T;
  context: MailTemplates[T];
}

@Injectable()
export class MailService {
  /**
   * Queues a message in the caller's transaction: it is sent only if that transaction commits,
   * and an SMTP outage can delay it but never fail the caller's request or lose it.
   */
  async enqueue<T extends MailTemplate>(
    manager: EntityManager,
    mail: OutgoingMail<T>,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO mail_outbox (to_address, subject, template, context) VALUES ($1, $2, $3, $4)`,
      [mail.to, mail.subject, mail.template, JSON.stringify(mail.context)],
    );
  }
}
