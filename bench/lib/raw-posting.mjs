// The ceiling for one-line postings: the transaction the API runs for `POST /stock-moves`,
// hand-written with `pg` and nothing else (no HTTP, no validation layer, no ORM, no response
// read-back). Plain parameterised queries, as the API sends them (no named prepared statements).
import { randomUUID } from 'node:crypto';

const LOCK_LEVELS = `
  SELECT id, location_id, quantity::text AS quantity FROM stock_levels
   WHERE product_id = $1 AND location_id = ANY($2::uuid[]) AND batch_id IS NULL
   ORDER BY id FOR UPDATE`;
const APPLY_DELTAS = `
  UPDATE stock_levels s SET quantity = s.quantity + d.delta, updated_at = now()
    FROM unnest($1::bigint[], $2::numeric[]) AS d(id, delta) WHERE s.id = d.id`;
const INSERT_MOVE = `
  INSERT INTO stock_moves (operation_id, line_id, product_id, source_location_id,
                           destination_location_id, quantity)
  VALUES ($1, $2, $3, $4, $5, $6)`;
const NEXT_NUMBER = `
  INSERT INTO operation_sequences (warehouse_id, type, last_value) VALUES ($1, 'transfer', 1)
  ON CONFLICT (warehouse_id, type) DO UPDATE SET last_value = operation_sequences.last_value + 1
  RETURNING last_value`;
const INSERT_OPERATION = `
  INSERT INTO operations (id, reference, type, warehouse_id, source_location_id,
                          destination_location_id, created_by)
  VALUES ($1, $2, 'transfer', $3, $4, $5, $6)`;
const INSERT_LINE = `
  INSERT INTO operation_lines (id, operation_id, line_no, product_id, quantity, source_location_id,
                               destination_location_id)
  VALUES ($1, $2, 0, $3, $4, $5, $6)`;
const MARK_DONE = `
  UPDATE operations SET status = 'done', done_at = now(), validated_by = $2, updated_at = now()
   WHERE id = $1`;
const AUDIT = `
  INSERT INTO audit_log (actor_id, actor_email, action, entity_type, entity_id, summary)
  VALUES ($1, $2, 'operation.validated', 'operation', $3, $4)`;

/**
 * `post({ productId, from, to, quantity })` on a connection of `pool`: lock both levels in id
 * order, check the source, update both, write the move, number the operation from its
 * warehouse's gap-free sequence (as late as the API does), write it with its line, mark it done,
 * add the audit entry, commit. Resolves with nothing, or 'insufficient stock'.
 */
export function rawPoster(pool, { warehouse, user }) {
  return async function post({ productId, from, to, quantity }) {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const { rows: levels } = await client.query(LOCK_LEVELS, [productId, [from, to]]);
      const source = levels.find((level) => level.location_id === from);
      const destination = levels.find((level) => level.location_id === to);
      if (!source || !destination || Number(source.quantity) < Number(quantity)) {
        await client.query('ROLLBACK');
        return 'insufficient stock';
      }
      await client.query(APPLY_DELTAS, [
        [source.id, destination.id],
        [`-${quantity}`, quantity],
      ]);
      const operationId = randomUUID();
      const lineId = randomUUID();
      await client.query(INSERT_MOVE, [operationId, lineId, productId, from, to, quantity]);
      const {
        rows: [{ last_value: number }],
      } = await client.query(NEXT_NUMBER, [warehouse.id]);
      const reference = `${warehouse.code}/INT/${String(number).padStart(5, '0')}`;
      await client.query(INSERT_OPERATION, [
        operationId,
        reference,
        warehouse.id,
        from,
        to,
        user.id,
      ]);
      await client.query(INSERT_LINE, [lineId, operationId, productId, quantity, from, to]);
      await client.query(MARK_DONE, [operationId, user.id]);
      await client.query(AUDIT, [
        user.id,
        user.email,
        operationId,
        JSON.stringify({ shortcut: true, productId, quantity }),
      ]);
      await client.query('COMMIT');
      return undefined;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  };
}
