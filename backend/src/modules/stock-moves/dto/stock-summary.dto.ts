import { ApiProperty } from '@nestjs/swagger';
import { ProductRef, StockSummaryRow, WarehouseRef } from '@stockmaster/contracts';

export class ProductRefDto implements ProductRef {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'FLOUR-1KG' }) sku!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ example: 'kg' }) unit!: string;
}

export class WarehouseRefDto implements WarehouseRef {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'MAIN' }) code!: string;
  @ApiProperty() name!: string;
}

/** On hand of a product in one warehouse, judged against that warehouse's reorder rule. */
export class StockSummaryRowDto implements StockSummaryRow {
  @ApiProperty() product!: ProductRefDto;
  @ApiProperty() warehouse!: WarehouseRefDto;
  @ApiProperty({ example: '76' }) onHand!: string;
  @ApiProperty({ example: '70', description: 'On hand neither expired nor blocked' })
  available!: string;
  @ApiProperty({ example: '4', description: 'In batches past their expiry date' })
  expired!: string;
  @ApiProperty({ example: '2', description: 'In quarantined or recalled batches' })
  blocked!: string;
  @ApiProperty({ nullable: true, type: String, example: '100' }) minQuantity!: string | null;
  @ApiProperty({ nullable: true, type: String, example: '200' }) maxQuantity!: string | null;
  @ApiProperty({ description: 'On hand in this warehouse is under its reorder minimum' })
  belowMinimum!: boolean;
}
