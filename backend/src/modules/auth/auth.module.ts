import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { ThrottlerModule } from '@nestjs/throttler';
import { WarehouseScope } from '../../common/auth/warehouse-scope';
import { BackgroundTasks } from '../../common/background-tasks';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { AuditModule } from '../audit/audit.module';
import { MailModule } from '../mail/mail.module';
import { AuthHousekeeping } from './auth-housekeeping';
import { authThrottlerOptions, PostgresThrottlerStorage } from './auth-throttling';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { CredentialsRepository } from './credentials.repository';
import { JwtStrategy } from './jwt.strategy';
import { UserCache } from './user-cache';
import { PasswordHasher } from './password-hasher';
import { PasswordResetService } from './password-reset.service';
import { RateLimitsRepository } from './rate-limits.repository';
import { Sessions } from './sessions';
import { SignInFailuresRepository } from './sign-in-failures.repository';
import { ACCESS_TOKEN_TTL_SECONDS, TokenService } from './token.service';
import { UsersController } from './users.controller';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

/** The throttler's storage, in its own module so the throttler's factory can inject it. */
@Module({
  providers: [RateLimitsRepository, PostgresThrottlerStorage],
  exports: [RateLimitsRepository, PostgresThrottlerStorage],
})
class RateLimitModule {}

@Module({
  imports: [
    PassportModule,
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        secret: config.jwtSecret,
        signOptions: { algorithm: 'HS256', expiresIn: ACCESS_TOKEN_TTL_SECONDS },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
    ThrottlerModule.forRootAsync({
      imports: [RateLimitModule],
      inject: [APP_CONFIG, PostgresThrottlerStorage],
      useFactory: authThrottlerOptions,
    }),
    RateLimitModule,
    AuditModule,
    MailModule,
  ],
  controllers: [AuthController, UsersController],
  providers: [
    AuthService,
    PasswordResetService,
    UsersService,
    UsersRepository,
    CredentialsRepository,
    SignInFailuresRepository,
    PasswordHasher,
    TokenService,
    Sessions,
    JwtStrategy,
    UserCache,
    WarehouseScope,
    BackgroundTasks,
    AuthHousekeeping,
  ],
  exports: [WarehouseScope, UsersService],
})
export class AuthModule {}
