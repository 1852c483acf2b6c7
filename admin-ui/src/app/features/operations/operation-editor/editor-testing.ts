import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideHttpClient } from '@angular/common/http';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { provideRouter } from '@angular/router';
import {
  Location,
  OperationDetail,
  OperationLine,
  OperationType,
  Product,
  Role,
  Warehouse,
} from '@stockmaster/contracts';

import { Session } from '../../../core/session/session';
import { loginResponse } from '../../../core/session/testing';
import { OperationEditor } from './operation-editor';

/** Fixtures and a small harness for the operation editor's specs. */

export const main: Warehouse = {
  id: 'wh-1',
  code: 'MAIN',
  name: 'Main warehouse',
  address: null,
  rootLocationId: 'loc-root',
  hasStockHistory: false,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
};
export const root: Location = {
  id: 'loc-root',
  warehouseId: 'wh-1',
  parentId: null,
  name: 'Stock',
  fullName: 'MAIN/Stock',
  type: 'internal',
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
};
export const product = (
  id: string,
  sku: string,
  name: string,
  barcode: string | null,
  unit = 'kg',
): Product => ({
  id,
  sku,
  name,
  description: null,
  categoryId: null,
  categoryPath: null,
  unit: unit as Product['unit'],
  barcode,
  tracking: 'none',
  shelfLifeDays: null,
  expiryWarningDays: 2,
  active: true,
  version: 1,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
});
export const apples = product('p-1', 'APL-1', 'Apples', '4006381333931');
export const applePie = product('p-9', 'APL-10', 'Apple pie', null);
export const beef = product('p-2', 'BF-1', 'Beef', null);

export const page = <T>(data: T[]) => ({ data, meta: { page: 1, limit: 200, total: data.length } });

export interface DetailLine {
  product: Product;
  quantity: string;
  batch?: OperationLine['batch'];
  acceptExpired?: boolean;
}

export function detail(lines: DetailLine[], type: OperationType = 'delivery'): OperationDetail {
  return {
    id: 'op-1',
    reference: type === 'receipt' ? 'MAIN/IN/00001' : 'MAIN/OUT/00001',
    type,
    status: 'draft',
    warehouseId: 'wh-1',
    sourceLocation: type === 'receipt' ? null : { id: 'loc-root', fullName: 'MAIN/Stock' },
    destinationLocation:
      type === 'receipt'
        ? { id: 'loc-root', fullName: 'MAIN/Stock' }
        : { id: 'loc-customer', fullName: 'Customers' },
    partner: null,
    scheduledAt: null,
    doneAt: null,
    notes: null,
    includeChildren: false,
    createdBy: { id: 'manager-id', fullName: 'Alex Manager' },
    validatedBy: null,
    reversalOfId: null,
    reversedById: null,
    lineCount: lines.length,
    createdAt: '2026-03-01T10:00:00Z',
    updatedAt: '2026-03-01T10:00:00Z',
    lines: lines.map((line, index): OperationLine => ({
      id: `line-${index}`,
      line: index,
      product: {
        id: line.product.id,
        sku: line.product.sku,
        name: line.product.name,
        unit: line.product.unit,
      },
      batch: line.batch ?? null,
      newBatch: null,
      quantity: line.quantity,
      countedQuantity: null,
      sourceLocation: null,
      destinationLocation: null,
      acceptExpired: line.acceptExpired ?? false,
    })),
    moves: [],
  };
}

/** The editor rendered in jsdom, with helpers that act as a user would. */
export class EditorHarness {
  readonly fixture: ComponentFixture<OperationEditor>;
  readonly backend: HttpTestingController;
  readonly element: HTMLElement;

  constructor(id: string, options: { type?: string; role?: Role } = {}) {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        // Dialogs close at once, without waiting for an animation jsdom never runs.
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      ],
    });
    TestBed.inject(Session).signIn(loginResponse(options.role ?? 'manager'));
    this.backend = TestBed.inject(HttpTestingController);
    this.fixture = TestBed.createComponent(OperationEditor);
    this.fixture.componentRef.setInput('id', id);
    if (options.type) this.fixture.componentRef.setInput('type', options.type);
    this.element = this.fixture.nativeElement as HTMLElement;
  }

  /** Renders and answers the side requests (warehouses, locations). */
  async settle(): Promise<void> {
    for (let round = 0; round < 5; round++) {
      this.fixture.detectChanges();
      for (const r of this.backend.match((r) => r.url === '/api/v1/warehouses'))
        r.flush(page([main]));
      for (const r of this.backend.match((r) => r.url === '/api/v1/locations'))
        r.flush(page([root]));
      await new Promise((resolve) => setTimeout(resolve));
    }
  }

  scanInput(): HTMLInputElement {
    return this.element.querySelector<HTMLInputElement>('sm-scan-field input')!;
  }

  /** Types a code into the scan field and presses Enter, as a hand-held scanner does. */
  async scan(code: string): Promise<void> {
    const input = this.scanInput();
    input.focus();
    input.value = code;
    input.dispatchEvent(new Event('input'));
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    await this.settle();
  }

  async answerSearch(code: string, results: Product[]): Promise<void> {
    const request = this.backend.expectOne(
      (r) => r.url === '/api/v1/products' && r.params.get('search') === code,
    );
    if (request.request.params.get('active') !== 'true') throw new Error('scans active products');
    request.flush(page(results));
    await this.settle();
  }

  lines(): HTMLElement[] {
    return Array.from(this.element.querySelectorAll<HTMLElement>('.line'));
  }

  lineInput(line: HTMLElement, label: string): HTMLInputElement {
    return Array.from(line.querySelectorAll('mat-form-field'))
      .find((f) => f.querySelector('mat-label')?.textContent?.trim() === label)!
      .querySelector<HTMLInputElement>('input')!;
  }

  /** Types `value` into the line's field, as a user would (input, then leaving the field). */
  async type(line: number, label: string, value: string): Promise<void> {
    const input = this.lineInput(this.lines()[line], label);
    input.value = value;
    input.dispatchEvent(new Event('input'));
    input.dispatchEvent(new Event('blur'));
    await this.settle();
  }

  scanMessage(): string | undefined {
    return this.element.querySelector('.scan-message')?.textContent?.trim();
  }

  button(text: string): HTMLButtonElement {
    return Array.from(this.element.querySelectorAll<HTMLButtonElement>('button')).find((b) =>
      b.textContent?.includes(text),
    )!;
  }

  banner(): string {
    return this.element.querySelector('sm-form-error-banner')?.textContent?.trim() ?? '';
  }

  lineError(line: number): string | null {
    return this.lines()[line]?.querySelector('.line-error')?.textContent?.trim() ?? null;
  }
}
