import { Module } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { MailOutboxRepository } from './mail-outbox.repository';
import { createMailTransporter } from './mail-transport';
import { MailService } from './mail.service';
import { MAIL_TRANSPORTER, MailWorker } from './mail.worker';

@Module({
  providers: [
    {
      provide: MAIL_TRANSPORTER,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => createMailTransporter(config.smtpUrl, config.mailFrom),
    },
    MailService,
    MailOutboxRepository,
    MailWorker,
  ],
  exports: [MailService, MailWorker],
})
export class MailModule {}
