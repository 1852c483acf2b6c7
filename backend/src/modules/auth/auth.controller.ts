import {
  Body,
  Controller,
  Get,
  HttpStatus,
  Param,
  Patch,
  Post,
  Req,
  Res,
  UseGuards,
} from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { SESSION_HINT_COOKIE } from '@stockmaster/contracts';
import { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { DomainError } from '../../common/errors/domain-error';
import { Endpoint } from '../../common/http/endpoint.decorator';
import { AuthThrottlerGuard, NoAuthBudget } from './auth-throttling';
import { AuthService } from './auth.service';
import {
  AcceptInvitationDto,
  ChangePasswordDto,
  ForgotPasswordDto,
  LoginDto,
  ResetPasswordDto,
  SetupDto,
  UpdateMeDto,
} from './dto/auth-requests.dto';
import {
  InvitationPreviewDto,
  LoginResponseDto,
  MeDto,
  SetupStatusDto,
} from './dto/auth-responses.dto';
import { PasswordResetService } from './password-reset.service';
import { IssuedSession } from './sessions';
import { REFRESH_COOKIE, TokenService } from './token.service';
import { UsersService } from './users.service';

/**
 * Sign-in, sessions, first run, password reset and invitations. Routes that check a guessable
 * secret (password, reset code) spend from a budget per client address and per email address;
 * those marked NoAuthBudget (a page load's refresh and setup probe, among others) from none.
 */
@ApiTags('auth')
@UseGuards(AuthThrottlerGuard)
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly resets: PasswordResetService,
    private readonly users: UsersService,
    private readonly tokens: TokenService,
  ) {}

  @NoAuthBudget()
  @Get('setup')
  @Endpoint({
    access: 'public',
    operationId: 'getSetupStatus',
    summary: 'Whether the first administrator still has to be created',
    type: SetupStatusDto,
  })
  setupStatus(): Promise<SetupStatusDto> {
    return this.auth.setupStatus();
  }

  @Post('setup')
  @Endpoint({
    access: 'public',
    operationId: 'setupFirstAdministrator',
    location: '/auth/me',
    summary: 'Create the first administrator (only while no user exists) and sign in',
    status: HttpStatus.CREATED,
    type: LoginResponseDto,
    errors: [400, 409, 429],
  })
  async setup(
    @Body() dto: SetupDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<LoginResponseDto> {
    return this.startSession(res, await this.auth.setup(dto, req.ip));
  }

  @Post('login')
  @Endpoint({
    access: 'public',
    operationId: 'login',
    summary: 'Sign in: an access token (30 min) in the body, a refresh token in an httpOnly cookie',
    description:
      'Five wrong passwords within 15 minutes lock the email address for 15 minutes (429 ACCOUNT_LOCKED with Retry-After), whether or not an account has it. ' +
      'Every answer that starts a session (setup, login, refresh, invitation) also sets `sm_session=1` on `/`, readable by scripts and holding no secret: a browser client asks for a refresh only when it is there; logout and a refused refresh clear both cookies.',
    status: HttpStatus.OK,
    type: LoginResponseDto,
    errors: [400, 401, 403, 429],
  })
  async login(
    @Body() dto: LoginDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<LoginResponseDto> {
    return this.startSession(res, await this.auth.login(dto, req.ip));
  }

  @NoAuthBudget()
  @Post('refresh')
  @Endpoint({
    access: 'public',
    refreshCookie: true,
    operationId: 'refreshSession',
    summary: 'New access token from the refresh cookie; the cookie is rotated',
    description:
      'Presenting an already-used refresh token revokes the whole session (401 REFRESH_TOKEN_REUSED).',
    status: HttpStatus.OK,
    type: LoginResponseDto,
    errors: [401, 503],
  })
  async refresh(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<LoginResponseDto> {
    try {
      return this.startSession(res, await this.auth.refresh(this.cookie(req)));
    } catch (error) {
      // Only a refused session loses its cookie; a failure of ours (the database away) keeps it.
      if (error instanceof DomainError && error.status === 401) this.endSession(res);
      throw error;
    }
  }

  @NoAuthBudget()
  @Post('logout')
  @Endpoint({
    access: 'public',
    refreshCookie: true,
    operationId: 'logout',
    summary: 'End this session (the refresh token family)',
    status: HttpStatus.NO_CONTENT,
  })
  async logout(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    await this.auth.logout(this.cookie(req), req.ip);
    this.endSession(res);
  }

  @Post('password/forgot')
  @Endpoint({
    access: 'public',
    operationId: 'forgotPassword',
    summary: 'Mail a 6-digit reset code (always 202: no account enumeration)',
    status: HttpStatus.ACCEPTED,
    errors: [400, 429],
  })
  forgot(@Body() dto: ForgotPasswordDto, @Req() req: Request): void {
    this.resets.forgot(dto, req.ip);
  }

  @Post('password/reset')
  @Endpoint({
    access: 'public',
    operationId: 'resetPassword',
    summary: 'Set a new password with the mailed code; ends every session of the account',
    description:
      'Codes are valid 10 minutes, once; after 5 wrong tries the code is burned (429 RESET_CODE_BURNED).',
    status: HttpStatus.NO_CONTENT,
    errors: [400, 429],
  })
  reset(@Body() dto: ResetPasswordDto, @Req() req: Request): Promise<void> {
    return this.resets.reset(dto, req.ip);
  }

  @NoAuthBudget()
  @Get('invitation/:token')
  @Endpoint({
    access: 'public',
    operationId: 'previewInvitation',
    summary: 'Who an invitation is for (to greet them on the acceptance page)',
    type: InvitationPreviewDto,
    errors: [404],
  })
  previewInvitation(@Param('token') token: string): Promise<InvitationPreviewDto> {
    return this.users.previewInvitation(token);
  }

  @Post('invitation/accept')
  @Endpoint({
    access: 'public',
    operationId: 'acceptInvitation',
    summary: 'Accept an invitation: set the password, activate the account, sign in',
    status: HttpStatus.OK,
    type: LoginResponseDto,
    errors: [400, 429],
  })
  async acceptInvitation(
    @Body() dto: AcceptInvitationDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<LoginResponseDto> {
    return this.startSession(res, await this.users.acceptInvitation(dto, req.ip));
  }

  @NoAuthBudget()
  @Get('me')
  @Endpoint({
    access: 'signed-in',
    operationId: 'getMe',
    summary: 'The signed-in user',
    type: MeDto,
  })
  me(@CurrentUser() user: AuthenticatedUser): Promise<MeDto> {
    return this.auth.me(user);
  }

  @NoAuthBudget()
  @Patch('me')
  @Endpoint({
    access: 'signed-in',
    operationId: 'updateMe',
    summary:
      'Change your own name and alert digest choice (nothing else: role and status are the admin’s)',
    type: MeDto,
    errors: [400],
  })
  updateMe(
    @CurrentUser() user: AuthenticatedUser,
    @Body() dto: UpdateMeDto,
    @Req() req: Request,
  ): Promise<MeDto> {
    return this.auth.updateMe(user, dto, req.ip);
  }

  @Post('me/password')
  @Endpoint({
    access: 'signed-in',
    operationId: 'changePassword',
    summary: 'Change your password; every session ends, this one included',
    status: HttpStatus.NO_CONTENT,
    errors: [400, 429],
  })
  changePassword(
    @CurrentUser() user: AuthenticatedUser,
    @Body() dto: ChangePasswordDto,
    @Req() req: Request,
  ): Promise<void> {
    return this.auth.changePassword(user, dto, req.ip);
  }

  private cookie(req: Request): string | undefined {
    const value = (req.cookies as Record<string, unknown> | undefined)?.[REFRESH_COOKIE];
    return typeof value === 'string' && value.length > 0 ? value : undefined;
  }

  private startSession(res: Response, session: IssuedSession): LoginResponseDto {
    res.cookie(REFRESH_COOKIE, session.refreshToken, this.tokens.refreshCookieOptions());
    res.cookie(SESSION_HINT_COOKIE, '1', this.tokens.sessionHintCookieOptions());
    return session.response;
  }

  private endSession(res: Response): void {
    res.clearCookie(REFRESH_COOKIE, this.tokens.refreshCookieOptions());
    res.clearCookie(SESSION_HINT_COOKIE, this.tokens.sessionHintCookieOptions());
  }
}
