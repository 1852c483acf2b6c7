import { batchDateProblems, ErrorDetail, OperationType } from '@stockmaster/contracts';
import { timeOrderedId } from '../../common/time-ordered-id';
import { ValidationError } from '../../common/errors/domain-error';
import { OperationLineDto } from './dto/operation.dto';
import { NewBatchSpec } from './operation-rules';
import { LineRow } from './operation-rows';

/** A line of a draft or of a request, before or after it was stored. */
export interface LineSpec {
  id: string;
  productId: string;
  batchId: string | null;
  newBatch: NewBatchSpec | null;
  quantity: string | null;
  countedQuantity: string | null;
  sourceLocationId: string | null;
  destinationLocationId: string | null;
  acceptExpired: boolean;
}

export function fromRow(row: LineRow): LineSpec {
  return {
    id: row.id,
    productId: row.product_id,
    batchId: row.batch_id,
    newBatch: row.batch_id ? null : row.new_batch,
    quantity: row.quantity,
    countedQuantity: row.counted_quantity,
    sourceLocationId: row.source_location_id,
    destinationLocationId: row.destination_location_id,
    acceptExpired: row.accept_expired,
  };
}

export type LineInput = Pick<
  OperationLineDto,
  | 'productId'
  | 'quantity'
  | 'countedQuantity'
  | 'locationId'
  | 'batchId'
  | 'batch'
  | 'sourceLocationId'
  | 'destinationLocationId'
  | 'acceptExpired'
>;

/** Where a line's field is in the request: `lines.2.batch.producedAt` by default. */
export type FieldPath = (line: number, field: string) => string;
const inLines: FieldPath = (line, field) => `lines.${line}.${field}`;

/**
 * Shapes request lines by type (counts carry a location and a counted quantity, moves a
 * quantity) and refuses, as 400 naming every field, what no line of that type may carry: the
 * wrong quantity, a batch off a receipt, both a batch and a batch id, inline batch dates that
 * contradict each other (`today` in the business time zone), `acceptExpired` off a receipt.
 */
export function lineSpecs(
  type: OperationType,
  lines: LineInput[],
  today: string,
  path: FieldPath = inLines,
): LineSpec[] {
  const problems: ErrorDetail[] = [];
  const specs = lines.map((line, index) => {
    const problem = (field: string, message: string) =>
      problems.push({ field: path(index, field), message });
    if (type === 'adjustment') {
      if (line.countedQuantity === undefined)
        problem('countedQuantity', 'An adjustment line needs countedQuantity');
      if (!line.locationId) problem('locationId', 'An adjustment line needs locationId');
      if (line.quantity !== undefined)
        problem('quantity', 'An adjustment line gives countedQuantity, not quantity');
    } else {
      if (line.quantity === undefined) problem('quantity', 'quantity is required');
      if (line.countedQuantity !== undefined || line.locationId !== undefined)
        problem('countedQuantity', 'countedQuantity and locationId belong to adjustments');
    }
    if (line.batch && type !== 'receipt') problem('batch', 'Only receipts create batches');
    if (line.batch && line.batchId) problem('batch', 'Give batchId or batch, not both');
    if (line.batch && type === 'receipt')
      for (const date of batchDateProblems(line.batch, today))
        problem(`batch.${date.field}`, date.message);
    if (line.acceptExpired && type !== 'receipt')
      problem('acceptExpired', 'Only a receipt line may accept an expired batch');
    return {
      id: timeOrderedId(),
      productId: line.productId,
      batchId: line.batchId ?? null,
      newBatch: type === 'receipt' ? (line.batch ?? null) : null,
      quantity: type === 'adjustment' ? null : (line.quantity ?? null),
      countedQuantity: type === 'adjustment' ? (line.countedQuantity ?? null) : null,
      sourceLocationId:
        type === 'adjustment' ? (line.locationId ?? null) : (line.sourceLocationId ?? null),
      destinationLocationId: type === 'adjustment' ? null : (line.destinationLocationId ?? null),
      acceptExpired: type === 'receipt' && line.acceptExpired === true,
    };
  });
  if (problems.length) throw new ValidationError(problems);
  return specs;
}
