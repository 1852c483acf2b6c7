import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { IdempotencyContext, IdempotencyService, Outcome } from './idempotency';
import { LocationInfo } from './operation-rules';
import { blockedBatchRefusal, expiredBatchRefusal } from './trigger-refusals';
import { PlannedMove } from './planned-move';
import { MissingLevels, StockPosting } from './posting';
import { StockRepository } from './stock.repository';

/** How a posting runs: in a transaction, idempotent, started again when level rows were missing. */
@Injectable()
export class PostingTransaction {
  constructor(
    private readonly dataSource: DataSource,
    private readonly stock: StockRepository,
    private readonly posting: StockPosting,
    private readonly idempotency: IdempotencyService,
  ) {}

  /**
   * Runs a posting transaction, idempotent when `key` is given. A posting only locks level rows
   * that exist; when it needs new ones it stops (MissingLevels), they are created outside any
   * transaction, and it runs again: postings never wait on each other's fresh rows. Nothing
   * outside `work` may change between tries: each starts from the request.
   */
  async run<T>(
    key: IdempotencyContext | undefined,
    status: number,
    work: (manager: EntityManager) => Promise<T>,
  ): Promise<Outcome<T>> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.idempotency.run(key, status, work);
      } catch (error) {
        blockedBatchRefusal(error);
        expiredBatchRefusal(error);
        if (!(error instanceof MissingLevels) || attempt >= 3) throw error;
        await this.stock.ensureLevels(this.dataSource.manager, error.keys);
      }
    }
  }

  /**
   * The levels of batches a receipt names inline are created inside its transaction (the batch
   * may be new, invisible to anyone else), before it locks any level: an insert that has to wait
   * then holds no level lock another posting could be waiting for.
   */
  async ensureInlineBatchLevels(
    manager: EntityManager,
    moves: PlannedMove[],
    inlineLineIds: string[],
    locations: Map<string, LocationInfo>,
  ): Promise<void> {
    const inline = new Set(inlineLineIds);
    const keys = this.posting.keysOf(
      moves.filter((move) => move.lineId && inline.has(move.lineId)),
      locations,
    );
    await this.stock.ensureLevels(manager, keys);
  }
}
