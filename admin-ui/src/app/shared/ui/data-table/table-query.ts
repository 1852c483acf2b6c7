import { HttpParams } from '@angular/common/http';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '@stockmaster/contracts';

import { TableQuery } from './data-table.types';

type ParamValue = string | number | boolean | null | undefined | readonly (string | number)[];

/** Query parameters for a list call; empty, null and undefined values are left out. */
export function toHttpParams(query: object): HttpParams {
  let params = new HttpParams();
  for (const [key, raw] of Object.entries(query) as [string, ParamValue][]) {
    if (raw === undefined || raw === null || raw === '') continue;
    if (Array.isArray(raw)) {
      for (const item of raw) params = params.append(key, String(item));
    } else {
      params = params.set(key, String(raw));
    }
  }
  return params;
}

/** A page size the API accepts: an integer from 1 to 200, 50 when missing or nonsense. */
export function clampLimit(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit) || limit < 1) return DEFAULT_PAGE_SIZE;
  return Math.min(Math.floor(limit), MAX_PAGE_SIZE);
}

export function clampPage(page: number | undefined): number {
  if (page === undefined || !Number.isFinite(page) || page < 1) return 1;
  return Math.floor(page);
}

/** Order-insensitive identity of a filters object, so that an equal object does not reload. */
export function filtersKey(filters: object | undefined): string {
  if (!filters) return '{}';
  const entries = Object.entries(filters)
    .filter(([, value]) => value !== undefined && value !== null && value !== '')
    .sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify(entries);
}

export function sameQuery(a: TableQuery, b: TableQuery): boolean {
  return (
    a.page === b.page &&
    a.limit === b.limit &&
    (a.sort ?? '') === (b.sort ?? '') &&
    filtersKey(a) === filtersKey(b)
  );
}
