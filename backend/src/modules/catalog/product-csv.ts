import {
  DEFAULT_EXPIRY_WARNING_DAYS,
  ImportRowError,
  PRODUCT_CSV_COLUMNS,
  SKU_PATTERN,
  Tracking,
  TRACKING,
  Unit,
  UNITS,
} from '@stockmaster/contracts';
import { unescapeCsvCell } from '../../common/http/csv-cells';
export { detectDelimiter } from '../../common/http/csv-file';
import { BARCODE_PATTERN } from './dto/product.dto';
import type { ProductFields } from './products.repository';

export type CsvColumn = (typeof PRODUCT_CSV_COLUMNS)[number];

/** A row as the file states it: only the columns of the header, empty cells as null. */
export interface CsvProductRow {
  line: number;
  sku: string;
  name?: string | null;
  description?: string | null;
  category?: string | null;
  unit?: Unit | null;
  barcode?: string | null;
  tracking?: Tracking | null;
  shelfLifeDays?: number | null;
  expiryWarningDays?: number | null;
}

const BY_LOWER_NAME = new Map<string, CsvColumn>(
  PRODUCT_CSV_COLUMNS.map((column) => [column.toLowerCase(), column]),
);

/**
 * Maps header cells to known columns (case-insensitive). Returns the columns in file order, or
 * the problems that make the whole file unusable.
 */
export function readHeader(cells: string[]): { columns: CsvColumn[] } | { problems: string[] } {
  const problems: string[] = [];
  const columns: CsvColumn[] = [];
  cells.forEach((cell, index) => {
    const column = BY_LOWER_NAME.get(cell.trim().toLowerCase());
    if (!column) problems.push(`unknown column "${cell.trim()}" at position ${index + 1}`);
    else if (columns.includes(column)) problems.push(`column "${column}" appears twice`);
    else columns.push(column);
  });
  for (const required of ['sku', 'name'] as const) {
    if (!columns.includes(required)) problems.push(`the header must have a "${required}" column`);
  }
  return problems.length ? { problems } : { columns };
}

function integer(
  value: string,
  column: CsvColumn,
  line: number,
  errors: ImportRowError[],
): number | null {
  if (!/^\d{1,5}$/.test(value) || Number(value) > 36500) {
    errors.push({ row: line, column, message: `${column} must be a whole number from 0 to 36500` });
    return null;
  }
  return Number(value);
}

/** Validates one record's cells; the cross-row and database rules come later. */
export function readRow(
  cells: string[],
  columns: CsvColumn[],
  line: number,
): { row: CsvProductRow | null; errors: ImportRowError[] } {
  const errors: ImportRowError[] = [];
  if (cells.length !== columns.length) {
    return {
      row: null,
      errors: [
        {
          row: line,
          column: null,
          message: `expected ${columns.length} cells, found ${cells.length}`,
        },
      ],
    };
  }
  const row: CsvProductRow = { line, sku: '' };
  columns.forEach((column, index) => {
    if (cells[index].includes('\u0000')) {
      errors.push({ row: line, column, message: `${column} must not contain a NUL character` });
      return;
    }
    // The export escapes cells a spreadsheet would run as formulas; this gives back the text.
    const value = unescapeCsvCell(cells[index].trim());
    const empty = value === '';
    switch (column) {
      case 'sku':
        if (!SKU_PATTERN.test(value))
          errors.push({
            row: line,
            column,
            message: 'sku must be 1 to 64 letters, digits, dots, underscores or dashes',
          });
        row.sku = value;
        break;
      case 'name':
        if (empty) errors.push({ row: line, column, message: 'name is required' });
        else if (value.length > 200)
          errors.push({ row: line, column, message: 'name must be at most 200 characters' });
        row.name = empty ? null : value;
        break;
      case 'description':
        if (value.length > 2000)
          errors.push({
            row: line,
            column,
            message: 'description must be at most 2000 characters',
          });
        row.description = empty ? null : value;
        break;
      case 'category': {
        const segments = value.split('/').map((segment) => segment.trim());
        if (!empty && segments.some((segment) => segment === '' || segment.length > 100)) {
          errors.push({
            row: line,
            column,
            message: 'category must be a path like Meat/Poultry (segments of 1 to 100 characters)',
          });
        }
        row.category = empty ? null : segments.join('/');
        break;
      }
      case 'unit':
        if (!empty && !UNITS.includes(value as Unit))
          errors.push({ row: line, column, message: `unit must be one of ${UNITS.join(', ')}` });
        row.unit = empty ? null : (value as Unit);
        break;
      case 'barcode':
        if (!empty && !BARCODE_PATTERN.test(value))
          errors.push({
            row: line,
            column,
            message: 'barcode must be 1 to 64 printable characters without spaces',
          });
        row.barcode = empty ? null : value;
        break;
      case 'tracking':
        if (!empty && !TRACKING.includes(value as Tracking))
          errors.push({
            row: line,
            column,
            message: `tracking must be one of ${TRACKING.join(', ')}`,
          });
        row.tracking = empty ? null : (value as Tracking);
        break;
      case 'shelfLifeDays':
        row.shelfLifeDays = empty ? null : integer(value, column, line, errors);
        break;
      case 'expiryWarningDays':
        row.expiryWarningDays = empty ? null : integer(value, column, line, errors);
        break;
    }
  });
  return { row: errors.length ? null : row, errors };
}

/** A product's fields as stored (an import compares each row with them). */
export type StoredProduct = ProductFields;

/**
 * The product a row describes. Columns absent from the header keep the stored value; an empty
 * cell clears an optional field, and gives unit, tracking and expiryWarningDays their default for
 * a new product or keeps the stored value for an existing one.
 */
export function mergeRow(
  row: CsvProductRow,
  existing: StoredProduct | undefined,
  categoryId: string | null | undefined,
): { product: StoredProduct | null; error: ImportRowError | null } {
  const unit = row.unit ?? existing?.unit;
  if (!unit)
    return {
      product: null,
      error: { row: row.line, column: 'unit', message: 'unit is required for a new product' },
    };
  const pick = <T>(given: T | null | undefined, stored: T | undefined, fallback: T): T =>
    (given ?? stored ?? fallback) as T;
  return {
    product: {
      sku: existing?.sku ?? row.sku,
      name: row.name ?? existing!.name,
      description:
        row.description !== undefined ? row.description : (existing?.description ?? null),
      categoryId: categoryId !== undefined ? categoryId : (existing?.categoryId ?? null),
      unit,
      barcode: row.barcode !== undefined ? row.barcode : (existing?.barcode ?? null),
      tracking: pick(row.tracking, existing?.tracking, 'none' as Tracking),
      shelfLifeDays:
        row.shelfLifeDays !== undefined ? row.shelfLifeDays : (existing?.shelfLifeDays ?? null),
      expiryWarningDays: pick(
        row.expiryWarningDays,
        existing?.expiryWarningDays,
        DEFAULT_EXPIRY_WARNING_DAYS,
      ),
    },
    error: null,
  };
}

export function sameProduct(a: StoredProduct, b: StoredProduct): boolean {
  return (Object.keys(a) as (keyof StoredProduct)[]).every((key) => a[key] === b[key]);
}
