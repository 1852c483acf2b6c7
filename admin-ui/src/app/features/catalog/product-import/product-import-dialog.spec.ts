import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { ImportResult } from '@stockmaster/contracts';

import { ProductImportDialog } from './product-import-dialog';

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
      .open<ProductImportDialog, void, boolean>(ProductImportDialog)
      .afterClosed()
      .subscribe((imported) => (this.closedWith = imported));
  }
}

const csv = () =>
  new File(['sku,name,unit\nAPL-1,Apples,parsec\n'], 'products.csv', { type: 'text/csv' });

describe('ProductImportDialog', () => {
  let fixture: ComponentFixture<Host>;
  let backend: HttpTestingController;

  const dialog = () => document.querySelector<HTMLElement>('sm-product-import-dialog')!;
  const button = (label: string) =>
    Array.from(dialog().querySelectorAll<HTMLButtonElement>('button')).find((b) =>
      b.textContent?.trim().endsWith(label),
    );
  const settle = async () => {
    fixture.detectChanges();
    await new Promise((resolve) => setTimeout(resolve));
    fixture.detectChanges();
  };
  const errorRows = () =>
    Array.from(dialog().querySelectorAll('tr.mat-mdc-row')).map((tr) =>
      Array.from(tr.querySelectorAll('td')).map((td) => td.textContent?.trim()),
    );

  /** Picks a file in the dialog's file input, as the browser would. */
  async function pick(file: File) {
    const input = dialog().querySelector<HTMLInputElement>('input[type="file"]')!;
    Object.defineProperty(input, 'files', { value: [file], configurable: true });
    input.dispatchEvent(new Event('change'));
    await settle();
  }

  function answer(dryRun: boolean, result: Omit<ImportResult, 'dryRun'>) {
    const request = backend.expectOne(
      (r) => r.method === 'POST' && r.urlWithParams === `/api/v1/products/import?dryRun=${dryRun}`,
    );
    const body = request.request.body as FormData;
    expect(body.get('file')).toBeInstanceOf(File);
    request.flush({ dryRun, ...result });
  }

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
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

  it('offers nothing to import before a file is checked', () => {
    expect(button('Import')?.disabled).toBe(true);
    expect(dialog().querySelector('table')).toBeNull();
  });

  it('checks the file with a dry run, lists its row errors and keeps Import disabled', async () => {
    await pick(csv());
    expect(dialog().textContent).toContain('Checking the file');
    expect(dialog().querySelector('mat-progress-bar')).not.toBeNull();
    expect(button('Import')?.disabled).toBe(true);

    answer(true, {
      created: 1,
      updated: 0,
      unchanged: 0,
      categoriesCreated: 0,
      errors: [
        { row: 2, column: 'unit', message: 'unit must be one of unit, kg, g, l, ml, m, box, pack' },
        { row: 3, column: null, message: 'The row has 2 columns; the header has 3' },
      ],
    });
    await settle();

    expect(errorRows()).toEqual([
      ['2', 'unit', 'unit must be one of unit, kg, g, l, ml, m, box, pack'],
      ['3', '—', 'The row has 2 columns; the header has 3'],
    ]);
    expect(dialog().querySelector('[role="status"]')?.textContent).toContain('2 problems found');
    expect(dialog().querySelector('.counts')?.textContent?.trim()).toBe(
      'The rows without problems would create 1 product and update 0 products.',
    );
    expect(button('Import')?.disabled).toBe(true);
  });

  it('enables Import for a clean file, imports it and reports the result', async () => {
    await pick(csv());
    answer(true, { created: 2, updated: 1, unchanged: 4, categoriesCreated: 1, errors: [] });
    await settle();

    expect(dialog().querySelector('table')).toBeNull();
    expect(dialog().textContent).toContain('The file is valid');
    expect(dialog().querySelector('.counts')?.textContent?.trim()).toBe(
      'Would create 2 products and update 1 product (4 unchanged), and add 1 category.',
    );
    expect(button('Import')?.disabled).toBe(false);

    button('Import')!.click();
    await settle();
    expect(dialog().textContent).toContain('Importing');
    answer(false, { created: 2, updated: 1, unchanged: 4, categoriesCreated: 1, errors: [] });
    await settle();

    expect(dialog().querySelector('[role="status"]')?.textContent).toContain(
      'Imported: 2 created, 1 updated.',
    );
    button('Done')!.click();
    // The dialog reports its result once its closing animation has ended.
    for (let tries = 0; tries < 50 && fixture.componentInstance.closedWith === null; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(fixture.componentInstance.closedWith).toBe(true);
  });

  it('offers no import when nothing in the file would change', async () => {
    await pick(csv());
    answer(true, { created: 0, updated: 0, unchanged: 3, categoriesCreated: 0, errors: [] });
    await settle();

    expect(dialog().textContent).toContain('Nothing to import');
    // One sentence, its full stop against its last word.
    expect(dialog().querySelector('.counts')?.textContent?.trim()).toBe(
      'Would create 0 products and update 0 products (3 unchanged).',
    );
    expect(button('Import')?.disabled).toBe(true);
  });

  it('shows why a file was refused (not a CSV) and lets the user pick another', async () => {
    await pick(new File(['%PDF'], 'order.pdf'));
    backend
      .expectOne((r) => r.url === '/api/v1/products/import')
      .flush(
        {
          statusCode: 400,
          error: 'BAD_REQUEST',
          message: 'The file is not a CSV with a header row.',
          requestId: 'r-1',
        },
        { status: 400, statusText: 'Bad Request' },
      );
    await settle();

    expect(dialog().querySelector('sm-form-error-banner [role="alert"]')?.textContent).toContain(
      'The file is not a CSV with a header row.',
    );
    expect(button('Import')?.disabled).toBe(true);
    expect(button('Choose another file')?.disabled).toBe(false);
  });
});
