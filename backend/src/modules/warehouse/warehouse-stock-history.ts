import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { WarehousesRepository } from './warehouses.repository';

/** The flag that freezes a warehouse's code once stock has moved through it. */
@Injectable()
export class WarehouseStockHistory {
  /** Warehouses found flagged in the database (committed): the flag is never cleared. */
  private readonly withHistory = new Set<string>();

  constructor(private readonly warehouses: WarehousesRepository) {}

  /** Whether `mark` would write nothing for this warehouse: it is known flagged, and committed. */
  isMarked(warehouseId: string): boolean {
    return this.withHistory.has(warehouseId);
  }

  /**
   * Flags warehouses that stock has moved through, in the posting's transaction. Only warehouses
   * this statement did not have to flag are remembered: a flag set by this transaction could
   * still roll back.
   */
  async mark(manager: EntityManager, warehouseIds: string[]): Promise<void> {
    const unknown = warehouseIds.filter((id) => !this.withHistory.has(id));
    if (!unknown.length) return;
    const changed = new Set(await this.warehouses.flagStockHistory(manager, unknown));
    for (const id of unknown) if (!changed.has(id)) this.withHistory.add(id);
  }
}
