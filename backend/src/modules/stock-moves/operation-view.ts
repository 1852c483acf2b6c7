import { formatQuantity, OperationDetail } from '@stockmaster/contracts';
import { BatchInfo, LocationInfo, ProductInfo } from './operation-rules';
import {
  LineInsert,
  LineView,
  MoveView,
  OperationHeader,
  OperationView,
  toDetail,
} from './operation-rows';
import { MoveRow } from './stock.repository';

/** What a posting wrote, with the products, locations and batches its lines and moves name. */
export interface Written {
  operationId: string;
  reference: string;
  /** In line order; `lineNo` when it is not the index (a draft's stored numbering). */
  lines: (LineInsert & { lineNo?: number })[];
  moves: MoveRow[];
  products: Map<string, ProductInfo>;
  locations: Map<string, LocationInfo>;
  batches: Map<string, BatchInfo>;
}

/** Everything a posting transaction knows about the operation it wrote. */
export interface Posted extends Omit<Written, 'operationId'> {
  header: OperationHeader;
  createdAt: Date;
  doneAt: Date;
  by: { id: string; fullName: string };
}

/**
 * The lines and moves of an operation a posting has just written, built from what the posting
 * knows instead of read back (two joined queries, each as long as the operation): the rows
 * `detail` would read are assembled here and go through the same mapping. The API tests compare
 * the answers built from them with `GET /operations/:id`.
 */
export function writtenDetail(operation: OperationView, written: Written): OperationDetail {
  const { products, locations, batches } = written;
  const name = (id: string | null) => (id ? locations.get(id)!.full_name : null);
  const product = (id: string) => {
    const { sku, name: productName, unit } = products.get(id)!;
    return { product_id: id, sku, product_name: productName, unit };
  };
  const batch = (id: string | null) => ({
    batch_id: id,
    batch_code: id ? batches.get(id)!.code : null,
    batch_expires_at: id ? batches.get(id)!.expires_at : null,
  });
  const lines = written.lines.map((line, index): LineView => ({
    id: line.id,
    line_no: line.lineNo ?? index,
    ...product(line.productId),
    ...batch(line.batchId),
    new_batch: line.newBatch ?? null,
    quantity: line.quantity === null ? null : formatQuantity(line.quantity),
    counted_quantity: line.countedQuantity === null ? null : formatQuantity(line.countedQuantity),
    source_location_id: line.sourceLocationId,
    source_name: name(line.sourceLocationId),
    destination_location_id: line.destinationLocationId,
    destination_name: name(line.destinationLocationId),
    accept_expired: line.acceptExpired ?? false,
  }));
  const moves = [...written.moves]
    .sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1))
    .map((move): MoveView => ({
      id: move.id,
      operation_id: written.operationId,
      reference: written.reference,
      line_id: move.line_id,
      ...product(move.product_id),
      ...batch(move.batch_id),
      source_location_id: move.source_location_id,
      source_name: name(move.source_location_id)!,
      destination_location_id: move.destination_location_id,
      destination_name: name(move.destination_location_id)!,
      quantity: move.quantity,
      done_at: move.done_at,
    }));
  return toDetail(operation, lines, moves);
}

/**
 * The whole detail of an operation a posting has just inserted (the quick move): its header too
 * is what the posting wrote.
 */
export function postedDetail(posted: Posted): OperationDetail {
  const { header, locations } = posted;
  const name = (id: string | null) => (id ? locations.get(id)!.full_name : null);
  const operation: OperationView = {
    id: header.id,
    reference: posted.reference,
    type: header.type,
    status: 'done',
    warehouse_id: header.warehouseId,
    source_location_id: header.sourceLocationId,
    destination_location_id: header.destinationLocationId,
    partner: header.partner,
    scheduled_at: header.scheduledAt ? new Date(header.scheduledAt) : null,
    done_at: posted.doneAt,
    notes: header.notes,
    include_children: header.includeChildren,
    reversal_of_id: header.reversalOfId ?? null,
    created_at: posted.createdAt,
    updated_at: posted.createdAt,
    source_name: name(header.sourceLocationId),
    destination_name: name(header.destinationLocationId),
    created_by: posted.by.id,
    validated_by: posted.by.id,
    created_by_name: posted.by.fullName,
    validated_by_name: posted.by.fullName,
    reversed_by_id: null,
    line_count: posted.lines.length,
  };
  return writtenDetail(operation, { ...posted, operationId: header.id });
}
