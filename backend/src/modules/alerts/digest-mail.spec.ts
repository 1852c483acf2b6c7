import { AttentionBatch, DigestFacts } from '@stockmaster/contracts';
import { DIGEST_ITEMS_LISTED, digestMail, hasNews } from './digest-mail';

const none: DigestFacts = {
  expiredBatches: [],
  expiringBatches: [],
  belowMinimum: [],
  staleDrafts: [],
};
const warehouse = { id: 'w', code: 'MAIN', name: 'Main kitchen' };
const batch = (id: string, days: number): AttentionBatch => ({
  batch: { id, code: `L-${id}`, expiresAt: '2026-12-01' },
  product: { id: 'p', sku: 'MILK', name: 'Milk', unit: 'l' },
  warehouse,
  onHand: '2',
  daysToExpiry: days,
});

describe('digestMail', () => {
  it('has nothing to say without facts', () => {
    expect(hasNews(none)).toBe(false);
    expect(hasNews({ ...none, staleDrafts: [expect.anything()] })).toBe(true);
  });

  it('writes one sentence per fact, singular or plural, counting batches not places', () => {
    const { subject, context } = digestMail(
      {
        ...none,
        expiredBatches: [
          batch('a', -1),
          { ...batch('a', -1), warehouse: { ...warehouse, name: 'Bar' } },
        ],
        expiringBatches: [batch('b', 1), batch('c', 2)],
      },
      { fullName: 'Ana' },
      '2026-11-30',
      'https://stock.example/',
    );
    expect(subject).toBe('StockMaster digest for 2026-11-30: 3 things need attention');
    expect(context.sections.map((s) => s.sentence)).toEqual([
      '1 batch has expired and still has stock: Milk (MILK) batch L-a in Main kitchen: 2 l, expired on 2026-12-01; Milk (MILK) batch L-a in Bar: 2 l, expired on 2026-12-01.',
      '2 batches enter their expiry warning window: Milk (MILK) batch L-b in Main kitchen: 2 l, expires on 2026-12-01 (in 1 day); Milk (MILK) batch L-c in Main kitchen: 2 l, expires on 2026-12-01 (in 2 days).',
    ]);
  });

  it('lists a long fact’s first rows and says how many more there are', () => {
    const many = Array.from({ length: DIGEST_ITEMS_LISTED + 3 }, (_, i) => batch(String(i), 1));
    const { context } = digestMail(
      { ...none, expiringBatches: many },
      { fullName: 'Ana' },
      'd',
      'l',
    );
    const [section] = context.sections;
    expect(section.items).toHaveLength(DIGEST_ITEMS_LISTED + 1);
    expect(section.items.at(-1)).toBe('and 3 more');
    expect(section.sentence.startsWith(`${DIGEST_ITEMS_LISTED + 3} batches enter`)).toBe(true);
    expect(section.sentence.endsWith('; and 3 more.')).toBe(true);
  });
});
