import { FormArray, FormControl, FormGroup, Validators } from '@angular/forms';
import {
  CreateOperationRequest,
  ErrorDetail,
  OperationDetail,
  OperationLine,
  OperationLineInput,
  OperationType,
  ProductRef,
} from '@stockmaster/contracts';

import { toDay } from '../../../shared/util/date-range';
import { ProductChoice, productChosen } from '../../../shared/ui/product-picker/product-picker';
import { addQuantities, quantityValidator } from '../../../shared/ui/quantity/quantity';
import { BatchChoice, batchChosen } from './batch-picker';

export type LineForm = FormGroup<{
  product: FormControl<ProductChoice>;
  /** Receipts, deliveries, transfers and scrap. */
  quantity: FormControl<string>;
  /** Adjustments: where the product was counted, and how much. */
  locationId: FormControl<string>;
  countedQuantity: FormControl<string>;
  /** Per-line overrides of the header's locations; '' = the header's. */
  sourceLocationId: FormControl<string>;
  destinationLocationId: FormControl<string>;
  /** Kept from the server so that a re-save does not drop it (lines are replaced whole). */
  batchId: FormControl<string>;
  /** Receipts: an existing batch (picked) or a new batch's code (typed). */
  batch: FormControl<BatchChoice>;
  /** Receipts, new batch only: optional dates (the server defaults the expiry from them). */
  batchProducedAt: FormControl<Date | null>;
  batchExpiresAt: FormControl<Date | null>;
  /** Receipts: the user agreed to receive this line's batch although it has expired. */
  acceptExpired: FormControl<boolean>;
}>;

/** What a receipt line says about a new (inline) batch, to carry over a save. */
export interface InlineBatchValue {
  code: string;
  producedAt: Date | null;
  expiresAt: Date | null;
}

export type OperationForm = FormGroup<{
  type: FormControl<OperationType>;
  warehouseId: FormControl<string>;
  sourceLocationId: FormControl<string>;
  destinationLocationId: FormControl<string>;
  partner: FormControl<string>;
  scheduledAt: FormControl<Date | null>;
  notes: FormControl<string>;
  lines: FormArray<LineForm>;
}>;

export function operationForm(type: OperationType): OperationForm {
  return new FormGroup({
    type: new FormControl<OperationType>(type, { nonNullable: true }),
    warehouseId: new FormControl('', { nonNullable: true, validators: Validators.required }),
    sourceLocationId: new FormControl('', { nonNullable: true }),
    destinationLocationId: new FormControl('', { nonNullable: true }),
    partner: new FormControl('', { nonNullable: true, validators: Validators.maxLength(200) }),
    scheduledAt: new FormControl<Date | null>(null),
    notes: new FormControl('', { nonNullable: true, validators: Validators.maxLength(2000) }),
    lines: new FormArray<LineForm>([]),
  });
}

export function lineForm(type: OperationType, product: ProductChoice = null): LineForm {
  const line: LineForm = new FormGroup({
    product: new FormControl<ProductChoice>(product, { validators: productChosen }),
    quantity: new FormControl('', { nonNullable: true }),
    locationId: new FormControl('', { nonNullable: true }),
    countedQuantity: new FormControl('', { nonNullable: true }),
    sourceLocationId: new FormControl('', { nonNullable: true }),
    destinationLocationId: new FormControl('', { nonNullable: true }),
    batchId: new FormControl('', { nonNullable: true }),
    batch: new FormControl<BatchChoice>(null),
    batchProducedAt: new FormControl<Date | null>(null),
    batchExpiresAt: new FormControl<Date | null>(null),
    acceptExpired: new FormControl(false, { nonNullable: true }),
  });
  applyLineValidators(line, type);
  // The agreement was about one batch: another batch (or other dates) must be asked about again.
  const { batch, batchProducedAt, batchExpiresAt, acceptExpired } = line.controls;
  const ask = () => acceptExpired.setValue(false, { emitEvent: false });
  batch.valueChanges.subscribe(ask);
  batchProducedAt.valueChanges.subscribe(ask);
  batchExpiresAt.valueChanges.subscribe(ask);
  return line;
}

