import {
  AuditAction,
  AuditEntityType,
  AuditEntry,
  displayQuantity,
  KnownAuditAction,
} from '@stockmaster/contracts';

/** A readable name for every action the API records (the type makes a missing one an error). */
export const AUDIT_ACTION_LABELS: Readonly<Record<KnownAuditAction, string>> = {
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
  [AuditAction.ProductCreated]: 'Product created',
  [AuditAction.ProductUpdated]: 'Product updated',
  [AuditAction.ProductArchived]: 'Product archived',
  [AuditAction.ProductsImported]: 'Products imported',
  [AuditAction.CategoryCreated]: 'Category created',
  [AuditAction.CategoryUpdated]: 'Category updated',
  [AuditAction.CategoryDeleted]: 'Category deleted',
  [AuditAction.ReorderRuleCreated]: 'Reorder rule created',
  [AuditAction.ReorderRuleUpdated]: 'Reorder rule updated',
  [AuditAction.ReorderRuleDeleted]: 'Reorder rule deleted',
  [AuditAction.WarehouseCreated]: 'Warehouse created',
  [AuditAction.WarehouseUpdated]: 'Warehouse updated',
  [AuditAction.WarehouseDeleted]: 'Warehouse deleted',
  [AuditAction.LocationCreated]: 'Location created',
  [AuditAction.LocationUpdated]: 'Location renamed or moved',
  [AuditAction.LocationDeleted]: 'Location deleted',
  [AuditAction.OperationCreated]: 'Operation drafted',
  [AuditAction.OperationUpdated]: 'Draft changed',
  [AuditAction.OperationCancelled]: 'Operation cancelled',
  [AuditAction.OperationValidated]: 'Operation validated',
  [AuditAction.OperationReversed]: 'Operation reversed',
  [AuditAction.BatchCreated]: 'Batch created',
  [AuditAction.BatchUpdated]: 'Batch updated',
  [AuditAction.BatchTokenRotated]: 'Batch QR code replaced',
  [AuditAction.BatchesImported]: 'Batches created by a stock import',
};

/** An action the console does not know yet (a newer API) still reads as words, not a code. */
export function actionLabel(action: string): string {
  const known = (AUDIT_ACTION_LABELS as Readonly<Record<string, string>>)[action];
  if (known) return known;
  const words = action.replace(/[._]/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export const ENTITY_LABELS: Readonly<Record<AuditEntityType, string>> = {
  user: 'User',
  product: 'Product',
  category: 'Category',
  reorder_rule: 'Reorder rule',
  warehouse: 'Warehouse',
  location: 'Location',
  operation: 'Operation',
  batch: 'Batch',
};

/** Where an entry's target is shown, as a router link, with what to call it. */
export interface TargetLink {
  text: string;
  /** Null when there is nothing to open (the thing was deleted). */
  commands: string[] | null;
  queryParams?: Record<string, string>;
}

const LIST_PAGES: Partial<Record<AuditEntityType, string>> = {
  product: '/products',
  operation: '/operations',
  batch: '/batches',
  warehouse: '/warehouses',
  category: '/categories',
  user: '/users',
};

/**
 * The "On" of an entry: its target by today's name, linked to the page that shows it (a
 * location's warehouse, a reorder rule's product); a deleted one by its type, unlinked; an
 * entry about many things of a kind (an import) by the list of that kind.
 */
export function targetLink(entry: AuditEntry): TargetLink | null {
  const target = entry.target;
  if (!target) {
    const list = entry.entityType ? LIST_PAGES[entry.entityType as AuditEntityType] : undefined;
    return list ? { text: list.charAt(1).toUpperCase() + list.slice(2), commands: [list] } : null;
  }
  const kind = ENTITY_LABELS[target.type];
  if (target.label === null) return { text: `${kind} (deleted)`, commands: null };
  const text = `${kind} ${target.label}`;
  switch (target.type) {
    case 'product':
    case 'operation':
    case 'batch':
    case 'warehouse':
      return { text, commands: [LIST_PAGES[target.type]!, target.id] };
    case 'category':
      return { text, commands: ['/categories'] };
    case 'user':
      return { text, commands: ['/users'], queryParams: { q: target.label } };
    case 'location':
    case 'reorder_rule':
      return target.owner
        ? { text, commands: [LIST_PAGES[target.owner.type]!, target.owner.id] }
        : { text, commands: null };
  }
}

/** `minQuantity` → "min quantity": summary keys as words. */
function keyText(key: string): string {
  return key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
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

/** Quantities read as everywhere else: "1,250.5". */
function quantityText(key: string, value: unknown): string | null {
  const text = typeof value === 'number' ? String(value) : value;
  return /quantity$/i.test(key) && typeof text === 'string' && /^-?\d+(\.\d+)?$/.test(text)
    ? displayQuantity(text)
    : null;
}

/**
 * An entry's summary on one line: `role: agent → manager · email: a@b.c`. Ids are left out:
 * the target names what the entry is about.
 */
export function summaryText(summary: Record<string, unknown> | null | undefined): string {
  if (!summary) return '';
  return Object.entries(summary)
    .filter(([key]) => !/Ids?$/.test(key))
    .map(([key, value]) => `${keyText(key)}: ${quantityText(key, value) ?? valueText(value)}`)
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
