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
  ProductCreated: 'product.created',
  ProductUpdated: 'product.updated',
  ProductArchived: 'product.archived',
  ProductsImported: 'product.imported',
  CategoryCreated: 'category.created',
  CategoryUpdated: 'category.updated',
  CategoryDeleted: 'category.deleted',
  ReorderRuleCreated: 'reorder_rule.created',
  ReorderRuleUpdated: 'reorder_rule.updated',
  ReorderRuleDeleted: 'reorder_rule.deleted',
  WarehouseCreated: 'warehouse.created',
  WarehouseUpdated: 'warehouse.updated',
  WarehouseDeleted: 'warehouse.deleted',
  LocationCreated: 'location.created',
  LocationUpdated: 'location.updated',
  LocationDeleted: 'location.deleted',
  OperationCreated: 'operation.created',
  OperationUpdated: 'operation.updated',
  OperationCancelled: 'operation.cancelled',
  OperationValidated: 'operation.validated',
  OperationReversed: 'operation.reversed',
  BatchCreated: 'batch.created',
  BatchUpdated: 'batch.updated',
  BatchTokenRotated: 'batch.token_rotated',
  /** Many batches at once (a stock import): one entry with their count. */
  BatchesImported: 'batch.imported',
} as const;

/** Every action the API records (a unit test keeps this list and the API's code in step). */
export type KnownAuditAction = (typeof AuditAction)[keyof typeof AuditAction];
export type AuditAction = KnownAuditAction | (string & {});

/** The kinds of things audit entries are about (`entityType`). */
export const AUDIT_ENTITY_TYPES = [
  'user',
  'product',
  'category',
  'reorder_rule',
  'warehouse',
  'location',
  'operation',
  'batch',
] as const;
export type AuditEntityType = (typeof AUDIT_ENTITY_TYPES)[number];

/** What an entry is about, named as it is today. */
export interface AuditTarget {
  type: AuditEntityType;
  id: string;
  /**
   * How people know it now: "MILK-1L — Whole milk", "MAIN/OUT/00042", "MAIN/Stock/Cold room",
   * an email. Null once it no longer exists.
   */
  label: string | null;
  /** For what has no page of its own, the page that shows it: a location's warehouse, a reorder rule's product. */
  owner: { type: AuditEntityType; id: string } | null;
}

export interface AuditEntry {
  id: string;
  at: string;
  actorId: string | null;
  actorEmail: string | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
  /** The entity, resolved for display and links; null when the entry is about none. */
  target: AuditTarget | null;
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
