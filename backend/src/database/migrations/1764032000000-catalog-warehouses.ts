import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Categories, products, warehouses with their location trees, and reorder rules. Uniqueness,
 * formats and the location rules live here as constraints, not only in code.
 */
export class CatalogWarehouses1764032000000 implements MigrationInterface {
  name = 'CatalogWarehouses1764032000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE categories (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100 AND name = btrim(name) AND position('/' IN name) = 0),
        parent_id uuid REFERENCES categories (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (parent_id IS NULL OR parent_id <> id)
      )`);
    // NULLS NOT DISTINCT: two roots with the same name collide too.
    await q.query(
      `CREATE UNIQUE INDEX categories_sibling_name ON categories (parent_id, lower(name)) NULLS NOT DISTINCT`,
    );

    await q.query(`
      CREATE TABLE products (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        sku text NOT NULL CHECK (sku ~ '^[A-Za-z0-9._-]{1,64}$'),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200 AND name = btrim(name)),
        description text CHECK (length(description) <= 2000),
        category_id uuid REFERENCES categories (id) ON DELETE RESTRICT,
        unit text NOT NULL CHECK (unit IN ('unit', 'kg', 'g', 'l', 'ml', 'm', 'box', 'pack')),
        barcode text CHECK (barcode ~ '^[!-~]{1,64}$'),
        tracking text NOT NULL DEFAULT 'none' CHECK (tracking IN ('none', 'batch')),
        shelf_life_days integer CHECK (shelf_life_days BETWEEN 0 AND 36500),
        expiry_warning_days integer NOT NULL DEFAULT 2 CHECK (expiry_warning_days BETWEEN 0 AND 36500),
        active boolean NOT NULL DEFAULT true,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX products_sku_key ON products (lower(sku))`);
    await q.query(
      `CREATE UNIQUE INDEX products_barcode_key ON products (barcode) WHERE barcode IS NOT NULL`,
    );
    // One trigram index serves "SKU, name or barcode contains …" at 100,000 products.
    await q.query(
      `CREATE INDEX products_search_trgm ON products USING gin ((sku || ' ' || name || ' ' || coalesce(barcode, '')) gin_trgm_ops)`,
    );
    await q.query(`CREATE INDEX products_name ON products (name, id)`);
    await q.query(`CREATE INDEX products_created ON products (created_at, id)`);
    await q.query(`CREATE INDEX products_updated ON products (updated_at, id)`);
    await q.query(`CREATE INDEX products_category ON products (category_id)`);

    await q.query(`
      CREATE TABLE warehouses (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL UNIQUE CHECK (code ~ '^[A-Z0-9]{2,10}$'),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200 AND name = btrim(name)),
        address text CHECK (length(address) <= 500),
        has_stock_history boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE locations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        warehouse_id uuid REFERENCES warehouses (id) ON DELETE CASCADE,
        parent_id uuid REFERENCES locations (id),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100 AND name = btrim(name) AND position('/' IN name) = 0),
        full_name text NOT NULL,
        type text NOT NULL CHECK (type IN ('internal', 'supplier', 'customer', 'inventory', 'scrap')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT locations_internal_in_warehouse CHECK ((type = 'internal') = (warehouse_id IS NOT NULL)),
        CONSTRAINT locations_virtual_flat CHECK (type = 'internal' OR parent_id IS NULL),
        CHECK (parent_id IS NULL OR parent_id <> id)
      )`);
    await q.query(`CREATE UNIQUE INDEX locations_full_name_key ON locations (lower(full_name))`);
    await q.query(
      `CREATE UNIQUE INDEX locations_one_virtual_per_type ON locations (type) WHERE type <> 'internal'`,
    );
    await q.query(
      `CREATE UNIQUE INDEX locations_one_root_per_warehouse ON locations (warehouse_id) WHERE parent_id IS NULL AND type = 'internal'`,
    );
    await q.query(`CREATE INDEX locations_parent ON locations (parent_id)`);
    await q.query(`CREATE INDEX locations_warehouse ON locations (warehouse_id, full_name)`);
    await q.query(`
      INSERT INTO locations (name, full_name, type) VALUES
        ('Suppliers', 'Partners/Suppliers', 'supplier'),
        ('Customers', 'Partners/Customers', 'customer'),
        ('Inventory adjustment', 'Virtual/Inventory adjustment', 'inventory'),
        ('Scrap', 'Virtual/Scrap', 'scrap')`);

    await q.query(`
      CREATE TABLE reorder_rules (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        product_id uuid NOT NULL REFERENCES products (id) ON DELETE CASCADE,
        warehouse_id uuid NOT NULL REFERENCES warehouses (id) ON DELETE CASCADE,
        min_quantity numeric(15, 3) NOT NULL CHECK (min_quantity >= 0),
        max_quantity numeric(15, 3) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT reorder_rules_min_le_max CHECK (min_quantity <= max_quantity),
        CONSTRAINT reorder_rules_pair UNIQUE (product_id, warehouse_id)
      )`);
    await q.query(`CREATE INDEX reorder_rules_warehouse ON reorder_rules (warehouse_id)`);

    // Assignments made before warehouses existed could name anything; from now on they must exist.
    await q.query(`DELETE FROM user_warehouses`);
    await q.query(
      `ALTER TABLE user_warehouses ADD CONSTRAINT user_warehouses_warehouse_fk FOREIGN KEY (warehouse_id) REFERENCES warehouses (id) ON DELETE CASCADE`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE user_warehouses DROP CONSTRAINT IF EXISTS user_warehouses_warehouse_fk`,
    );
    for (const table of ['reorder_rules', 'locations', 'warehouses', 'products', 'categories']) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
