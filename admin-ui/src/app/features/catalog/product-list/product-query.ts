import { Params } from '@angular/router';
import { PRODUCT_SORT_FIELDS, TRACKING, Tracking } from '@stockmaster/contracts';

import { InitialTableQuery, TableQuery } from '../../../shared/ui/data-table';
import { ProductFilters } from '../../../shared/api/catalog-api';

/** The list's "Status" filter: active products unless the URL says otherwise. */
export type ActiveFilter = 'true' | 'false' | 'all';

/** What the product list keeps in its URL: filters, page, page size and sort. */
export interface ProductListState {
  search: string;
  categoryId: string;
  tracking: Tracking | '';
  active: ActiveFilter;
  table: InitialTableQuery;
}

const positive = (value: unknown): number | undefined => {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : undefined;
};

/** Reads the list's state from query parameters, ignoring anything it does not understand. */
export function readProductListState(params: Params): ProductListState {
  const tracking = TRACKING.includes(params['tracking']) ? (params['tracking'] as Tracking) : '';
  const active: ActiveFilter = ['false', 'all'].includes(params['active'])
    ? params['active']
    : 'true';
  const sort = typeof params['sort'] === 'string' ? params['sort'] : '';
  const sortField = sort.replace(/^-/, '');
  return {
    search: typeof params['search'] === 'string' ? params['search'] : '',
    categoryId: typeof params['categoryId'] === 'string' ? params['categoryId'] : '',
    tracking,
    active,
    table: {
      page: positive(params['page']),
      limit: positive(params['limit']),
      sort: (PRODUCT_SORT_FIELDS as readonly string[]).includes(sortField) ? sort : undefined,
    },
  };
}

/** The API filters for the list's filter values. */
export function productFilters(
  search: string,
  categoryId: string,
  tracking: Tracking | '',
  active: ActiveFilter,
): ProductFilters {
  return {
    search: search || undefined,
    categoryId: categoryId || undefined,
    tracking: tracking || undefined,
    active: active === 'all' ? undefined : active === 'true',
  };
}

/** Query parameters for a table query; defaults are left out so plain URLs stay plain. */
export function productListParams(query: TableQuery<ProductFilters>): Params {
  return {
    search: query.search || null,
    categoryId: query.categoryId || null,
    tracking: query.tracking || null,
    active: query.active === undefined ? 'all' : query.active ? null : 'false',
    page: query.page > 1 ? query.page : null,
    limit: query.limit !== 50 ? query.limit : null,
    sort: query.sort || null,
  };
}
