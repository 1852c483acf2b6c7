import {
  BatchRef,
  InlineBatchInput,
  LocationRef,
  Operation,
  OperationDetail,
  OperationLine,
  OperationStatus,
  OperationType,
  ProductRef,
  StockMove,
} from '@stockmaster/contracts';

/**
 * The rows the operation queries read, and the one mapping from them to the contract (used for
 * what is read back and for what a posting has just written alike).
 */

/** A line as it is written (a draft's, or a posting's). */
export interface LineInsert {
  id: string;
  productId: string;
  batchId: string | null;
  newBatch?: InlineBatchInput | null;
  quantity: string | null;
  countedQuantity: string | null;
  sourceLocationId: string | null;
  destinationLocationId: string | null;
  acceptExpired?: boolean;
}

/** An operation's header as it is written (create, update, posting). */
export interface OperationHeader {
  id: string;
  type: OperationType;
  warehouseId: string;
  sourceLocationId: string | null;
  destinationLocationId: string | null;
  partner: string | null;
  scheduledAt: string | null;
  notes: string | null;
  /** Explicit sources are taken with the locations below them. */
  includeChildren: boolean;
  createdBy: string;
  reversalOfId?: string | null;
}

export interface OperationRow {
  id: string;
  reference: string;
  type: OperationType;
  status: OperationStatus;
  warehouse_id: string;
  source_location_id: string | null;
  destination_location_id: string | null;
  partner: string | null;
  scheduled_at: Date | null;
  done_at: Date | null;
  notes: string | null;
  include_children: boolean;
  reversal_of_id: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface LineRow {
  id: string;
  line_no: number;
  product_id: string;
  batch_id: string | null;
  new_batch: InlineBatchInput | null;
  quantity: string | null;
  counted_quantity: string | null;
  source_location_id: string | null;
  destination_location_id: string | null;
  accept_expired: boolean;
}

/** An operation row as OPERATION_SELECT reads it. */
export type OperationView = OperationRow & {
  source_name: string | null;
  destination_name: string | null;
  created_by: string | null;
  validated_by: string | null;
  created_by_name: string | null;
  validated_by_name: string | null;
  reversed_by_id: string | null;
  line_count: number;
};

/** The product and batch a line or move row was joined with. */
interface JoinedProductBatch {
  product_id: string;
  sku: string;
  product_name: string;
  unit: string;
  batch_id: string | null;
  batch_code: string | null;
  batch_expires_at: string | null;
}

function productRef(row: JoinedProductBatch): ProductRef {
  return { id: row.product_id, sku: row.sku, name: row.product_name, unit: row.unit };
}

function batchRef(row: JoinedProductBatch): BatchRef | null {
  return row.batch_id
    ? { id: row.batch_id, code: row.batch_code!, expiresAt: row.batch_expires_at }
    : null;
}

/** An optional location of a row, with the full name it was joined with. */
function locationRef(id: string | null, fullName: string | null): LocationRef | null {
  return id ? { id, fullName: fullName! } : null;
}

export function toOperation(row: OperationView): Operation {
  return {
    id: row.id,
    reference: row.reference,
    type: row.type,
    status: row.status,
    warehouseId: row.warehouse_id,
    sourceLocation: locationRef(row.source_location_id, row.source_name),
    destinationLocation: locationRef(row.destination_location_id, row.destination_name),
    partner: row.partner,
    scheduledAt: row.scheduled_at?.toISOString() ?? null,
    doneAt: row.done_at?.toISOString() ?? null,
    notes: row.notes,
    includeChildren: row.include_children,
    createdBy: row.created_by ? { id: row.created_by, fullName: row.created_by_name! } : null,
    validatedBy: row.validated_by
      ? { id: row.validated_by, fullName: row.validated_by_name! }
      : null,
    reversalOfId: row.reversal_of_id,
    reversedById: row.reversed_by_id,
    lineCount: row.line_count,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export interface MoveView extends JoinedProductBatch {
  id: string;
  operation_id: string;
  reference: string;
  line_id: string | null;
  source_location_id: string;
  source_name: string;
  destination_location_id: string;
  destination_name: string;
  quantity: string;
  done_at: Date;
}

export function toMove(row: MoveView): StockMove {
  return {
    id: row.id,
    operationId: row.operation_id,
    reference: row.reference,
    lineId: row.line_id,
    product: productRef(row),
    batch: batchRef(row),
    sourceLocation: { id: row.source_location_id, fullName: row.source_name },
    destinationLocation: { id: row.destination_location_id, fullName: row.destination_name },
    quantity: row.quantity,
    doneAt: row.done_at.toISOString(),
  };
}

/** A line row as `detail` reads it (joined with its product, batch and locations). */
export type LineView = LineRow &
  JoinedProductBatch & {
    source_name: string | null;
    destination_name: string | null;
  };

export function toLine(l: LineView): OperationLine {
  return {
    id: l.id,
    line: l.line_no,
    product: productRef(l),
    batch: batchRef(l),
    newBatch: l.batch_id ? null : l.new_batch,
    quantity: l.quantity,
    countedQuantity: l.counted_quantity,
    sourceLocation: locationRef(l.source_location_id, l.source_name),
    destinationLocation: locationRef(l.destination_location_id, l.destination_name),
    acceptExpired: l.accept_expired,
  };
}

/** The one mapping from an operation's rows (lines by line_no, moves by id) to its contract. */
export function toDetail(op: OperationView, lines: LineView[], moves: MoveView[]): OperationDetail {
  return { ...toOperation(op), lines: lines.map(toLine), moves: moves.map(toMove) };
}
