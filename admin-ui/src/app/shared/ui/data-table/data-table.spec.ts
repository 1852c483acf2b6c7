import { HttpClient, provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  TestRequest,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MatPaginatorHarness } from '@angular/material/paginator/testing';
import { ErrorCode, Page } from '@stockmaster/contracts';

import { DataTable } from './data-table';
import { DataTableCell } from './data-table-cell';
import { DataTableColumn, PageLoader, TableQuery } from './data-table.types';
import { toHttpParams } from './table-query';

interface Product {
  id: number;
  sku: string;
  name: string;
  quantity: string;
}

interface ProductFilters {
  q?: string;
}

@Component({
  selector: 'sm-test-host',
  imports: [DataTable, DataTableCell],
  template: `
    <sm-data-table
      label="Products"
      emptyMessage="No products match."
      [columns]="columns"
      [load]="load"
      [filters]="filters()"
      [initialQuery]="initial"
      [rowKey]="rowKey"
      (queryChange)="queries.push($event)"
    >
      <ng-template smCell="sku" [smCellOf]="columns" let-product>
        <code class="sku">{{ product.sku }}</code>
      </ng-template>
    </sm-data-table>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
class Host {
  private readonly http = inject(HttpClient);

  readonly columns: DataTableColumn<Product>[] = [
    { key: 'sku', header: 'SKU', sortable: true },
    { key: 'name', header: 'Name', sortable: true },
    { key: 'quantity', header: 'On hand', align: 'end', cell: (p) => `${p.quantity} kg` },
  ];
  readonly filters = signal<ProductFilters>({});
  readonly initial = {};
  readonly queries: TableQuery<ProductFilters>[] = [];
  readonly rowKey = (product: Product) => product.id;
  readonly load: PageLoader<Product, ProductFilters> = (query) =>
    this.http.get<Page<Product>>('/api/v1/products', { params: toHttpParams(query) });
}

/** Picks a page size in the paginator's select, as a user would. */
async function choosePageSize(fixture: ComponentFixture<Host>, size: number) {
  const loader = TestbedHarnessEnvironment.loader(fixture);
  const paginator = await loader.getHarness(MatPaginatorHarness);
  await paginator.setPageSize(size);
  await fixture.whenStable();
}

function page(data: Product[], meta: Partial<Page<Product>['meta']> = {}): Page<Product> {
  return { data, meta: { page: 1, limit: 50, total: data.length, ...meta } };
}

const apple: Product = { id: 1, sku: 'APL-1', name: 'Apples', quantity: '12.500' };
const beef: Product = { id: 2, sku: 'BF-9', name: 'Beef', quantity: '3.000' };

describe('DataTable', () => {
  let fixture: ComponentFixture<Host>;
  let backend: HttpTestingController;
  let element: HTMLElement;

  const settle = () => fixture.whenStable();
  /** Takes the open requests off the backend's list. */
  const pending = () => backend.match(() => true).filter((r) => !r.cancelled);
  /** Takes the one open request. */
  const one = (): TestRequest => {
    const requests = pending();
    expect(requests).toHaveLength(1);
    return requests[0];
  };
  const params = (request: TestRequest) => request.request.urlWithParams.split('?')[1] ?? '';
  const header = (text: string) =>
    Array.from(element.querySelectorAll<HTMLElement>('th')).find((th) =>
      th.textContent?.includes(text),
    )!;
  const button = (label: string) =>
    Array.from(element.querySelectorAll<HTMLButtonElement>('button')).find(
      (b) => b.getAttribute('aria-label') === label || b.textContent?.trim().endsWith(label),
    )!;
  const rowTexts = () =>
    Array.from(element.querySelectorAll('tr.mat-mdc-row')).map((tr) =>
      Array.from(tr.querySelectorAll('td')).map((td) => td.textContent?.trim()),
    );

  async function render(configure?: (host: Host) => void) {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    fixture = TestBed.createComponent(Host);
    configure?.(fixture.componentInstance);
    backend = TestBed.inject(HttpTestingController);
    element = fixture.nativeElement as HTMLElement;
    await settle();
  }

  afterEach(() => backend.verify());

  it('asks for page 1 with the default limit and renders the rows', async () => {
    await render();

    const request = one();
    expect(params(request)).toBe('page=1&limit=50');
    expect(element.querySelector('mat-progress-bar')).not.toBeNull();

    request.flush(page([apple, beef], { total: 2 }));
    await settle();

    expect(rowTexts()).toEqual([
      ['APL-1', 'Apples', '12.500 kg'],
      ['BF-9', 'Beef', '3.000 kg'],
    ]);
    expect(element.querySelector('code.sku')?.textContent).toBe('APL-1');
    expect(element.querySelector('mat-progress-bar')).toBeNull();
    expect(element.querySelector('table')?.getAttribute('aria-label')).toBe('Products');
  });

  it('sorts by a column on click: ascending, then descending as sort=-name', async () => {
    await render();
    one().flush(page([apple, beef]));
    await settle();

    header('Name').click();
    await settle();
    const ascending = one();
    expect(params(ascending)).toBe('page=1&limit=50&sort=name');
    ascending.flush(page([apple, beef]));
    await settle();

    header('Name').click();
    await settle();
    const descending = one();
    expect(params(descending)).toBe('page=1&limit=50&sort=-name');
    expect(header('Name').getAttribute('aria-sort')).toBe('descending');
    descending.flush(page([beef, apple]));
  });

  it('does not offer sorting on a column that is not sortable', async () => {
    await render();
    one().flush(page([apple]));
    await settle();

    header('On hand').click();
    await settle();

    expect(pending()).toHaveLength(0);
    expect(header('On hand').querySelector('[role="button"]')).toBeNull();
  });

  it('pages forward and changes the page size, going back to page 1', async () => {
    await render();
    one().flush(page([apple, beef], { total: 120 }));
    await settle();

    button('Next page').click();
    await settle();
    const second = one();
    expect(params(second)).toBe('page=2&limit=50');
    second.flush(page([apple], { page: 2, total: 120 }));
    await settle();
    expect(fixture.componentInstance.queries.at(-1)).toEqual({ page: 2, limit: 50 });

    await choosePageSize(fixture, 100);
    const bigger = one();
    expect(params(bigger)).toBe('page=1&limit=100');
    bigger.flush(page([apple, beef], { limit: 100, total: 120 }));
  });

  it('goes back to page 1 when the filters change, and sends them', async () => {
    await render();
    one().flush(page([apple, beef], { total: 120 }));
    await settle();
    button('Next page').click();
    await settle();
    one().flush(page([apple], { page: 2, total: 120 }));
    await settle();

    fixture.componentInstance.filters.set({ q: 'beef' });
    await settle();

    const filtered = one();
    expect(params(filtered)).toBe('q=beef&page=1&limit=50');
    filtered.flush(page([beef], { total: 1 }));
    await settle();
    expect(rowTexts()).toEqual([['BF-9', 'Beef', '3.000 kg']]);
  });

  it('cancels the load in flight when the query changes', async () => {
    await render();
    const first = one();

    header('Name').click();
    await settle();

    expect(first.cancelled).toBe(true);
    const sorted = one();
    expect(params(sorted)).toBe('page=1&limit=50&sort=name');
    sorted.flush(page([apple]));
  });

  it('starts from an initial query (e.g. from the URL), clamping the limit to 200', async () => {
    await render((host) => Object.assign(host.initial, { page: 3, limit: 1000, sort: '-sku' }));

    const request = one();
    expect(params(request)).toBe('page=3&limit=200&sort=-sku');
    expect(header('SKU').getAttribute('aria-sort')).toBe('descending');
    request.flush(page([], { page: 3, limit: 200, total: 0 }));
  });

  it('says so when nothing matches', async () => {
    await render();
    one().flush(page([]));
    await settle();

    expect(element.querySelector('p[role="status"]')?.textContent).toContain('No products match.');
  });

  it("shows the API's error message with a Retry button that loads again", async () => {
    await render();
    one().flush(
      {
        statusCode: 403,
        error: ErrorCode.Forbidden,
        message: 'You may not see products of this warehouse.',
        requestId: 'r-1',
      },
      { status: 403, statusText: 'Forbidden' },
    );
    await settle();

    const alert = element.querySelector('[role="alert"]');
    expect(alert?.textContent).toContain('You may not see products of this warehouse.');
    expect(element.querySelector('p[role="status"]')).toBeNull();

    button('Retry').click();
    await settle();
    const retry = one();
    expect(params(retry)).toBe('page=1&limit=50');
    retry.flush(page([apple]));
    await settle();

    expect(element.querySelector('[role="alert"]')).toBeNull();
    expect(rowTexts()).toEqual([['APL-1', 'Apples', '12.500 kg']]);
  });

  it('shows a readable message when the server cannot be reached', async () => {
    await render();
    one().error(new ProgressEvent('error'));
    await settle();

    expect(element.querySelector('[role="alert"]')?.textContent).toMatch(
      /cannot reach the server/i,
    );
  });
});
