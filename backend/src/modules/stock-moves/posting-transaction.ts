import { Injectable } from '@nestjs/common';
import { fromMilli } from '@stockmaster/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { retried } from '../../database/transaction';
import { IdempotencyContext, IdempotencyService, Outcome } from './idempotency';
import { LocationInfo } from './operation-rules';
import { blockedBatchRefusal, expiredBatchRefusal } from './trigger-refusals';
import { levelDeltas, PlannedMove } from './planned-move';
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
   * outside `work` may change between tries: each starts from the request. `oneStatement`: `work`
   * writes in a single statement, which is its own transaction — no BEGIN and COMMIT round trips
   * (never with an idempotency key, whose claim must commit with the posting).
   */
  async run<T>(
    key: IdempotencyContext | undefined,
    status: number,
    work: (manager: EntityManager) => Promise<T>,
    oneStatement = false,
  ): Promise<Outcome<T>> {
    if (oneStatement && key) throw new Error('An idempotent posting needs its transaction');
    for (let attempt = 1; ; attempt++) {
      try {
        if (oneStatement)
          return { body: await retried(() => work(this.dataSource.manager)), replayed: false };
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
   * then holds no level lock another posting could be waiting for. A level created here already
   * holds what the moves bring it (nothing takes from a receipt's level, and updating a row this
   * transaction inserted would check its four foreign keys again). Answers the keys of the levels
   * whose delta is applied, for `StockPosting.post`.
   */
  async ensureInlineBatchLevels(
    manager: EntityManager,
    moves: PlannedMove[],
    inlineLineIds: string[],
    locations: Map<string, LocationInfo>,
  ): Promise<Set<string>> {
    if (!inlineLineIds.length) return new Set();
    const inline = new Set(inlineLineIds);
    const touched = new Set(
      levelDeltas(
        moves.filter((move) => move.lineId && inline.has(move.lineId)),
        locations,
      ).keys(),
    );
    // The whole delta of each such level: another line may name the same batch by id. A new
    // level starts with it when it is an increase; otherwise it starts empty, as any level does.
    const fresh = [...levelDeltas(moves, locations)].filter(([id]) => touched.has(id));
    const inserted = await this.stock.insertLevels(
      manager,
      fresh.map(([, { key, delta }]) => ({ key, quantity: fromMilli(delta > 0n ? delta : 0n) })),
    );
    return new Set(
      fresh.filter(([id, { delta }]) => delta > 0n && inserted.has(id)).map(([id]) => id),
    );
  }
}
