import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { MailOutboxRepository } from './mail-outbox.repository';
import { MailTemplate, MailTemplates } from './mail-templates';

export interface OutgoingMail<T extends MailTemplate> {
  to: string;
  subject: string;
  template: T;
  context: MailTemplates[T];
}

@Injectable()
export class MailService {
  constructor(private readonly outbox: MailOutboxRepository) {}

  /**
   * Queues a message in the caller's transaction: it is sent only if that transaction commits,
   * and an SMTP outage can delay it but never fail the caller's request or lose it.
   */
  async enqueue<T extends MailTemplate>(
    manager: EntityManager,
    mail: OutgoingMail<T>,
  ): Promise<void> {
    await this.outbox.enqueue(manager, mail);
  }
}
