import { Injectable } from '@nestjs/common';
import { Operation, OperationDetail, OperationStatus, OperationType } from '@stockmaster/contracts';
import { EntityManager } from 'typeorm';
import { preparedQuery } from '../../database/prepared';
import { escapeLike, conditionAdder, selectRows, SqlPart } from '../../common/sql';
import {
  LineInsert,
  LineRow,
  OperationHeader,
  LineView,
  MoveView,
  OperationRow,
  OperationView,
  toDetail,
  toOperation,
} from './operation-rows';
import {
  insertLinesSql,
  lineParameters,
  operationInsertPart,
  pendingReference,
} from './operation-inserts';

const OPERATION_SELECT = `
  SELECT o.*, sl.full_name AS source_name, dl.full_name AS destination_name,
         cu.full_name AS created_by_name, vu.full_name AS validated_by_name,
         (SELECT r.id FROM operations r WHERE r.reversal_of_id = o.id) AS reversed_by_id,
         (SELECT count(*)::int FROM operation_lines l WHERE l.operation_id = o.id) AS line_count
    FROM operations o
    LEFT JOIN locations sl ON sl.id = o.source_location_id
    LEFT JOIN locations dl ON dl.id = o.destination_location_id
    LEFT JOIN users cu ON cu.id = o.created_by
    LEFT JOIN users vu ON vu.id = o.validated_by`;

export const MOVE_SELECT = `
  SELECT m.id::text, m.operation_id, o.reference, m.line_id, m.product_id, p.sku, p.name AS product_name, p.unit,
         m.batch_id, b.code AS batch_code, b.expires_at AS batch_expires_at, m.source_location_id, sl.full_name AS source_name,
         m.destination_location_id, dl.full_name AS destination_name, trim_scale(m.quantity)::text AS quantity, m.done_at
    FROM stock_moves m
    LEFT JOIN batches b ON b.id = m.batch_id
    JOIN operations o ON o.id = m.operation_id
    JOIN products p ON p.id = m.product_id
    JOIN locations sl ON sl.id = m.source_location_id
    JOIN locations dl ON dl.id = m.destination_location_id`;

export interface OperationFilter {
  type?: OperationType;
  status?: OperationStatus;
  warehouseId?: string;
  productId?: string;
  from?: string;
  to?: string;
  search?: string;
  visibleWarehouses: string[] | null;
  sort: string;
  direction: 'ASC' | 'DESC';
  page: number;
  limit: number;
}

export const OPERATION_SORT_COLUMNS: Record<string, string> = {
  createdAt: 'o.created_at',
  doneAt: 'o.done_at',
  reference: 'o.reference',
  scheduledAt: 'o.scheduled_at',
};

/** A pending reference as a JSON string value; group 1 is the operation id. */
const PENDING_IN_JSON = /"pending\/([0-9a-f-]{36})"/g;

@Injectable()
export class OperationsRepository {
  /** What an operation is called until its transaction commits (`pendingReference`). */
  pendingReference(id: string): string {
    return pendingReference(id);
  }

  /**
   * Inserts an operation with its lines, in one statement, under its pending reference: a
   * draft, or — for a posting, after its moves — already done and validated by `validatedBy`.
   * Answers the timestamps the row got (the transaction's time).
   */
  async insert(
    manager: EntityManager,
    header: OperationHeader,
    lines: LineInsert[],
    validatedBy: string | null = null,
    along?: SqlPart,
  ): Promise<{ createdAt: Date; doneAt: Date | null }> {
    const part = this.insertPart(header, lines, validatedBy, along);
    const [row] = await preparedQuery<{ created_at: Date; done_at: Date | null }>(
      manager,
      `WITH ${part.sql(1)}
       SELECT * FROM op`,
      part.values,
    );
    return { createdAt: row.created_at, doneAt: row.done_at };
  }

