import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Products in SKU order: a page of stock levels in their default order (SKU, location, batch)
 * walks this index and stops after the page, from the start or from a keyset cursor, instead of
 * sorting every level of the warehouse (products_sku_key is on lower(sku), not this order).
 */
export class LevelPageOrder1764048000000 implements MigrationInterface {
  name = 'LevelPageOrder1764048000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX products_sku_order ON products (sku)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX products_sku_order`);
  }
}
