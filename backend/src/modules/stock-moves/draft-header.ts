import { StockErrorCode } from '@stockmaster/contracts';
import { ConflictError } from '../../common/errors/domain-error';
import { CreateOperationDto, UpdateOperationDto } from './dto/operation.dto';
import { OperationHeader, OperationRow } from './operation-rows';

/** The header a creation asks for. */
export function requestedHeader(
  dto: CreateOperationDto,
  id: string,
  userId: string,
): OperationHeader {
  return {
    id,
    type: dto.type,
    warehouseId: dto.warehouseId,
    sourceLocationId: dto.sourceLocationId ?? null,
    destinationLocationId: dto.destinationLocationId ?? null,
    includeChildren: dto.includeChildren ?? false,
    partner: dto.partner || null,
    scheduledAt: dto.scheduledAt ?? null,
    notes: dto.notes ?? null,
    createdBy: userId,
  };
}

/** The header of a stored operation. */
export function storedHeader(op: OperationRow): OperationHeader {
  return {
    id: op.id,
    type: op.type,
    warehouseId: op.warehouse_id,
    sourceLocationId: op.source_location_id,
    destinationLocationId: op.destination_location_id,
    includeChildren: op.include_children,
    partner: op.partner,
    scheduledAt: op.scheduled_at?.toISOString() ?? null,
    notes: op.notes,
    createdBy: '',
  };
}

/**
 * A draft's header after a partial PATCH: absent fields are kept, null clears. The type and the
 * warehouse are fixed (the reference is numbered for them): another value is 409, the same is fine.
 */
export function patchedHeader(op: OperationRow, dto: UpdateOperationDto): OperationHeader {
  if (dto.type !== undefined && dto.type !== op.type)
    throw new ConflictError(
      `A draft keeps its type (${op.type}): its reference is numbered for it`,
      StockErrorCode.OperationTypeFixed,
    );
  if (dto.warehouseId !== undefined && dto.warehouseId !== op.warehouse_id)
    throw new ConflictError(
      'A draft stays in its warehouse: its reference is numbered there',
      StockErrorCode.OperationWarehouseFixed,
    );
  const kept = storedHeader(op);
  const pick = <K extends keyof OperationHeader>(key: K, value: OperationHeader[K] | undefined) =>
    value === undefined ? kept[key] : value;
  return {
    ...kept,
    sourceLocationId: pick('sourceLocationId', dto.sourceLocationId),
    destinationLocationId: pick('destinationLocationId', dto.destinationLocationId),
    includeChildren: pick('includeChildren', dto.includeChildren),
    partner: dto.partner === undefined ? kept.partner : dto.partner || null,
    scheduledAt: pick('scheduledAt', dto.scheduledAt),
    notes: pick('notes', dto.notes),
  };
}
