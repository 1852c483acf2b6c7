import { Injectable, inject, signal } from '@angular/core';
import {
  CreateOperationRequest,
  OperationDetail,
  UpdateOperationRequest,
} from '@stockmaster/contracts';
import { EMPTY, Observable, catchError, defer, finalize, of, switchMap, tap } from 'rxjs';

import { ApiError, toApiError } from '../../../core/http/api-error';
import { OperationsApi } from '../../../shared/api/operations-api';
import { newIdempotencyKey } from '../../../shared/util/idempotency';

export type OperationAction = 'save' | 'validate' | 'cancel' | 'reverse';

/**
 * The editor replaces the whole draft, but a PATCH keeps every field it does not carry: a field
 * the user emptied goes as null so the server clears it too.
 */
export function replacement(request: CreateOperationRequest): UpdateOperationRequest {
  return {
    sourceLocationId: null,
    destinationLocationId: null,
    partner: null,
    scheduledAt: null,
    notes: null,
    ...request,
  };
}

/**
 * One operation as the server holds it, and the requests that change it: what was loaded, what
 * is in flight, and whether the form's request still matches the server's copy of the draft (so
 * Validate never posts an older version). {@link OperationStore} drives it.
 */
@Injectable()
export class OperationRequests {
  private readonly api = inject(OperationsApi);

  /** The operation as last read or saved; null while new. */
  readonly operation = signal<OperationDetail | null>(null);
  readonly loading = signal(false);
  readonly loadError = signal<ApiError | null>(null);
  readonly busy = signal<OperationAction | null>(null);

  /** The request the server's copy of the draft stands for; null when there is none. */
  private synced: string | null = null;

  /** A new operation: nothing loaded, nothing saved. */
  reset(): void {
    this.operation.set(null);
    this.loadError.set(null);
    this.synced = null;
  }

  /** Reads the operation; a failure is kept in `loadError` and completes without a value. */
  load(id: string): Observable<OperationDetail> {
    return defer(() => {
      this.loading.set(true);
      this.loadError.set(null);
      return this.api.get(id);
    }).pipe(
      tap((operation) => this.operation.set(operation)),
      catchError((error: unknown) => {
        this.loadError.set(toApiError(error));
        return EMPTY;
      }),
      finalize(() => this.loading.set(false)),
    );
  }

  /** Records that `request` is what the server now holds (the form was just filled from it). */
  markSynced(request: CreateOperationRequest): void {
    this.synced = JSON.stringify(request);
  }

  /** Whether `request` differs from the server's copy (always, for an operation never saved). */
  isUnsaved(request: CreateOperationRequest): boolean {
    return this.operation() === null || this.synced !== JSON.stringify(request);
  }

  /** Creates the draft or replaces it; a fresh key per call makes a double click post once. */
  save(request: CreateOperationRequest): Observable<OperationDetail> {
    return this.run('save', () => this.persist(request, newIdempotencyKey()));
  }

  /**
   * Validates what the screen shows: when `request` differs from the server's copy it is saved
   * first (`saved` runs with the saved draft before the validation is sent), then the draft is
   * posted, all or nothing. One fresh key per request of the call.
   */
  validate(
    request: CreateOperationRequest,
    saved: (draft: OperationDetail) => void,
  ): Observable<OperationDetail> {
    const saveKey = newIdempotencyKey();
    const validateKey = newIdempotencyKey();
    return this.run('validate', () => {
      const current = this.operation();
      const draft$ =
        current && !this.isUnsaved(request)
          ? of(current)
          : this.persist(request, saveKey).pipe(tap(saved));
      return draft$.pipe(switchMap((draft) => this.api.validate(draft.id, validateKey)));
    });
  }

  cancel(): Observable<OperationDetail> {
    const operation = this.operation();
    return operation ? this.run('cancel', () => this.api.cancel(operation.id)) : EMPTY;
  }

  /** Writes the mirror operation; answers it (the store keeps showing the original). */
  reverse(): Observable<OperationDetail> {
    const operation = this.operation();
    if (!operation) return EMPTY;
    const key = newIdempotencyKey();
    return defer(() => {
      this.busy.set('reverse');
      return this.api.reverse(operation.id, key);
    }).pipe(finalize(() => this.busy.set(null)));
  }

  private persist(request: CreateOperationRequest, key: string): Observable<OperationDetail> {
    const current = this.operation();
    const saved$ = current
      ? this.api.update(current.id, replacement(request), key)
      : this.api.create(request, key);
    return saved$.pipe(tap((saved) => this.operation.set(saved)));
  }

  /** Runs one action at a time; the answer becomes the operation shown. */
  private run(
    action: OperationAction,
    request: () => Observable<OperationDetail>,
  ): Observable<OperationDetail> {
    return defer(() => {
      this.busy.set(action);
      return request();
    }).pipe(
      tap((operation) => this.operation.set(operation)),
      finalize(() => this.busy.set(null)),
    );
  }
}
