import { BatchTrace, displayAmount } from '@stockmaster/contracts';

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
