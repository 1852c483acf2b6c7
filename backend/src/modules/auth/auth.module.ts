import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { ThrottlerModule } from '@nestjs/throttler';
import { WarehouseScope } from '../../common/auth/warehouse-scope';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { AuditModule } from '../audit/audit.module';
import { MailModule } from '../mail/mail.module';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { CredentialsRepository } from './credentials.repository';
import { JwtStrategy } from './jwt.strategy';
import { PasswordHasher } from './password-hasher';
import { PasswordResetService } from './password-reset.service';
import { Sessions } from './sessions';
import { ACCESS_TOKEN_TTL_SECONDS, TokenService } from './token.service';
import { UsersController } from './users.controller';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

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
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        throttlers: [{ ttl: 60_000, limit: config.authRateLimit }],
        // One budget per client IP across all auth routes, so guessing cannot hop between them.
        generateKey: (_context, tracker, throttler) => `auth:${throttler}:${tracker}`,
      }),
    }),
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
    PasswordHasher,
    TokenService,
    Sessions,
    JwtStrategy,
    WarehouseScope,
  ],
  exports: [WarehouseScope],
})
export class AuthModule {}
