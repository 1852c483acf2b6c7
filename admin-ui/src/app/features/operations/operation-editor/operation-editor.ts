import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { rxResource, takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule, Validators } from '@angular/forms';
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
  ADJUSTING_TYPES,
  Location,
  OPERATION_TYPES,
  OperationDetail,
  OperationType,
  Permission,
  Product,
  ProductRef,
  StockErrorCode,
  StockMove,
  Tracking,
  Warehouse,
} from '@stockmaster/contracts';
import {
  EMPTY,
  Subject,
  Observable,
  catchError,
  concatMap,
  filter,
  finalize,
  map,
  of,
  switchMap,
  tap,
} from 'rxjs';

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
import { BatchesApi } from '../../batches/batches-api';
import { CatalogApi } from '../../catalog/catalog-api';
import { WarehousesApi } from '../../warehouses/warehouses-api';
import { newIdempotencyKey } from '../idempotency';
import { LOCATION_RULES, TYPE_ICONS, TYPE_LABELS, VIRTUAL_SIDE_LABELS } from '../operation-labels';
import { OperationStatusChip } from '../operation-status';
import { OperationsApi } from '../operations-api';
import { ProductPicker, productRef } from '../product-picker/product-picker';
import { QUANTITY_MESSAGES, displayQuantity } from '../quantity';
import { BATCH_MESSAGES, BatchPicker, batchRef } from './batch-picker';
import {
  InlineBatchValue,
  LineForm,
  applyBatchRule,
  applyLineValidators,
  fillForm,
  incrementLine,
  inlineBatchOf,
  lineErrors,
  lineForm,
  operationForm,
  operationRequest,
  scanTarget,
  scannedProduct,
} from './operation-form';
import { MoveColumn, MovesTable } from '../../../shared/ui/moves-table/moves-table';

type Action = 'save' | 'validate' | 'cancel' | 'reverse';
type ScanResult = { code: string; product?: Product; error?: ApiError };

/**
 * One operation: a new one (`/operations/new?type=receipt`), a draft to edit, or a done or
 * cancelled one to read. Drafts are saved whole (header and lines); Validate saves pending
 * edits first, then posts the moves, all or nothing, and marks every failing line.
 */
