import { Injectable } from '@nestjs/common';
import { defaultExpiry, InlineBatchInput } from '@stockmaster/contracts';
import { EntityManager } from 'typeorm';
import { BatchDatingRepository } from './batch-dating.repository';
import { BatchesRepository } from './batches.repository';
import { newPublicTokens } from './public-token';

/**
 * What a receipt asks of the batches module, in the receipt's transaction: the batches its lines
 * name inline, and the dates received stock gives a batch. The stock module writes no batch.
 */
@Injectable()
export class BatchReceiving {
  constructor(
    private readonly batches: BatchesRepository,
    private readonly dating: BatchDatingRepository,
  ) {}

  /**
   * The product's batch of each line's code, created as the line describes it when it has none
   * (a code named twice is created by its first line): one statement for the whole receipt.
   * A batch created here is being received: it is created dated as `receive` would date it
   * (received `today` unless the line says otherwise, its default expiry unless it has one), so
   * that `receive` has nothing left to write for it. Answers the batch id of each line, in order.
   */
  async findOrCreateMany(
    manager: EntityManager,
    specs: { productId: string; shelfLifeDays: number | null; spec: InlineBatchInput }[],
    today: string,
  ): Promise<string[]> {
    const tokens = newPublicTokens(specs.length);
    return this.batches.insertOrReuse(
      manager,
      specs.map(({ productId, shelfLifeDays, spec }, index) => {
        const producedAt = spec.producedAt ?? null;
        const receivedAt = spec.receivedAt ?? today;
        return {
          productId,
          code: spec.code,
          producedAt,
          receivedAt,
          expiresAt: spec.expiresAt ?? defaultExpiry(producedAt, receivedAt, shelfLifeDays),
          token: tokens[index],
          notes: null,
        };
      }),
    );
  }

  /**
   * Gives every received batch that lacks them its received date (`today`, the business day)
   * and its default expiry (`defaultExpiry`, the one rule, from that received date).
   */
  async receive(manager: EntityManager, batchIds: string[], today: string): Promise<void> {
    const undated = await this.dating.lockUndated(manager, batchIds);
    await this.dating.setReceived(
      manager,
      undated.map((batch) => {
        const receivedAt = batch.received_at ?? today;
        return {
          id: batch.id,
          receivedAt,
          expiresAt:
            batch.expires_at ?? defaultExpiry(batch.produced_at, receivedAt, batch.shelf_life_days),
        };
      }),
    );
  }
}
