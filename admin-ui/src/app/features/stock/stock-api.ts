import { HttpClient, HttpResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  CursorPage,
  Page,
  StockLevel,
  StockLevelQuery,
  StockImportResult,
  StockMove,
  StockSummaryRow,
} from '@stockmaster/contracts';
import { Observable, map } from 'rxjs';

import { toHttpParams } from '../../shared/ui/data-table';
import { DownloadedFile, fileNameOf } from '../../shared/api/catalog-api';

const API = '/api/v1';

export interface StockSummaryQuery {
  warehouseId?: string;
  search?: string;
  page?: number;
  limit?: number;
}

export interface StockAsOfQuery {
  /** An ISO instant. */
  date: string;
  warehouseId?: string;
  productId?: string;
  page?: number;
  limit?: number;
}

/** Filters of the ledger and of its CSV export. */
export interface LedgerFilters {
  productId?: string;
  warehouseId?: string;
  locationId?: string;
  batchId?: string;
  operationId?: string;
  /** ISO instants. */
  from?: string;
  to?: string;
}

export interface LedgerQuery extends LedgerFilters {
  limit?: number;
  /** The previous page's `meta.nextCursor`. */
  cursor?: string;
}

/** Stock levels (the ledger's cache) and the ledger itself. */
@Injectable({ providedIn: 'root' })
export class StockApi {
  private readonly http = inject(HttpClient);

  levels(query: StockLevelQuery): Observable<Page<StockLevel>> {
    return this.http.get<Page<StockLevel>>(`${API}/stock-levels`, {
      params: toHttpParams(query),
    });
  }

  /** On hand per product, against its reorder rule's minimum. */
  summary(query: StockSummaryQuery): Observable<Page<StockSummaryRow>> {
    return this.http.get<Page<StockSummaryRow>>(`${API}/stock-levels/summary`, {
      params: toHttpParams(query),
    });
  }

  /** The levels as they were at a past instant, replayed from the ledger. */
  asOf(query: StockAsOfQuery): Observable<Page<StockLevel>> {
    return this.http.get<Page<StockLevel>>(`${API}/stock-levels/as-of`, {
      params: toHttpParams(query),
    });
  }

  /** One page of the ledger, newest first. */
  moves(query: LedgerQuery): Observable<CursorPage<StockMove>> {
    return this.http.get<CursorPage<StockMove>>(`${API}/stock-moves`, {
      params: toHttpParams(query),
    });
  }

  /** The whole ledger for `filters` as CSV (fetched here: it needs the bearer token). */
  exportMoves(filters: LedgerFilters): Observable<DownloadedFile> {
    return this.http
      .get(`${API}/stock-moves/export`, {
        params: toHttpParams(filters),
        responseType: 'blob',
        observe: 'response',
      })
      .pipe(
        map((response: HttpResponse<Blob>) => ({
          blob: response.body ?? new Blob([], { type: 'text/csv' }),
          fileName:
            fileNameOf(response.headers.get('Content-Disposition')) ??
            `stock-moves-${new Date().toISOString().slice(0, 10)}.csv`,
        })),
      );
  }

  /** Checks (`dryRun`) a count file, or turns it into draft adjustments; with any row error nothing is written. */
  importCounts(file: File, dryRun: boolean): Observable<StockImportResult> {
    const body = new FormData();
    body.append('file', file, file.name);
    return this.http.post<StockImportResult>(`${API}/stock/import`, body, {
      params: { dryRun },
    });
  }

  /** The count file template: the header and two example rows. */
  importTemplate(): Observable<DownloadedFile> {
    return this.http
      .get(`${API}/stock/import/template`, { responseType: 'blob', observe: 'response' })
      .pipe(
        map((response: HttpResponse<Blob>) => ({
          blob: response.body ?? new Blob([], { type: 'text/csv' }),
          fileName:
            fileNameOf(response.headers.get('Content-Disposition')) ?? 'stock-import-template.csv',
        })),
      );
  }
}