@Component({
  selector: 'sm-operation-editor',
  imports: [
    DatePipe,
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
    MovesTable,
    FieldError,
    FormErrorBanner,
    SubmitButton,
    OperationStatusChip,
    ProductPicker,
    BatchPicker,
  ],
  providers: [provideNativeDateAdapter()],
  templateUrl: './operation-editor.html',
  styleUrl: './operation-editor.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OperationEditor {
  private readonly api = inject(OperationsApi);
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
  protected readonly scan = new FormControl('', { nonNullable: true });
  private readonly scanInput = viewChild<ElementRef<HTMLInputElement>>('scanInput');

  /** The operation as last read or saved; null while new. */
  readonly operation = signal<OperationDetail | null>(null);
  /** The form's lines, as a signal so that async changes (scans) re-render. */
  protected readonly lines = signal<LineForm[]>([]);
  protected readonly currentType = signal<OperationType>('receipt');
  protected readonly warehouseId = signal('');

  protected readonly loading = signal(false);
  protected readonly loadError = signal<ApiError | null>(null);
  readonly busy = signal<Action | null>(null);
  readonly errors = signal<string[]>([]);
  protected readonly errorTitle = signal('The operation was not saved.');
  /** Per-line messages of the last failed save or validation. */
  readonly failing = signal<Map<LineForm, string[]>>(new Map());
  readonly scanMessage = signal<{ ok: boolean; text: string } | null>(null);

  protected readonly typeLabels = TYPE_LABELS;
  protected readonly typeIcons = TYPE_ICONS;
  protected readonly virtualLabels = VIRTUAL_SIDE_LABELS;
  protected readonly quantityMessages = QUANTITY_MESSAGES;
  protected readonly batchMessages = BATCH_MESSAGES;

  /** Products' tracking, looked up for receipt lines (a product reference does not carry it). */
  private readonly tracking = signal<ReadonlyMap<string, Tracking>>(new Map());
  private readonly trackingAsked = new Set<string>();
  protected readonly displayQuantity = displayQuantity;

  protected readonly rule = computed(() => LOCATION_RULES[this.currentType()]);
  protected readonly isNew = computed(() => this.operation() === null);
  /** May the user change operations of this type at all (agents: no adjustments or scrap)? */
  private readonly mayWrite = computed(() => {
    if (!this.session.can(Permission.OperationsWrite)) return false;
    return (
      !ADJUSTING_TYPES.includes(this.currentType()) || this.session.can(Permission.OperationsAdjust)
    );
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
      this.session.can(Permission.OperationsAdjust)
    );
  });
  protected readonly canCancel = computed(
    () => this.operation()?.status === 'draft' && this.mayWrite(),
  );
  protected readonly typeOptions = computed(() => {
    const adjust = this.session.can(Permission.OperationsAdjust);
    return OPERATION_TYPES.filter((type) => adjust || !ADJUSTING_TYPES.includes(type)).map(
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
    if (user?.role !== 'agent') return all;
    return all.filter((w) => user.warehouseIds.includes(w.id) || w.id === this.warehouseId());
  });
  protected readonly warehouse = computed(() =>
    this.warehouseOptions().find((w) => w.id === this.warehouseId()),
  );
  /** The warehouse's internal locations, in tree order (full names sort that way). */
  protected readonly locations = rxResource({
    params: () => this.warehouseId() || undefined,
    stream: ({ params }) =>
      this.warehousesApi.allLocations(params).pipe(map((list) => internalSorted(list))),
  });
  protected readonly warehouseLocations = computed(() =>
    this.locations.hasValue() ? this.locations.value() : [],
  );
  /** Transfers may end in any internal location the user may use, in any warehouse. */
  private readonly transferTargets = rxResource({
    params: () => (this.currentType() === 'transfer' ? true : undefined),
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

  protected readonly moveColumns: MoveColumn[] = ['product', 'batch', 'from', 'to', 'quantity'];

  /**
   * The moves each line wrote, by position: a delivery of a batch-tracked product without a
   * batch is allocated FEFO by the server, one move per batch.
   */
  protected readonly allocations = computed(() => {
    const operation = this.operation();
    if (!operation || operation.status !== 'done') return [];
    const lines = [...operation.lines].sort((a, b) => a.line - b.line);
    return lines.map((line) =>
      operation.moves.filter(
        (move): move is StockMove & { batch: NonNullable<StockMove['batch']> } =>
          move.lineId === line.id && move.batch !== null,
      ),
    );
  });

  private readonly scans$ = new Subject<string>();

  constructor() {
    toObservable(this.id)
      .pipe(
        switchMap((id) => {
          if (!id || id === 'new') {
            this.startNew();
            return EMPTY;
          }
          if (this.operation()?.id === id) return EMPTY;
          return this.fetch(id);
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

    effect(() => {
      const editable = this.editable();
      const isNew = this.isNew();
      untracked(() => {
        if (!editable) {
          this.form.disable({ emitEvent: false });
          this.scan.disable({ emitEvent: false });
          return;
        }
        this.form.enable({ emitEvent: false });
        this.scan.enable({ emitEvent: false });
        // The reference carries the warehouse and the type: both are fixed once saved.
        if (!isNew) {
          this.form.controls.type.disable({ emitEvent: false });
          this.form.controls.warehouseId.disable({ emitEvent: false });
        }
      });
    });

    // Scans are handled in order, so that two quick scans of one code make a quantity of 2.
    this.scans$
      .pipe(
        concatMap((code) =>
          this.catalog.products({ search: code, active: true, limit: 20 }).pipe(
            map((page): ScanResult => ({ code, product: scannedProduct(code, page.data) })),
            catchError((error: unknown) => of<ScanResult>({ code, error: toApiError(error) })),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((result) => this.applyScan(result));
  }

  // Scanner

  /** Enter in the scan field (a hand-held scanner types the code, then Enter). */
  protected onScan(event: Event): void {
    event.preventDefault();
    const code = this.scan.value.trim();
    this.scan.setValue('');
    if (code === '' || !this.editable()) return;
    this.scans$.next(code);
  }

  private applyScan({ code, product, error }: ScanResult): void {
    if (error) {
      this.scanMessage.set({ ok: false, text: `Could not look up “${code}”: ${error.message}` });
    } else if (!product) {
      this.scanMessage.set({
        ok: false,
        text: `No active product has the SKU or barcode “${code}”.`,
      });
    } else {
      const type = this.currentType();
      this.rememberTracking(product.id, product.tracking);
      const existing = scanTarget(this.lines(), product.id);
      if (existing) {
        incrementLine(existing, type);
        const now =
          type === 'adjustment'
            ? existing.controls.countedQuantity.value
            : existing.controls.quantity.value;
        const position = this.lines().indexOf(existing) + 1;
        this.scanMessage.set({
          ok: true,
          text: `${product.sku} — ${product.name}: line ${position} is now ${now}.`,
        });
      } else {
        const line = this.newLine(productRef(product));
        applyBatchRule(line, type, product.tracking === 'batch');
        if (type === 'adjustment') line.controls.countedQuantity.setValue('1');
        else line.controls.quantity.setValue('1');
        this.form.controls.lines.push(line);
        this.form.markAsDirty();
        this.scanMessage.set({
          ok: true,
          text: `${product.sku} — ${product.name} added as line ${this.form.controls.lines.length}.`,
        });
      }
      this.refreshLines();
    }
    this.scanInput()?.nativeElement.focus();
  }

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
    this.failing.update((map) => {
      const next = new Map(map);
      next.delete(line);
      return next;
    });
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

  private refreshLines(): void {
    this.lines.set([...this.form.controls.lines.controls]);
  }

  // Actions

  save(): void {
    if (this.busy() || !this.checkForm()) return;
    const key = newIdempotencyKey();
    this.begin('save', 'The operation was not saved.');
    this.persist(key)
      .pipe(finalize(() => this.busy.set(null)))
      .subscribe({
        next: (saved) => {
          this.afterSave(saved);
          this.snackBar.open(`${saved.reference} has been saved as a draft.`, undefined, {
            duration: 5000,
          });
        },
        error: (error: unknown) => this.failed(toApiError(error)),
      });
  }

  /** Saves pending edits (if any), then validates; one fresh key per request of this click. */
  validate(): void {
    if (this.busy() || !this.checkForm()) return;
    const saveKey = newIdempotencyKey();
    const validateKey = newIdempotencyKey();
    this.begin('validate', 'The operation was not validated.');
    const current = this.operation();
    const saved$: Observable<OperationDetail> =
      current && this.form.pristine
        ? of(current)
        : this.persist(saveKey).pipe(tap((saved) => this.afterSave(saved)));
    saved$
      .pipe(
        switchMap((saved) => this.api.validate(saved.id, validateKey)),
        finalize(() => this.busy.set(null)),
      )
      .subscribe({
        next: (done) => {
          this.show(done);
          this.snackBar.open(`${done.reference} has been validated.`, undefined, {
            duration: 5000,
          });
        },
        error: (error: unknown) => this.failed(toApiError(error)),
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
          this.begin('cancel', 'The operation was not cancelled.');
          return this.api.cancel(operation.id);
        }),
        finalize(() => this.busy.set(null)),
      )
      .subscribe({
        next: (cancelled) => {
          this.show(cancelled);
          this.snackBar.open(`${cancelled.reference} has been cancelled.`, undefined, {
            duration: 5000,
          });
        },
        error: (error: unknown) => this.failed(toApiError(error)),
      });
  }

  protected reverse(): void {
    const operation = this.operation();
    if (!operation || this.busy()) return;
    const key = newIdempotencyKey();
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
          this.begin('reverse', 'The operation was not reversed.');
          return this.api.reverse(operation.id, key);
        }),
        finalize(() => this.busy.set(null)),
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
        error: (error: unknown) => this.failed(toApiError(error)),
      });
  }

  protected reload(): void {
    const id = this.operation()?.id ?? this.id();
    if (!id || id === 'new') return;
    this.fetch(id).subscribe((operation) => this.show(operation));
  }

  // Internals

  private persist(key: string): Observable<OperationDetail> {
    const body = operationRequest(this.form);
    const current = this.operation();
    return current ? this.api.update(current.id, body, key) : this.api.create(body, key);
  }

  private afterSave(saved: OperationDetail): void {
    const wasNew = this.operation() === null;
    this.show(saved, this.form.controls.lines.controls.map(inlineBatchOf));
    // Same route (`:id`), so the component stays and the request in flight goes on.
    if (wasNew) void this.router.navigate(['/operations', saved.id], { replaceUrl: true });
  }

  private checkForm(): boolean {
    if (this.form.controls.lines.length === 0) {
      this.errorTitle.set('The operation was not saved.');
      this.errors.set(['Add at least one line: scan a product or use “Add line”.']);
      return false;
    }
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      this.errorTitle.set('The operation was not saved.');
      this.errors.set(['Some fields need attention: see the messages in red.']);
      return false;
    }
    return true;
  }

  private begin(action: Action, title: string): void {
    this.busy.set(action);
    this.errorTitle.set(title);
    this.errors.set([]);
    this.failing.set(new Map());
  }

  private startNew(): void {
    const requested = this.type();
    const allowed = this.typeOptions().map((o) => o.value);
    const type = allowed.includes(requested as OperationType)
      ? (requested as OperationType)
      : (allowed[0] ?? 'receipt');
    this.operation.set(null);
    this.loadError.set(null);
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

  private fetch(id: string): Observable<OperationDetail> {
    this.loading.set(true);
    this.loadError.set(null);
    return this.api.get(id).pipe(
      catchError((error: unknown) => {
        this.loadError.set(toApiError(error));
        return EMPTY;
      }),
      finalize(() => this.loading.set(false)),
    );
  }

  private show(operation: OperationDetail, inline: (InlineBatchValue | null)[] = []): void {
    this.operation.set(operation);
    fillForm(this.form, operation, inline);
    this.currentType.set(operation.type);
    this.warehouseId.set(operation.warehouseId);
    this.applyType(operation.type, false);
    this.refreshLines();
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

  private failed(error: ApiError): void {
    if (error.code === StockErrorCode.OperationNotDraft || error.code === 'OPERATION_NOT_DRAFT') {
      this.errors.set([`${error.message} Reload to see its current state.`]);
      this.reload();
      return;
    }
    const lineDetails = error.details.filter((d) => d.line !== undefined);
    const fieldDetails = error.details.filter((d) => d.line === undefined);
    const { byLine, other } = lineErrors(this.form.controls.lines.controls, lineDetails);
    this.failing.set(byLine);
    const fieldMessages =
      fieldDetails.length > 0 || lineDetails.length === 0
        ? applyServerErrors(this.form, { ...error, details: fieldDetails })
        : [];
    const summary =
      byLine.size > 0
        ? [
            `${error.message} ${byLine.size === 1 ? '1 line needs' : `${byLine.size} lines need`} attention: see the lines marked below.`,
          ]
        : [];
    this.errors.set([...summary, ...other, ...fieldMessages]);
  }
}

function internalSorted(list: Location[]): Location[] {
  return list
    .filter((location) => location.type === 'internal')
    .sort((a, b) => a.fullName.localeCompare(b.fullName, undefined, { numeric: true }));
}
