import { BatchTrace } from '@stockmaster/contracts';

import { traceSummary } from './batch-status-text';

const trace = (totals: Partial<BatchTrace['totals']>, unit = 'unit'): BatchTrace => ({
  batch: {
    id: 'b-1',
    code: 'L-1',
    status: 'available',
    product: { id: 'p-1', sku: 'SAL-1', name: 'Smoked salmon', unit },
  },
  origin: [],
  onHand: [],
  destinations: [],
  totals: {
    received: '50',
    onHand: '8',
    delivered: '42',
    scrapped: '0',
    adjusted: '0',
    customers: 3,
    locations: 2,
    ...totals,
  },
});

describe('traceSummary', () => {
  it('answers the recall question in one sentence', () => {
    expect(traceSummary(trace({}))).toBe(
      '42 units delivered to 3 customers, 8 units on hand in 2 locations',
    );
  });

  it('says one customer and one location, the unit, and what was scrapped', () => {
    expect(
      traceSummary(
        trace({ delivered: '12.5', customers: 1, onHand: '1', locations: 1, scrapped: '2' }, 'kg'),
      ),
    ).toBe('12.5 kg delivered to 1 customer, 1 kg on hand in 1 location, 2 kg scrapped');
    expect(traceSummary(trace({ delivered: '0', customers: 0, onHand: '0', locations: 0 }))).toBe(
      '0 units delivered to 0 customers, 0 units on hand in 0 locations',
    );
  });
});
