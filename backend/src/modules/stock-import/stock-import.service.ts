import { HttpStatus, Injectable } from '@nestjs/common';
import {
  CatalogErrorCode,
  STOCK_IMPORT_MAX_ROWS,
  StockImportColumn,
  StockImportResult,
  StockImportRowError,
} from '@stockmaster/contracts';
import { DataSource } from 'typeorm';
import { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { WarehouseScope } from '../../common/auth/warehouse-scope';
import { DomainError, ValidationError } from '../../common/errors/domain-error';
import { readCsvFile } from '../../common/http/csv-file';
import { transaction } from '../../database/transaction';
import { BatchesService } from '../batches/batches.service';
import { CreateOperationDto, MAX_OPERATION_LINES } from '../stock-moves/dto/operation.dto';
import { OperationsService } from '../stock-moves/operations.service';
import { readStockHeader, readStockRow, StockCsvRow } from './stock-import-csv';
import {
  byWarehouse,
  CountLine,
  NewBatch,
  newBatch,
  Plan,
  sameDates,
  summary,
} from './stock-import-rows';
import { batchKey, ImportBatch, StockImportRepository } from './stock-import.repository';

/** Errors beyond this many are left out: the client fixes the first ones first anyway. */
const MAX_REPORTED_ERRORS = 1_000;

/**
 * Opening stock and counts from a CSV file: each warehouse's rows become a draft adjustment
 * with counted quantities, to be reviewed and validated like any count, so the stock enters the
 * ledger the usual way. All or nothing: with any bad row nothing is written, and the batches and
 * drafts are written in one transaction. Drafts and batches are created through their own
 * modules' services.
 */
@Injectable()
export class StockImportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: StockImportRepository,
    private readonly operations: OperationsService,
    private readonly batches: BatchesService,
    private readonly scope: WarehouseScope,
  ) {}

  async import(
    file: Buffer,
    dryRun: boolean,
    caller: AuthenticatedUser,
    fileName?: string,
  ): Promise<StockImportResult> {
    const parsed = await this.parse(file);
    const plan = await this.plan(parsed.rows, parsed.errors, caller);
    if (dryRun || plan.errors.length) {
      return {
        dryRun,
        rows: plan.rows,
        // A failed real import wrote nothing: its counts are zero. A dry run says what it would do.
        newBatches: dryRun ? plan.newBatches.length : 0,
        warehouses: dryRun ? summary(plan, new Map()) : [],
        errors: plan.errors,
      };
    }
    // The batches and every draft in one transaction: should anything fail, nothing is written
    // and the same file can simply be imported again. Batches first: the drafts' lines name them.
    const created = await transaction(this.dataSource, async (manager) => {
      const ids = await this.batches.createMany(
        manager,
        plan.newBatches.map((batch) => ({
          productId: batch.productId,
          code: batch.code,
          producedAt: batch.producedAt,
          expiresAt: batch.expiresAt,
          notes: 'Created by a stock import',
        })),
        caller,
      );
      plan.newBatches.forEach((batch, index) => (batch.id = ids[index]));
      const requests: { warehouseId: string; request: CreateOperationDto }[] = [
        ...byWarehouse(plan.lines),
      ].flatMap(([warehouseId, lines]) =>
        // A draft holds at most MAX_OPERATION_LINES lines, as one created through the API does.
        chunked(lines, MAX_OPERATION_LINES).map((chunk) => ({
          warehouseId,
          request: {
            type: 'adjustment',
            warehouseId,
            notes: `Stock import${fileName ? ` of ${fileName}` : ''}`.slice(0, 2000),
            lines: chunk.map((line) => ({
              productId: line.productId,
              locationId: line.locationId,
              countedQuantity: line.countedQuantity,
              ...(line.batchId || line.newBatch
                ? { batchId: (line.batchId ?? line.newBatch!.id)! }
                : {}),
            })),
          },
        })),
      );
      const drafts = await this.operations.createAll(
        manager,
        requests.map(({ request }) => request),
        caller,
      );
      return requests.map(({ warehouseId }, index) => ({ warehouseId, ...drafts[index] }));
    });
    // Numbered at commit: the references are read once it is done.
    const numbered = await this.operations.numbered(created);
    const drafts = new Map<string, { id: string; reference: string }[]>();
    for (const { warehouseId, id, reference } of numbered)
      drafts.set(warehouseId, [...(drafts.get(warehouseId) ?? []), { id, reference }]);
    return {
      dryRun: false,
      rows: plan.rows,
      newBatches: plan.newBatches.length,
      warehouses: summary(plan, drafts),
      errors: [],
    };
  }

  /** Reads the file record by record, checking each row's cells on their own. */
  private async parse(
    file: Buffer,
  ): Promise<{ rows: StockCsvRow[]; errors: StockImportRowError[] }> {
    const rows: StockCsvRow[] = [];
    const errors: StockImportRowError[] = [];
    let columns: StockImportColumn[] | null = null;
    let count = 0;
    for await (const { cells, line } of readCsvFile(file)) {
      if (!columns) {
        const header = readStockHeader(cells);
        if ('problems' in header) {
          throw new ValidationError(
            header.problems.map((message) => ({ field: 'file', message: `Header: ${message}` })),
          );
        }
        columns = header.columns;
        continue;
      }
      if (++count > STOCK_IMPORT_MAX_ROWS) {
        throw new DomainError(
          HttpStatus.PAYLOAD_TOO_LARGE,
          CatalogErrorCode.ImportTooLarge,
          `A file may hold at most ${STOCK_IMPORT_MAX_ROWS} rows`,
        );
      }
      const { row, errors: rowErrors } = readStockRow(cells, columns, line);
      if (row) rows.push(row);
      errors.push(...rowErrors);
    }
    if (!columns) {
      throw new ValidationError([
        { field: 'file', message: 'The file is empty: a header row is required' },
      ]);
    }
    if (count === 0) {
      throw new ValidationError([
        { field: 'file', message: 'The file has a header but no rows to import' },
      ]);
    }
    return { rows, errors };
  }

  /**
   * Checks the rows against the database and each other with one query per kind (products,
   * locations, batches), and works out the count lines and the batches to create.
   */
  private async plan(
    rows: StockCsvRow[],
    rowErrors: StockImportRowError[],
    caller: AuthenticatedUser,
  ): Promise<Plan> {
    const errors = [...rowErrors];
    const fail = (line: number, column: StockImportColumn | null, message: string) =>
      errors.push({ line, column, message });
    const manager = this.dataSource.manager;
    const products = await this.repository.productsBySku(manager, [
      ...new Set(rows.map((row) => row.sku.toLowerCase())),
    ]);
    const locations = await this.repository.locationsByPath(manager, [
      ...new Set(rows.map((row) => row.location.toLowerCase())),
    ]);
    const pairs = new Map<string, { productId: string; code: string }>();
    for (const row of rows) {
      const product = products.get(row.sku.toLowerCase());
      if (product && row.batch)
        pairs.set(batchKey(product.id, row.batch), { productId: product.id, code: row.batch });
    }
    const existing = await this.repository.batchesByCode(manager, [...pairs.values()]);
    const today = this.batches.today();

    const lines: CountLine[] = [];
    const newBatches = new Map<string, NewBatch>();
    const seen = new Map<string, number>();
    const warehouseCodes = new Map<string, string>();
    for (const row of rows) {
      const before = errors.length;
      const product = products.get(row.sku.toLowerCase());
      if (!product) fail(row.line, 'sku', `No product has the SKU ${row.sku}`);
      else if (!product.active) fail(row.line, 'sku', `Product ${product.sku} is archived`);

      const location = locations.get(row.location.toLowerCase());
      if (!location || (location.warehouse_id && !this.scope.canUse(caller, location.warehouse_id)))
        // Another warehouse's location reads as unknown to a caller limited to theirs.
        fail(row.line, 'location', `No location ${row.location} in your warehouses`);
      else if (location.type !== 'internal')
        fail(
          row.line,
          'location',
          `${location.full_name} is a ${location.type} location: stock is counted in a warehouse's locations`,
        );

      let batch: ImportBatch | undefined;
      let fresh: NewBatch | undefined;
      if (product?.tracking === 'batch') {
        if (!row.batch)
          fail(row.line, 'batch', `Product ${product.sku} is batch-tracked: give the batch code`);
        else {
          const key = batchKey(product.id, row.batch);
          batch = existing.get(key);
          if (batch) sameDates(row, batch, fail);
          else fresh = newBatch(row, product.id, today, newBatches.get(key), fail);
          if (fresh) newBatches.set(key, fresh);
        }
      } else if (product) {
        if (row.batch)
          fail(row.line, 'batch', `Product ${product.sku} is not batch-tracked: leave batch empty`);
        for (const column of ['expiresAt', 'producedAt'] as const)
          if (row[column])
            fail(
              row.line,
              column,
              `Product ${product.sku} is not batch-tracked: leave ${column} empty`,
            );
      }

      if (product && location) {
        const key = `${product.id}|${location.id}|${row.batch?.toLowerCase() ?? ''}`;
        const first = seen.get(key);
        if (first !== undefined)
          fail(
            row.line,
            null,
            `${product.sku} at ${location.full_name}${row.batch ? `, batch ${row.batch}` : ''} is already counted on line ${first}`,
          );
        else seen.set(key, row.line);
      }
      if (errors.length > before || !product || !location) continue;
      warehouseCodes.set(location.warehouse_id!, location.warehouse_code!);
      lines.push({
        line: row.line,
        warehouseId: location.warehouse_id!,
        productId: product.id,
        locationId: location.id,
        countedQuantity: row.quantity,
        batchId: batch?.id ?? null,
        newBatch: fresh ?? null,
      });
    }
    errors.sort((a, b) => a.line - b.line);
    return {
      rows: rows.length + new Set(rowErrors.map((error) => error.line)).size,
      errors: errors.slice(0, MAX_REPORTED_ERRORS),
      lines,
      newBatches: [...newBatches.values()],
      warehouseCodes,
    };
  }
}

/** `items` in runs of at most `size`. */
function chunked<T>(items: T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size)
    chunks.push(items.slice(start, start + size));
  return chunks;
}
