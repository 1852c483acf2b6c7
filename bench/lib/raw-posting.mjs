// The baseline for one-line postings: the statements the API sends for `POST /stock-moves`, in
// the API's order, on a plain `pg` connection — with none of the API's HTTP, validation, Nest or
// TypeORM. The statement texts are not copied: they come from the API's own compiled
// repositories (dist/), so the baseline sends the very same SQL (same named prepared statements,
// same locks, numbering at commit by the same trigger, the same audit row). The benchmark checks
// with pg_stat_statements that both sides ran the same statements per posting.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ROOT } from '../../scripts/lib/build.mjs';
import { timeOrderedIdSql } from './ids.mjs';

const require = createRequire(import.meta.url);
/** A module of the compiled API (dist/api/backend/src/`path`). */
export const distModule = (path) => require(join(ROOT, 'dist/api/backend/src', path));
const dist = distModule;

/**
 * The `EntityManager` surface the repositories use, on one `pg` client: `preparedQuery` takes
 * the query runner's connection, `selectRows` / `manager.query` answer the rows.
 */
function managerOn(client) {
  return {
    queryRunner: { connect: async () => client },
    query: async (text, values) => (await client.query(text, values)).rows,
  };
}

/**
 * `post({ productId, from, to, quantity })` on a connection of `pool`, as the API posts a
 * one-line transfer: the caller (read once, as the API's user cache does), look up product and
 * locations, then one statement that is its own transaction: it locks both levels in id order
 * and, when the source has the stock, applies both deltas and writes the move, the operation done
 * with its line (numbered by the database at commit) and the audit entry; then read the
 * operation's number. Resolves with nothing, or a reason.
 */
export function rawPoster(pool, { warehouse, user }) {
  const { StockRepository } = dist('modules/stock-moves/stock.repository.js');
  const { OperationsRepository } = dist('modules/stock-moves/operations.repository.js');
  const { UsersRepository } = dist('modules/auth/users.repository.js');
  const { AuditRepository } = dist('modules/audit/audit.repository.js');
  // The API's ids: time-ordered (UUID version 7).
  const { timeOrderedId } = dist('common/time-ordered-id.js');
  const stock = new StockRepository();
  const operations = new OperationsRepository();
  const users = new UsersRepository();
  const audit = new AuditRepository();

  // The API holds its signed-in user in memory (UserCache, dropped when the database announces a
  // change): the caller is read once, as the API reads it once.
  let caller = null;
  return async function post({ productId, from, to, quantity }) {
    const client = await pool.connect();
    const manager = managerOn(client);
    try {
      caller ??= await users.findById(manager, user.id);
      if (!caller || caller.status !== 'active') return 'no active user';
      const { products, locations } = await stock.lookup(manager, {
        productIds: [productId],
        locationIds: [from, to],
        batchIds: [],
      });
      if (!products.has(productId) || locations.size !== 2) return 'unknown product or location';
      const keys = [from, to].map((locationId) => ({
        productId,
        locationId,
        warehouseId: warehouse.id,
        batchId: null,
      }));
      const operationId = timeOrderedId();
      const lineId = timeOrderedId();
      const { refused } = await stock.postMoves(
        manager,
        [
          { key: keys[0], delta: `-${quantity}` },
          { key: keys[1], delta: quantity },
        ],
        operationId,
        [{ lineId, productId, batchId: null, from, to, quantity }],
        operations.insertPart(
          {
            id: operationId,
            type: 'transfer',
            warehouseId: warehouse.id,
            sourceLocationId: from,
            destinationLocationId: to,
            includeChildren: false,
            partner: null,
            scheduledAt: null,
            notes: null,
            createdBy: user.id,
          },
          [
            {
              id: lineId,
              productId,
              batchId: null,
              quantity,
              countedQuantity: null,
              sourceLocationId: from,
              destinationLocationId: to,
              newBatch: null,
              acceptExpired: false,
            },
          ],
          user.id,
          audit.insertPart({
            actor: { id: user.id, email: user.email },
            action: 'operation.validated',
            entityType: 'operation',
            entityId: operationId,
            summary: { shortcut: true, productId, quantity },
            ip: '127.0.0.1',
          }),
        ),
      );
      if (refused) return 'missing level or insufficient stock';
      await operations.resolveReferences(manager, {
        reference: operations.pendingReference(operationId),
      });
      return undefined;
    } finally {
      client.release();
    }
  };
}

/**
 * The same posting as pgbench runs it (the physical reference: C, no Node at all): the look-up,
 * then one statement as its own transaction — the locks in id order, the deltas, the move, the
 * operation done with its line (numbered at commit by the same trigger) and the audit row. It
 * checks no stock (the bench's levels hold plenty; the table's CHECK still guards them) and
 * answers nothing: the same rows and locks with less work — a ceiling, not a twin. Ids come from
 * the tables `bench_products (n, id)` and `bench_locations (n, id)`.
 */
export function pgbenchScript({ warehouse, user, products, locations }) {
  const product = `(SELECT id FROM bench_products WHERE n = :p)`;
  const loc = (v) => `(SELECT id FROM bench_locations WHERE n = :${v})`;
  return `\\set p random(1, ${products})
\\set f random(1, ${locations})
\\set t 1 + (:f + random(0, ${locations - 2})) % ${locations}
SELECT id, tracking, active FROM products WHERE id = ${product};
WITH locked AS MATERIALIZED (
  SELECT id, location_id FROM stock_levels
   WHERE product_id = ${product} AND location_id IN (${loc('f')}, ${loc('t')}) AND batch_id IS NULL
   ORDER BY id FOR UPDATE),
levels AS (
  UPDATE stock_levels s SET quantity = s.quantity + CASE WHEN l.location_id = ${loc('f')} THEN -1 ELSE 1 END, updated_at = now()
    FROM locked l WHERE s.id = l.id),
op AS (
  INSERT INTO operations (id, reference, type, warehouse_id, source_location_id, destination_location_id,
                          created_by, status, done_at, validated_by)
  SELECT g.id, 'pending/' || g.id, 'transfer', '${warehouse.id}', ${loc('f')}, ${loc('t')}, '${user.id}', 'done', now(), '${user.id}'
    FROM (SELECT ${timeOrderedIdSql('clock_timestamp()')} AS id) g RETURNING id),
line AS (
  INSERT INTO operation_lines (id, operation_id, line_no, product_id, quantity, source_location_id, destination_location_id)
  SELECT ${timeOrderedIdSql('clock_timestamp()')}, op.id, 0, ${product}, 1, ${loc('f')}, ${loc('t')} FROM op RETURNING id, operation_id),
audit AS (
  INSERT INTO audit_log (actor_id, actor_email, action, entity_type, entity_id, summary, ip)
  SELECT '${user.id}', '${user.email}', 'operation.validated', 'operation', operation_id, json_build_object('shortcut', true), '127.0.0.1' FROM line)
INSERT INTO stock_moves (operation_id, line_id, product_id, source_location_id, destination_location_id, quantity)
SELECT operation_id, id, ${product}, ${loc('f')}, ${loc('t')}, 1 FROM line;
`;
}
