/** `%`, `_` and `\` typed by a user are literal characters in LIKE patterns, not wildcards. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

/** The SQLSTATE of a failed query, if it is one. */
export function pgCode(error: unknown): string | undefined {
  const e = error as { driverError?: { code?: string }; code?: string };
  return e.driverError?.code ?? e.code;
}

/** The constraint a failed query violated, if any. */
export function pgConstraint(error: unknown): string | undefined {
  const e = error as { driverError?: { constraint?: string }; constraint?: string };
  return e.driverError?.constraint ?? e.constraint;
}

export const PG_UNIQUE_VIOLATION = '23505';
export const PG_FOREIGN_KEY_VIOLATION = '23503';
export const PG_CHECK_VIOLATION = '23514';

/**
 * The adder of a dynamic WHERE clause: `add('p.sku = ?', sku)` pushes the value to `params` and
 * the condition, its `?` turned into the value's `$n`, to `conditions`. Values never enter the SQL.
 */
export function conditionAdder(
  params: unknown[],
  conditions: string[],
): (condition: string, value: unknown) => void {
  return (condition, value) => {
    params.push(value);
    conditions.push(condition.replaceAll('?', `$${params.length}`));
  };
}

/** Whatever can run a query: an EntityManager (in or out of a transaction) or the DataSource. */
export interface Queryable {
  query(text: string, parameters?: unknown[]): Promise<unknown>;
}

/**
 * Runs `text` and answers its rows typed as `T`: the statement's SELECT (or INSERT … RETURNING)
 * list is what `T` declares. Repositories use it so that no untyped row leaves them. Not for
 * UPDATE or DELETE: TypeORM answers those as [rows, row count].
 */
export async function selectRows<T>(
  runner: Queryable,
  text: string,
  parameters: unknown[] = [],
): Promise<T[]> {
  return (await runner.query(text, parameters)) as T[];
}

/**
 * A write that rides along in another repository's statement (as one more `WITH` part), saving a
 * round trip: its SQL with its parameters numbered from `$first`, and their values. With `gate`
 * (the name of another `WITH` part of the statement) it writes only when that part has a row.
 */
export interface SqlPart {
  sql(first: number, gate?: string): string;
  values: unknown[];
}
