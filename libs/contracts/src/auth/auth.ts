import type { AlertDigestChoice } from '../dashboard/dashboard';
import { Role, UserStatus } from './roles';

export const PASSWORD_MIN_LENGTH = 10;
/** bcrypt reads at most 72 bytes; longer passwords are refused rather than silently cut. */
export const PASSWORD_MAX_BYTES = 72;

/**
 * The password rule, shared so the console can say it before the API does: at least 10
 * characters, at most 72 bytes, not the email address.
 */
export function passwordProblem(password: string, email?: string): string | null {
  if (password.length < PASSWORD_MIN_LENGTH)
    return `Password must be at least ${PASSWORD_MIN_LENGTH} characters`;
  if (new TextEncoder().encode(password).length > PASSWORD_MAX_BYTES) {
    return `Password must be at most ${PASSWORD_MAX_BYTES} bytes`;
  }
  if (email && password.trim().toLowerCase() === email.trim().toLowerCase()) {
    return 'Password must not be the email address';
  }
  return null;
}

/**
 * A cookie the console can read, set and cleared with the httpOnly refresh cookie: whether this
 * browser holds a session worth restoring. It holds nothing secret (its value is `1`); without
 * it a signed-out visit makes no refresh request, which could only be refused.
 */
export const SESSION_HINT_COOKIE = 'sm_session';

/** The signed-in user as the API describes them to themselves. */
export interface AuthUser {
  id: string;
  email: string;
  fullName: string;
  role: Role;
  warehouseIds: string[];
}

export interface Me extends AuthUser {
  status: UserStatus;
  /** The daily alert digest: the user's choice, else their role's default. */
  alertDigest: AlertDigestChoice;
  lastLoginAt: string | null;
  createdAt: string;
}

/** `POST /auth/login`, `/auth/refresh`, `/auth/setup`, `/auth/invitation/accept`. */
export interface LoginResponse {
  accessToken: string;
  tokenType: 'Bearer';
  /** Seconds until the access token expires. */
  expiresIn: number;
  user: AuthUser;
}

export interface SetupStatus {
  required: boolean;
}

export interface LoginRequest {
  email: string;
  password: string;
}

export interface SetupRequest {
  email: string;
  password: string;
  fullName: string;
}

export interface ForgotPasswordRequest {
  email: string;
}

export interface ResetPasswordRequest {
  email: string;
  code: string;
  newPassword: string;
}

export interface AcceptInvitationRequest {
  token: string;
  password: string;
}

/** `PATCH /auth/me`: an absent field stays as it is. */
export interface UpdateMeRequest {
  fullName?: string;
  alertDigest?: AlertDigestChoice;
}

export interface ChangePasswordRequest {
  currentPassword: string;
  newPassword: string;
}

/** A row of `GET /users` and the body of `GET /users/:id`. */
export interface UserSummary {
  id: string;
  email: string;
  fullName: string;
  role: Role;
  status: UserStatus;
  warehouseIds: string[];
  alertDigest: AlertDigestChoice;
  lastLoginAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface InviteUserRequest {
  email: string;
  fullName: string;
  role: Role;
  warehouseIds?: string[];
}

export interface UpdateUserRequest {
  fullName?: string;
  role?: Role;
  warehouseIds?: string[];
  status?: 'active' | 'disabled';
}

export interface UserListQuery {
  search?: string;
  role?: Role;
  status?: UserStatus;
  page?: number;
  limit?: number;
  sort?: string;
}

/** Error codes of the accounts area (the `error` field of the envelope). */
export const AuthErrorCode = {
  InvalidCredentials: 'INVALID_CREDENTIALS',
  AccountLocked: 'ACCOUNT_LOCKED',
  AccountDisabled: 'ACCOUNT_DISABLED',
  TokenInvalid: 'TOKEN_INVALID',
  RefreshTokenReused: 'REFRESH_TOKEN_REUSED',
  SetupDone: 'SETUP_ALREADY_DONE',
  InvalidResetCode: 'INVALID_RESET_CODE',
  ResetCodeBurned: 'RESET_CODE_BURNED',
  InvitationInvalid: 'INVITATION_INVALID',
  EmailTaken: 'EMAIL_TAKEN',
  LastAdmin: 'LAST_ADMIN',
  WrongPassword: 'WRONG_PASSWORD',
  UserNotActivated: 'USER_NOT_ACTIVATED',
} as const;
export type AuthErrorCode = (typeof AuthErrorCode)[keyof typeof AuthErrorCode];
