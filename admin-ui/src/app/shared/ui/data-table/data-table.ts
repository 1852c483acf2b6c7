import { NgTemplateOutlet } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  TemplateRef,
  computed,
  contentChildren,
  input,
  linkedSignal,
  output,
  signal,
} from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatPaginatorModule, PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSortModule, Sort, SortDirection } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { Page, formatSort, parseSort } from '@stockmaster/contracts';
import { Subject, catchError, map, merge, of, switchMap, tap } from 'rxjs';

import { ApiError, toApiError } from '../../../core/http/api-error';
import { DataTableCell, DataTableCellContext } from './data-table-cell';
import {
  DataTableColumn,
  InitialTableQuery,
  PAGE_SIZE_OPTIONS,
  PageLoader,
  TableQuery,
} from './data-table.types';
import { clampLimit, clampPage, filtersKey, sameQuery } from './table-query';

type LoadResult<T> = { page: Page<T> } | { error: ApiError };

/**
 * The one server-side paginated, sortable list of the console.
 *
 * It owns page, page size and sort; the parent owns the filters and how a page is fetched.
 * A new query (page, size, sort, filters) cancels the load in flight; changing the filters
 * goes back to page 1.
 */
@Component({
  selector: 'sm-data-table',
  imports: [
    NgTemplateOutlet,
    MatTableModule,
    MatSortModule,
    MatPaginatorModule,
    MatProgressBarModule,
    MatButtonModule,
    MatIconModule,
  ],
  templateUrl: './data-table.html',
  styleUrl: './data-table.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DataTable<T, F extends object = object> {
  /** What the table shows, in order. */
  readonly columns = input.required<readonly DataTableColumn<T>[]>();
  /** Fetches one page for a query. */
  readonly load = input.required<PageLoader<T, F>>();
  /** The list's filters, sent along with every query; a change goes back to page 1. */
  readonly filters = input<F | undefined>(undefined);
  /** Accessible name of the table, e.g. "Products". */
  readonly label = input.required<string>();
  /** Where to start (e.g. from the URL): page, limit, sort. */
  readonly initialQuery = input<InitialTableQuery>({});
  /** Shown when a query matches nothing. */
  readonly emptyMessage = input('Nothing to show.');
  /** A stable identity per row, so re-loads keep DOM rows (and focus) where possible. */
  readonly rowKey = input<(row: T) => unknown>();

  /** Every new query, e.g. to mirror it in the URL. Not emitted by {@link reload}. */
  readonly queryChange = output<TableQuery<F>>();

  private readonly cellTemplates = contentChildren(DataTableCell);

  private readonly limit = linkedSignal(() => clampLimit(this.initialQuery().limit));
  private readonly sort = linkedSignal(() => this.initialQuery().sort || undefined);
  private readonly page = linkedSignal<{ start: number; filters: string }, number>({
    source: () => ({
      start: clampPage(this.initialQuery().page),
      filters: filtersKey(this.filters()),
    }),
    computation: (source, previous) =>
      previous && previous.source.filters !== source.filters ? 1 : source.start,
  });

  /** The query of the rows on screen (or being loaded). */
  readonly query = computed<TableQuery<F>>(
    () => {
      const sort = this.sort();
      return {
        ...((this.filters() ?? {}) as F),
        page: this.page(),
        limit: this.limit(),
        ...(sort ? { sort } : {}),
      };
    },
    { equal: sameQuery },
  );

  private readonly state = signal<{
    rows: T[];
    total: number;
    loading: boolean;
    error: ApiError | null;
  }>({ rows: [], total: 0, loading: true, error: null });

  readonly rows = computed(() => this.state().rows);
  readonly total = computed(() => this.state().total);
  readonly loading = computed(() => this.state().loading);
  readonly error = computed(() => this.state().error);

  protected readonly pageSizes = PAGE_SIZE_OPTIONS;
  protected readonly columnKeys = computed(() => this.columns().map((column) => column.key));
  protected readonly templates = computed(() => {
    const byKey = new Map<string, TemplateRef<DataTableCellContext<T>>>();
    for (const cell of this.cellTemplates()) byKey.set(cell.key(), cell.template);
    return byKey;
  });
  protected readonly sortActive = computed(() => {
    const sort = this.sort();
    if (!sort) return '';
    const { field } = parseSort(sort);
    return this.columns().find((c) => (c.sortField ?? c.key) === field)?.key ?? '';
  });
  protected readonly sortDirection = computed((): SortDirection => {
    const sort = this.sort();
    return sort && this.sortActive() ? parseSort(sort).direction : '';
  });
  protected readonly pageIndex = computed(() => this.page() - 1);
  protected readonly empty = computed(
    () => !this.loading() && !this.error() && this.rows().length === 0,
  );
  protected readonly trackRow = (index: number, row: T): unknown => {
    const key = this.rowKey();
    return key ? key(row) : row;
  };

  private readonly reload$ = new Subject<void>();

  constructor() {
    const request = computed(() => ({ query: this.query(), load: this.load() }));
    merge(
      toObservable(request).pipe(tap(({ query }) => this.queryChange.emit(query))),
      this.reload$.pipe(map(() => request())),
    )
      .pipe(
        tap(() => this.state.update((s) => ({ ...s, loading: true, error: null }))),
        switchMap(({ query, load }) =>
          load(query).pipe(
            map((page): LoadResult<T> => ({ page })),
            catchError((error: unknown) => of<LoadResult<T>>({ error: toApiError(error) })),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((result) => {
        if ('page' in result) {
          const { data, meta } = result.page;
          this.state.set({ rows: data, total: meta.total, loading: false, error: null });
        } else {
          // Rows of another query would mislead next to the paginator's new position.
          this.state.update((s) => ({ ...s, rows: [], loading: false, error: result.error }));
        }
      });
  }

  /** Loads the current query again (after a change elsewhere, or the Retry button). */
  reload(): void {
    this.reload$.next();
  }

  protected onSort(sort: Sort): void {
    const column = this.columns().find((c) => c.key === sort.active);
    this.sort.set(
      column && sort.direction
        ? formatSort(column.sortField ?? column.key, sort.direction)
        : undefined,
    );
    this.page.set(1);
  }

  protected onPage(event: PageEvent): void {
    const limit = clampLimit(event.pageSize);
    if (limit !== this.limit()) {
      this.limit.set(limit);
      this.page.set(1);
    } else {
      this.page.set(event.pageIndex + 1);
    }
  }

  protected cellText(column: DataTableColumn<T>, row: T): string {
    const value = column.cell
      ? column.cell(row)
      : (row as Record<string, unknown> | null)?.[column.key];
    return value === null || value === undefined ? '' : String(value);
  }
}
