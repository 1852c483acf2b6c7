import {
  AcceptInvitationRequest,
  ALERT_DIGEST_CHOICES,
  AlertDigestChoice,
  ChangePasswordRequest,
  ForgotPasswordRequest,
  LoginRequest,
  ResetPasswordRequest,
  SetupRequest,
  UpdateMeRequest,
} from '@stockmaster/contracts';
import { Transform } from 'class-transformer';
import {
  IsEmail,
  IsIn,
  IsNotEmpty,
  IsString,
  Matches,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { trim } from '../../../common/http/dto/transforms';

/** A PATCH field that may be absent but, when sent, must hold a value (null is refused). */
const present = (_: object, value: unknown) => value !== undefined;

export class LoginDto implements LoginRequest {
  /** @example admin@example.com */
  @Transform(trim)
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  password!: string;
}

export class SetupDto implements SetupRequest {
  @Transform(trim)
  @IsEmail()
  @MaxLength(254)
  email!: string;

  /** At least 10 characters, at most 72 bytes, not the email. */
  @IsString()
  @MaxLength(200)
  password!: string;

  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  fullName!: string;
}

export class ForgotPasswordDto implements ForgotPasswordRequest {
  @Transform(trim)
  @IsEmail()
  @MaxLength(254)
  email!: string;
}

export class ResetPasswordDto implements ResetPasswordRequest {
  @Transform(trim)
  @IsEmail()
  @MaxLength(254)
  email!: string;

  /** The 6-digit code from the mail. @example 042917 */
  @Transform(trim)
  @Matches(/^\d{6}$/, { message: 'code must be the 6 digits from the mail' })
  code!: string;

  @IsString()
  @MaxLength(200)
  newPassword!: string;
}

export class AcceptInvitationDto implements AcceptInvitationRequest {
  /** The token from the invitation link `/invite/<token>`. */
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{20,100}$/, { message: 'token is not a valid invitation token' })
  token!: string;

  @IsString()
  @MaxLength(200)
  password!: string;
}

/** A partial update: an absent field stays as it is. */
export class UpdateMeDto implements UpdateMeRequest {
  @ValidateIf(present)
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  fullName?: string;

  /** The daily alert digest: `daily` or `off`. */
  @ValidateIf(present)
  @IsIn(ALERT_DIGEST_CHOICES)
  alertDigest?: AlertDigestChoice;
}

export class ChangePasswordDto implements ChangePasswordRequest {
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  currentPassword!: string;

  @IsString()
  @MaxLength(200)
  newPassword!: string;
}
