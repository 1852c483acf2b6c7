import { ApiProperty } from '@nestjs/swagger';
import {
  Batch,
  BATCH_STATUSES,
  BatchDetail,
  BatchStatus,
  BatchStatusChange,
  BatchStockRow,
} from '@stockmaster/contracts';
import { LocationRefDto, StockMoveDto } from '../../stock-moves/dto/stock-responses.dto';
import { BatchRecallDto } from './batch.dto';
import { FreshnessDto } from './freshness.dto';

export { FreshnessDto };

const date = { type: String, format: 'date', nullable: true } as const;
const instant = { type: String, format: 'date-time' } as const;

export class BatchProductDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'MILK-1L' }) sku!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ example: 'l' }) unit!: string;
  @ApiProperty({ example: 3 }) expiryWarningDays!: number;
}

export class BatchDto implements Batch {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) productId!: string;
  @ApiProperty({ type: BatchProductDto }) product!: BatchProductDto;
  @ApiProperty({ example: 'L-2611-07' }) code!: string;
  @ApiProperty(date) producedAt!: string | null;
  @ApiProperty(date) receivedAt!: string | null;
  @ApiProperty(date) expiresAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) notes!: string | null;
  @ApiProperty({
    enum: BATCH_STATUSES,
    enumName: 'BatchStatus',
    description: 'A quarantined or recalled batch is never delivered nor transferred',
  })
  status!: BatchStatus;
  @ApiProperty({ type: BatchRecallDto, nullable: true, description: 'Set once recalled' })
  recall!: BatchRecallDto | null;
  @ApiProperty({ type: FreshnessDto }) freshness!: FreshnessDto;
  @ApiProperty({ example: '24', description: 'On hand in the caller’s warehouses' })
  onHand!: string;
  @ApiProperty({ description: 'The address the batch’s QR code encodes' }) publicUrl!: string;
  @ApiProperty(instant) createdAt!: string;
  @ApiProperty(instant) updatedAt!: string;
}

export class BatchStockRowDto implements BatchStockRow {
  @ApiProperty({ type: LocationRefDto }) location!: LocationRefDto;
  @ApiProperty({ format: 'uuid' }) warehouseId!: string;
  @ApiProperty({ example: '12' }) quantity!: string;
}

export class BatchStatusUserDto {
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'Null once the account is gone',
  })
  id!: string | null;
  @ApiProperty({ type: String, nullable: true }) email!: string | null;
}

export class BatchStatusChangeDto implements BatchStatusChange {
  @ApiProperty({ enum: BATCH_STATUSES, enumName: 'BatchStatus' }) from!: BatchStatus;
  @ApiProperty({ enum: BATCH_STATUSES, enumName: 'BatchStatus' }) to!: BatchStatus;
  @ApiProperty({ type: String, nullable: true }) reason!: string | null;
  @ApiProperty({ type: String, nullable: true }) publicNotice!: string | null;
  @ApiProperty({ type: BatchStatusUserDto }) user!: BatchStatusUserDto;
  @ApiProperty(instant) at!: string;
}

/** A batch with its stock by location and its moves. */
export class BatchDetailDto extends BatchDto implements BatchDetail {
  @ApiProperty({ type: [BatchStockRowDto] }) stock!: BatchStockRowDto[];
  @ApiProperty({ type: [StockMoveDto] }) moves!: StockMoveDto[];
  @ApiProperty({ type: [BatchStatusChangeDto], description: 'Oldest first' })
  statusHistory!: BatchStatusChangeDto[];
}
