import { MAX_PAGE_SIZE, Page } from '@stockmaster/contracts';
import { EMPTY, Observable, expand, reduce } from 'rxjs';

/**
 * Every row of a paged list, fetched page after page at the API's largest page size (200),
 * for the few screens that need a whole set at once (a location tree, a select's options).
 */
export function fetchAllPages<T>(
  loadPage: (page: number, limit: number) => Observable<Page<T>>,
  limit = MAX_PAGE_SIZE,
): Observable<T[]> {
  return loadPage(1, limit).pipe(
    expand((page) => {
      const seen = page.meta.page * page.meta.limit;
      return seen < page.meta.total && page.data.length > 0
        ? loadPage(page.meta.page + 1, limit)
        : EMPTY;
    }),
    reduce<Page<T>, T[]>((rows, page) => rows.concat(page.data), []),
  );
}
