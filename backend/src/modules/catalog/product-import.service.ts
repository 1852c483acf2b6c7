import { HttpStatus, Injectable } from '@nestjs/common';
import {
  CatalogErrorCode,
  IMPORT_MAX_ROWS,
  ImportResult,
  ImportRowError,
} from '@stockmaster/contracts';
import { parse } from 'csv-parse';
import { Readable } from 'node:stream';
import { DataSource, EntityManager } from 'typeorm';
import { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { DomainError, ValidationError } from '../../common/errors/domain-error';
import { transaction } from '../../database/transaction';
import { AuditService } from '../audit/audit.service';
import { CategoriesService } from './categories.service';
import {
  CsvColumn,
  CsvProductRow,
  detectDelimiter,
  mergeRow,
  readHeader,
  readRow,
  sameProduct,
  StoredProduct,
} from './product-csv';
import { ProductRow, ProductsRepository } from './products.repository';
import { productWriteError } from './products.service';

/** Errors beyond this many are summarised: the client fixes the first ones first anyway. */
const MAX_REPORTED_ERRORS = 1_000;

function stored(row: ProductRow): StoredProduct {
  return {
    sku: row.sku,
    name: row.name,
    description: row.description,
    categoryId: row.category_id,
    unit: row.unit,
    barcode: row.barcode,
    tracking: row.tracking,
    shelfLifeDays: row.shelf_life_days,
    expiryWarningDays: row.expiry_warning_days,
  };
}

/**
 * CSV import: upsert by SKU, all or nothing. Rows are parsed as a stream and checked one by one,
 * then against each other and the database; only a file without a single error is written, in
 * one transaction of set-based statements.
 */
@Injectable()
export class ProductImportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly products: ProductsRepository,
    private readonly categories: CategoriesService,
    private readonly audit: AuditService,
  ) {}

  async import(file: Buffer, dryRun: boolean, caller: AuthenticatedUser): Promise<ImportResult> {
    const { rows, errors } = await this.parse(file);
    if (errors.length) return this.result(dryRun, 0, 0, 0, 0, errors);

    const run = async (manager: EntityManager): Promise<ImportResult> => {
      const plan = await this.plan(manager, rows, !dryRun);
      if (plan.errors.length || dryRun) {
        return this.result(
          dryRun,
          plan.created,
          plan.updated,
          plan.unchanged,
          plan.categoriesCreated,
          plan.errors,
        );
      }
      await this.products.upsertMany(manager, plan.writes);
      await this.audit.record(manager, {
        actor: caller,
        action: 'product.imported',
        entityType: 'product',
        summary: {
          created: plan.created,
          updated: plan.updated,
          unchanged: plan.unchanged,
          categoriesCreated: plan.categoriesCreated,
        },
      });
      return this.result(
        false,
        plan.created,
        plan.updated,
        plan.unchanged,
        plan.categoriesCreated,
        [],
      );
    };

    if (dryRun) return run(this.dataSource.manager);
    try {
      // Categories created for a file that turns out to be invalid roll back with it.
      return await transaction(this.dataSource, async (manager) => {
        const result = await run(manager);
        if (result.errors.length) throw new RollbackWith(result);
        return result;
      });
    } catch (error) {
      if (error instanceof RollbackWith) return error.result;
      throw productWriteError(error);
    }
  }

  /** Streams the file through csv-parse, validating each record as it comes. */
  private async parse(file: Buffer): Promise<{ rows: CsvProductRow[]; errors: ImportRowError[] }> {
    const text = file.toString('utf8');
    if (text.includes('\uFFFD')) {
      throw new ValidationError([{ field: 'file', message: 'The file is not UTF-8 text' }]);
    }
    const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
    const parser = Readable.from([file]).pipe(
      parse({
        bom: true,
        delimiter: detectDelimiter(firstLine),
        relax_column_count: true,
        skip_empty_lines: true,
        info: true,
      }),
    );
    const rows: CsvProductRow[] = [];
    const errors: ImportRowError[] = [];
    let columns: CsvColumn[] | null = null;
    try {
      for await (const { record, info } of parser as AsyncIterable<{
        record: string[];
        info: { lines: number };
      }>) {
        if (!columns) {
          const header = readHeader(record);
          if ('problems' in header) {
            throw new ValidationError(
              header.problems.map((message) => ({ field: 'file', message: `Header: ${message}` })),
            );
          }
          columns = header.columns;
          continue;
        }
        if (rows.length + errors.length >= IMPORT_MAX_ROWS) {
          throw new DomainError(
            HttpStatus.PAYLOAD_TOO_LARGE,
            CatalogErrorCode.ImportTooLarge,
            `A file may hold at most ${IMPORT_MAX_ROWS} rows`,
          );
        }
        const { row, errors: rowErrors } = readRow(record, columns, info.lines);
        if (row) rows.push(row);
        if (errors.length < MAX_REPORTED_ERRORS) errors.push(...rowErrors);
      }
    } catch (error) {
      if (error instanceof DomainError) throw error;
      const message = error instanceof Error ? error.message : String(error);
      throw new ValidationError([
        { field: 'file', message: `The file is not valid CSV: ${message}` },
      ]);
    } finally {
      parser.destroy();
    }
    if (!columns)
      throw new ValidationError([
        { field: 'file', message: 'The file is empty: a header row is required' },
      ]);
    return { rows, errors };
  }

  /** Checks rows against each other and the database, and works out what to write. */
  private async plan(manager: EntityManager, rows: CsvProductRow[], createCategories: boolean) {
    const errors: ImportRowError[] = [];
    const seenSku = new Map<string, number>();
    const seenBarcode = new Map<string, number>();
    for (const row of rows) {
      const sku = row.sku.toLowerCase();
      const first = seenSku.get(sku);
      if (first)
        errors.push({
          row: row.line,
          column: 'sku',
          message: `sku ${row.sku} already appears on line ${first}`,
        });
      else seenSku.set(sku, row.line);
      if (row.barcode) {
        const owner = seenBarcode.get(row.barcode);
        if (owner)
          errors.push({
            row: row.line,
            column: 'barcode',
            message: `barcode ${row.barcode} already appears on line ${owner}`,
          });
        else seenBarcode.set(row.barcode, row.line);
      }
    }

    const existing = await this.products.findBySkus(manager, [...seenSku.keys()]);
    const barcodeOwners = await this.products.barcodeOwners(manager, [...seenBarcode.keys()]);
    for (const row of rows) {
      const owner = row.barcode ? barcodeOwners.get(row.barcode) : undefined;
      if (owner && owner !== row.sku.toLowerCase()) {
        errors.push({
          row: row.line,
          column: 'barcode',
          message: `barcode ${row.barcode} belongs to product ${owner}`,
        });
      }
    }
    const paths = [
      ...new Set(rows.map((row) => row.category).filter((path): path is string => !!path)),
    ];
    const { ids: categoryIds, created: categoriesCreated } = errors.length
      ? { ids: new Map<string, string | null>(), created: 0 }
      : await this.categories.resolvePaths(manager, paths, createCategories);

    const writes: StoredProduct[] = [];
    let created = 0;
    let updated = 0;
    let unchanged = 0;
    for (const row of rows) {
      const current = existing.get(row.sku.toLowerCase());
      const categoryId =
        row.category === undefined
          ? undefined
          : row.category === null
            ? null
            : categoryIds.get(row.category.toLowerCase());
      const { product, error } = mergeRow(row, current ? stored(current) : undefined, categoryId);
      if (error) errors.push(error);
      if (!product) continue;
      if (!current) created++;
      else if (sameProduct(product, stored(current))) {
        unchanged++;
        continue;
      } else updated++;
      writes.push(product);
    }
    errors.sort((a, b) => a.row - b.row);
    return {
      errors: errors.slice(0, MAX_REPORTED_ERRORS),
      writes,
      created,
      updated,
      unchanged,
      categoriesCreated,
    };
  }

  private result(
    dryRun: boolean,
    created: number,
    updated: number,
    unchanged: number,
    categoriesCreated: number,
    errors: ImportRowError[],
  ): ImportResult {
    return errors.length
      ? {
          dryRun,
          created: dryRun ? created : 0,
          updated: dryRun ? updated : 0,
          unchanged: dryRun ? unchanged : 0,
          categoriesCreated: dryRun ? categoriesCreated : 0,
          errors,
        }
      : { dryRun, created, updated, unchanged, categoriesCreated, errors };
  }
}

/** Carries an import's report out of the transaction it must roll back. */
class RollbackWith extends Error {
  constructor(readonly result: ImportResult) {
    super('import rolled back');
  }
}
