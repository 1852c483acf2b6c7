import { ApiProperty } from '@nestjs/swagger';
import {
  BATCH_STATUSES,
  BatchStatus,
  BatchTrace,
  BatchTraceEntry,
  ProductStockRow,
  ProductTrace,
  TraceTotals,
} from '@stockmaster/contracts';
import { LocationRefDto } from '../../stock-moves/dto/stock-responses.dto';
import { BatchStockRowDto } from './batch-responses.dto';

const quantity = (description: string, example = '12') => ({ example, description });

export class TraceProductDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'MILK-1L' }) sku!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ example: 'l' }) unit!: string;
}

export class TraceBatchRefDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'L-2611-07' }) code!: string;
}

export class TraceBatchStatusRefDto extends TraceBatchRefDto {
  @ApiProperty({ enum: BATCH_STATUSES, enumName: 'BatchStatus' }) status!: BatchStatus;
}

export class TracedBatchDto extends TraceBatchStatusRefDto {
  @ApiProperty({ type: TraceProductDto }) product!: TraceProductDto;
}

/** A receipt a lot came from, or a delivery or scrap it went to, its reversals netted. */
export class BatchTraceEntryDto implements BatchTraceEntry {
  @ApiProperty({ format: 'uuid' }) operationId!: string;
  @ApiProperty({ example: 'MAIN/OUT/00042' }) reference!: string;
  @ApiProperty({ enum: ['receipt', 'delivery', 'scrap'] }) type!: 'receipt' | 'delivery' | 'scrap';
  @ApiProperty({ format: 'date-time', description: 'When the operation was validated' })
  date!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Supplier (receipts) or customer (deliveries); null when none was given',
  })
  partner!: string | null;
  @ApiProperty({ format: 'uuid' }) warehouseId!: string;
  @ApiProperty({
    type: TraceBatchRefDto,
    nullable: true,
    description: 'The batch moved (null for a product without batch tracking)',
  })
  batch!: TraceBatchRefDto | null;
  @ApiProperty(quantity('What remains after reversals')) quantity!: string;
  @ApiProperty(quantity('What reversals took back', '0')) reversed!: string;
}

export class TraceTotalsDto implements TraceTotals {
  @ApiProperty(quantity('Received')) received!: string;
  @ApiProperty(quantity('On hand now')) onHand!: string;
  @ApiProperty(quantity('Delivered')) delivered!: string;
  @ApiProperty(quantity('Scrapped', '0')) scrapped!: string;
  @ApiProperty(quantity('Net gains (+) and losses (−) of counts', '0')) adjusted!: string;
  @ApiProperty({
    example: 3,
    description:
      'Distinct customers (by partner name) still holding a delivered quantity; deliveries without one count once each',
  })
  customers!: number;
  @ApiProperty({ example: 1, description: 'Internal locations holding some now' })
  locations!: number;
}

/** Where a lot came from, where it is, where it went. */
export class BatchTraceDto implements BatchTrace {
  @ApiProperty({ type: TracedBatchDto }) batch!: TracedBatchDto;
  @ApiProperty({ type: [BatchTraceEntryDto], description: 'Receipts, oldest first' })
  origin!: BatchTraceEntryDto[];
  @ApiProperty({ type: [BatchStockRowDto] }) onHand!: BatchStockRowDto[];
  @ApiProperty({ type: [BatchTraceEntryDto], description: 'Deliveries and scrap, oldest first' })
  destinations!: BatchTraceEntryDto[];
  @ApiProperty({ type: TraceTotalsDto }) totals!: TraceTotalsDto;
}

export class ProductStockRowDto implements ProductStockRow {
  @ApiProperty({ type: LocationRefDto }) location!: LocationRefDto;
  @ApiProperty({ format: 'uuid' }) warehouseId!: string;
  @ApiProperty({ example: '12' }) quantity!: string;
  @ApiProperty({ type: TraceBatchStatusRefDto, nullable: true })
  batch!: TraceBatchStatusRefDto | null;
}

/** A product's receipts, deliveries and scrap over a range of days, and its stock now. */
export class ProductTraceDto implements ProductTrace {
  @ApiProperty({ type: TraceProductDto }) product!: TraceProductDto;
  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    description: 'First day (business time zone), inclusive; null: unbounded',
  })
  from!: string | null;
  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    description: 'Last day, inclusive; null: unbounded',
  })
  to!: string | null;
  @ApiProperty({ type: [BatchTraceEntryDto] }) origin!: BatchTraceEntryDto[];
  @ApiProperty({ type: [ProductStockRowDto] }) onHand!: ProductStockRowDto[];
  @ApiProperty({ type: [BatchTraceEntryDto] }) destinations!: BatchTraceEntryDto[];
  @ApiProperty({
    type: TraceTotalsDto,
    description: 'Flows within the range; on hand and locations now',
  })
  totals!: TraceTotalsDto;
}
