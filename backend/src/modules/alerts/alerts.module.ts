import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { DashboardModule } from '../dashboard/dashboard.module';
import { MailModule } from '../mail/mail.module';
import { AlertDigestRunsRepository } from './alert-digest-runs.repository';
import { AlertDigestScheduler } from './alert-digest.scheduler';
import { AlertDigestService } from './alert-digest.service';
import { AlertsController } from './alerts.controller';

@Module({
  imports: [AuthModule, DashboardModule, MailModule],
  controllers: [AlertsController],
  providers: [AlertDigestService, AlertDigestScheduler, AlertDigestRunsRepository],
  exports: [AlertDigestService, AlertDigestScheduler],
})
export class AlertsModule {}
