import { Module } from '@nestjs/common';
import { DashboardModule } from '../dashboard/dashboard.module';
import { MailModule } from '../mail/mail.module';
import { AlertDigestScheduler } from './alert-digest.scheduler';
import { AlertDigestService } from './alert-digest.service';
import { AlertsController } from './alerts.controller';

@Module({
  imports: [DashboardModule, MailModule],
  controllers: [AlertsController],
  providers: [AlertDigestService, AlertDigestScheduler],
  exports: [AlertDigestService, AlertDigestScheduler],
})
export class AlertsModule {}
