import { HttpClient, HttpHeaders } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  CreateOperationRequest,
  Operation,
  OperationDetail,
  OperationListQuery,
  Page,
  UpdateOperationRequest,
} from '@stockmaster/contracts';
import { Observable } from 'rxjs';

import { toHttpParams } from '../ui/data-table';

const API = '/api/v1/operations';
const id = (value: string) => encodeURIComponent(value);
const idempotent = (key: string) => ({ headers: new HttpHeaders({ 'Idempotency-Key': key }) });

/** Operations (documents): drafts, validation, cancellation and reversal. */
@Injectable({ providedIn: 'root' })
export class OperationsApi {
  private readonly http = inject(HttpClient);

  list(query: OperationListQuery): Observable<Page<Operation>> {
    return this.http.get<Page<Operation>>(API, { params: toHttpParams(query) });
  }

  get(operationId: string): Observable<OperationDetail> {
    return this.http.get<OperationDetail>(`${API}/${id(operationId)}`);
  }

  /** Creates a draft; `key` makes a retried or double-clicked create post once. */
  create(body: CreateOperationRequest, key: string): Observable<OperationDetail> {
    return this.http.post<OperationDetail>(API, body, idempotent(key));
  }

  /** Replaces a draft's header and lines; 409 OPERATION_NOT_DRAFT once validated or cancelled. */
  update(
    operationId: string,
    body: UpdateOperationRequest,
    key: string,
  ): Observable<OperationDetail> {
    return this.http.patch<OperationDetail>(`${API}/${id(operationId)}`, body, idempotent(key));
  }

  /**
   * Posts the draft's moves, all or nothing. 422 INSUFFICIENT_STOCK / OPERATION_INVALID name
   * every failing line in `details[].line`.
   */
  validate(operationId: string, key: string): Observable<OperationDetail> {
    return this.http.post<OperationDetail>(
      `${API}/${id(operationId)}/validate`,
      null,
      idempotent(key),
    );
  }

  /** Drafts only; 409 OPERATION_NOT_DRAFT otherwise. */
  cancel(operationId: string): Observable<OperationDetail> {
    return this.http.post<OperationDetail>(`${API}/${id(operationId)}/cancel`, null);
  }

  /** Writes the mirror operation of a done one; answers it (already done). */
  reverse(operationId: string, key: string): Observable<OperationDetail> {
    return this.http.post<OperationDetail>(
      `${API}/${id(operationId)}/reverse`,
      null,
      idempotent(key),
    );
  }
}
