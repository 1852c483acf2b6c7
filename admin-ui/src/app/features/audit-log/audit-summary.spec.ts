import { actionLabel, dayRange, summaryText } from './audit-summary';

describe('audit summary helpers', () => {
  it('puts a summary on one line, showing changes as from → to', () => {
    expect(
      summaryText({
        email: 'ben@example.com',
        role: { from: 'agent', to: 'manager' },
        warehouseIds: ['a', 'b'],
        note: null,
      }),
    ).toBe('email: ben@example.com · role: agent → manager · warehouseIds: a, b · note: —');
    expect(summaryText({})).toBe('');
    expect(summaryText(null)).toBe('');
  });

  it('names known actions and shows unknown ones as their code', () => {
    expect(actionLabel('user.invited')).toBe('User invited');
    expect(actionLabel('product.created')).toBe('product.created');
  });

  it('turns a picked day range into the start of the first day and of the day after the last', () => {
    const range = dayRange(new Date(2026, 0, 5, 15, 30), new Date(2026, 0, 7, 9));

    expect(range.from).toBe(new Date(2026, 0, 5).toISOString());
    expect(range.to).toBe(new Date(2026, 0, 8).toISOString());
    expect(dayRange(null, null)).toEqual({});
  });
});
