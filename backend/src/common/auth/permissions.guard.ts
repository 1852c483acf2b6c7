import { CanActivate, ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { can, ErrorCode, Permission } from '@stockmaster/contracts';
import type { Request } from 'express';
import { DomainError } from '../errors/domain-error';
import { AuthenticatedUser } from './authenticated-user';
import { IS_PUBLIC } from './public.decorator';
import { ANY_SIGNED_IN, REQUIRED_PERMISSION } from './require-permission.decorator';

/** Global, after JwtAuthGuard: checks the route's declared permission against the role map. */
@Injectable()
export class PermissionsGuard implements CanActivate {
  private readonly logger = new Logger(PermissionsGuard.name);

  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const user = context.switchToHttp().getRequest<Request & { user?: AuthenticatedUser }>().user;
    if (!user)
      throw new DomainError(401, ErrorCode.Unauthorized, 'A valid access token is required');
    if (this.reflector.getAllAndOverride<boolean>(ANY_SIGNED_IN, targets)) return true;

    const permission = this.reflector.getAllAndOverride<Permission | undefined>(
      REQUIRED_PERMISSION,
      targets,
    );
    if (!permission) {
      // A route without a declaration is a programming error; refuse rather than allow.
      this.logger.error(
        `route ${context.getClass().name}.${context.getHandler().name} declares no permission`,
      );
      throw new DomainError(403, ErrorCode.Forbidden, 'You are not allowed to do this');
    }
    if (!can(user.role, permission)) {
      throw new DomainError(403, ErrorCode.Forbidden, 'Your role is not allowed to do this');
    }
    return true;
  }
}
