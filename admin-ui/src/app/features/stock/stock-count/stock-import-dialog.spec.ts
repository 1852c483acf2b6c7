import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { provideRouter } from '@angular/router';
import { StockImportResult } from '@stockmaster/contracts';

import { StockImportDialog, stockImportSummary } from './stock-import-dialog';

@Component({
  selector: 'sm-test-host',
  template: '',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
class Host {
  readonly dialog = inject(MatDialog);
  closedWith: boolean | undefined | null = null;

  open() {
    this.dialog
      .open<StockImportDialog, void, boolean>(StockImportDialog)
      .afterClosed()
      .subscribe((created) => (this.closedWith = created));
  }
}

const csv = () =>
  new File(['sku,location,quantity\nRICE,MAIN/Stock,12\n'], 'counts.csv', { type: 'text/csv' });

const MAIN = { warehouseId: 'w-main', warehouseCode: 'MAIN', lines: 2, newBatches: 1, drafts: [] };
const EAST = { warehouseId: 'w-east', warehouseCode: 'EAST', lines: 1, newBatches: 0, drafts: [] };

describe('StockImportDialog', () => {
  let fixture: ComponentFixture<Host>;
  let backend: HttpTestingController;

  const dialog = () => document.querySelector<HTMLElement>('sm-stock-import-dialog')!;
  const button = (label: string) =>
    Array.from(dialog().querySelectorAll<HTMLButtonElement>('button')).find((b) =>
      b.textContent?.trim().endsWith(label),
    );
  const settle = async () => {
    fixture.detectChanges();
    await new Promise((resolve) => setTimeout(resolve));
    fixture.detectChanges();
  };
  const tableRows = (label: string) =>
    Array.from(dialog().querySelectorAll(`table[aria-label="${label}"] tr.mat-mdc-row`)).map((tr) =>
      Array.from(tr.querySelectorAll('td')).map((td) => td.textContent?.trim()),
    );

  async function pick(file: File) {
    const input = dialog().querySelector<HTMLInputElement>('input[type="file"]')!;
    Object.defineProperty(input, 'files', { value: [file], configurable: true });
    input.dispatchEvent(new Event('change'));
    await settle();
  }

  function answer(dryRun: boolean, result: Omit<StockImportResult, 'dryRun'>) {
    const request = backend.expectOne(
      (r) => r.method === 'POST' && r.urlWithParams === `/api/v1/stock/import?dryRun=${dryRun}`,
    );
    expect((request.request.body as FormData).get('file')).toBeInstanceOf(File);
    request.flush({ dryRun, ...result });
  }

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(Host);
    fixture.componentInstance.open();
    await settle();
  });

  afterEach(() => {
    backend.verify();
    TestBed.inject(MatDialog).closeAll();
  });

  it('sums up a dry run in one sentence', () => {
    expect(
      stockImportSummary({
        dryRun: true,
        rows: 3,
        newBatches: 1,
        warehouses: [MAIN, EAST],
        errors: [],
      }),
    ).toBe(
      'Would make 2 draft adjustments (one per warehouse) with 3 counted lines, creating 1 new batch.',
    );
  });

  it('downloads the template', async () => {
    const saved: string[] = [];
    const createObjectURL = jest.fn(() => 'blob:template');
    Object.assign(URL, { createObjectURL, revokeObjectURL: jest.fn() });
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      saved.push(this.download);
    });
    button('Download the template')!.click();
    backend
      .expectOne('/api/v1/stock/import/template')
      .flush(new Blob(['sku,location,quantity\n'], { type: 'text/csv' }), {
        headers: { 'Content-Disposition': 'attachment; filename="stock-import-template.csv"' },
      });
    await settle();
    expect(saved).toEqual(['stock-import-template.csv']);
    click.mockRestore();
  });

  it('lists the row errors of a dry run with line and column, and offers no drafts', async () => {
    await pick(csv());
    expect(dialog().textContent).toContain('Checking the file');
    expect(button('Create drafts')?.disabled).toBe(true);
    answer(true, {
      rows: 3,
      newBatches: 0,
      warehouses: [EAST],
      errors: [
        { line: 2, column: 'sku', message: 'No product has the SKU NOPE' },
        { line: 4, column: null, message: 'expected 6 cells, found 2' },
      ],
    });
    await settle();

    expect(tableRows('Row errors')).toEqual([
      ['2', 'sku', 'No product has the SKU NOPE'],
      ['4', '—', 'expected 6 cells, found 2'],
    ]);
    expect(dialog().querySelector('[role="status"]')?.textContent).toContain('2 problems found');
    expect(dialog().querySelector('.counts')?.textContent?.trim()).toBe(
      'The rows without problems would make 1 draft adjustment (one per warehouse) with 1 counted line.',
    );
    expect(button('Create drafts')?.disabled).toBe(true);
  });

  it('shows a clean file per warehouse, creates the drafts and links them', async () => {
    await pick(csv());
    answer(true, { rows: 3, newBatches: 1, warehouses: [EAST, MAIN], errors: [] });
    await settle();

    expect(dialog().textContent).toContain('The file is valid');
    expect(tableRows('Drafts per warehouse')).toEqual([
      ['EAST', '1', '0'],
      ['MAIN', '2', '1'],
    ]);
    expect(button('Create drafts')?.disabled).toBe(false);

    button('Create drafts')!.click();
    await settle();
    expect(dialog().textContent).toContain('Creating the drafts');
    answer(false, {
      rows: 3,
      newBatches: 1,
      warehouses: [
        { ...EAST, drafts: [{ id: 'op-east', reference: 'EAST/ADJ/00001' }] },
        { ...MAIN, drafts: [{ id: 'op-main', reference: 'MAIN/ADJ/00001' }] },
      ],
      errors: [],
    });
    await settle();

    const links = Array.from(dialog().querySelectorAll<HTMLAnchorElement>('.drafts a'));
    expect(links.map((a) => [a.textContent?.trim(), a.getAttribute('href')])).toEqual([
      ['EAST/ADJ/00001', '/operations/op-east'],
      ['MAIN/ADJ/00001', '/operations/op-main'],
    ]);
    button('Done')!.click();
    for (let tries = 0; tries < 50 && fixture.componentInstance.closedWith === null; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(fixture.componentInstance.closedWith).toBe(true);
  });

  it('shows why a file was refused, with the header problems', async () => {
    await pick(csv());
    backend
      .expectOne((r) => r.url === '/api/v1/stock/import')
      .flush(
        {
          statusCode: 400,
          error: 'VALIDATION_FAILED',
          message: 'The request is not valid',
          details: [{ field: 'file', message: 'Header: unknown column "qty" at position 3' }],
          requestId: 'r-1',
        },
        { status: 400, statusText: 'Bad Request' },
      );
    await settle();

    expect(dialog().querySelector('sm-form-error-banner [role="alert"]')?.textContent).toContain(
      'Header: unknown column "qty" at position 3',
    );
    expect(button('Create drafts')?.disabled).toBe(true);
    expect(button('Choose another file')?.disabled).toBe(false);
  });
});