  /**
   * `insert` as parts of another statement (`WITH` parts `op`, `op_lines` and `op_along`): a
   * posting writes its operation in the statement that writes its moves (StockRepository.postMoves),
   * gated on the posting going through.
   */
  insertPart(
    header: OperationHeader,
    lines: LineInsert[],
    validatedBy: string | null = null,
    along?: SqlPart,
  ): SqlPart {
    return operationInsertPart(header, lines, validatedBy, along);
  }

  /**
   * An answer written inside a transaction carries the pending references of the operations it
   * created; once committed, they have their numbers. Replaces each by its number (a stored
   * idempotent answer too, when it is replayed).
   */
  async resolveReferences<T>(manager: EntityManager, body: T): Promise<T> {
    const text = JSON.stringify(body);
    const ids = [...new Set(Array.from(text.matchAll(PENDING_IN_JSON), (match) => match[1]))];
    if (!ids.length) return body;
    const rows = await preparedQuery<{ id: string; reference: string }>(
      manager,
      `SELECT id, reference FROM operations WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    const numbers = new Map(rows.map((row) => [row.id, row.reference]));
    return JSON.parse(
      text.replace(PENDING_IN_JSON, (pending, id: string) =>
        numbers.has(id) ? JSON.stringify(numbers.get(id)) : pending,
      ),
    ) as T;
  }

  async updateHeader(
    manager: EntityManager,
    header: Omit<OperationHeader, 'createdBy'>,
  ): Promise<void> {
    await manager.query(
      `UPDATE operations SET type = $2, warehouse_id = $3, source_location_id = $4, destination_location_id = $5,
              partner = $6, scheduled_at = $7, notes = $8, include_children = $9, updated_at = now() WHERE id = $1`,
      [
        header.id,
        header.type,
        header.warehouseId,
        header.sourceLocationId,
        header.destinationLocationId,
        header.partner,
        header.scheduledAt,
        header.notes,
        header.includeChildren,
      ],
    );
  }

  async replaceLines(
    manager: EntityManager,
    operationId: string,
    lines: LineInsert[],
  ): Promise<void> {
    await manager.query(`DELETE FROM operation_lines WHERE operation_id = $1`, [operationId]);
    await this.insertLines(manager, operationId, lines);
  }

  async insertLines(
    manager: EntityManager,
    operationId: string,
    lines: LineInsert[],
  ): Promise<void> {
    if (!lines.length) return;
    await manager.query(insertLinesSql(1), lineParameters(operationId, lines));
  }

  async lock(manager: EntityManager, id: string): Promise<OperationRow | null> {
    const rows = await selectRows<OperationRow>(
      manager,
      `SELECT * FROM operations WHERE id = $1 FOR UPDATE`,
      [id],
    );
    return rows[0] ?? null;
  }

  async find(manager: EntityManager, id: string): Promise<OperationRow | null> {
    const rows = await selectRows<OperationRow>(manager, `SELECT * FROM operations WHERE id = $1`, [
      id,
    ]);
    return rows[0] ?? null;
  }

  async lines(manager: EntityManager, operationId: string): Promise<LineRow[]> {
    return selectRows<LineRow>(
      manager,
      `SELECT id, line_no, product_id, batch_id, new_batch, quantity::text, counted_quantity::text, source_location_id,
              destination_location_id, accept_expired
         FROM operation_lines WHERE operation_id = $1 ORDER BY line_no`,
      [operationId],
    );
  }

  /** Receipt lines' inline batches, once the batches module has created (or found) them. */
  async setLineBatches(
    manager: EntityManager,
    batches: { lineId: string; batchId: string }[],
  ): Promise<void> {
    if (!batches.length) return;
    await manager.query(
      `UPDATE operation_lines l SET batch_id = k.batch_id
         FROM unnest($1::uuid[], $2::uuid[]) AS k(id, batch_id) WHERE l.id = k.id`,
      [batches.map((b) => b.lineId), batches.map((b) => b.batchId)],
    );
  }

  async isReversed(manager: EntityManager, id: string): Promise<boolean> {
    const [{ reversed }] = await selectRows<{ reversed: boolean }>(
      manager,
      `SELECT EXISTS (SELECT 1 FROM operations WHERE reversal_of_id = $1) AS reversed`,
      [id],
    );
    return reversed;
  }

  async markDone(manager: EntityManager, id: string, userId: string): Promise<void> {
    await manager.query(
      `UPDATE operations SET status = 'done', done_at = now(), validated_by = $2, updated_at = now() WHERE id = $1`,
      [id, userId],
    );
  }

  async markCancelled(manager: EntityManager, id: string): Promise<void> {
    await manager.query(
      `UPDATE operations SET status = 'cancelled', updated_at = now() WHERE id = $1`,
      [id],
    );
  }

  /** The operation's header row with the names it shows (no lines or moves). */
  async view(manager: EntityManager, id: string): Promise<OperationView | null> {
    const rows = await selectRows<OperationView>(manager, `${OPERATION_SELECT} WHERE o.id = $1`, [
      id,
    ]);
    return rows[0] ?? null;
  }

  async detail(manager: EntityManager, id: string): Promise<OperationDetail | null> {
    const operation = await this.view(manager, id);
    if (!operation) return null;
    const lines = await selectRows<LineView>(
      manager,
      `SELECT l.id, l.line_no, l.product_id, p.sku, p.name AS product_name, p.unit, l.batch_id,
                b.code AS batch_code, b.expires_at AS batch_expires_at, l.new_batch,
                trim_scale(l.quantity)::text AS quantity, trim_scale(l.counted_quantity)::text AS counted_quantity,
                l.source_location_id, sl.full_name AS source_name, l.destination_location_id, dl.full_name AS destination_name,
                l.accept_expired
           FROM operation_lines l
           JOIN products p ON p.id = l.product_id
           LEFT JOIN batches b ON b.id = l.batch_id
           LEFT JOIN locations sl ON sl.id = l.source_location_id
           LEFT JOIN locations dl ON dl.id = l.destination_location_id
          WHERE l.operation_id = $1 ORDER BY l.line_no`,
      [id],
    );
    const moves = await selectRows<MoveView>(
      manager,
      `${MOVE_SELECT} WHERE m.operation_id = $1 ORDER BY m.id`,
      [id],
    );
    return toDetail(operation, lines, moves);
  }

  async list(
    manager: EntityManager,
    filter: OperationFilter,
  ): Promise<{ rows: Operation[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = conditionAdder(params, where);
    if (filter.type) add('o.type = ?', filter.type);
    if (filter.status) add('o.status = ?', filter.status);
    if (filter.warehouseId) add('o.warehouse_id = ?', filter.warehouseId);
    if (filter.productId)
      add(
        'EXISTS (SELECT 1 FROM operation_lines ol WHERE ol.operation_id = o.id AND ol.product_id = ?)',
        filter.productId,
      );
    if (filter.from) add('o.created_at >= ?', filter.from);
    if (filter.to) add('o.created_at < ?', filter.to);
    if (filter.search)
      // The first condition holds for every committed operation; it lets the planner use the
      // trigram index, which holds numbered operations only.
      add(
        `o.reference NOT LIKE 'pending/%' AND (o.reference || ' ' || coalesce(o.partner, '')) ILIKE ?`,
        `%${escapeLike(filter.search)}%`,
      );
    if (filter.visibleWarehouses) add('o.warehouse_id = ANY(?::uuid[])', filter.visibleWarehouses);
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ total }] = await selectRows<{ total: number }>(
      manager,
      `SELECT count(*)::int AS total FROM operations o ${clause}`,
      params,
    );
    if (!total) return { rows: [], total };
    params.push(filter.limit, (filter.page - 1) * filter.limit);
    const order = `${OPERATION_SORT_COLUMNS[filter.sort]} ${filter.direction} NULLS LAST, o.id ${filter.direction}`;
    const rows = await selectRows<OperationView>(
      manager,
      `${OPERATION_SELECT} ${clause} ORDER BY ${order} LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
    return { rows: rows.map(toOperation), total };
  }
}
