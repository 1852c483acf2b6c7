import { Inject, Injectable } from '@nestjs/common';
import {
  CursorPage,
  IntegrityReport,
  Page,
  StockLevel,
  StockLevelPage,
  StockMove,
  StockSummaryRow,
  todayIn,
} from '@stockmaster/contracts';
import { isUUID } from 'class-validator';
import { Readable } from 'node:stream';
import { DataSource, EntityManager } from 'typeorm';
import { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { WarehouseScope, WarehouseSet } from '../../common/auth/warehouse-scope';
import { ValidationError } from '../../common/errors/domain-error';
import { csvStringifier } from '../../common/http/csv-cells';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import {
  AsOfQueryDto,
  LedgerFilterDto,
  LedgerQueryDto,
  LevelQueryDto,
  levelOrder,
  SummaryQueryDto,
  summaryOrder,
} from './dto/stock-query.dto';
import { MoveView, toMove } from './operation-rows';
import { LedgerRepository } from './ledger.repository';
import { toLevel } from './level-view';
import { LevelKeyset, LevelRow, StockLevelsRepository } from './stock-levels.repository';
import { StockSummariesRepository } from './stock-summaries.repository';
import { StockQueriesRepository } from './stock-queries.repository';

/** The answer to a `cursor` this API did not give out (or one tampered with). */
const badCursor = () =>
  new ValidationError([{ field: 'cursor', message: 'cursor is not one this API gave out' }]);

/** Cursor of the ledger: the (done_at, id) of the last row of a page, opaque to clients. */
function encodeCursor(row: MoveView): string {
  return Buffer.from(`${row.done_at.toISOString()}|${row.id}`).toString('base64url');
}

function decodeCursor(cursor: string): { doneAt: string; id: string } {
  const [doneAt, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!doneAt || !/^\d+$/.test(id ?? '') || Number.isNaN(Date.parse(doneAt))) throw badCursor();
  return { doneAt, id };
}

/** Cursor of the levels: the natural-order key of the last row of a page, opaque to clients. */
function encodeLevelCursor(row: LevelRow): string {
  const key = [row.sku, row.full_name, row.location_id, row.batch_id];
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

function decodeLevelCursor(cursor: string): LevelKeyset {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badCursor();
  }
  if (!Array.isArray(key) || key.length !== 4) throw badCursor();
  const [sku, fullName, locationId, batchId] = key as unknown[];
  if (
    typeof sku !== 'string' ||
    typeof fullName !== 'string' ||
    !isUUID(locationId) ||
    !(batchId === null || isUUID(batchId))
  )
    throw badCursor();
  return { sku, fullName, locationId: locationId as string, batchId: batchId as string | null };
}

/** The read side of the stock engine: levels, summary, as-of, ledger and integrity. */
@Injectable()
export class StockQueriesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scope: WarehouseScope,
    private readonly summaries: StockQueriesRepository,
    private readonly levelRows: StockLevelsRepository,
    private readonly ledgerRows: LedgerRepository,
    private readonly totals: StockSummariesRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async levels(user: AuthenticatedUser, query: LevelQueryDto): Promise<StockLevelPage> {
    const today = todayIn(this.config.timeZone);
    const natural = !query.sort || query.sort === 'sku';
    if (query.cursor && !natural)
      throw new ValidationError([
        { field: 'cursor', message: 'cursor pages the default order only: leave sort out' },
      ]);
    // The count and the page are two statements: one snapshot keeps them telling the same story.
    const { rows, total } = await this.oneSnapshot((manager) =>
      this.levelRows.levels(manager, {
        visibleWarehouses: this.scope.visibleWarehouseIds(user),
        warehouseId: query.warehouseId,
        productId: query.productId,
        batchId: query.batchId,
        locationId: query.locationId,
        includeChildren: query.includeChildren,
        search: query.search,
        page: query.page,
        limit: query.limit,
        order: natural ? undefined : levelOrder(query.sort),
        after: query.cursor ? decodeLevelCursor(query.cursor) : undefined,
      }),
    );
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return {
      data: page.map((row) => toLevel(row, today)),
      meta: {
        page: query.page,
        limit: query.limit,
        total,
        nextCursor: natural && rows.length > query.limit ? encodeLevelCursor(last) : null,
      },
    };
  }

  /** On hand per (product, warehouse) with that warehouse's reorder rule (see the repository). */
  async summary(user: AuthenticatedUser, query: SummaryQueryDto): Promise<Page<StockSummaryRow>> {
    const { rows, total } = await this.summaries.summary(this.dataSource.manager, {
      visibleWarehouses: this.scope.visibleWarehouseIds(user),
      warehouseId: query.warehouseId,
      productId: query.productId,
      search: query.search?.trim() || undefined,
      belowMinimum: query.belowMinimum,
      today: todayIn(this.config.timeZone),
      order: summaryOrder(query.sort),
      page: query.page,
      limit: query.limit,
    });
    return { data: rows, meta: { page: query.page, limit: query.limit, total } };
  }

  /**
   * The first `limit` (product, warehouse) pairs under their reorder minimum in `warehouses`
   * (already cut to what the caller may see) and how many there are: the summary's own query
   * with `belowMinimum`, so the dashboard, the digest and the filtered list cannot disagree.
   */
  async belowMinimum(
    warehouses: WarehouseSet,
    limit: number,
  ): Promise<{ rows: StockSummaryRow[]; total: number }> {
    return this.summaries.summary(this.dataSource.manager, {
      visibleWarehouses: warehouses,
      belowMinimum: true,
      today: todayIn(this.config.timeZone),
      page: 1,
      limit,
    });
  }

  /** Levels as they stood at an instant, summed from the ledger (moves in minus moves out). */
  async asOf(user: AuthenticatedUser, query: AsOfQueryDto): Promise<Page<StockLevel>> {
    const today = todayIn(this.config.timeZone);
    const { rows, total } = await this.oneSnapshot((manager) =>
      this.levelRows.asOf(manager, {
        visibleWarehouses: this.scope.visibleWarehouseIds(user),
        date: query.date,
        warehouseId: query.warehouseId,
        productId: query.productId,
        page: query.page,
        limit: query.limit,
      }),
    );
    return {
      data: rows.map((row) => toLevel(row, today)),
      meta: { page: query.page, limit: query.limit, total },
    };
  }

  /** Reads that take several statements, in one snapshot (REPEATABLE READ; it writes nothing). */
  private oneSnapshot<T>(read: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction('REPEATABLE READ', read);
  }

  async ledger(user: AuthenticatedUser, query: LedgerQueryDto): Promise<CursorPage<StockMove>> {
    const rows = await this.ledgerRows.moves(
      this.dataSource.manager,
      {
        visibleWarehouses: this.scope.visibleWarehouseIds(user),
        warehouseId: query.warehouseId,
        locationId: query.locationId,
        productId: query.productId,
        batchId: query.batchId,
        operationId: query.operationId,
        from: query.from,
        to: query.to,
      },
      query.cursor ? decodeCursor(query.cursor) : null,
      query.limit + 1,
    );
    const page = rows.slice(0, query.limit);
    return {
      data: page.map(toMove),
      meta: { nextCursor: rows.length > query.limit ? encodeCursor(page[page.length - 1]) : null },
    };
  }

  /** The ledger as CSV, streamed page by page (keyset), with the same filters. */
  exportLedger(user: AuthenticatedUser, filter: LedgerFilterDto): Readable {
    const page = (cursor: string | undefined) =>
      this.ledger(user, { ...filter, limit: 2_000, cursor });
    async function* records() {
      let cursor: string | undefined;
      do {
        const batch = await page(cursor);
        for (const move of batch.data) {
          yield {
            doneAt: move.doneAt,
            reference: move.reference,
            sku: move.product.sku,
            product: move.product.name,
            batch: move.batch?.code ?? '',
            from: move.sourceLocation.fullName,
            to: move.destinationLocation.fullName,
            quantity: move.quantity,
            unit: move.product.unit,
          };
        }
        cursor = batch.meta.nextCursor ?? undefined;
      } while (cursor);
    }
    return Readable.from(records()).pipe(
      csvStringifier({
        header: true,
        columns: [
          'doneAt',
          'reference',
          'sku',
          'product',
          'batch',
          'from',
          'to',
          'quantity',
          'unit',
        ],
      }),
    );
  }

  /**
   * Compares every level with the sum of its moves, looks for negative levels, and compares the
   * running totals the dashboard reads with what they stand for. Run by an
   * admin after an incident, or by monitoring; it reads everything, so it is not for hot paths.
   */
  async integrity(): Promise<IntegrityReport> {
    const manager = this.dataSource.manager;
    const { checked, mismatches, negative } = await this.ledgerRows.integrity(manager);
    const summaryMismatches = await this.totals.mismatches(manager);
    return {
      ok: mismatches.length === 0 && negative.length === 0 && summaryMismatches.length === 0,
      checkedLevels: checked,
      mismatches,
      negativeLevels: negative,
      summaryMismatches,
    };
  }
}
