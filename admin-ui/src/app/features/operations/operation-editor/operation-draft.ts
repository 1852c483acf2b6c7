import { Injectable, computed, inject, signal } from '@angular/core';
import { rxResource, takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { Validators } from '@angular/forms';
import {
  CreateOperationRequest,
  OPERATION_PERMISSION,
  OPERATION_TYPES,
  OperationDetail,
  OperationType,
  Product,
  ProductRef,
  Tracking,
  Warehouse,
  isWarehouseScoped,
} from '@stockmaster/contracts';
import { Subject } from 'rxjs';

import { Session } from '../../../core/session/session';
import { BatchesApi } from '../../../shared/api/batches-api';
import { CatalogApi } from '../../../shared/api/catalog-api';
import { productRef } from '../../../shared/ui/product-picker/product-picker';
import { LOCATION_RULES, TYPE_LABELS } from '../../../shared/util/operation-labels';
import { batchRef } from './batch-picker';
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

/** The value of a product field that holds a picked product (not text being typed). */
function pickedProduct(line: LineForm): ProductRef | null {
  const product = line.controls.product.value;
  return product && typeof product === 'object' ? product : null;
}

/**
 * The operation as the user edits it: the form, its lines, and the rules that depend on the type
 * (validators, batch fields of batch-tracked products, default locations) and on the user's
 * warehouses. Knows nothing of the server's copy: {@link OperationStore} fills and reads it.
 */
@Injectable()
export class OperationDraft {
  private readonly catalog = inject(CatalogApi);
  private readonly batchesApi = inject(BatchesApi);
  private readonly session = inject(Session);

  readonly form = operationForm('receipt');
  /** The form's lines, as a signal so that async changes (scans) re-render. */
  readonly lines = signal<LineForm[]>([]);
  readonly currentType = signal<OperationType>('receipt');
  readonly warehouseId = signal('');
  /** Emits each time the lines shown change (added, removed, or the form refilled). */
  readonly linesShown = new Subject<readonly LineForm[]>();

  /** Products' tracking, looked up for receipt lines (a product reference does not carry it). */
  private readonly tracking = signal<ReadonlyMap<string, Tracking>>(new Map());
  private readonly trackingAsked = new Set<string>();

  readonly rule = computed(() => LOCATION_RULES[this.currentType()]);
  /** May the user change operations of this type at all (agents: no adjustments or scrap)? */
  readonly mayWrite = computed(() => this.session.can(OPERATION_PERMISSION[this.currentType()]));
  readonly typeOptions = computed(() =>
    OPERATION_TYPES.filter((type) => this.session.can(OPERATION_PERMISSION[type])).map((value) => ({
      value,
      label: TYPE_LABELS[value],
    })),
  );

  readonly warehouses = rxResource({ stream: () => this.catalog.warehouses() });
  /** Agents pick among their warehouses only (the server enforces it regardless). */
  readonly warehouseOptions = computed<Warehouse[]>(() => {
    const all = this.warehouses.hasValue() ? this.warehouses.value() : [];
    const user = this.session.user();
    if (!user || !isWarehouseScoped(user.role)) return all;
    return all.filter((w) => user.warehouseIds.includes(w.id) || w.id === this.warehouseId());
  });
  readonly warehouse = computed(() =>
    this.warehouseOptions().find((w) => w.id === this.warehouseId()),
  );

  constructor() {
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
  }

  /** The API's body for what the form shows. */
  request(): CreateOperationRequest {
    return operationRequest(this.form);
  }

  shownLines(): LineForm[] {
    return [...this.form.controls.lines.controls];
  }

  /** Why the form cannot be sent as it is, or null when it can. */
  problem(): string | null {
    if (this.form.controls.lines.length === 0) {
      return 'Add at least one line: scan a product or use “Add line”.';
    }
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return 'Some fields need attention: see the messages in red.';
    }
    return null;
  }

  /**
   * An empty operation of the `requested` type when the user may write it (else the first type
   * they may), in their first warehouse.
   */
  reset(requested: string | undefined): void {
    const allowed = this.typeOptions().map((o) => o.value);
    const type = allowed.includes(requested as OperationType)
      ? (requested as OperationType)
      : (allowed[0] ?? 'receipt');
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

  /** The operation's type and warehouse, for an operation only shown (not edited). */
  showHeader(operation: OperationDetail): void {
    this.currentType.set(operation.type);
    this.warehouseId.set(operation.warehouseId);
  }

  /**
   * The form from a draft read or saved, carrying over the new batches the lines had (`inline`,
   * which the API does not send back).
   */
  fill(operation: OperationDetail, inline: (InlineBatchValue | null)[]): void {
    fillForm(this.form, operation, inline);
    this.applyType(operation.type, false);
    this.refreshLines();
  }

  // Lines

  /** A scanned product: one more on its line, or a new line of 1. Answers what happened. */
  readonly addScanned = (product: Product): string => {
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

  addLine(): void {
    this.form.controls.lines.push(this.newLine(null));
    this.form.markAsDirty();
    this.refreshLines();
  }

  removeLine(line: LineForm): void {
    const index = this.form.controls.lines.controls.indexOf(line);
    if (index < 0) return;
    this.form.controls.lines.removeAt(index);
    this.form.markAsDirty();
    this.refreshLines();
  }

  /** A product was picked on a line: its batch (of the previous product) no longer applies. */
  productPicked(line: LineForm, product: ProductRef): void {
    line.patchValue({ batch: null, batchProducedAt: null, batchExpiresAt: null, batchId: '' });
    this.lookUpTracking(product.id);
    applyBatchRule(line, this.currentType(), this.tracking().get(product.id) === 'batch');
  }

  /** Receipt lines of batch-tracked products (or already carrying a batch) show the batch fields. */
  showsBatch(line: LineForm): boolean {
    if (this.currentType() !== 'receipt') return false;
    const product = pickedProduct(line);
    if (!product) return false;
    return this.tracking().get(product.id) === 'batch' || line.controls.batch.value !== null;
  }

  isNewBatch(line: LineForm): boolean {
    return inlineBatchOf(line) !== null;
  }

  productIdOf(line: LineForm): string {
    return pickedProduct(line)?.id ?? '';
  }

  unitOf(line: LineForm): string {
    return pickedProduct(line)?.unit ?? '';
  }

  private newLine(product: ProductRef | null): LineForm {
    const line = lineForm(this.currentType(), product);
    // Adjustment lines need a location: start from the warehouse's root.
    if (this.currentType() === 'adjustment' && this.warehouse()) {
      line.controls.locationId.setValue(this.warehouse()!.rootLocationId);
    }
    return line;
  }

  /** The lines shown changed: re-render them, and say so. */
  private refreshLines(): void {
    const shown = this.shownLines();
    this.lines.set(shown);
    this.linesShown.next(shown);
  }

  // Type rules and batches

  /** Validators that depend on the type; a user's change of type also resets its locations. */
  private applyType(type: OperationType, userChange: boolean): void {
    const destination = this.form.controls.destinationLocationId;
    destination.setValidators(LOCATION_RULES[type].destinationRequired ? Validators.required : []);
    destination.updateValueAndValidity({ emitEvent: false });
    for (const line of this.form.controls.lines.controls) {
      applyLineValidators(line, type);
      const product = pickedProduct(line);
      applyBatchRule(line, type, !!product && this.tracking().get(product.id) === 'batch');
      if (type === 'receipt' && userChange && product) this.lookUpTracking(product.id);
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
   * Receipt lines: look up their products' tracking (for the batch rule, when `editable`) and
   * the codes of their batches, which the operation's lines do not carry (the moves of a done
   * one do).
   */
  completeBatches(operation: OperationDetail, editable: boolean): void {
    const lines = this.form.controls.lines.controls;
    for (const line of lines) {
      const product = pickedProduct(line);
      if (product && editable) this.lookUpTracking(product.id);
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
      if (pickedProduct(line)?.id === productId) {
        applyBatchRule(line, this.currentType(), tracking === 'batch');
      }
    }
  }
}
