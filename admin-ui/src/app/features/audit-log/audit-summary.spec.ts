import { AuditAction, AuditEntry } from '@stockmaster/contracts';

import {
  AUDIT_ACTION_LABELS,
  actionLabel,
  dayRange,
  summaryText,
  targetLink,
} from './audit-summary';

const entry = (over: Partial<AuditEntry>): AuditEntry => ({
  id: '1',
  at: '2026-03-04T10:00:00Z',
  actorId: null,
  actorEmail: null,
  action: 'product.updated',
  entityType: null,
  entityId: null,
  target: null,
  summary: {},
  ip: null,
  ...over,
});

describe('audit summary helpers', () => {
  it('puts a summary on one line, in words, showing changes as from → to and leaving ids out', () => {
    expect(
      summaryText({
        email: 'ben@example.com',
        role: { from: 'agent', to: 'manager' },
        warehouseIds: ['a', 'b'],
        productId: 'c',
        minQuantity: '1000.000',
        note: null,
      }),
    ).toBe('email: ben@example.com · role: agent → manager · min quantity: 1,000 · note: —');
    expect(summaryText({})).toBe('');
    expect(summaryText(null)).toBe('');
  });

  it('has a label for every action the API records, and never shows a raw code', () => {
    for (const action of Object.values(AuditAction)) {
      expect(AUDIT_ACTION_LABELS[action]).toMatch(/^[A-Z][a-z]/);
    }
    expect(actionLabel('product.imported')).toBe('Products imported');
    expect(actionLabel('operation.validated')).toBe('Operation validated');
    // An action from a newer API than this console still reads as words.
    expect(actionLabel('label.printed')).toBe('Label printed');
  });

  it('links each target to the page that shows it, by the name it has today', () => {
    const link = (target: AuditEntry['target'], over: Partial<AuditEntry> = {}) =>
      targetLink(
        entry({ entityType: target?.type ?? null, entityId: target?.id ?? null, target, ...over }),
      );

    expect(link({ type: 'product', id: 'p-1', label: 'MILK-1L — Milk', owner: null })).toEqual({
      text: 'Product MILK-1L — Milk',
      commands: ['/products', 'p-1'],
    });
    expect(link({ type: 'operation', id: 'o-1', label: 'MAIN/OUT/00042', owner: null })).toEqual({
      text: 'Operation MAIN/OUT/00042',
      commands: ['/operations', 'o-1'],
    });
    expect(
      link({ type: 'batch', id: 'b-1', label: 'L-1 (MILK-1L)', owner: null })?.commands,
    ).toEqual(['/batches', 'b-1']);
    expect(
      link({ type: 'warehouse', id: 'w-1', label: 'MAIN — Main', owner: null })?.commands,
    ).toEqual(['/warehouses', 'w-1']);
    expect(
      link({
        type: 'location',
        id: 'l-1',
        label: 'MAIN/Stock/Cold room',
        owner: { type: 'warehouse', id: 'w-1' },
      }),
    ).toEqual({ text: 'Location MAIN/Stock/Cold room', commands: ['/warehouses', 'w-1'] });
    expect(
      link({
        type: 'reorder_rule',
        id: 'r-1',
        label: 'MILK-1L in MAIN',
        owner: { type: 'product', id: 'p-1' },
      })?.commands,
    ).toEqual(['/products', 'p-1']);
    expect(link({ type: 'user', id: 'u-1', label: 'ben@example.com', owner: null })).toEqual({
      text: 'User ben@example.com',
      commands: ['/users'],
      queryParams: { q: 'ben@example.com' },
    });
    expect(link({ type: 'category', id: 'c-1', label: 'Dairy', owner: null })?.commands).toEqual([
      '/categories',
    ]);
  });

  it('names a deleted target without a link, and an import by the list it changed', () => {
    expect(
      targetLink(
        entry({
          entityType: 'location',
          entityId: 'l-1',
          target: { type: 'location', id: 'l-1', label: null, owner: null },
        }),
      ),
    ).toEqual({ text: 'Location (deleted)', commands: null });
    expect(targetLink(entry({ action: 'product.imported', entityType: 'product' }))).toEqual({
      text: 'Products',
      commands: ['/products'],
    });
    expect(targetLink(entry({ action: 'auth.login.failed' }))).toBeNull();
  });

  it('turns a picked day range into the start of the first day and of the day after the last', () => {
    const range = dayRange(new Date(2026, 0, 5, 15, 30), new Date(2026, 0, 7, 9));

    expect(range.from).toBe(new Date(2026, 0, 5).toISOString());
    expect(range.to).toBe(new Date(2026, 0, 8).toISOString());
    expect(dayRange(null, null)).toEqual({});
  });
});
