export const AuditAction = {
  LoginSucceeded: 'auth.login.succeeded',
  LoginFailed: 'auth.login.failed',
  Logout: 'auth.logout',
  SetupCompleted: 'auth.setup.completed',
  PasswordChanged: 'auth.password.changed',
  PasswordResetRequested: 'auth.password.reset_requested',
  PasswordReset: 'auth.password.reset',
  InvitationAccepted: 'auth.invitation.accepted',
  UserInvited: 'user.invited',
  UserUpdated: 'user.updated',
  UserDisabled: 'user.disabled',
  ProfileUpdated: 'user.profile_updated',
} as const;

/** Known actions; later modules add their own (`product.created`, `operation.validated`, …). */
export type AuditAction = (typeof AuditAction)[keyof typeof AuditAction] | (string & {});

export interface AuditEntry {
  id: string;
  at: string;
  actorId: string | null;
  actorEmail: string | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
  /** A short, human-readable account of the change (never secrets). */
  summary: Record<string, unknown>;
  ip: string | null;
}

export interface AuditQuery {
  userId?: string;
  action?: string;
  from?: string;
  to?: string;
  page?: number;
  limit?: number;
}
