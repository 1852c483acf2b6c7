import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AuthUser, LoginResponse, Role } from '@stockmaster/contracts';
import type { CookieOptions } from 'express';
import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';

export const ACCESS_TOKEN_TTL_SECONDS = 30 * 60;
export const REFRESH_TOKEN_TTL_SECONDS = 14 * 24 * 60 * 60;
export const REFRESH_COOKIE = 'sm_refresh';
export const REFRESH_COOKIE_PATH = '/api/v1/auth';

/** Claims of an access token: who, which role, and the token version it was issued under. */
export interface AccessTokenClaims {
  sub: string;
  role: Role;
  ver: number;
}

@Injectable()
export class TokenService {
  constructor(
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async loginResponse(user: AuthUser, tokenVersion: number): Promise<LoginResponse> {
    const claims: AccessTokenClaims = { sub: user.id, role: user.role, ver: tokenVersion };
    return {
      accessToken: await this.jwt.signAsync(claims),
      tokenType: 'Bearer',
      expiresIn: ACCESS_TOKEN_TTL_SECONDS,
      user,
    };
  }

  /** An opaque random secret and the hash under which it is stored. */
  newSecret(): { token: string; hash: string } {
    const token = randomBytes(32).toString('base64url');
    return { token, hash: this.hashSecret(token) };
  }

  /** SHA-256 is enough for 256-bit random secrets: they cannot be guessed from their hash. */
  hashSecret(token: string): string {
    return createHash('sha256').update(token).digest('hex');
  }

  /** A 6-digit reset code: uniformly random, leading zeros kept. */
  newResetCode(): string {
    return String(randomInt(0, 1_000_000)).padStart(6, '0');
  }

  /**
   * The key under which sign-in failures and reset codes of an email address are kept, whether
   * or not an account has it. An HMAC: the tables never hold the addresses people typed.
   */
  emailKey(email: string): string {
    return createHmac('sha256', this.config.jwtSecret)
      .update(`email:${email.trim().toLowerCase()}`)
      .digest('hex');
  }

  /**
   * Reset codes have only a million values, so a plain hash would fall to brute force from a
   * database dump; an HMAC keyed with the server secret does not.
   */
  hashResetCode(emailKey: string, code: string): string {
    return createHmac('sha256', this.config.jwtSecret).update(`${emailKey}:${code}`).digest('hex');
  }

  resetCodeMatches(emailKey: string, code: string, storedHash: string): boolean {
    const given = Buffer.from(this.hashResetCode(emailKey, code), 'hex');
    const stored = Buffer.from(storedHash, 'hex');
    return given.length === stored.length && timingSafeEqual(given, stored);
  }

  /** The refresh cookie's twin that scripts may read (SESSION_HINT_COOKIE): same life, every path. */
  sessionHintCookieOptions(): CookieOptions {
    return { ...this.refreshCookieOptions(), httpOnly: false, path: '/' };
  }

  refreshCookieOptions(): CookieOptions {
    return {
      httpOnly: true,
      // Production always sits behind HTTPS (directly or at a proxy, whatever PUBLIC_URL says).
      secure: this.config.production || this.config.publicUrl.startsWith('https:'),
      sameSite: 'strict',
      path: REFRESH_COOKIE_PATH,
      maxAge: REFRESH_TOKEN_TTL_SECONDS * 1000,
    };
  }
}
