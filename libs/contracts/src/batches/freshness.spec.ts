import { addDays, defaultExpiry, freshness, todayIn } from './freshness';

describe('freshness', () => {
  const received = '2026-03-10';
  const expires = defaultExpiry(null, received, 5)!; // shelf life 5 days from arrival

  it.each([
    [0, 'fresh'],
    [1, 'fresh'],
    [2, 'caution'],
    [3, 'caution'],
    [4, 'caution'],
    [5, 'expired'],
    [6, 'expired'],
    [40, 'expired'],
  ])('with shelf life 5 and warning 3, day %i is %s', (day, status) => {
    const result = freshness(
      { receivedAt: received, expiresAt: expires },
      3,
      addDays(received, day),
    );
    expect(result).toEqual({ status, daysOnShelf: day, daysToExpiry: 5 - day });
  });

  it('calls a batch without an expiry date fresh, forever', () => {
    expect(freshness({ receivedAt: received, expiresAt: null }, 3, '2099-01-01')).toEqual({
      status: 'fresh',
      daysOnShelf: dayDiff('2099-01-01', received),
      daysToExpiry: null,
    });
  });

  it('has no days on shelf before the batch is received', () => {
    expect(
      freshness({ receivedAt: null, expiresAt: '2026-03-20' }, 2, '2026-03-10').daysOnShelf,
    ).toBeNull();
  });

  it('counts expiry from production when known, else from receipt, and not at all without shelf life', () => {
    expect(defaultExpiry('2026-03-01', '2026-03-10', 5)).toBe('2026-03-06');
    expect(defaultExpiry(null, '2026-03-10', 5)).toBe('2026-03-15');
    expect(defaultExpiry(null, '2026-03-10', null)).toBeNull();
    expect(defaultExpiry(null, null, 5)).toBeNull();
  });

  it('crosses month, year and leap-day boundaries by calendar days', () => {
    expect(addDays('2028-02-27', 3)).toBe('2028-03-01');
    expect(addDays('2026-12-30', 5)).toBe('2027-01-04');
  });

  it('reads today in the business time zone, not the server’s', () => {
    const instant = new Date('2026-06-30T23:30:00Z');
    expect(todayIn('UTC', instant)).toBe('2026-06-30');
    expect(todayIn('Europe/Paris', instant)).toBe('2026-07-01');
    expect(todayIn('America/New_York', instant)).toBe('2026-06-30');
  });
});

function dayDiff(a: string, b: string): number {
  return (Date.parse(a) - Date.parse(b)) / 86_400_000;
}
