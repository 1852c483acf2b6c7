import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import {
  AbstractControl,
  FormControl,
  ReactiveFormsModule,
  ValidationErrors,
} from '@angular/forms';
import { MatAutocompleteModule } from '@angular/material/autocomplete';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Batch, BatchRef } from '@stockmaster/contracts';
import {
  catchError,
  combineLatest,
  debounceTime,
  distinctUntilChanged,
  map,
  of,
  startWith,
  switchMap,
} from 'rxjs';

import { FieldError } from '../../../shared/ui/form';
import { FreshnessChip } from '../../../shared/ui/freshness';
import { BatchesApi } from '../../../shared/api/batches-api';

/**
 * A receipt line's batch: an existing batch of the product (picked from the list: sent as
 * `batchId`), or a code typed in (a new batch, sent inline as `batch` and created, or reused by
 * code, when the receipt is validated). Empty: no batch.
 */
export type BatchChoice = BatchRef | string | null;

export function batchRef(batch: Batch | BatchRef): BatchRef {
  return { id: batch.id, code: batch.code, expiresAt: batch.expiresAt };
}

/** Batch-tracked products need a batch on every receipt line. */
export function batchChosen(control: AbstractControl<BatchChoice>): ValidationErrors | null {
  const value = control.value;
  if (value === null || (typeof value === 'string' && value.trim() === '')) {
    return { batchRequired: true };
  }
  if (typeof value === 'string' && value.trim().length > 64) return { batchCode: true };
  return null;
}

export const BATCH_MESSAGES = {
  batchRequired: 'This product is batch-tracked: pick its batch or type a new batch code.',
  batchCode: 'A batch code has at most 64 characters.',
};

/** The code of a choice, as shown in the field. */
export function batchCodeOf(value: BatchChoice): string {
  return value && typeof value === 'object' ? value.code : (value ?? '');
}

/**
 * Batch autocomplete for a receipt line, over `GET /batches?productId=&search=` (earliest
 * expiry first). Typing a code that is not in the list makes a new batch.
 */
@Component({
  selector: 'sm-batch-picker',
  imports: [
    DatePipe,
    ReactiveFormsModule,
    MatAutocompleteModule,
    MatFormFieldModule,
    MatInputModule,
    FieldError,
    FreshnessChip,
  ],
  template: `
    <mat-form-field subscriptSizing="dynamic" class="picker">
      <mat-label>Batch</mat-label>
      <input
        matInput
        type="text"
        autocomplete="off"
        spellcheck="false"
        [formControl]="control()"
        [matAutocomplete]="auto"
      />
      <mat-autocomplete #auto="matAutocomplete" [displayWith]="display">
        @for (batch of options(); track batch.id) {
          <mat-option [value]="batch">
            <span class="option">
              <code>{{ batch.code }}</code>
              @if (batch.expiresAt) {
                <span class="expiry">expires {{ batch.expiresAt | date: 'mediumDate' }}</span>
              }
              <sm-freshness-chip [freshness]="batch.freshness" />
            </span>
          </mat-option>
        }
      </mat-autocomplete>
      @if (isNew()) {
        <mat-hint>New batch: created when the receipt is validated.</mat-hint>
      }
      <mat-error><sm-field-error [control]="control()" [messages]="messages" /></mat-error>
    </mat-form-field>
  `,
  styles: `
    .picker {
      width: 100%;
    }
    .option {
      display: inline-flex;
      align-items: center;
      gap: 8px;
    }
    .expiry {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BatchPicker {
  private readonly batches = inject(BatchesApi);

  readonly control = input.required<FormControl<BatchChoice>>();
  /** The line's product: only its batches are offered. */
  readonly productId = input.required<string>();

  protected readonly messages = BATCH_MESSAGES;
  protected readonly display = (value: BatchChoice): string => batchCodeOf(value);

  private readonly value = toSignal(
    toObservable(this.control).pipe(
      switchMap((control) => control.valueChanges.pipe(startWith(control.value))),
    ),
    { initialValue: null as BatchChoice },
  );
  protected readonly isNew = () => {
    const value = this.value();
    return typeof value === 'string' && value.trim() !== '';
  };

  protected readonly options = toSignal(
    combineLatest([
      toObservable(this.productId),
      toObservable(this.value).pipe(
        map((value) => (typeof value === 'string' ? value.trim() : '')),
        debounceTime(250),
        distinctUntilChanged(),
      ),
    ]).pipe(
      switchMap(([productId, search]) =>
        !productId
          ? of<Batch[]>([])
          : this.batches.list({ productId, search: search || undefined, limit: 20 }).pipe(
              map((page) => page.data),
              catchError(() => of<Batch[]>([])),
            ),
      ),
    ),
    { initialValue: [] as Batch[] },
  );
}
