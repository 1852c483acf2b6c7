import { BatchStatus } from '@stockmaster/contracts';

/** The word for each status, as chips and headings use it. */
export const BATCH_STATUS_LABELS: Record<BatchStatus, string> = {
  available: 'Available',
  quarantined: 'Quarantined',
  recalled: 'Recalled',
};

/** A Material Symbols ligature per status: never told by colour alone. */
export const BATCH_STATUS_ICONS: Record<BatchStatus, string> = {
  available: 'verified',
  quarantined: 'pan_tool',
  recalled: 'dangerous',
};
