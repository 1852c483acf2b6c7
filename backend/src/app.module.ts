import { DynamicModule, Module, Type } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import type { Logger } from 'pino';
import { JwtAuthGuard } from './common/auth/jwt-auth.guard';
import { PermissionsGuard } from './common/auth/permissions.guard';
import { AllExceptionsFilter } from './common/errors/all-exceptions.filter';
import { createValidationPipe } from './common/errors/validation-pipe';
import { ConsoleModule } from './common/http/console.module';
import { LoggingModule } from './common/logging/logging.module';
import { CONSOLE_DIR } from './common/paths';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { AlertsModule } from './modules/alerts/alerts.module';
import { AuditModule } from './modules/audit/audit.module';
import { AuthModule } from './modules/auth/auth.module';
import { BatchesModule } from './modules/batches/batches.module';
import { CatalogModule } from './modules/catalog/catalog.module';
import { DashboardModule } from './modules/dashboard/dashboard.module';
import { HealthModule } from './modules/health/health.module';
import { MailModule } from './modules/mail/mail.module';
import { StockImportModule } from './modules/stock-import/stock-import.module';
import { StockMovesModule } from './modules/stock-moves/stock-moves.module';
import { WarehouseModule } from './modules/warehouse/warehouse.module';

export interface AppModuleOptions {
  /** Extra modules mounted beside the real ones (the test harness mounts probe routes this way). */
  extraModules?: Type[];
  /** The process's logger, so that everything it prints shares one format and level. */
  logger?: Logger;
}

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, options: AppModuleOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule.forRoot(options.logger),
        DatabaseModule,
        HealthModule,
        AuditModule,
        MailModule,
        AuthModule,
        CatalogModule,
        WarehouseModule,
        StockMovesModule,
        BatchesModule,
        DashboardModule,
        AlertsModule,
        StockImportModule,
        ...(options.extraModules ?? []),
        // Last, so API routes always win over the console's catch-all.
        ConsoleModule.forRoot(CONSOLE_DIR),
      ],
      providers: [
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
        // Deny by default: a token is required unless @Public(), then the route's permission.
        { provide: APP_GUARD, useClass: JwtAuthGuard },
        { provide: APP_GUARD, useClass: PermissionsGuard },
        { provide: APP_PIPE, useFactory: createValidationPipe },
      ],
    };
  }
}
