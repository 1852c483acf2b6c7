import { Injectable } from '@nestjs/common';
import {
  CursorPage,
  IntegrityReport,
  Page,
  StockLevel,
  StockMove,
  StockSummaryRow,
} from '@stockmaster/contracts';
import { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { WarehouseScope } from '../../common/auth/warehouse-scope';
import { ValidationError } from '../../common/errors/domain-error';
import { csvStringifier } from '../../common/http/csv-cells';
import { escapeLike, conditionAdder } from '../../common/sql';
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
import { MOVE_SELECT } from './operations.repository';
import { StockQueriesRepository } from './stock-queries.repository';

interface LevelView {
  product_id: string;
  sku: string;
  name: string;
  unit: string;
  location_id: string;
  full_name: string;
  batch_id: string | null;
  batch_code: string | null;
  batch_expires_at: string | null;
  quantity: string;
  total: string;
}

function toLevel(row: LevelView): StockLevel {
  return {
    product: { id: row.product_id, sku: row.sku, name: row.name, unit: row.unit },
    location: { id: row.location_id, fullName: row.full_name },
    batch: row.batch_id
      ? { id: row.batch_id, code: row.batch_code!, expiresAt: row.batch_expires_at }
      : null,
    quantity: row.quantity,
  };
}

/** Cursor of the ledger: the (done_at, id) of the last row of a page, opaque to clients. */
function encodeCursor(row: MoveView): string {
  return Buffer.from(`${row.done_at.toISOString()}|${row.id}`).toString('base64url');
}

function decodeCursor(cursor: string): { doneAt: string; id: string } {
  const [doneAt, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!doneAt || !/^\d+$/.test(id ?? '') || Number.isNaN(Date.parse(doneAt))) {
    throw new ValidationError([
      { field: 'cursor', message: 'cursor is not one this API gave out' },
    ]);
  }
  return { doneAt, id };
}

/** The read side of the stock engine: levels, summary, as-of, ledger and integrity. */
@Injectable()
export class StockQueriesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scope: WarehouseScope,
    private readonly summaries: StockQueriesRepository,
  ) {}

  async levels(user: AuthenticatedUser, query: LevelQueryDto): Promise<Page<StockLevel>> {
    const params: unknown[] = [];
    const where = [`s.quantity <> 0`, this.scope.sqlCondition(user, 's.warehouse_id', params)];
    const add = conditionAdder(params, where);
    if (query.warehouseId) add('s.warehouse_id = ?', query.warehouseId);
    if (query.productId) add('s.product_id = ?', query.productId);
    if (query.batchId) add('s.batch_id = ?', query.batchId);
    if (query.locationId) {
      add(
        query.includeChildren
          ? `l.id IN (SELECT c.id FROM locations c JOIN locations top ON top.id = ?
                       WHERE c.id = top.id OR left(lower(c.full_name), length(top.full_name) + 1) = lower(top.full_name) || '/')`
          : 'l.id = ?',
        query.locationId,
      );
    }
    if (query.search)
      add(
        `(p.sku || ' ' || p.name || ' ' || coalesce(p.barcode, '')) ILIKE ?`,
        `%${escapeLike(query.search)}%`,
      );
    params.push(query.limit, (query.page - 1) * query.limit);
    const rows: LevelView[] = await this.dataSource.query(
      `SELECT s.product_id, p.sku, p.name, p.unit, s.location_id, l.full_name, s.batch_id, b.code AS batch_code,
              b.expires_at AS batch_expires_at, trim_scale(s.quantity)::text AS quantity, count(*) OVER () AS total
         FROM stock_levels s JOIN products p ON p.id = s.product_id JOIN locations l ON l.id = s.location_id
         LEFT JOIN batches b ON b.id = s.batch_id
        WHERE ${where.join(' AND ')}
        ORDER BY ${levelOrder(query.sort)}
        LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
    return {
      data: rows.map(toLevel),
      meta: {
        page: query.page,
        limit: query.limit,
        total: rows.length ? Number(rows[0].total) : 0,
      },
    };
  }

  /** On hand per (product, warehouse) with that warehouse's reorder rule (see the repository). */
  async summary(user: AuthenticatedUser, query: SummaryQueryDto): Promise<Page<StockSummaryRow>> {
    const { rows, total } = await this.summaries.summary(this.dataSource.manager, {
      visibleWarehouses: this.scope.visibleWarehouseIds(user),
      warehouseId: query.warehouseId,
      search: query.search?.trim() || undefined,
      belowMinimum: query.belowMinimum,
      order: summaryOrder(query.sort),
      page: query.page,
      limit: query.limit,
    });
    return { data: rows, meta: { page: query.page, limit: query.limit, total } };
  }

  /** Levels as they stood at an instant, summed from the ledger (moves in minus moves out). */
  async asOf(user: AuthenticatedUser, query: AsOfQueryDto): Promise<Page<StockLevel>> {
    const params: unknown[] = [query.date];
    const where = [`l.type = 'internal'`, this.scope.sqlCondition(user, 'l.warehouse_id', params)];
    if (query.warehouseId) {
      params.push(query.warehouseId);
      where.push(`l.warehouse_id = $${params.length}`);
    }
    let productFilter = '';
    if (query.productId) {
      params.push(query.productId);
      productFilter = `AND m.product_id = $${params.length}`;
    }
    params.push(query.limit, (query.page - 1) * query.limit);
    const rows: LevelView[] = await this.dataSource.query(
      `WITH flows AS (
         SELECT m.product_id, m.destination_location_id AS location_id, m.batch_id, m.quantity
           FROM stock_moves m WHERE m.done_at <= $1 ${productFilter}
         UNION ALL
         SELECT m.product_id, m.source_location_id, m.batch_id, -m.quantity
           FROM stock_moves m WHERE m.done_at <= $1 ${productFilter}),
       sums AS (SELECT product_id, location_id, batch_id, sum(quantity) AS quantity FROM flows GROUP BY 1, 2, 3)
       SELECT s.product_id, p.sku, p.name, p.unit, s.location_id, l.full_name, s.batch_id, b.code AS batch_code,
              b.expires_at AS batch_expires_at, trim_scale(s.quantity)::text AS quantity, count(*) OVER () AS total
         FROM sums s JOIN locations l ON l.id = s.location_id JOIN products p ON p.id = s.product_id
         LEFT JOIN batches b ON b.id = s.batch_id
        WHERE s.quantity <> 0 AND ${where.join(' AND ')}
        ORDER BY p.sku, l.full_name, s.batch_id NULLS FIRST
        LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
    return {
      data: rows.map(toLevel),
      meta: {
        page: query.page,
        limit: query.limit,
        total: rows.length ? Number(rows[0].total) : 0,
      },
    };
  }

  async ledger(user: AuthenticatedUser, query: LedgerQueryDto): Promise<CursorPage<StockMove>> {
    const params: unknown[] = [];
    const where = this.ledgerWhere(user, query, params);
    if (query.cursor) {
      const cursor = decodeCursor(query.cursor);
      params.push(cursor.doneAt, cursor.id);
      where.push(
        `(m.done_at, m.id) < ($${params.length - 1}::timestamptz, $${params.length}::bigint)`,
      );
    }
    params.push(query.limit + 1);
    const rows: MoveView[] = await this.dataSource.query(
      `${MOVE_SELECT} WHERE ${where.join(' AND ')} ORDER BY m.done_at DESC, m.id DESC LIMIT $${params.length}`,
      params,
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
   * Compares every level with the sum of its moves and looks for negative levels. Run by an
   * admin after an incident, or by monitoring; it reads everything, so it is not for hot paths.
   */
  async integrity(): Promise<IntegrityReport> {
    const [{ checked }] = await this.dataSource.query(
      `SELECT count(*)::int AS checked FROM stock_levels`,
    );
    const mismatches = await this.dataSource.query(
      `WITH ledger AS (
         SELECT product_id, location_id, batch_id, sum(quantity) AS quantity FROM (
           SELECT m.product_id, m.destination_location_id AS location_id, m.batch_id, m.quantity FROM stock_moves m
           UNION ALL SELECT m.product_id, m.source_location_id, m.batch_id, -m.quantity FROM stock_moves m) f
          JOIN locations l ON l.id = f.location_id AND l.type = 'internal'
          GROUP BY 1, 2, 3)
       SELECT coalesce(s.product_id, g.product_id) AS "productId", coalesce(s.location_id, g.location_id) AS "locationId",
              coalesce(s.batch_id, g.batch_id) AS "batchId",
              trim_scale(coalesce(s.quantity, 0))::text AS level, trim_scale(coalesce(g.quantity, 0))::text AS ledger
         FROM stock_levels s
         FULL JOIN ledger g ON g.product_id = s.product_id AND g.location_id = s.location_id AND g.batch_id IS NOT DISTINCT FROM s.batch_id
        WHERE coalesce(s.quantity, 0) <> coalesce(g.quantity, 0)
        LIMIT 1000`,
    );
    const negative = await this.dataSource.query(
      `SELECT product_id AS "productId", location_id AS "locationId", batch_id AS "batchId", trim_scale(quantity)::text AS level, NULL AS ledger
         FROM stock_levels WHERE quantity < 0 LIMIT 1000`,
    );
    return {
      ok: mismatches.length === 0 && negative.length === 0,
      checkedLevels: checked,
      mismatches,
      negativeLevels: negative,
    };
  }

  private ledgerWhere(
    user: AuthenticatedUser,
    query: LedgerFilterDto,
    params: unknown[],
  ): string[] {
    // A move belongs to the warehouses of the locations it touches.
    const scope = this.scope.visibleWarehouseIds(user);
    const where: string[] = ['TRUE'];
    const add = conditionAdder(params, where);
    if (scope) add('(sl.warehouse_id = ANY(?::uuid[]) OR dl.warehouse_id = ANY(?::uuid[]))', scope);
    if (query.warehouseId) add('(sl.warehouse_id = ? OR dl.warehouse_id = ?)', query.warehouseId);
    if (query.locationId)
      add('(m.source_location_id = ? OR m.destination_location_id = ?)', query.locationId);
    if (query.productId) add('m.product_id = ?', query.productId);
    if (query.batchId) add('m.batch_id = ?', query.batchId);
    if (query.operationId) add('m.operation_id = ?', query.operationId);
    if (query.from) add('m.done_at >= ?', query.from);
    if (query.to) add('m.done_at < ?', query.to);
    return where;
  }
}
