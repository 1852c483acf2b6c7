import { MailerModule } from '@nestjs-modules/mailer';
import { Module } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { MailOutboxRepository } from './mail-outbox.repository';
import { mailTransport } from './mail-transport';
import { MailService } from './mail.service';
import { MailWorker } from './mail.worker';

@Module({
  imports: [
    MailerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        transport: mailTransport(config.smtpUrl),
        defaults: { from: config.mailFrom },
      }),
    }),
  ],
  providers: [MailService, MailOutboxRepository, MailWorker],
  exports: [MailService, MailWorker],
})
export class MailModule {}
