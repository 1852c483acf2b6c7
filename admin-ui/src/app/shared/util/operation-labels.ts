import { OperationStatus, OperationType } from '@stockmaster/contracts';

export const TYPE_LABELS: Record<OperationType, string> = {
  receipt: 'Receipt',
  delivery: 'Delivery',
  transfer: 'Transfer',
  adjustment: 'Inventory adjustment',
  scrap: 'Scrap',
};

export const TYPE_ICONS: Record<OperationType, string> = {
  receipt: 'move_to_inbox',
  delivery: 'local_shipping',
  transfer: 'swap_horiz',
  adjustment: 'fact_check',
  scrap: 'delete_sweep',
};

export const STATUS_LABELS: Record<OperationStatus, string> = {
  draft: 'Draft',
  done: 'Done',
  cancelled: 'Cancelled',
};

export const STATUS_ICONS: Record<OperationStatus, string> = {
  draft: 'edit_note',
  done: 'check_circle',
  cancelled: 'cancel',
};

/** Which side of a type's moves the user picks, and what the other side is. */
export interface LocationRule {
  /** `internal`: a location of the warehouse (default: its root); otherwise a fixed virtual one. */
  source: 'internal' | 'supplier' | 'none';
  destination: 'internal' | 'customer' | 'scrap' | 'none';
  /** Transfers: the destination has no default and may be in another warehouse. */
  destinationRequired?: boolean;
}

export const LOCATION_RULES: Record<OperationType, LocationRule> = {
  receipt: { source: 'supplier', destination: 'internal' },
  delivery: { source: 'internal', destination: 'customer' },
  transfer: { source: 'internal', destination: 'internal', destinationRequired: true },
  adjustment: { source: 'none', destination: 'none' },
  scrap: { source: 'internal', destination: 'scrap' },
};

/** The fixed, virtual side of a type, as shown next to the picker of the other side. */
export const VIRTUAL_SIDE_LABELS: Record<string, string> = {
  supplier: 'Supplier (virtual)',
  customer: 'Customer (virtual)',
  scrap: 'Scrap (virtual)',
};
