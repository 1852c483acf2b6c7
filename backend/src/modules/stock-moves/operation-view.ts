import {
  BatchRef,
  formatQuantity,
  LocationRef,
  OperationDetail,
  ProductRef,
  StockMove,
} from '@stockmaster/contracts';
import { BatchInfo, LocationInfo, ProductInfo } from './operation-rules';
import { LineInsert, OperationHeader } from './operations.repository';
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
 * instead of read back (three joined queries per posting). It equals what
 * `GET /operations/:id` answers; the API tests compare the two.
 */
export function postedDetail(posted: Posted): OperationDetail {
  const { header, products, locations, batches } = posted;
  const location = (id: string): LocationRef => ({ id, fullName: locations.get(id)!.full_name });
  const optionalLocation = (id: string | null) => (id ? location(id) : null);
  const product = (id: string): ProductRef => {
    const { sku, name, unit } = products.get(id)!;
    return { id, sku, name, unit };
  };
  const batch = (id: string | null): BatchRef | null => {
    if (!id) return null;
    const { code, expires_at } = batches.get(id)!;
    return { id, code, expiresAt: expires_at };
  };
  const createdAt = posted.createdAt.toISOString();
  const moves = [...posted.moves]
    .sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1))
    .map((move): StockMove => ({
      id: move.id,
      operationId: header.id,
      reference: posted.reference,
      lineId: move.line_id,
      product: product(move.product_id),
      batch: batch(move.batch_id),
      sourceLocation: location(move.source_location_id),
      destinationLocation: location(move.destination_location_id),
      quantity: move.quantity,
      doneAt: move.done_at.toISOString(),
    }));
  return {
    id: header.id,
    reference: posted.reference,
    type: header.type,
    status: 'done',
    warehouseId: header.warehouseId,
    sourceLocation: optionalLocation(header.sourceLocationId),
    destinationLocation: optionalLocation(header.destinationLocationId),
    partner: header.partner,
    scheduledAt: header.scheduledAt,
    doneAt: posted.doneAt.toISOString(),
    notes: header.notes,
    createdBy: posted.by,
    validatedBy: posted.by,
    reversalOfId: header.reversalOfId ?? null,
    reversedById: null,
    lineCount: posted.lines.length,
    createdAt,
    updatedAt: createdAt,
    lines: posted.lines.map((line, index) => ({
      id: line.id,
      line: index,
      product: product(line.productId),
      batch: batch(line.batchId),
      newBatch: line.batchId ? null : (line.newBatch ?? null),
      quantity: line.quantity === null ? null : formatQuantity(line.quantity),
      countedQuantity: line.countedQuantity === null ? null : formatQuantity(line.countedQuantity),
      sourceLocation: optionalLocation(line.sourceLocationId),
      destinationLocation: optionalLocation(line.destinationLocationId),
    })),
    moves,
  };
}
