import {
  batchDateProblems,
  StockImportColumn,
  StockImportRowError,
  StockImportWarehouse,
} from '@stockmaster/contracts';
import { StockCsvRow } from './stock-import-csv';
import { ImportBatch } from './stock-import.repository';

/** Reports a problem with one cell of the file. */
export type RowFail = (line: number, column: StockImportColumn, message: string) => void;

/** A batch the file names that its product does not have yet. */
export interface NewBatch {
  productId: string;
  code: string;
  expiresAt: string | null;
  producedAt: string | null;
  line: number;
  id?: string;
}

/** A row resolved against the database: one count line of a warehouse's draft. */
export interface CountLine {
  line: number;
  warehouseId: string;
  productId: string;
  locationId: string;
  countedQuantity: string;
  batchId: string | null;
  newBatch: NewBatch | null;
}

export interface Plan {
  rows: number;
  errors: StockImportRowError[];
  lines: CountLine[];
  newBatches: NewBatch[];
  warehouseCodes: Map<string, string>;
}

/** An existing batch is counted as it is: dates the file gives must be the stored ones. */
export function sameDates(row: StockCsvRow, batch: ImportBatch, fail: RowFail): void {
  const stored = { expiresAt: batch.expires_at, producedAt: batch.produced_at };
  for (const column of ['expiresAt', 'producedAt'] as const) {
    if (row[column] && row[column] !== stored[column])
      fail(
        row.line,
        column,
        `Batch ${batch.code} exists with ${column} ${stored[column] ?? 'empty'}: give that date or leave it empty`,
      );
  }
}

/**
 * A batch to create, with the batches module's date rules; rows naming the same new batch
 * must agree on its dates.
 */
export function newBatch(
  row: StockCsvRow,
  productId: string,
  today: string,
  earlier: NewBatch | undefined,
  fail: RowFail,
): NewBatch | undefined {
  if (earlier) {
    let agrees = true;
    for (const column of ['expiresAt', 'producedAt'] as const) {
      if (row[column] !== earlier[column]) {
        agrees = false;
        fail(
          row.line,
          column,
          `Batch ${earlier.code} has ${column} ${earlier[column] ?? 'empty'} on line ${earlier.line}: give the same date`,
        );
      }
    }
    return agrees ? earlier : undefined;
  }
  const problems = batchDateProblems(
    { producedAt: row.producedAt, expiresAt: row.expiresAt },
    today,
    ['producedAt', 'expiresAt'],
  );
  for (const problem of problems)
    fail(row.line, problem.field as StockImportColumn, problem.message);
  if (problems.length) return undefined;
  return {
    productId,
    code: row.batch!,
    expiresAt: row.expiresAt,
    producedAt: row.producedAt,
    line: row.line,
  };
}

/** The count lines of each warehouse, in file order. */
export function byWarehouse(lines: CountLine[]): Map<string, CountLine[]> {
  const groups = new Map<string, CountLine[]>();
  for (const line of lines) {
    const group = groups.get(line.warehouseId);
    if (group) group.push(line);
    else groups.set(line.warehouseId, [line]);
  }
  return groups;
}

/** What each warehouse gets: its lines, its new batches and the drafts made for it. */
export function summary(
  plan: Plan,
  drafts: Map<string, { id: string; reference: string }[]>,
): StockImportWarehouse[] {
  return [...byWarehouse(plan.lines)]
    .map(([warehouseId, lines]) => ({
      warehouseId,
      warehouseCode: plan.warehouseCodes.get(warehouseId)!,
      lines: lines.length,
      newBatches: new Set(lines.filter((line) => line.newBatch).map((line) => line.newBatch)).size,
      drafts: drafts.get(warehouseId) ?? [],
    }))
    .sort((a, b) => a.warehouseCode.localeCompare(b.warehouseCode));
}
