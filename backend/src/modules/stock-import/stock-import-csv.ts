import {
  QUANTITY_PATTERN,
  STOCK_IMPORT_COLUMNS,
  STOCK_IMPORT_REQUIRED_COLUMNS,
  StockImportColumn,
  StockImportRowError,
} from '@stockmaster/contracts';
import { unescapeCsvCell } from '../../common/http/csv-cells';
import { isCalendarDate } from '../../common/http/dto/calendar-date';

/** A row as the file states it: trimmed cells, empty optional cells as null. */
export interface StockCsvRow {
  line: number;
  sku: string;
  location: string;
  /** Decimal string, at most 3 decimals. */
  quantity: string;
  batch: string | null;
  expiresAt: string | null;
  producedAt: string | null;
}

const BY_LOWER_NAME = new Map<string, StockImportColumn>(
  STOCK_IMPORT_COLUMNS.map((column) => [column.toLowerCase(), column]),
);

/**
 * Maps header cells to known columns (case-insensitive). Returns the columns in file order, or
 * the problems that make the whole file unusable.
 */
export function readStockHeader(
  cells: string[],
): { columns: StockImportColumn[] } | { problems: string[] } {
  const problems: string[] = [];
  const columns: StockImportColumn[] = [];
  cells.forEach((cell, index) => {
    const column = BY_LOWER_NAME.get(cell.trim().toLowerCase());
    if (!column) problems.push(`unknown column "${cell.trim()}" at position ${index + 1}`);
    else if (columns.includes(column)) problems.push(`column "${column}" appears twice`);
    else columns.push(column);
  });
  for (const required of STOCK_IMPORT_REQUIRED_COLUMNS) {
    if (!columns.includes(required)) problems.push(`the header must have a "${required}" column`);
  }
  return problems.length ? { problems } : { columns };
}

/** Validates one record's cells on their own; products, locations and batches are checked later. */
export function readStockRow(
  cells: string[],
  columns: StockImportColumn[],
  line: number,
): { row: StockCsvRow | null; errors: StockImportRowError[] } {
  if (cells.length !== columns.length) {
    return {
      row: null,
      errors: [
        { line, column: null, message: `expected ${columns.length} cells, found ${cells.length}` },
      ],
    };
  }
  const errors: StockImportRowError[] = [];
  const fail = (column: StockImportColumn, message: string) =>
    errors.push({ line, column, message });
  const row: StockCsvRow = {
    line,
    sku: '',
    location: '',
    quantity: '',
    batch: null,
    expiresAt: null,
    producedAt: null,
  };
  columns.forEach((column, index) => {
    if (cells[index].includes('\u0000')) {
      fail(column, `${column} must not contain a NUL character`);
      return;
    }
    // Our own exports escape formula-like cells; this gives back the text.
    const value = unescapeCsvCell(cells[index].trim());
    switch (column) {
      case 'sku':
        if (!value) fail(column, 'sku is required');
        row.sku = value;
        break;
      case 'location': {
        // Paths are compared segment by segment, so `MAIN / Stock` finds `MAIN/Stock`.
        const path = value
          .split('/')
          .map((segment) => segment.trim())
          .join('/');
        if (!value) fail(column, 'location is required (a full path such as MAIN/Stock/Cold room)');
        row.location = path;
        break;
      }
      case 'quantity':
        if (!value) fail(column, 'quantity is required (the quantity counted, 0 or more)');
        else if (!QUANTITY_PATTERN.test(value))
          fail(column, 'quantity must be a number from 0 with at most 3 decimals, such as 12.5');
        row.quantity = value;
        break;
      case 'batch':
        if (value.length > 64) fail(column, 'batch must be at most 64 characters');
        row.batch = value || null;
        break;
      case 'expiresAt':
      case 'producedAt':
        if (value && !isCalendarDate(value))
          fail(column, `${column} must be a date YYYY-MM-DD, such as 2026-12-31`);
        row[column] = value || null;
        break;
    }
  });
  return { row: errors.length ? null : row, errors };
}

/** The template: the header and two example rows, an untracked and a batch-tracked product. */
export function stockImportTemplate(): string {
  return [
    STOCK_IMPORT_COLUMNS.join(','),
    'FLOUR-25KG,MAIN/Stock,12,,,',
    'MILK-1L,MAIN/Stock/Cold room,24.5,L-2611-07,2026-12-31,2026-11-20',
  ]
    .map((line) => `${line}\r\n`)
    .join('');
}
