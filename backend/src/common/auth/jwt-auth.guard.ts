import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { ErrorCode } from '@stockmaster/contracts';
import { DomainError } from '../errors/domain-error';
import { IS_PUBLIC } from './public.decorator';

/** Global: every route needs a valid access token unless it is marked @Public(). */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override canActivate(context: ExecutionContext) {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [
      context.getHandler(),
      context.getClass(),
    ]);
    return isPublic ? true : super.canActivate(context);
  }

  /**
   * Passport reports a bad token as "no user" and an exception of the strategy (the database
   * re-read failing) as `error`. Only the first is the client's problem: the second leaves as
   * what it is (503 while the database is away), so a valid session is never answered 401.
   */
  override handleRequest<T>(error: unknown, user: T | false): T {
    if (error) throw error;
    if (!user) {
      throw new DomainError(401, ErrorCode.Unauthorized, 'A valid access token is required');
    }
    return user;
  }
}
