import { TestBed } from '@angular/core/testing';

import { ImportFilePicker } from './import-file-picker';
import { ImportRowErrors, ImportRowProblem, MAX_SHOWN_ROW_ERRORS } from './import-row-errors';

describe('ImportFilePicker', () => {
  it('emits the picked file, names it, and lets the same file be picked again', () => {
    const fixture = TestBed.createComponent(ImportFilePicker);
    fixture.componentRef.setInput('label', 'CSV file');
    const chosen: File[] = [];
    fixture.componentInstance.chosen.subscribe((file) => chosen.push(file));
    fixture.detectChanges();
    const element = fixture.nativeElement as HTMLElement;
    expect(element.querySelector('button')?.textContent?.trim()).toContain('Choose a CSV file');

    const file = new File(['sku\n'], 'products.csv', { type: 'text/csv' });
    const input = element.querySelector<HTMLInputElement>('input[type="file"]')!;
    expect(input.getAttribute('aria-label')).toBe('CSV file');
    Object.defineProperty(input, 'files', { value: [file], configurable: true });
    input.dispatchEvent(new Event('change'));
    expect(chosen).toEqual([file]);
    expect(input.value).toBe('');

    fixture.componentRef.setInput('file', file);
    fixture.componentRef.setInput('busy', true);
    fixture.detectChanges();
    const button = element.querySelector<HTMLButtonElement>('button')!;
    expect(button.textContent?.trim()).toContain('Choose another file');
    expect(button.disabled).toBe(true);
    expect(element.querySelector('.file-name')?.textContent).toBe('products.csv');
  });
});

describe('ImportRowErrors', () => {
  it(`lists at most ${MAX_SHOWN_ROW_ERRORS} errors and counts the rest`, () => {
    const errors: ImportRowProblem[] = Array.from({ length: MAX_SHOWN_ROW_ERRORS + 2 }, (_, i) => ({
      line: i + 2,
      column: i === 0 ? null : 'sku',
      message: `Problem ${i}`,
    }));
    const fixture = TestBed.createComponent(ImportRowErrors);
    fixture.componentRef.setInput('errors', errors);
    fixture.detectChanges();
    const element = fixture.nativeElement as HTMLElement;
    const rows = Array.from(
      element.querySelectorAll('table[aria-label="Row errors"] tr.mat-mdc-row'),
    );
    expect(rows).toHaveLength(MAX_SHOWN_ROW_ERRORS);
    expect(Array.from(rows[0].querySelectorAll('td')).map((td) => td.textContent?.trim())).toEqual([
      '2',
      '—',
      'Problem 0',
    ]);
    expect(element.querySelector('.more')?.textContent?.trim()).toBe(
      `Showing the first ${MAX_SHOWN_ROW_ERRORS} of ${MAX_SHOWN_ROW_ERRORS + 2} problems.`,
    );
  });
});
