import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  Batch,
  BatchDetail,
  BatchListQuery,
  BatchTrace,
  CreateBatchRequest,
  Page,
  QuarantineBatchRequest,
  RecallBatchRequest,
  ReleaseBatchRequest,
  UpdateBatchRequest,
} from '@stockmaster/contracts';
import { Observable, map } from 'rxjs';

import { toHttpParams } from '../ui/data-table';

const API = '/api/v1/batches';
const id = (value: string) => encodeURIComponent(value);

/** Batches (lots): freshness, stock and history, QR codes. */
@Injectable({ providedIn: 'root' })
export class BatchesApi {
  private readonly http = inject(HttpClient);

  /** Default order: earliest expiry first. Agents see batches in their warehouses only. */
  list(query: BatchListQuery): Observable<Page<Batch>> {
    return this.http.get<Page<Batch>>(API, { params: toHttpParams(query) });
  }

  get(batchId: string): Observable<BatchDetail> {
    return this.http.get<BatchDetail>(`${API}/${id(batchId)}`);
  }

  /** 409 BATCH_CODE_TAKEN; 422 BATCH_NOT_ALLOWED for a product without batch tracking. */
  create(body: CreateBatchRequest): Observable<Batch> {
    return this.http.post<Batch>(API, body);
  }

  /** Dates and notes; null clears a field. */
  update(batchId: string, body: UpdateBatchRequest): Observable<Batch> {
    return this.http.patch<Batch>(`${API}/${id(batchId)}`, body);
  }

  /**
   * The batch's QR code as a `data:` URL of its SVG, ready for an `<img>`. Fetched here because
   * it needs the bearer token (never put in a URL); a `data:` URL because the console's CSP
   * allows `img-src 'self' data:` only, and an SVG shown as an image runs no script.
   */
  qrDataUrl(batchId: string): Observable<string> {
    return this.http
      .get(`${API}/${id(batchId)}/qr`, { params: { format: 'svg' }, responseType: 'text' })
      .pipe(map(svgDataUrl));
  }

  /** Held: never delivered nor transferred until released. 409 when already held or recalled. */
  quarantine(batchId: string, body: QuarantineBatchRequest): Observable<BatchDetail> {
    return this.http.post<BatchDetail>(`${API}/${id(batchId)}/quarantine`, body);
  }

  /** Quarantined → available. */
  release(batchId: string, body: ReleaseBatchRequest): Observable<BatchDetail> {
    return this.http.post<BatchDetail>(`${API}/${id(batchId)}/release`, body);
  }

  /** For good: the public page then shows the notice first. */
  recall(batchId: string, body: RecallBatchRequest): Observable<BatchDetail> {
    return this.http.post<BatchDetail>(`${API}/${id(batchId)}/recall`, body);
  }

  /** Where the lot came from, where it is, where it went (the caller's warehouses). */
  trace(batchId: string): Observable<BatchTrace> {
    return this.http.get<BatchTrace>(`${API}/${id(batchId)}/trace`);
  }

  /** The trace as a CSV file. */
  traceCsv(batchId: string): Observable<Blob> {
    return this.http.get(`${API}/${id(batchId)}/trace`, {
      params: { format: 'csv' },
      responseType: 'blob',
    });
  }

  /** A new public token: the old QR codes stop working. */
  rotateToken(batchId: string): Observable<Batch> {
    return this.http.post<Batch>(`${API}/${id(batchId)}/rotate-token`, null);
  }
}

/** An SVG document as a `data:` URL. */
export function svgDataUrl(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}
