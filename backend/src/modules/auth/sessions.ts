import { Injectable } from '@nestjs/common';
import { LoginResponse } from '@stockmaster/contracts';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { toAuthUser } from './account-rules';
import { CredentialsRepository } from './credentials.repository';
import { REFRESH_TOKEN_TTL_SECONDS, TokenService } from './token.service';
import { UserRow } from './users.repository';

/** What a sign-in produces: the body for the client and the refresh token for its cookie. */
export interface IssuedSession {
  response: LoginResponse;
  refreshToken: string;
}

/** Starts and continues sessions: an access token plus a refresh token in a rotation family. */
@Injectable()
export class Sessions {
  constructor(
    private readonly credentials: CredentialsRepository,
    private readonly tokens: TokenService,
  ) {}

  async issue(
    manager: EntityManager,
    user: UserRow,
    familyId: string = randomUUID(),
  ): Promise<IssuedSession> {
    const refresh = this.tokens.newSecret();
    await this.credentials.insertRefreshToken(manager, {
      userId: user.id,
      familyId,
      hash: refresh.hash,
      tokenVersion: user.token_version,
      ttlSeconds: REFRESH_TOKEN_TTL_SECONDS,
    });
    return {
      response: await this.tokens.loginResponse(toAuthUser(user), user.token_version),
      refreshToken: refresh.token,
    };
  }
}
