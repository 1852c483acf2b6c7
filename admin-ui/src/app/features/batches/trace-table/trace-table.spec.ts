import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { BatchTraceEntry } from '@stockmaster/contracts';

import { TraceTable } from './trace-table';

const entry = (over: Partial<BatchTraceEntry>): BatchTraceEntry => ({
  operationId: 'op-1',
  reference: 'MAIN/IN/00001',
  type: 'receipt',
  date: '2026-11-25T10:00:00Z',
  partner: 'Dairy Farm Co',
  warehouseId: 'w',
  batch: { id: 'b', code: 'L-42' },
  quantity: '20.000',
  reversed: '0',
  ...over,
});

@Component({
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TraceTable],
  template: `
    <h3 id="in">Received</h3>
    <sm-trace-table [rows]="received" side="in" unit="kg" labelledBy="in" />
    <h3 id="out">Delivered and scrapped</h3>
    <sm-trace-table [rows]="delivered" side="out" unit="kg" labelledBy="out" />
  `,
})
class Host {
  received = [entry({})];
  delivered = [
    entry({
      operationId: 'op-2',
      reference: 'MAIN/OUT/00003',
      type: 'delivery',
      partner: 'Bistro',
      quantity: '5',
      reversed: '2',
    }),
    entry({
      operationId: 'op-3',
      reference: 'MAIN/SCR/00001',
      type: 'scrap',
      partner: null,
      quantity: '1.5',
    }),
  ];
}

describe('TraceTable', () => {
  it('lists receipts with their supplier, and deliveries and scrap with their kind, customer and reversals', async () => {
    TestBed.configureTestingModule({ imports: [Host], providers: [provideRouter([])] });
    const fixture = TestBed.createComponent(Host);
    fixture.detectChanges();
    await fixture.whenStable();
    const [received, delivered] = Array.from<HTMLElement>(
      fixture.nativeElement.querySelectorAll('table'),
    );
    const texts = (table: HTMLElement, selector: string) =>
      Array.from(table.querySelectorAll(selector)).map((cell) =>
        cell.textContent?.trim().replace(/\s+/g, ' '),
      );

    expect(received.getAttribute('aria-labelledby')).toBe('in');
    expect(texts(received, 'th')).toEqual(['Date', 'Reference', 'Supplier', 'Quantity']);
    expect(texts(received, 'td').slice(1)).toEqual(['MAIN/IN/00001', 'Dairy Farm Co', '20 kg']);
    expect(received.querySelector('a')?.getAttribute('href')).toBe('/operations/op-1');

    expect(delivered.getAttribute('aria-labelledby')).toBe('out');
    expect(texts(delivered, 'th')).toEqual(['Date', 'Reference', 'Kind', 'Customer', 'Quantity']);
    const rows = Array.from(delivered.querySelectorAll('tbody tr, tr.mat-mdc-row'));
    expect(texts(rows[0] as HTMLElement, 'td').slice(1)).toEqual([
      'MAIN/OUT/00003',
      'Delivery',
      'Bistro',
      '5 kg (2 reversed)',
    ]);
    expect(texts(rows[1] as HTMLElement, 'td').slice(1)).toEqual([
      'MAIN/SCR/00001',
      'Scrap',
      '—',
      '1.5 kg',
    ]);
  });
});
