import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { BatchReceiving } from '../batches/batch-receiving';
import { LineSpec } from './line-specs';
import { ProductInfo } from './operation-rules';
import { OperationsRepository } from './operations.repository';
import { PlanningService } from './planning.service';

/** What a receipt's posting asks of its batches, in the posting's transaction. */
@Injectable()
export class ReceiptBatches {
  constructor(
    private readonly batchReceiving: BatchReceiving,
    private readonly operations: OperationsRepository,
    private readonly planning: PlanningService,
  ) {}

  /**
   * Receipts: the batches module creates (or finds) the batches their lines name inline, and
   * dates every received batch. Returns the batch id per line.
   */
  async receive(
    manager: EntityManager,
    lines: LineSpec[],
    products: Map<string, ProductInfo>,
  ): Promise<(string | null)[]> {
    const today = this.planning.today();
    const inline = lines.filter((line) => line.newBatch && !line.batchId);
    const created = await this.batchReceiving.findOrCreateMany(
      manager,
      inline.map((line) => ({
        productId: line.productId,
        shelfLifeDays: products.get(line.productId)!.shelf_life_days,
        spec: line.newBatch!,
      })),
      today,
    );
    const byLine = new Map(inline.map((line, index) => [line.id, created[index]]));
    // A quick move's line is stored later, with its batch: this updates no row for it.
    await this.operations.setLineBatches(
      manager,
      inline.map((line) => ({ lineId: line.id, batchId: byLine.get(line.id)! })),
    );
    const ids = lines.map((line) => byLine.get(line.id) ?? line.batchId);
    await this.batchReceiving.receive(
      manager,
      ids.filter((id): id is string => !!id),
      today,
    );
    return ids;
  }
}