/** Adjustments take a location and a counted quantity (zero allowed); the rest a quantity > 0. */
export function applyLineValidators(line: LineForm, type: OperationType): void {
  const { quantity, locationId, countedQuantity } = line.controls;
  if (type === 'adjustment') {
    quantity.setValidators([]);
    locationId.setValidators(Validators.required);
    countedQuantity.setValidators([Validators.required, quantityValidator()]);
  } else {
    quantity.setValidators([Validators.required, quantityValidator({ positive: true })]);
    locationId.setValidators([]);
    countedQuantity.setValidators([]);
  }
  for (const control of [quantity, locationId, countedQuantity]) {
    control.updateValueAndValidity({ emitEvent: false });
  }
}

/** A batch is required on receipt lines of batch-tracked products (the server checks it too). */
export function applyBatchRule(line: LineForm, type: OperationType, tracked: boolean): void {
  const batch = line.controls.batch;
  const required = type === 'receipt' && tracked;
  if (required === batch.hasValidator(batchChosen)) return;
  batch.setValidators(required ? batchChosen : []);
  batch.updateValueAndValidity({ emitEvent: false });
}

/** The line's new batch (a typed code), if it has one. */
export function inlineBatchOf(line: LineForm): InlineBatchValue | null {
  const { batch, batchProducedAt, batchExpiresAt } = line.getRawValue();
  if (typeof batch !== 'string' || batch.trim() === '') return null;
  return { code: batch, producedAt: batchProducedAt, expiresAt: batchExpiresAt };
}

/** A line as the server sent it, for editing. */
export function lineFromServer(type: OperationType, line: OperationLine): LineForm {
  const form = lineForm(type, line.product);
  form.setValue(serverLineValue(type, line));
  return form;
}

function serverLineValue(
  type: OperationType,
  line: OperationLine,
): ReturnType<LineForm['getRawValue']> {
  return {
    product: line.product,
    quantity: line.quantity ?? '',
    countedQuantity: line.countedQuantity ?? '',
    // Adjustment lines carry their location on both sides of the move; either one names it.
    locationId:
      type === 'adjustment' ? (line.destinationLocation?.id ?? line.sourceLocation?.id ?? '') : '',
    sourceLocationId: type === 'adjustment' ? '' : (line.sourceLocation?.id ?? ''),
    destinationLocationId: type === 'adjustment' ? '' : (line.destinationLocation?.id ?? ''),
    batchId: line.batch?.id ?? '',
    batch: type === 'receipt' ? line.batch : null,
    batchProducedAt: null,
    batchExpiresAt: null,
    acceptExpired: line.acceptExpired === true,
  };
}

/**
 * The line of `product` that a scan should add to, if any: the first line of that product
 * without a per-line location or batch of its own.
 */
export function scanTarget(lines: readonly LineForm[], productId: string): LineForm | undefined {
  return lines.find((line) => {
    const product = line.controls.product.value;
    return typeof product === 'object' && product?.id === productId;
  });
}

/** Adds one unit to the line's quantity (its counted quantity on an adjustment). */
export function incrementLine(line: LineForm, type: OperationType): void {
  const control = type === 'adjustment' ? line.controls.countedQuantity : line.controls.quantity;
  const current = control.value.trim();
  const valid = current === '' || quantityValidator()(control) === null;
  control.setValue(valid ? addQuantities(current || '0', '1') : '1');
  control.markAsDirty();
}

/** The exact match of a scanned code among search results: SKU first, then barcode. */
export function scannedProduct<P extends { sku: string; barcode: string | null }>(
  code: string,
  candidates: readonly P[],
): P | undefined {
  const wanted = code.trim();
  const lower = wanted.toLowerCase();
  return (
    candidates.find((p) => p.sku === wanted) ??
    candidates.find((p) => p.barcode === wanted) ??
    candidates.find((p) => p.sku.toLowerCase() === lower) ??
    candidates.find((p) => p.barcode?.toLowerCase() === lower)
  );
}

const optional = (value: string) => value.trim() || undefined;

