import { BatchStatus, BatchTrace, displayAmount } from '@stockmaster/contracts';

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

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * The recall question in one sentence: "42 units delivered to 3 customers, 8 units on hand in
 * 2 locations" (and what was scrapped, when some was).
 */
export function traceSummary(trace: BatchTrace): string {
  const unit = trace.batch.product.unit;
  const { delivered, customers, onHand, locations, scrapped } = trace.totals;
  const parts = [
    `${displayAmount(delivered, unit)} delivered to ${count(customers, 'customer', 'customers')}`,
    `${displayAmount(onHand, unit)} on hand in ${count(locations, 'location', 'locations')}`,
  ];
  if (Number(scrapped) > 0) parts.push(`${displayAmount(scrapped, unit)} scrapped`);
  return parts.join(', ');
}
