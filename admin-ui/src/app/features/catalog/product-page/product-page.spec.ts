import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { CatalogErrorCode, Product } from '@stockmaster/contracts';

import { Session } from '../../../core/session/session';
import { loginResponse } from '../../../core/session/testing';
import { ProductPage } from './product-page';

const apples: Product = {
  id: 'p-1',
  sku: 'APL-1',
  name: 'Apples',
  description: null,
  categoryId: null,
  categoryPath: null,
  unit: 'kg',
  barcode: null,
  tracking: 'none',
  shelfLifeDays: 10,
  expiryWarningDays: 2,
  active: true,
  version: 3,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
};

function conflict(code: string, message: string) {
  return [
    { statusCode: 409, error: code, message, requestId: 'r-1' },
    { status: 409, statusText: 'Conflict' },
  ] as const;
}

describe('ProductPage', () => {
  let fixture: ComponentFixture<ProductPage>;
  let backend: HttpTestingController;
  let element: HTMLElement;

  /**
   * Renders and answers the page's side requests (categories, reorder rules, warehouses) with
   * empty lists. Not `whenStable()`: it would wait for the requests the test answers itself.
   */
  const settle = async () => {
    for (let round = 0; round < 4; round++) {
      fixture.detectChanges();
      answerSideRequests();
      await new Promise((resolve) => setTimeout(resolve));
    }
  };
  const field = (label: string) =>
    Array.from(element.querySelectorAll('mat-form-field')).find((f) =>
      f.querySelector('mat-label')?.textContent?.includes(label),
    )!;
  const errorOf = (label: string) => field(label).querySelector('mat-error')?.textContent?.trim();
  const type = (label: string, value: string) => {
    const input = field(label).querySelector<HTMLInputElement>('input, textarea')!;
    input.value = value;
    input.dispatchEvent(new Event('input'));
    input.dispatchEvent(new Event('blur'));
  };
  const submit = async () => {
    element.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await settle();
  };
  const answerSideRequests = () => {
    for (const request of backend.match((r) => r.url === '/api/v1/categories')) {
      request.flush({ data: [] });
    }
    for (const request of backend.match(
      (r) => r.url === '/api/v1/reorder-rules' || r.url === '/api/v1/warehouses',
    )) {
      request.flush({ data: [], meta: { page: 1, limit: 50, total: 0 } });
    }
  };

  async function render(id?: string) {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    TestBed.inject(Session).signIn(loginResponse('manager'));
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(ProductPage);
    if (id) fixture.componentRef.setInput('id', id);
    element = fixture.nativeElement as HTMLElement;
    await settle();
    if (id) {
      backend.expectOne(`/api/v1/products/${id}`).flush(apples);
      await settle();
    }
  }

  it('explains each invalid field and sends nothing', async () => {
    await render();

    await submit();
    expect(errorOf('SKU')).toBe('This field is required.');
    expect(errorOf('Name')).toBe('This field is required.');

    type('SKU', 'APL 1!');
    type('Shelf life', '-1');
    type('Expiry warning', '1.5');
    await settle();
    expect(errorOf('SKU')).toBe(
      'Use up to 64 letters, digits, dots, dashes or underscores (no spaces).',
    );
    expect(errorOf('Shelf life')).toBe('Enter a whole number of days.');
    expect(errorOf('Expiry warning')).toBe('Enter a whole number of days.');

    expect(backend.match('/api/v1/products')).toHaveLength(0);
  });

  it('creates the product with trimmed fields and empty optional ones as null', async () => {
    await render();
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);

    type('SKU', ' APL-1 ');
    type('Name', ' Apples ');
    type('Shelf life', '10');
    await submit();

    const request = backend.expectOne({ method: 'POST', url: '/api/v1/products' });
    expect(request.request.body).toEqual({
      sku: 'APL-1',
      name: 'Apples',
      description: null,
      categoryId: null,
      unit: 'unit',
      barcode: null,
      tracking: 'none',
      shelfLifeDays: 10,
      expiryWarningDays: 2,
    });
    request.flush(apples);
    await settle();
    expect(navigate).toHaveBeenCalledWith(['/products', 'p-1']);
  });

  it.each([
    [CatalogErrorCode.SkuTaken, 'SKU', 'Another product already uses this SKU.'],
    [CatalogErrorCode.BarcodeTaken, 'Barcode', 'Another product already uses this barcode.'],
  ])('puts %s under the %s field', async (code, label, message) => {
    await render();
    type('SKU', 'APL-1');
    type('Name', 'Apples');
    type('Barcode', '4006381333931');
    await submit();

    backend
      .expectOne({ method: 'POST', url: '/api/v1/products' })
      .flush(...conflict(code, 'Conflict.'));
    await settle();

    expect(errorOf(label)).toBe(message);
    expect(element.querySelector('sm-form-error-banner [role="alert"]')).toBeNull();
  });

  it('sends the version it read and, when someone else saved first, offers to reload', async () => {
    await render('p-1');
    expect(element.querySelector('h1')?.textContent).toContain('Apples');

    type('Name', 'Green apples');
    await submit();
    const save = backend.expectOne({ method: 'PATCH', url: '/api/v1/products/p-1' });
    expect(save.request.body).toEqual(
      expect.objectContaining({ version: 3, name: 'Green apples' }),
    );
    save.flush(...conflict(CatalogErrorCode.StaleVersion, 'The product changed.'));
    await settle();

    const alert = Array.from(element.querySelectorAll('[role="alert"]')).find((a) =>
      a.textContent?.includes('Someone else changed this product'),
    );
    expect(alert?.textContent).toContain('Someone else changed this product');
    const reload = Array.from(alert!.querySelectorAll('button')).find((b) =>
      b.textContent?.includes('Reload'),
    )!;
    reload.click();
    await settle();

    backend.expectOne('/api/v1/products/p-1').flush({ ...apples, name: 'Red apples', version: 4 });
    await settle();

    expect(field('Name').querySelector('input')!.value).toBe('Red apples');
    expect(element.textContent).not.toContain('Someone else changed this product');

    await submit();
    const retry = backend.expectOne({ method: 'PATCH', url: '/api/v1/products/p-1' });
    expect(retry.request.body.version).toBe(4);
    retry.flush({ ...apples, name: 'Red apples', version: 5 });
  });

  it('shows a read-only form without Save for a role that may only read', async () => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    TestBed.inject(Session).signIn(loginResponse('viewer'));
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(ProductPage);
    fixture.componentRef.setInput('id', 'p-1');
    element = fixture.nativeElement as HTMLElement;
    await settle();
    backend.expectOne('/api/v1/products/p-1').flush(apples);
    await settle();

    expect(field('Name').querySelector('input')!.disabled).toBe(true);
    expect(element.querySelector('button[type="submit"]')).toBeNull();
    expect(element.textContent).not.toContain('Archive');
    expect(element.textContent).not.toContain('Add rule');
  });
});
