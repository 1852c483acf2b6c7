import { HttpStatus, Injectable } from '@nestjs/common';
import {
  CatalogErrorCode,
  IMPORT_MAX_ROWS,
  ImportResult,
  ImportRowError,
} from '@stockmaster/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { DomainError, ValidationError } from '../../common/errors/domain-error';
import { readCsvFile } from '../../common/http/csv-file';
import { transaction } from '../../database/transaction';
import { AuditService } from '../audit/audit.service';
import { CategoriesService } from './categories.service';
import {
  CsvColumn,
  CsvProductRow,
  mergeRow,
  readHeader,
  readRow,
  sameProduct,
  StoredProduct,
} from './product-csv';
import { productFields, ProductsRepository } from './products.repository';
import { productWriteError } from './products.service';

/** Errors beyond this many are summarised: the client fixes the first ones first anyway. */
const MAX_REPORTED_ERRORS = 1_000;

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
    const { rows, errors: rowErrors } = await this.parse(file);

    // A file with row errors is still checked across rows and against the database (without
    // creating anything), so the report lists every problem in one pass.
    if (dryRun || rowErrors.length) {
      return this.result(dryRun, await this.plan(this.dataSource.manager, rows, false, rowErrors));
    }
    try {
      return await transaction(this.dataSource, async (manager) => {
        const plan = await this.plan(manager, rows, true, []);
        // Categories created for a file that turns out to be invalid roll back with it.
        if (plan.errors.length) throw new RollbackWith(this.result(false, plan));
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
        return this.result(false, plan);
      });
    } catch (error) {
      if (error instanceof RollbackWith) return error.result;
      throw productWriteError(error);
    }
  }

  /** Streams the file through csv-parse, validating each record as it comes. */
  private async parse(file: Buffer): Promise<{ rows: CsvProductRow[]; errors: ImportRowError[] }> {
    const rows: CsvProductRow[] = [];
    const errors: ImportRowError[] = [];
    let columns: CsvColumn[] | null = null;
    for await (const { cells, line } of readCsvFile(file)) {
      if (!columns) {
        const header = readHeader(cells);
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
      const { row, errors: rowErrors } = readRow(cells, columns, line);
      if (row) rows.push(row);
      if (errors.length < MAX_REPORTED_ERRORS) errors.push(...rowErrors);
    }
    if (!columns)
      throw new ValidationError([
        { field: 'file', message: 'The file is empty: a header row is required' },
      ]);
    return { rows, errors };
  }

  /** Checks rows against each other and the database, and works out what to write. */
  private async plan(
    manager: EntityManager,
    rows: CsvProductRow[],
    createCategories: boolean,
    rowErrors: ImportRowError[],
  ) {
    const errors: ImportRowError[] = [...rowErrors];
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
      if (owner && owner.toLowerCase() !== row.sku.toLowerCase()) {
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
    const { ids: categoryIds, created: categoriesCreated } = await this.categories.resolvePaths(
      manager,
      paths,
      createCategories && errors.length === 0,
    );

    // A row with any problem is neither written nor counted: the counts describe what the file
    // would do once its bad rows are fixed or removed.
    const failedLines = new Set(errors.map((error) => error.row));
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
      const { product, error } = mergeRow(
        row,
        current ? productFields(current) : undefined,
        categoryId,
      );
      if (error) errors.push(error);
      if (!product || failedLines.has(row.line)) continue;
      if (!current) created++;
      else if (sameProduct(product, productFields(current))) {
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

  /** A failed real import wrote nothing, so its counts are zero; a dry run says what it would do. */
  private result(dryRun: boolean, plan: Omit<ImportResult, 'dryRun'>): ImportResult {
    const { created, updated, unchanged, categoriesCreated, errors } = plan;
    return errors.length && !dryRun
      ? { dryRun, created: 0, updated: 0, unchanged: 0, categoriesCreated: 0, errors }
      : { dryRun, created, updated, unchanged, categoriesCreated, errors };
  }
}

/** Carries an import's report out of the transaction it must roll back. */
class RollbackWith extends Error {
  constructor(readonly result: ImportResult) {
    super('import rolled back');
  }
}
