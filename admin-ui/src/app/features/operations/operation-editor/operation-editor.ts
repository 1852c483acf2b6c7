import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { rxResource, takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { provideNativeDateAdapter } from '@angular/material/core';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Router, RouterLink } from '@angular/router';
import {
  OPERATION_PERMISSION,
  REVERSAL_PERMISSION,
  Location,
  OPERATION_TYPES,
  OperationDetail,
  OperationType,
  Product,
  ProductRef,
  StockErrorCode,
  Tracking,
  Warehouse,
  isWarehouseScoped,
} from '@stockmaster/contracts';
import { EMPTY, filter, map, switchMap } from 'rxjs';

import { ApiError, toApiError } from '../../../core/http/api-error';
import { Session } from '../../../core/session/session';
import { confirmAction } from '../../../shared/ui/confirm-dialog/confirm-dialog';
import {
  FieldError,
  FormErrorBanner,
  SubmitButton,
  applyServerErrors,
} from '../../../shared/ui/form';
import { fetchAllPages } from '../../../shared/ui/paging/all-pages';
import { unitFor } from '@stockmaster/contracts';
import { BatchesApi } from '../../../shared/api/batches-api';
import { CatalogApi } from '../../../shared/api/catalog-api';
import { WarehousesApi } from '../../../shared/api/warehouses-api';
import { OperationDocument } from '../operation-document/operation-document';
import { OperationFacts } from '../operation-document/operation-facts';
import { LOCATION_RULES, TYPE_ICONS, TYPE_LABELS, VIRTUAL_SIDE_LABELS } from '../operation-labels';
import { OperationStatusChip } from '../operation-status';
import { ProductPicker, productRef } from '../../../shared/ui/product-picker/product-picker';
import { QUANTITY_MESSAGES } from '../../../shared/ui/quantity/quantity';
import { BATCH_MESSAGES, BatchPicker, batchRef } from './batch-picker';
import {
  OperationFailure,
  bannerMessages,
  expiredLines,
  expiredQuestion,
  operationFailure,
  withoutStaleLines,
} from './operation-failure';
import {
  InlineBatchValue,
  LineForm,
  applyBatchRule,
  applyLineValidators,
  fillForm,
  incrementLine,
  inlineBatchOf,
  lineForm,
  operationForm,
  operationRequest,
  scanTarget,
} from './operation-form';
import { OperationStore } from './operation-store';
import { ScanField } from './scan-field';

/**
 * One operation: a new one (`/operations/new?type=receipt`), a draft to edit, or one to read
 * (done, cancelled, or beyond the user's rights) shown as a document. Validate posts what the
 * screen shows: edits not yet saved are saved first, then the moves are posted, all or nothing,
 * and every failing line is marked.
 */
