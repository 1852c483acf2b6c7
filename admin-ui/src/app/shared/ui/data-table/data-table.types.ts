import { Page, PageQuery } from '@stockmaster/contracts';
import { Observable } from 'rxjs';

/** Page sizes offered under every list; the API caps `limit` at 200. */
export const PAGE_SIZE_OPTIONS: readonly number[] = [10, 25, 50, 100, 200];

/** One column of a {@link DataTable}. */
export interface DataTableColumn<T> {
  /** Column id; the key of an `<ng-template smCell="…">` that renders its cells. */
  key: string;
  /** Header text (also the column's accessible name). */
  header: string;
  /** Offer sorting on this column; the API must accept `sort=<sortField>`. */
  sortable?: boolean;
  /** The API's sort field when it differs from `key`. */
  sortField?: string;
  /** Text of a cell when no cell template is given; defaults to `row[key]`. */
  cell?: (row: T) => string | number | null | undefined;
  /** Right-align numbers and quantities. */
  align?: 'start' | 'end';
}

/**
 * The query the table asks its loader for: the list's filters plus `page` (1-based), `limit`
 * and `sort` (`name` / `-name`, absent for the server's default order).
 */
export type TableQuery<F extends object = object> = F & {
  page: number;
  limit: number;
  sort?: string;
};

/** Fetches one page, typically `(q) => this.http.get<Page<T>>(url, { params: toHttpParams(q) })`. */
export type PageLoader<T, F extends object = object> = (
  query: TableQuery<F>,
) => Observable<Page<T>>;

/** Where a table starts, e.g. restored from the URL; missing parts use the defaults. */
export type InitialTableQuery = PageQuery;
