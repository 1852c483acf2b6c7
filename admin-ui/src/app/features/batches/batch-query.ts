import { Params } from '@angular/router';
import { BatchListQuery, FRESHNESS_STATUSES, FreshnessStatus } from '@stockmaster/contracts';

import { InitialTableQuery, TableQuery } from '../../shared/ui/data-table';

/**
 * The dashboard's batch cards, as list filters: batches still on hand that are expired
 * (`expired=true`), inside their product's warning days (`expiring=true`), or quarantined or
 * recalled (`blocked=true`).
 */
export const STOCK_ALERTS = ['expired', 'expiring', 'blocked'] as const;
export type StockAlert = (typeof STOCK_ALERTS)[number];

/** What the list says a stock alert filter is, on its removable chip. */
export const STOCK_ALERT_LABELS: Record<StockAlert, string> = {
  expired: 'Expired, still on hand',
  expiring: 'Entering the warning window, on hand',
  blocked: 'Quarantined or recalled, on hand',
};

/** The list's filters, as the API takes them (`GET /batches`). */
export type BatchFilters = Pick<
  BatchListQuery,
  | 'status'
  | 'expiringWithinDays'
  | 'productId'
  | 'warehouseId'
  | 'search'
  | 'expired'
  | 'expiring'
  | 'blocked'
>;

/** The filter form's values: '' for "any". */
export interface BatchFilterValues {
  status: FreshnessStatus | '';
  /** Typed text: a whole number of days, or '' for no limit. */
  expiringWithinDays: string;
  productId: string;
  warehouseId: string;
  search: string;
  /** A dashboard card's filter, from the URL only (the chip removes it). */
  alert: StockAlert | '';
}

export interface BatchListState {
  filters: BatchFilterValues;
  table: InitialTableQuery;
}

/** Sort fields the API accepts (`-` prefix for descending). */
export const BATCH_SORT_FIELDS = ['expiresAt', 'code', 'receivedAt', 'createdAt'] as const;

const positive = (value: unknown): number | undefined => {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : undefined;
};
const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** A whole number of days from 0 to 3650 (the API's range), or undefined. */
export function withinDays(value: string): number | undefined {
  const trimmed = value.trim();
  if (!/^\d{1,4}$/.test(trimmed)) return undefined;
  const days = Number(trimmed);
  return days <= 3650 ? days : undefined;
}

/** Reads the list's state from the URL, ignoring anything it does not understand. */
export function readBatchListState(params: Params): BatchListState {
  const status = (FRESHNESS_STATUSES as readonly string[]).includes(params['status'])
    ? (params['status'] as FreshnessStatus)
    : '';
  const within = withinDays(text(params['expiringWithinDays']));
  const sort = text(params['sort']);
  const alert = STOCK_ALERTS.find((name) => params[name] === 'true') ?? '';
  return {
    filters: {
      alert,
      status,
      expiringWithinDays: within === undefined ? '' : String(within),
      productId: text(params['productId']),
      warehouseId: text(params['warehouseId']),
      search: text(params['search']),
    },
    table: {
      page: positive(params['page']),
      limit: positive(params['limit']),
      sort: (BATCH_SORT_FIELDS as readonly string[]).includes(sort.replace(/^-/, ''))
        ? sort
        : undefined,
    },
  };
}

/** The API filters for the form's values; empty ones are left out. */
export function batchFilters(values: BatchFilterValues): BatchFilters {
  return {
    status: values.status || undefined,
    expiringWithinDays: withinDays(values.expiringWithinDays),
    productId: values.productId || undefined,
    warehouseId: values.warehouseId || undefined,
    search: values.search.trim() || undefined,
    expired: values.alert === 'expired' || undefined,
    expiring: values.alert === 'expiring' || undefined,
    blocked: values.alert === 'blocked' || undefined,
  };
}

/** Query parameters for the URL; defaults are left out so that plain URLs stay plain. */
export function batchListParams(query: TableQuery<BatchFilters>): Params {
  return {
    expired: query.expired ? 'true' : null,
    expiring: query.expiring ? 'true' : null,
    blocked: query.blocked ? 'true' : null,
    status: query.status || null,
    expiringWithinDays: query.expiringWithinDays ?? null,
    productId: query.productId || null,
    warehouseId: query.warehouseId || null,
    search: query.search || null,
    page: query.page > 1 ? query.page : null,
    limit: query.limit !== 50 ? query.limit : null,
    sort: query.sort && query.sort !== 'expiresAt' ? query.sort : null,
  };
}
