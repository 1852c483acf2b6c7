import { createHash } from 'node:crypto';
import type { PoolClient } from 'pg';
import { EntityManager, QueryFailedError } from 'typeorm';

const names = new Map<string, string>();

/** One name per statement text, so a connection never sees one name with two texts. */
function nameOf(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `sm_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    names.set(text, name);
  }
  return name;
}

/**
 * Runs `text` as a named prepared statement on the manager's connection (its transaction's, when
 * it has one): PostgreSQL parses and plans it once per connection rather than on every call.
 * For the statements every posting and every request run, hundreds of times a second; the rest
 * use `manager.query`. Answers the rows (also for INSERT/UPDATE … RETURNING); fails with the
 * same QueryFailedError as `manager.query`.
 */
export async function preparedQuery<T>(
  manager: EntityManager,
  text: string,
  values: unknown[],
): Promise<T[]> {
  const runner = manager.queryRunner ?? manager.connection.createQueryRunner();
  try {
    const client = (await runner.connect()) as PoolClient;
    try {
      const result = await client.query({ name: nameOf(text), text, values });
      return result.rows as T[];
    } catch (error) {
      throw new QueryFailedError(text, values, error as Error);
    }
  } finally {
    if (runner !== manager.queryRunner) await runner.release();
  }
}