/** The API's body for the form's value; quantities go as the strings typed (never floats). */
export function operationRequest(form: OperationForm): CreateOperationRequest {
  const value = form.getRawValue();
  const type = value.type;
  const lines = value.lines.map((line): OperationLineInput => {
    const productId = (line.product as ProductRef).id;
    const batchId = optional(line.batchId);
    if (type === 'adjustment') {
      return {
        productId,
        locationId: line.locationId,
        countedQuantity: line.countedQuantity.trim(),
        ...(batchId ? { batchId } : {}),
      };
    }
    const sourceLocationId = optional(line.sourceLocationId);
    const destinationLocationId = optional(line.destinationLocationId);
    return {
      productId,
      quantity: line.quantity.trim(),
      ...(type === 'receipt' ? receiptBatch(line) : batchId ? { batchId } : {}),
      ...(sourceLocationId ? { sourceLocationId } : {}),
      ...(destinationLocationId ? { destinationLocationId } : {}),
      ...(type === 'receipt' && line.acceptExpired ? { acceptExpired: true } : {}),
    };
  });
  const request: CreateOperationRequest = { type, warehouseId: value.warehouseId, lines };
  if (type !== 'adjustment') {
    const source = optional(value.sourceLocationId);
    const destination = optional(value.destinationLocationId);
    if (source) request.sourceLocationId = source;
    if (destination) request.destinationLocationId = destination;
  }
  const partner = optional(value.partner);
  if (partner) request.partner = partner;
  if (value.scheduledAt) request.scheduledAt = value.scheduledAt.toISOString();
  const notes = optional(value.notes);
  if (notes) request.notes = notes;
  return request;
}

/**
 * A receipt line's batch for the API: a picked batch as `batchId`, a typed code as an inline
 * `batch` (with its optional dates as calendar days), nothing when empty.
 */
function receiptBatch(
  line: ReturnType<LineForm['getRawValue']>,
): Pick<OperationLineInput, 'batchId' | 'batch'> {
  const choice = line.batch;
  if (choice && typeof choice === 'object') return { batchId: choice.id };
  const code = typeof choice === 'string' ? choice.trim() : '';
  if (!code) return {};
  const producedAt = toDay(line.batchProducedAt);
  const expiresAt = toDay(line.batchExpiresAt);
  return {
    batch: {
      code,
      ...(producedAt ? { producedAt } : {}),
      ...(expiresAt ? { expiresAt } : {}),
    },
  };
}

/**
 * The form's values for an operation read from the server (lines included).
 *
 * `inline`: the new batches the lines had before a save, by position. The API keeps a draft
 * line's new batch but does not send it back, so without this a re-save would drop it.
 */
export function fillForm(
  form: OperationForm,
  operation: OperationDetail,
  inline: readonly (InlineBatchValue | null)[] = [],
): void {
  const lines = [...operation.lines].sort((a, b) => a.line - b.line);
  // The same lines saved: the same form groups take the server's values, so that the screen
  // keeps its fields (and focus) and what was typed is replaced by what was stored.
  const reuse = form.controls.lines.length === lines.length;
  if (!reuse) form.controls.lines.clear({ emitEvent: false });
  lines.forEach((line, index) => {
    let lineForm: LineForm;
    if (reuse) {
      lineForm = form.controls.lines.at(index);
      applyLineValidators(lineForm, operation.type);
      lineForm.setValue(serverLineValue(operation.type, line), { emitEvent: false });
    } else {
      lineForm = lineFromServer(operation.type, line);
    }
    const kept = inline[index];
    if (operation.type === 'receipt' && operation.status === 'draft' && !line.batch && kept) {
      lineForm.patchValue(
        {
          batch: kept.code,
          batchProducedAt: kept.producedAt,
          batchExpiresAt: kept.expiresAt,
        },
        { emitEvent: false },
      );
    }
    if (!reuse) form.controls.lines.push(lineForm, { emitEvent: false });
  });
  form.patchValue(
    {
      type: operation.type,
      warehouseId: operation.warehouseId,
      sourceLocationId: operation.sourceLocation?.id ?? '',
      destinationLocationId: operation.destinationLocation?.id ?? '',
      partner: operation.partner ?? '',
      scheduledAt: operation.scheduledAt ? new Date(operation.scheduledAt) : null,
      notes: operation.notes ?? '',
    },
    { emitEvent: false },
  );
  form.markAsPristine();
  form.markAsUntouched();
}

/**
 * Per-line problems of a 422 (`details[].line`, 0-based positions of the lines sent), keyed
 * by the line's form group so that they stay with their line when others are removed.
 * Details without a line are returned apart, for the form's banner.
 */
export function lineErrors(
  lines: readonly LineForm[],
  details: readonly ErrorDetail[],
): { byLine: Map<LineForm, string[]>; other: string[] } {
  const byLine = new Map<LineForm, string[]>();
  const other: string[] = [];
  for (const detail of details) {
    const line = detail.line !== undefined ? lines[detail.line] : undefined;
    if (line) byLine.set(line, [...(byLine.get(line) ?? []), detail.message]);
    else if (detail.line !== undefined) other.push(`Line ${detail.line + 1}: ${detail.message}`);
    else if (!detail.field) other.push(detail.message);
  }
  return { byLine, other };
}
