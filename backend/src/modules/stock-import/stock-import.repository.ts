import { Injectable } from '@nestjs/common';
import { LocationType } from '@stockmaster/contracts';
import { EntityManager } from 'typeorm';

export interface ImportProduct {
  id: string;
  sku: string;
  active: boolean;
  tracking: 'none' | 'batch';
}

export interface ImportLocation {
  id: string;
  full_name: string;
  type: LocationType;
  warehouse_id: string | null;
  warehouse_code: string | null;
}

export interface ImportBatch {
  id: string;
  product_id: string;
  code: string;
  expires_at: string | null;
  produced_at: string | null;
}

export const batchKey = (productId: string, code: string) => `${productId}|${code.toLowerCase()}`;

/** Set-based reads for the import: one query per kind, whatever the size of the file. */
@Injectable()
export class StockImportRepository {
  /** By lower-cased SKU. */
  async productsBySku(manager: EntityManager, skus: string[]): Promise<Map<string, ImportProduct>> {
    const rows: ImportProduct[] = await manager.query(
      `SELECT id, sku, active, tracking FROM products WHERE lower(sku) = ANY($1::text[])`,
      [skus.map((sku) => sku.toLowerCase())],
    );
    return new Map(rows.map((row) => [row.sku.toLowerCase(), row]));
  }

  /** By lower-cased full path (unique, case-insensitive). */
  async locationsByPath(
    manager: EntityManager,
    paths: string[],
  ): Promise<Map<string, ImportLocation>> {
    const rows: ImportLocation[] = await manager.query(
      `SELECT l.id, l.full_name, l.type, l.warehouse_id, w.code AS warehouse_code
         FROM locations l LEFT JOIN warehouses w ON w.id = l.warehouse_id
        WHERE lower(l.full_name) = ANY($1::text[])`,
      [paths.map((path) => path.toLowerCase())],
    );
    return new Map(rows.map((row) => [row.full_name.toLowerCase(), row]));
  }

  /** The existing batches among (product, code) pairs, by {@link batchKey}. */
  async batchesByCode(
    manager: EntityManager,
    pairs: { productId: string; code: string }[],
  ): Promise<Map<string, ImportBatch>> {
    if (!pairs.length) return new Map();
    const rows: ImportBatch[] = await manager.query(
      `SELECT b.id, b.product_id, b.code, b.expires_at::text AS expires_at, b.produced_at::text AS produced_at
         FROM batches b
         JOIN unnest($1::uuid[], $2::text[]) AS k(product_id, code)
           ON b.product_id = k.product_id AND lower(b.code) = k.code`,
      [pairs.map((pair) => pair.productId), pairs.map((pair) => pair.code.toLowerCase())],
    );
    return new Map(rows.map((row) => [batchKey(row.product_id, row.code), row]));
  }
}
