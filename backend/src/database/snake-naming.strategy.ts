import { DefaultNamingStrategy, NamingStrategyInterface, Table, View } from 'typeorm';

const snake = (name: string): string =>
  name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1_$2')
    .toLowerCase();

/** `users` → `user`, `categories` → `category`, `batches` → `batch`: enough for table names. */
const singular = (name: string): string =>
  name
    .replace(/ies$/, 'y')
    .replace(/(ch|sh|ss|x|z)es$/, '$1')
    .replace(/([^s])s$/, '$1');

/** PostgreSQL's identifiers are at most 63 bytes; longer names are silently truncated. */
const MAX_IDENTIFIER = 63;

/**
 * The name PostgreSQL itself gives a constraint or index created without one (its
 * `makeObjectName`): `name1_name2_label`, the longer of the two names shortened first when the
 * whole would not fit.
 */
function postgresObjectName(name1: string, name2: string, label: string): string {
  const available = MAX_IDENTIFIER - label.length - 1 - (name2 ? 1 : 0);
  let keep1 = name1.length;
  let keep2 = name2.length;
  while (keep1 + keep2 > available) {
    if (keep1 > keep2) keep1--;
    else keep2--;
  }
  return [name1.slice(0, keep1), name2.slice(0, keep2), label].filter(Boolean).join('_');
}

/**
 * Tables, columns, join columns and junction tables are snake_case in SQL, and unnamed keys,
 * constraints and indexes get the names PostgreSQL would give them (`users_pkey`,
 * `users_email_key`, `operations_created_by_fkey`): the hand-written migrations leave most of
 * them unnamed, so an entity that does not name one still agrees with the database.
 */
export class SnakeNamingStrategy extends DefaultNamingStrategy implements NamingStrategyInterface {
  override tableName(className: string, customName?: string): string {
    return customName ?? snake(className);
  }

  override columnName(
    propertyName: string,
    customName: string | undefined,
    prefixes: string[],
  ): string {
    return snake([...prefixes, customName ?? propertyName].join('_'));
  }

  override relationName(propertyName: string): string {
    return snake(propertyName);
  }

  override joinColumnName(relationName: string, referencedColumnName: string): string {
    return snake(`${relationName}_${referencedColumnName}`);
  }

  /** `User.warehouses` ↔ `Warehouse` meet in `user_warehouses`. */
  override joinTableName(
    firstTableName: string,
    _secondTableName: string,
    firstPropertyName: string,
  ): string {
    return `${singular(firstTableName)}_${snake(firstPropertyName.replace(/\./g, '_'))}`;
  }

  /** `users.id` is `user_id` in a junction table. */
  override joinTableColumnName(
    tableName: string,
    propertyName: string,
    columnName?: string,
  ): string {
    return `${singular(tableName)}_${columnName ?? snake(propertyName)}`;
  }

  override primaryKeyName(tableOrName: Table | string): string {
    return postgresObjectName(this.getTableName(tableOrName), '', 'pkey');
  }

  override uniqueConstraintName(tableOrName: Table | string, columnNames: string[]): string {
    return postgresObjectName(this.getTableName(tableOrName), columnNames.join('_'), 'key');
  }

  /** The unique constraint of a one-to-one join column. */
  override relationConstraintName(tableOrName: Table | string, columnNames: string[]): string {
    return this.uniqueConstraintName(tableOrName, columnNames);
  }

  override foreignKeyName(tableOrName: Table | string, columnNames: string[]): string {
    return postgresObjectName(this.getTableName(tableOrName), columnNames.join('_'), 'fkey');
  }

  override indexName(tableOrName: Table | View | string, columnNames: string[]): string {
    const table = typeof tableOrName === 'string' ? tableOrName : tableOrName.name;
    return postgresObjectName(this.getTableName(table), columnNames.join('_'), 'idx');
  }

  /** PostgreSQL names a check after its one column, which the expression alone cannot tell: name checks. */
  override checkConstraintName(tableOrName: Table | string): string {
    return postgresObjectName(this.getTableName(tableOrName), '', 'check');
  }

  override exclusionConstraintName(tableOrName: Table | string): string {
    return postgresObjectName(this.getTableName(tableOrName), '', 'excl');
  }
}
