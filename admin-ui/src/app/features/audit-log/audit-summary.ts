import { AuditAction } from '@stockmaster/contracts';

/** Readable names for the known actions; later modules' actions show as their code. */
export const AUDIT_ACTION_LABELS: Readonly<Record<string, string>> = {
  [AuditAction.LoginSucceeded]: 'Signed in',
  [AuditAction.LoginFailed]: 'Sign-in failed',
  [AuditAction.Logout]: 'Signed out',
  [AuditAction.SetupCompleted]: 'First administrator created',
  [AuditAction.PasswordChanged]: 'Password changed',
  [AuditAction.PasswordResetRequested]: 'Password reset requested',
  [AuditAction.PasswordReset]: 'Password reset',
  [AuditAction.InvitationAccepted]: 'Invitation accepted',
  [AuditAction.UserInvited]: 'User invited',
  [AuditAction.UserUpdated]: 'User updated',
  [AuditAction.UserDisabled]: 'User disabled',
  [AuditAction.ProfileUpdated]: 'Profile updated',
};

export function actionLabel(action: string): string {
  return AUDIT_ACTION_LABELS[action] ?? action;
}

function valueText(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (Array.isArray(value)) return value.map(valueText).join(', ') || '—';
  if (typeof value === 'object') {
    const change = value as Record<string, unknown>;
    // A change recorded as { from, to }.
    if ('from' in change && 'to' in change) {
      return `${valueText(change['from'])} → ${valueText(change['to'])}`;
    }
    return JSON.stringify(value);
  }
  return String(value);
}

/** An entry's summary on one line: `role: agent → manager · email: a@b.c`. */
export function summaryText(summary: Record<string, unknown> | null | undefined): string {
  if (!summary) return '';
  return Object.entries(summary)
    .map(([key, value]) => `${key}: ${valueText(value)}`)
    .join(' · ');
}

/**
 * The API's `from` (inclusive) and `to` (exclusive) for a day range picked in local time: from
 * the start of the first day to the start of the day after the last one, as ISO instants.
 */
export function dayRange(start: Date | null, end: Date | null): { from?: string; to?: string } {
  const range: { from?: string; to?: string } = {};
  if (start) {
    range.from = new Date(start.getFullYear(), start.getMonth(), start.getDate()).toISOString();
  }
  if (end) {
    range.to = new Date(end.getFullYear(), end.getMonth(), end.getDate() + 1).toISOString();
  }
  return range;
}
