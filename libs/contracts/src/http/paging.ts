export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

/** Query of every offset-paged list: `?page=1&limit=50&sort=-createdAt`. */
export interface PageQuery {
  page?: number;
  limit?: number;
  /** A field name, prefixed with `-` for descending order. */
  sort?: string;
}

export interface PageMeta {
  page: number;
  limit: number;
  total: number;
}

export interface Page<T> {
  data: T[];
  meta: PageMeta;
}

/** Cursor-paged lists (the ledger): `nextCursor` is null on the last page. */
export interface CursorPage<T> {
  data: T[];
  meta: { nextCursor: string | null };
}

export type SortDirection = 'asc' | 'desc';

/** Splits `-name` into `{ field: 'name', direction: 'desc' }`. */
export function parseSort(sort: string): { field: string; direction: SortDirection } {
  return sort.startsWith('-')
    ? { field: sort.slice(1), direction: 'desc' }
    : { field: sort, direction: 'asc' };
}

/** The inverse of {@link parseSort}. */
export function formatSort(field: string, direction: SortDirection): string {
  return direction === 'desc' ? `-${field}` : field;
}
