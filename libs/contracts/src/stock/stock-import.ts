/** The columns of `POST /stock/import`, in the template's order. */
export const STOCK_IMPORT_COLUMNS = [
  'sku',
  'location',
  'quantity',
  'batch',
  'expiresAt',
  'producedAt',
] as const;
export type StockImportColumn = (typeof STOCK_IMPORT_COLUMNS)[number];

/** The columns every file must have; the batch columns are needed only for tracked products. */
export const STOCK_IMPORT_REQUIRED_COLUMNS: readonly StockImportColumn[] = [
  'sku',
  'location',
  'quantity',
];

/** At most this many data rows per file (the header not counted). */
export const STOCK_IMPORT_MAX_ROWS = 50_000;
/** At most this many bytes per file. */
export const STOCK_IMPORT_MAX_BYTES = 10 * 1024 * 1024;

/** One bad row: 1-based line in the file (the header is line 1), the column when one is at fault. */
export interface StockImportRowError {
  line: number;
  column: StockImportColumn | null;
  message: string;
}

/** What a file does in one warehouse: one draft adjustment (or, in a dry run, would). */
export interface StockImportWarehouse {
  warehouseId: string;
  warehouseCode: string;
  /** Count lines (one per row of this warehouse). */
  lines: number;
  /** Batch codes the file names that the product does not have yet (created with the drafts). */
  newBatches: number;
  /** The drafts created (empty in a dry run, or when the file has errors). */
  drafts: { id: string; reference: string }[];
}

/**
 * `POST /stock/import`: with any row error nothing is written and every error is listed (200, as
 * the product import answers); a dry run never writes.
 */
export interface StockImportResult {
  dryRun: boolean;
  /** Data rows read. */
  rows: number;
  /** Batches created (or, in a dry run, that would be). */
  newBatches: number;
  warehouses: StockImportWarehouse[];
  errors: StockImportRowError[];
}