@Component({
  selector: 'sm-operation-editor',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatDatepickerModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatProgressSpinnerModule,
    MatSelectModule,
    FieldError,
    FormErrorBanner,
    SubmitButton,
    OperationStatusChip,
    ProductPicker,
    BatchPicker,
    OperationDocument,
    OperationFacts,
    ScanField,
  ],
  providers: [provideNativeDateAdapter(), OperationStore],
  templateUrl: './operation-editor.html',
  styleUrl: './operation-editor.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OperationEditor {
  protected readonly store = inject(OperationStore);
  private readonly catalog = inject(CatalogApi);
  private readonly batchesApi = inject(BatchesApi);
  private readonly warehousesApi = inject(WarehousesApi);
  private readonly session = inject(Session);
  private readonly router = inject(Router);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);

  /** The operation's id from the route, or `new`. */
  readonly id = input<string>();
  /** `?type=` of a new operation. */
  readonly type = input<string>();

  readonly form = operationForm('receipt');

  /** The operation as last read or saved; null while new. */
  readonly operation = this.store.operation;
  /** The form's lines, as a signal so that async changes (scans) re-render. */
  protected readonly lines = signal<LineForm[]>([]);
  protected readonly currentType = signal<OperationType>('receipt');
  protected readonly warehouseId = signal('');

  readonly busy = this.store.busy;
  /** The last failed action, kept to what still describes the lines shown. */
  readonly failure = signal<OperationFailure | null>(null);
  protected readonly errorTitle = computed(
    () => this.failure()?.title ?? 'The operation was not saved.',
  );
  readonly errors = computed(() => bannerMessages(this.failure()));
  /** Per-line messages of the last failed save or validation. */
  readonly failing = computed(
    () => new Map([...(this.failure()?.lines ?? [])].map(([line, p]) => [line, p.messages])),
  );

  protected readonly typeLabels = TYPE_LABELS;
  protected readonly typeIcons = TYPE_ICONS;
  protected readonly virtualLabels = VIRTUAL_SIDE_LABELS;
  protected readonly quantityMessages = QUANTITY_MESSAGES;
  protected readonly batchMessages = BATCH_MESSAGES;

  /** Products' tracking, looked up for receipt lines (a product reference does not carry it). */
  private readonly tracking = signal<ReadonlyMap<string, Tracking>>(new Map());
  private readonly trackingAsked = new Set<string>();
  protected readonly unitFor = unitFor;

  protected readonly rule = computed(() => LOCATION_RULES[this.currentType()]);
  protected readonly isNew = computed(() => this.operation() === null);
  /** May the user change operations of this type at all (agents: no adjustments or scrap)? */
  private readonly mayWrite = computed(() => {
    return this.session.can(OPERATION_PERMISSION[this.currentType()]);
  });
  readonly editable = computed(() => {
    const operation = this.operation();
    return this.mayWrite() && (!operation || operation.status === 'draft');
  });
  protected readonly canReverse = computed(() => {
    const operation = this.operation();
    return (
      !!operation &&
      operation.status === 'done' &&
      !operation.reversedById &&
      this.session.can(REVERSAL_PERMISSION)
    );
  });
  protected readonly canCancel = computed(
    () => this.operation()?.status === 'draft' && this.mayWrite(),
  );
  protected readonly typeOptions = computed(() => {
    return OPERATION_TYPES.filter((type) => this.session.can(OPERATION_PERMISSION[type])).map(
      (value) => ({ value, label: TYPE_LABELS[value] }),
    );
  });
  protected readonly title = computed(() => {
    const operation = this.operation();
    if (operation) return operation.reference;
    return `New ${TYPE_LABELS[this.currentType()].toLowerCase()}`;
  });

  protected readonly warehouses = rxResource({
    stream: () => this.catalog.warehouses(),
  });
  /** Agents pick among their warehouses only (the server enforces it regardless). */
  protected readonly warehouseOptions = computed<Warehouse[]>(() => {
    const all = this.warehouses.hasValue() ? this.warehouses.value() : [];
    const user = this.session.user();
    if (!user || !isWarehouseScoped(user.role)) return all;
    return all.filter((w) => user.warehouseIds.includes(w.id) || w.id === this.warehouseId());
  });
  protected readonly warehouse = computed(() =>
    this.warehouseOptions().find((w) => w.id === this.warehouseId()),
  );
  /** The warehouse's internal locations, in tree order (full names sort that way). */
  protected readonly locations = rxResource({
    params: () => (this.editable() && this.warehouseId()) || undefined,
    stream: ({ params }) =>
      this.warehousesApi.allLocations(params).pipe(map((list) => internalSorted(list))),
  });
  protected readonly warehouseLocations = computed(() =>
    this.locations.hasValue() ? this.locations.value() : [],
  );
  /** Transfers may end in any internal location the user may use, in any warehouse. */
  private readonly transferTargets = rxResource({
    params: () => (this.editable() && this.currentType() === 'transfer' ? true : undefined),
    stream: () =>
      fetchAllPages((page, limit) =>
        this.warehousesApi.locations({ type: 'internal', page, limit }),
      ).pipe(map((list) => internalSorted(list))),
  });
  protected readonly destinationOptions = computed(() => {
    if (this.currentType() !== 'transfer') return this.warehouseLocations();
    return this.transferTargets.hasValue() ? this.transferTargets.value() : [];
  });
  protected readonly rootName = computed(() => {
    const warehouse = this.warehouse();
    if (!warehouse) return 'the warehouse stock';
    const root = this.warehouseLocations().find((l) => l.id === warehouse.rootLocationId);
    return root?.fullName ?? `${warehouse.code}/Stock`;
  });

  constructor() {
    toObservable(this.id)
      .pipe(
        switchMap((id) => {
          if (!id || id === 'new') {
            this.startNew();
            return EMPTY;
          }
          if (this.operation()?.id === id) return EMPTY;
          this.failure.set(null);
          return this.store.load(id);
        }),
        takeUntilDestroyed(),
      )
      .subscribe((operation) => this.show(operation));

    this.form.controls.type.valueChanges.pipe(takeUntilDestroyed()).subscribe((type) => {
      this.currentType.set(type);
      this.applyType(type, true);
    });
    this.form.controls.warehouseId.valueChanges.pipe(takeUntilDestroyed()).subscribe((id) => {
      this.warehouseId.set(id);
      // New warehouse, new locations: go back to its defaults.
      this.form.patchValue({ sourceLocationId: '', destinationLocationId: '' });
      for (const line of this.form.controls.lines.controls) {
        line.patchValue({ sourceLocationId: '', destinationLocationId: '' });
      }
    });

    // A new operation starts in the user's only (or first) warehouse.
    effect(() => {
      const options = this.warehouseOptions();
      untracked(() => {
        if (this.isNew() && !this.form.controls.warehouseId.value && options.length > 0) {
          this.form.controls.warehouseId.setValue(options[0].id);
        }
      });
    });

    // An edited line's old problems go as soon as it changes.
    this.form.controls.lines.valueChanges
      .pipe(takeUntilDestroyed())
      .subscribe(() => this.pruneFailure());

    // Nothing changes while a request is in flight: what is validated is what is shown.
    effect(() => {
      const editable = this.editable() && this.busy() === null;
      const isNew = this.isNew();
      untracked(() => {
        if (!editable) {
          this.form.disable({ emitEvent: false });
          return;
        }
        this.form.enable({ emitEvent: false });
        // The reference carries the warehouse and the type: both are fixed once saved.
        if (!isNew) {
          this.form.controls.type.disable({ emitEvent: false });
          this.form.controls.warehouseId.disable({ emitEvent: false });
        }
      });
    });
  }

  // Scanner

  /** A scanned product: one more on its line, or a new line of 1. Answers what happened. */
  protected readonly addScanned = (product: Product): string => {
    const type = this.currentType();
    this.rememberTracking(product.id, product.tracking);
    const existing = scanTarget(this.lines(), product.id);
    let text: string;
    if (existing) {
      incrementLine(existing, type);
      const now =
        type === 'adjustment'
          ? existing.controls.countedQuantity.value
          : existing.controls.quantity.value;
      text = `${product.sku} — ${product.name}: line ${this.lines().indexOf(existing) + 1} is now ${now}.`;
    } else {
      const line = this.newLine(productRef(product));
      applyBatchRule(line, type, product.tracking === 'batch');
      if (type === 'adjustment') line.controls.countedQuantity.setValue('1');
      else line.controls.quantity.setValue('1');
      this.form.controls.lines.push(line);
      this.form.markAsDirty();
      text = `${product.sku} — ${product.name} added as line ${this.form.controls.lines.length}.`;
    }
    this.refreshLines();
    return text;
  };

  // Lines

  protected addLine(): void {
    this.form.controls.lines.push(this.newLine(null));
    this.form.markAsDirty();
    this.refreshLines();
  }

  protected removeLine(line: LineForm): void {
    const index = this.form.controls.lines.controls.indexOf(line);
    if (index < 0) return;
    this.form.controls.lines.removeAt(index);
    this.form.markAsDirty();
    this.refreshLines();
  }

  /** A product was picked on a line: its batch (of the previous product) no longer applies. */
  protected onProductPicked(line: LineForm, product: ProductRef): void {
    line.patchValue({ batch: null, batchProducedAt: null, batchExpiresAt: null, batchId: '' });
    this.lookUpTracking(product.id);
    applyBatchRule(line, this.currentType(), this.tracking().get(product.id) === 'batch');
  }

  /** Receipt lines of batch-tracked products (or already carrying a batch) show the batch fields. */
  protected showsBatch(line: LineForm): boolean {
    if (this.currentType() !== 'receipt') return false;
    const product = line.controls.product.value;
    if (!product || typeof product !== 'object') return false;
    return this.tracking().get(product.id) === 'batch' || line.controls.batch.value !== null;
  }

  protected isNewBatch(line: LineForm): boolean {
    return inlineBatchOf(line) !== null;
  }

  protected productIdOf(line: LineForm): string {
    const product = line.controls.product.value;
    return product && typeof product === 'object' ? product.id : '';
  }

  protected unitOf(line: LineForm): string {
    const product = line.controls.product.value;
    return product && typeof product === 'object' ? product.unit : '';
  }

  private newLine(product: ProductRef | null): LineForm {
    const line = lineForm(this.currentType(), product);
    // Adjustment lines need a location: start from the warehouse's root.
    if (this.currentType() === 'adjustment' && this.warehouse()) {
      line.controls.locationId.setValue(this.warehouse()!.rootLocationId);
    }
    return line;
  }

  /** The lines shown changed: re-render them, and drop problems that no longer describe them. */
  private refreshLines(): void {
    this.lines.set(this.shownLines());
    this.pruneFailure();
  }

  private pruneFailure(): void {
    const failure = this.failure();
    if (failure) this.failure.set(withoutStaleLines(failure, this.shownLines()));
  }

  // Actions

  save(): void {
    if (this.busy() || !this.checkForm()) return;
    const wasNew = this.isNew();
    const sent = this.shownLines();
    this.failure.set(null);
    this.store.save(operationRequest(this.form)).subscribe({
      next: (saved) => {
        this.afterSave(saved, wasNew, sent);
        this.snackBar.open(`${saved.reference} has been saved as a draft.`, undefined, {
          duration: 5000,
        });
      },
      error: (error: unknown) =>
        this.failed('The operation was not saved.', toApiError(error), sent, () => this.save()),
    });
  }

  /**
   * Validates exactly what the screen shows: unsaved edits are saved first. A failure is
   * reported on the lines that were validated (those shown once the draft was saved).
   */
  validate(): void {
    if (this.busy() || !this.checkForm()) return;
    const wasNew = this.isNew();
    let sent = this.shownLines();
    this.failure.set(null);
    this.store
      .validate(operationRequest(this.form), (saved) => {
        this.afterSave(saved, wasNew, sent);
        sent = this.shownLines();
      })
      .subscribe({
        next: (done) => {
          this.show(done);
          this.snackBar.open(`${done.reference} has been validated.`, undefined, {
            duration: 5000,
          });
        },
        error: (error: unknown) =>
          this.failed('The operation was not validated.', toApiError(error), sent, () =>
            this.validate(),
          ),
      });
  }

  protected cancelOperation(): void {
    const operation = this.operation();
    if (!operation || this.busy()) return;
    confirmAction(this.dialog, {
      title: `Cancel ${operation.reference}?`,
      message:
        'The draft will be marked cancelled and can no longer be edited or validated. No stock moves.',
      confirmLabel: 'Cancel operation',
      destructive: true,
    })
      .pipe(
        filter(Boolean),
        switchMap(() => {
          this.failure.set(null);
          return this.store.cancel();
        }),
      )
      .subscribe({
        next: (cancelled) => {
          this.show(cancelled);
          this.snackBar.open(`${cancelled.reference} has been cancelled.`, undefined, {
            duration: 5000,
          });
        },
        error: (error: unknown) =>
          this.failed('The operation was not cancelled.', toApiError(error), []),
      });
  }

  protected reverse(): void {
    const operation = this.operation();
    if (!operation || this.busy()) return;
    confirmAction(this.dialog, {
      title: `Reverse ${operation.reference}?`,
      message:
        'A mirror operation will move every quantity back where it came from. Both stay in the ledger.',
      confirmLabel: 'Reverse',
      destructive: true,
    })
      .pipe(
        filter(Boolean),
        switchMap(() => {
          this.failure.set(null);
          return this.store.reverse();
        }),
      )
      .subscribe({
        next: (mirror) => {
          this.snackBar.open(
            `${operation.reference} has been reversed by ${mirror.reference}.`,
            undefined,
            { duration: 6000 },
          );
          void this.router.navigate(['/operations', mirror.id]);
        },
        error: (error: unknown) =>
          this.failed('The operation was not reversed.', toApiError(error), []),
      });
  }

  protected reload(): void {
    const id = this.operation()?.id ?? this.id();
    if (!id || id === 'new') return;
    this.store.load(id).subscribe((operation) => this.show(operation));
  }

  // Internals

  private shownLines(): LineForm[] {
    return [...this.form.controls.lines.controls];
  }

  /** The form again from the saved draft, carrying over what the API does not send back. */
  private afterSave(saved: OperationDetail, wasNew: boolean, sent: readonly LineForm[]): void {
    this.show(
      saved,
      sent.map((line) => inlineBatchOf(line)),
    );
    // Same route (`:id`), so the component stays and the request in flight goes on.
    if (wasNew) void this.router.navigate(['/operations', saved.id], { replaceUrl: true });
  }

  private checkForm(): boolean {
    const refuse = (message: string) => {
      this.failure.set({
        title: 'The operation was not saved.',
        summary: null,
        other: [message],
        lines: new Map(),
      });
      return false;
    };
    if (this.form.controls.lines.length === 0) {
      return refuse('Add at least one line: scan a product or use “Add line”.');
    }
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return refuse('Some fields need attention: see the messages in red.');
    }
    return true;
  }

  private startNew(): void {
    const requested = this.type();
    const allowed = this.typeOptions().map((o) => o.value);
    const type = allowed.includes(requested as OperationType)
      ? (requested as OperationType)
      : (allowed[0] ?? 'receipt');
    this.store.reset();
    this.failure.set(null);
    const warehouseId = this.warehouseOptions()[0]?.id ?? '';
    this.form.controls.lines.clear({ emitEvent: false });
    this.form.reset(
      {
        type,
        warehouseId,
        sourceLocationId: '',
        destinationLocationId: '',
        partner: '',
        scheduledAt: null,
        notes: '',
      },
      { emitEvent: false },
    );
    this.currentType.set(type);
    this.warehouseId.set(warehouseId);
    this.applyType(type, false);
    this.refreshLines();
  }

  /** Shows `operation`; a draft also fills the form, which then matches the server's copy. */
  private show(operation: OperationDetail, inline: (InlineBatchValue | null)[] = []): void {
    this.operation.set(operation);
    this.currentType.set(operation.type);
    this.warehouseId.set(operation.warehouseId);
    if (operation.status !== 'draft') return;
    fillForm(this.form, operation, inline);
    this.applyType(operation.type, false);
    this.refreshLines();
    this.store.markSynced(operationRequest(this.form));
    if (operation.type === 'receipt') this.completeBatches(operation);
  }

  /**
   * Receipt lines: look up their products' tracking (for the batch rule) and the codes of their
   * batches, which the operation's lines do not carry (the moves of a done one do).
   */
  private completeBatches(operation: OperationDetail): void {
    const lines = this.form.controls.lines.controls;
    for (const line of lines) {
      const product = line.controls.product.value;
      if (product && typeof product === 'object' && this.editable())
        this.lookUpTracking(product.id);
    }
    for (const line of lines) {
      const batch = line.controls.batch.value;
      if (!batch || typeof batch !== 'object' || batch.code) continue;
      const fromMove = operation.moves.find((move) => move.batch?.id === batch.id)?.batch;
      if (fromMove?.code) {
        line.controls.batch.setValue(fromMove, { emitEvent: false });
        continue;
      }
      this.batchesApi.get(batch.id).subscribe({
        next: (found) => {
          if (line.controls.batch.value === batch) {
            line.controls.batch.setValue(batchRef(found), { emitEvent: false });
            this.refreshLines();
          }
        },
        error: () => undefined,
      });
    }
  }

  private lookUpTracking(productId: string): void {
    if (this.tracking().has(productId) || this.trackingAsked.has(productId)) return;
    this.trackingAsked.add(productId);
    this.catalog.product(productId).subscribe({
      next: (product) => this.rememberTracking(product.id, product.tracking),
      error: () => this.trackingAsked.delete(productId),
    });
  }

  private rememberTracking(productId: string, tracking: Tracking): void {
    if (this.tracking().get(productId) !== tracking) {
      this.tracking.update((known) => new Map(known).set(productId, tracking));
    }
    for (const line of this.form.controls.lines.controls) {
      const product = line.controls.product.value;
      if (product && typeof product === 'object' && product.id === productId) {
        applyBatchRule(line, this.currentType(), tracking === 'batch');
      }
    }
  }

  /** Validators that depend on the type; a user's change of type also resets its locations. */
  private applyType(type: OperationType, userChange: boolean): void {
    const destination = this.form.controls.destinationLocationId;
    destination.setValidators(LOCATION_RULES[type].destinationRequired ? Validators.required : []);
    destination.updateValueAndValidity({ emitEvent: false });
    for (const line of this.form.controls.lines.controls) {
      applyLineValidators(line, type);
      const product = line.controls.product.value;
      const tracked =
        !!product && typeof product === 'object' && this.tracking().get(product.id) === 'batch';
      applyBatchRule(line, type, tracked);
      if (type === 'receipt' && userChange && product && typeof product === 'object') {
        this.lookUpTracking(product.id);
      }
    }
    if (userChange) {
      this.form.patchValue({ sourceLocationId: '', destinationLocationId: '' });
      if (type === 'adjustment' && this.warehouse()) {
        for (const line of this.form.controls.lines.controls) {
          if (!line.controls.locationId.value) {
            line.controls.locationId.setValue(this.warehouse()!.rootLocationId);
          }
        }
      }
    }
  }

  /**
   * Reports a failure on the lines that were `sent`. A receipt refused for expired batches asks
   * first, and on a yes runs `retry` with those lines marked as accepted.
   */
  private failed(
    title: string,
    error: ApiError,
    sent: readonly LineForm[],
    retry?: () => void,
  ): void {
    if (error.code === StockErrorCode.OperationNotDraft) {
      this.failure.set({
        title,
        summary: null,
        other: [`${error.message} Reload to see its current state.`],
        lines: new Map(),
      });
      this.reload();
      return;
    }
    const expired = retry && this.currentType() === 'receipt' ? expiredLines(error, sent) : [];
    const report = () => {
      const fields = error.details.filter((d) => d.line === undefined);
      const fieldMessages =
        fields.length > 0 || error.details.length === 0
          ? applyServerErrors(this.form, { ...error, details: fields })
          : [];
      this.failure.set(
        withoutStaleLines(operationFailure(title, error, sent, fieldMessages), this.shownLines()),
      );
    };
    if (expired.length === 0) return report();
    confirmAction(this.dialog, {
      title: expired.length === 1 ? 'Receive an expired batch?' : 'Receive expired batches?',
      message: expiredQuestion(expired),
      confirmLabel: 'Receive anyway',
      destructive: true,
    }).subscribe((yes) => {
      if (!yes) return report();
      for (const { line } of expired) line.controls.acceptExpired.setValue(true);
      retry!();
    });
  }
}

function internalSorted(list: Location[]): Location[] {
  return list
    .filter((location) => location.type === 'internal')
    .sort((a, b) => a.fullName.localeCompare(b.fullName, undefined, { numeric: true }));
}
