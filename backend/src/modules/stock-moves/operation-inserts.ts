import { SqlPart } from '../../common/sql';
import { LineInsert, OperationHeader } from './operation-rows';

/**
 * The SQL that inserts operations and their lines, as statements of their own or as parts of a
 * posting's statement (OperationsRepository holds the statements that run them).
 */

/**
 * What an operation is called until its transaction commits: the database numbers it then
 * (trigger `operations_numbered`), from the gap-free sequence of its warehouse and type, so
 * that sequence row is locked only while the commit runs.
 */
export function pendingReference(id: string): string {
  return `pending/${id}`;
}

/**
 * Inserts the lines of one operation, numbered in array order, from the ten parameters
 * `lineParameters` gives, the first of them `$first`; with `gate` (a `WITH` part of the same
 * statement), only when it has a row.
 */
export function insertLinesSql(first: number, gate?: string): string {
  const [op, id, product, batch, quantity, counted, src, dst, newBatch, accept] = Array.from(
    { length: 10 },
    (_, i) => `$${first + i}`,
  );
  return `
    INSERT INTO operation_lines (id, operation_id, line_no, product_id, batch_id, quantity, counted_quantity,
                                 source_location_id, destination_location_id, new_batch, accept_expired)
    SELECT l.id, ${op}, l.ord - 1, l.product_id, l.batch_id, l.quantity, l.counted, l.src, l.dst, l.new_batch, l.accept
      FROM ${gate ? `${gate}, ` : ''}unnest(${id}::uuid[], ${product}::uuid[], ${batch}::uuid[], ${quantity}::numeric[], ${counted}::numeric[],
                  ${src}::uuid[], ${dst}::uuid[], ${newBatch}::jsonb[], ${accept}::boolean[])
           WITH ORDINALITY AS l(id, product_id, batch_id, quantity, counted, src, dst, new_batch, accept, ord)`;
}

export function lineParameters(operationId: string, lines: LineInsert[]): unknown[] {
  return [
    operationId,
    lines.map((l) => l.id),
    lines.map((l) => l.productId),
    lines.map((l) => l.batchId),
    lines.map((l) => l.quantity),
    lines.map((l) => l.countedQuantity),
    lines.map((l) => l.sourceLocationId),
    lines.map((l) => l.destinationLocationId),
    lines.map((l) => (l.newBatch ? JSON.stringify(l.newBatch) : null)),
    lines.map((l) => l.acceptExpired ?? false),
  ];
}

/**
 * An operation with its lines (and `along`) as `WITH` parts `op`, `op_lines` and `op_along`: a
 * draft, or — for a posting — done and validated by `validatedBy`. With a gate, all of them
 * write only when it has a row.
 */
export function operationInsertPart(
  header: OperationHeader,
  lines: LineInsert[],
  validatedBy: string | null,
  along?: SqlPart,
): SqlPart {
  return {
    sql: (first, gate) => {
      const $ = (n: number) => `$${first + n - 1}`;
      const from = gate ? `\n           FROM ${gate}` : '';
      const alongPart = along ? `,\n       op_along AS (${along.sql(first + 23, gate)})` : '';
      return `op AS (
         INSERT INTO operations (id, reference, type, warehouse_id, source_location_id, destination_location_id, partner,
                                 scheduled_at, notes, created_by, reversal_of_id, include_children, status, done_at, validated_by)
         SELECT ${$(1)}, ${$(2)}, ${$(3)}, ${$(4)}, ${$(5)}, ${$(6)}, ${$(7)}, ${$(8)}, ${$(9)}, ${$(10)}, ${$(11)}, ${$(12)},
                CASE WHEN ${$(13)}::uuid IS NULL THEN 'draft' ELSE 'done' END,
                CASE WHEN ${$(13)}::uuid IS NULL THEN NULL ELSE now() END, ${$(13)}${from}
         RETURNING created_at, done_at),
       op_lines AS (${insertLinesSql(first + 13, gate)})${alongPart}`;
    },
    values: [
      header.id,
      pendingReference(header.id),
      header.type,
      header.warehouseId,
      header.sourceLocationId,
      header.destinationLocationId,
      header.partner,
      header.scheduledAt,
      header.notes,
      header.createdBy,
      header.reversalOfId ?? null,
      header.includeChildren,
      validatedBy,
      ...lineParameters(header.id, lines),
      ...(along?.values ?? []),
    ],
  };
}
