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

/** Everything a posting transaction knows about the operation it wrote. */
export interface Posted {
  header: OperationHeader;
  reference: string;
  createdAt: Date;
  doneAt: Date;
  by: { id: string; fullName: string };
  lines: LineInsert[];
  moves: MoveRow[];
  products: Map<string, ProductInfo>;
  locations: Map<string, LocationInfo>;
  batches: Map<string, BatchInfo>;
}

/**
 * The detail of an operation a posting has just written, built from what the posting knows
 * instead of read back (three joined queries per posting): the rows `detail` would read are
 * assembled here and go through the same mapping. The API tests compare the answer with
 * `GET /operations/:id`.
 */
export function postedDetail(posted: Posted): OperationDetail {
  const { header, products, locations, batches } = posted;
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
  const lines = posted.lines.map((line, index): LineView => ({
    id: line.id,
    line_no: index,
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
  const moves = [...posted.moves]
    .sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1))
    .map((move): MoveView => ({
      id: move.id,
      operation_id: header.id,
      reference: posted.reference,
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
