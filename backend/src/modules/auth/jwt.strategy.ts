import { Inject, Injectable } from '@nestjs/common';
import { createSecretKey } from 'node:crypto';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { ACCESS_TOKEN_TTL_SECONDS, AccessTokenClaims } from './token.service';
import { UserCache } from './user-cache';

/**
 * Verifies the bearer token (HS256 only: `alg: none` and other algorithms are refused; `exp`
 * required, and at most 30 minutes since `iat`), then re-reads the user (from UserCache, which
 * drops a user as soon as the database announces a change) so that a disabled account, a
 * changed role or a changed password ends every token issued before, at once. A
 * database failure during that re-read is thrown as such (503), never taken for a bad token.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly users: UserCache,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // A KeyObject, not the string: given a string, jsonwebtoken first tries to parse it as a
      // public key and throws, on every request (a sixth of the API's CPU under load).
      // passport-jwt's types predate KeyObject; jsonwebtoken 9 takes it as is.
      secretOrKey: createSecretKey(Buffer.from(config.jwtSecret)) as unknown as Buffer,
      algorithms: ['HS256'],
      ignoreExpiration: false,
      // Whatever `exp` a token claims, it is refused 30 minutes after it was issued (and one
      // without `iat` is refused outright).
      jsonWebTokenOptions: { maxAge: ACCESS_TOKEN_TTL_SECONDS },
    });
  }

  async validate(
    claims: AccessTokenClaims & { exp?: unknown },
  ): Promise<AuthenticatedUser | false> {
    // jsonwebtoken checks `exp` only when present: a token without one is not ours.
    if (typeof claims.exp !== 'number') return false;
    if (typeof claims.sub !== 'string' || !/^[0-9a-f-]{36}$/i.test(claims.sub)) return false;
    const user = await this.users.get(claims.sub);
    if (!user || user.status !== 'active' || user.token_version !== claims.ver) return false;
    return {
      id: user.id,
      email: user.email,
      fullName: user.full_name,
      role: user.role,
      warehouseIds: user.warehouse_ids,
      tokenVersion: user.token_version,
    };
  }
}
