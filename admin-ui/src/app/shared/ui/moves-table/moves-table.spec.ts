import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { StockMove } from '@stockmaster/contracts';

import { MoveColumn, MovesTable } from './moves-table';

const move: StockMove = {
  id: '1',
  operationId: 'op-1',
  reference: 'MAIN/OUT/00007',
  lineId: null,
  product: { id: 'p', sku: 'MILK-1L', name: 'Whole milk', unit: 'l' },
  batch: { id: 'b', code: 'L-42', expiresAt: '2026-12-01' },
  sourceLocation: { id: 's', fullName: 'MAIN/Stock' },
  destinationLocation: { id: 'd', fullName: 'Partners/Customers' },
  quantity: '2.500',
  doneAt: '2026-11-25T10:00:00Z',
};

@Component({
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MovesTable],
  template: `<sm-moves-table [moves]="moves" [columns]="columns" label="History" />`,
})
class Host {
  moves = [move];
  columns: MoveColumn[] = ['reference', 'batch', 'from', 'to', 'quantity'];
}

describe('MovesTable', () => {
  it('shows the chosen columns, links the operation and writes quantities without trailing zeros', async () => {
    TestBed.configureTestingModule({ imports: [Host], providers: [provideRouter([])] });
    const fixture = TestBed.createComponent(Host);
    fixture.detectChanges();
    await fixture.whenStable();
    const element: HTMLElement = fixture.nativeElement;

    expect(element.querySelector('table')?.getAttribute('aria-label')).toBe('History');
    const headers = Array.from(element.querySelectorAll('th')).map((th) => th.textContent?.trim());
    expect(headers).toEqual(['Operation', 'Batch', 'From', 'To', 'Quantity']);
    const cells = Array.from(element.querySelectorAll('td')).map((td) => td.textContent?.trim());
    expect(cells).toEqual(['MAIN/OUT/00007', 'L-42', 'MAIN/Stock', 'Partners/Customers', '2.5 l']);
    expect(element.querySelector('a')?.getAttribute('href')).toBe('/operations/op-1');
    // Codes are set apart (and kept on one line) the way references are.
    expect(element.querySelector('td.mat-column-batch code')?.textContent).toBe('L-42');
  });

  it('shows a dash for a move without a batch', async () => {
    TestBed.configureTestingModule({ imports: [Host], providers: [provideRouter([])] });
    const fixture = TestBed.createComponent(Host);
    fixture.componentInstance.moves = [{ ...move, batch: null }];
    fixture.detectChanges();
    await fixture.whenStable();
    const cell: HTMLElement = fixture.nativeElement.querySelector('td.mat-column-batch');
    expect(cell.textContent?.trim()).toBe('—');
    expect(cell.querySelector('code')).toBeNull();
  });

  it('takes its accessible name from a heading when given one', async () => {
    @Component({
      changeDetection: ChangeDetectionStrategy.OnPush,
      imports: [MovesTable],
      template: `<h2 id="h">Moves</h2>
        <sm-moves-table [moves]="[]" [columns]="['quantity']" labelledBy="h" />`,
    })
    class Labelled {}
    TestBed.configureTestingModule({ imports: [Labelled], providers: [provideRouter([])] });
    const fixture = TestBed.createComponent(Labelled);
    fixture.detectChanges();
    const table: HTMLElement = fixture.nativeElement.querySelector('table');
    expect(table.getAttribute('aria-labelledby')).toBe('h');
    expect(table.hasAttribute('aria-label')).toBe(false);
  });
});
