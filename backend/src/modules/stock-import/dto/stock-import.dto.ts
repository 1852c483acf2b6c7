import { ApiProperty } from '@nestjs/swagger';
import {
  STOCK_IMPORT_COLUMNS,
  StockImportColumn,
  StockImportResult,
  StockImportRowError,
  StockImportWarehouse,
} from '@stockmaster/contracts';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { toBoolean } from '../../../common/http/dto/transforms';

export class StockImportQueryDto {
  /** `true`: check the file and say what it would create; write nothing. */
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  dryRun?: boolean;
}

export class StockImportFileDto {
  @ApiProperty({
    type: 'string',
    format: 'binary',
    description: `CSV, UTF-8 (BOM optional), comma or semicolon; columns ${STOCK_IMPORT_COLUMNS.join(', ')}`,
  })
  file!: unknown;
}

export class StockImportRowErrorDto implements StockImportRowError {
  @ApiProperty({ description: '1-based line in the file (the header is line 1)' }) line!: number;
  @ApiProperty({ enum: STOCK_IMPORT_COLUMNS, nullable: true, type: String })
  column!: StockImportColumn | null;
  @ApiProperty() message!: string;
}

export class StockImportDraftDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'MAIN/ADJ/00007' }) reference!: string;
}

export class StockImportWarehouseDto implements StockImportWarehouse {
  @ApiProperty({ format: 'uuid' }) warehouseId!: string;
  @ApiProperty({ example: 'MAIN' }) warehouseCode!: string;
  @ApiProperty({ description: 'Count lines: one per row of this warehouse' }) lines!: number;
  @ApiProperty({ description: 'Batches this warehouse’s rows create' }) newBatches!: number;
  @ApiProperty({
    type: [StockImportDraftDto],
    description:
      'The draft adjustments created (more than one when the warehouse has over 10,000 rows); empty in a dry run',
  })
  drafts!: StockImportDraftDto[];
}

export class StockImportResultDto implements StockImportResult {
  @ApiProperty() dryRun!: boolean;
  @ApiProperty({ description: 'Data rows read' }) rows!: number;
  @ApiProperty({ description: 'Batches created (a dry run: that would be)' }) newBatches!: number;
  @ApiProperty({ type: [StockImportWarehouseDto] }) warehouses!: StockImportWarehouseDto[];
  @ApiProperty({
    type: [StockImportRowErrorDto],
    description: 'With any error nothing is written (and warehouses is empty unless a dry run)',
  })
  errors!: StockImportRowErrorDto[];
}
