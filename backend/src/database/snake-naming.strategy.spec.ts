import { SnakeNamingStrategy } from './snake-naming.strategy';

describe('SnakeNamingStrategy', () => {
  const naming = new SnakeNamingStrategy();

  it('maps camelCase properties and relations to snake_case columns', () => {
    expect(naming.columnName('hasStockHistory', undefined, [])).toBe('has_stock_history');
    expect(naming.columnName('id', 'created_by', [])).toBe('created_by');
    expect(naming.joinColumnName('sourceLocation', 'id')).toBe('source_location_id');
  });

  it('names junction tables and their columns the way the migrations do', () => {
    expect(naming.joinTableName('users', 'warehouses', 'warehouses')).toBe('user_warehouses');
    expect(naming.joinTableColumnName('users', 'id', 'id')).toBe('user_id');
    expect(naming.joinTableInverseColumnName('warehouses', 'id', 'id')).toBe('warehouse_id');
    expect(naming.joinTableColumnName('categories', 'id')).toBe('category_id');
    expect(naming.joinTableColumnName('batches', 'id')).toBe('batch_id');
    expect(naming.joinTableColumnName('addresses', 'id')).toBe('address_id');
  });

  it('gives unnamed keys, constraints and indexes the names PostgreSQL gives them', () => {
    expect(naming.primaryKeyName('users')).toBe('users_pkey');
    expect(naming.uniqueConstraintName('operation_lines', ['operation_id', 'line_no'])).toBe(
      'operation_lines_operation_id_line_no_key',
    );
    expect(naming.relationConstraintName('operations', ['reversal_of_id'])).toBe(
      'operations_reversal_of_id_key',
    );
    expect(naming.foreignKeyName('operations', ['created_by'])).toBe('operations_created_by_fkey');
    expect(naming.indexName('stock_moves', ['operation_id'])).toBe('stock_moves_operation_id_idx');
  });

  it('shortens a long name as PostgreSQL does: the longer part first, to 63 characters', () => {
    const table = 'a'.repeat(40);
    const column = 'b'.repeat(40);
    // As printed by PostgreSQL for this table and column.
    expect(naming.foreignKeyName(table, [column])).toBe(`${'a'.repeat(29)}_${'b'.repeat(28)}_fkey`);
    expect(naming.uniqueConstraintName(table, [column])).toBe(
      `${'a'.repeat(29)}_${'b'.repeat(29)}_key`,
    );
    expect(naming.primaryKeyName(table)).toBe(`${table}_pkey`);
  });
});
