import { Params } from '@angular/router';
import {
  OPERATION_STATUSES,
  OPERATION_TYPES,
  OperationListQuery,
  OperationStatus,
  OperationType,
} from '@stockmaster/contracts';

import { InitialTableQuery, TableQuery } from '../../../shared/ui/data-table';
import { dayEnd, dayStart, parseDay } from '../../../shared/util/date-range';

export const OPERATION_SORT_FIELDS = ['createdAt', 'doneAt', 'reference', 'scheduledAt'] as const;

/** The list's filters as the table and the URL carry them; dates are local days. */
export interface OperationFilters {
  type?: OperationType;
  status?: OperationStatus;
  warehouseId?: string;
  /** Operations with a line of this product (from the product's page). */
  productId?: string;
  /** `2026-03-01`: from the start of that day. */
  from?: string;
  /** `2026-03-31`: up to the end of that day. */
  to?: string;
  /** Reference or partner. */
  search?: string;
}

export interface OperationListState {
  filters: OperationFilters;
  table: InitialTableQuery;
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
const positive = (value: unknown): number | undefined => {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : undefined;
};
const oneOf = <T extends string>(values: readonly T[], value: unknown): T | undefined =>
  (values as readonly unknown[]).includes(value) ? (value as T) : undefined;
const day = (value: unknown): string | undefined =>
  typeof value === 'string' && parseDay(value) ? value : undefined;

/** Reads the list's state from query parameters, ignoring anything it does not understand. */
export function readOperationListState(params: Params): OperationListState {
  const sort = typeof params['sort'] === 'string' ? params['sort'] : '';
  const sortField = sort.replace(/^-/, '');
  return {
    filters: {
      type: oneOf(OPERATION_TYPES, params['type']),
      status: oneOf(OPERATION_STATUSES, params['status']),
      warehouseId: text(params['warehouseId']),
      productId: text(params['productId']),
      from: day(params['from']),
      to: day(params['to']),
      search: text(params['search']),
    },
    table: {
      page: positive(params['page']),
      limit: positive(params['limit']),
      sort: (OPERATION_SORT_FIELDS as readonly string[]).includes(sortField) ? sort : undefined,
    },
  };
}

/** Query parameters for a table query; defaults are left out so plain URLs stay plain. */
export function operationListParams(query: TableQuery<OperationFilters>): Params {
  return {
    type: query.type || null,
    status: query.status || null,
    warehouseId: query.warehouseId || null,
    productId: query.productId || null,
    from: query.from || null,
    to: query.to || null,
    search: query.search || null,
    page: query.page > 1 ? query.page : null,
    limit: query.limit !== 50 ? query.limit : null,
    sort: query.sort || null,
  };
}

/** The API's query for a table query: local days become instants. */
export function operationApiQuery(query: TableQuery<OperationFilters>): OperationListQuery {
  return {
    type: query.type,
    status: query.status,
    warehouseId: query.warehouseId,
    productId: query.productId,
    from: dayStart(query.from),
    to: dayEnd(query.to),
    search: query.search,
    page: query.page,
    limit: query.limit,
    sort: query.sort,
  };
}
