import { batchDateProblems, isExpired } from './batch-dates';

describe('batchDateProblems', () => {
  const today = '2026-03-10';

  it('accepts consistent dates, equal days and missing ones', () => {
    expect(
      batchDateProblems(
        { producedAt: '2026-03-01', receivedAt: '2026-03-02', expiresAt: '2026-03-20' },
        today,
      ),
    ).toEqual([]);
    expect(
      batchDateProblems({ producedAt: today, receivedAt: today, expiresAt: today }, today),
    ).toEqual([]);
    expect(batchDateProblems({ receivedAt: '2026-04-01', expiresAt: '2026-01-01' }, today)).toEqual(
      [],
    );
    expect(batchDateProblems({}, today)).toEqual([]);
  });

  it('refuses a production date in the future, after the receipt or after the expiry', () => {
    expect(batchDateProblems({ producedAt: '2026-03-11' }, today)).toEqual([
      { field: 'producedAt', message: expect.stringContaining('future') },
    ]);
    expect(
      batchDateProblems({ producedAt: '2026-03-05', receivedAt: '2026-03-04' }, today),
    ).toEqual([
      { field: 'producedAt', message: expect.stringContaining('receipt date 2026-03-04') },
    ]);
    expect(batchDateProblems({ producedAt: '2026-03-05', expiresAt: '2026-03-04' }, today)).toEqual(
      [{ field: 'producedAt', message: expect.stringContaining('expiry date 2026-03-04') }],
    );
  });

  it('reports one problem per field', () => {
    expect(
      batchDateProblems(
        { producedAt: '2026-03-12', receivedAt: '2026-03-01', expiresAt: '2026-03-02' },
        today,
      ),
    ).toEqual([{ field: 'producedAt', message: expect.stringContaining('future') }]);
  });

  it('judges only conflicts that involve a date just given, on that date', () => {
    const stored = { producedAt: '2026-03-05', receivedAt: '2026-03-04', expiresAt: '2026-03-01' };
    expect(batchDateProblems(stored, today, ['expiresAt'])).toEqual([
      { field: 'expiresAt', message: expect.stringContaining('expiry date 2026-03-01') },
    ]);
    expect(
      batchDateProblems(stored, today, ['expiresAt', 'producedAt']).map((p) => p.field),
    ).toEqual(['producedAt']);
    expect(batchDateProblems(stored, today, [])).toEqual([]);
    expect(batchDateProblems({ producedAt: '2026-04-01' }, today, ['expiresAt'])).toEqual([]);
  });
});

describe('isExpired', () => {
  it('is expired from the expiry date on, never without one', () => {
    expect(isExpired('2026-03-10', '2026-03-10')).toBe(true);
    expect(isExpired('2026-03-11', '2026-03-10')).toBe(false);
    expect(isExpired(null, '2026-03-10')).toBe(false);
  });
});
