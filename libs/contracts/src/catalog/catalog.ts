export const UNITS = ['unit', 'kg', 'g', 'l', 'ml', 'm', 'box', 'pack'] as const;
export type Unit = (typeof UNITS)[number];

export const TRACKING = ['none', 'batch'] as const;
export type Tracking = (typeof TRACKING)[number];

export const SKU_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;
export const DEFAULT_EXPIRY_WARNING_DAYS = 2;

export interface Category {
  id: string;
  name: string;
  parentId: string | null;
  /** `Meat/Poultry`: names from the root, joined by `/`. */
  path: string;
  createdAt: string;
  updatedAt: string;
}

/** `GET /categories?tree=true`. */
export interface CategoryNode extends Category {
  children: CategoryNode[];
}

export interface CreateCategoryRequest {
  name: string;
  parentId?: string | null;
}

export interface UpdateCategoryRequest {
  name?: string;
  /** Move under another category, or to the root with `null`. */
  parentId?: string | null;
}

export interface Product {
  id: string;
  sku: string;
  name: string;
  description: string | null;
  categoryId: string | null;
  /** The category's path, for display. */
  categoryPath: string | null;
  unit: Unit;
  barcode: string | null;
  tracking: Tracking;
  shelfLifeDays: number | null;
  expiryWarningDays: number;
  active: boolean;
  /** Optimistic-lock version: send it back with PATCH; a stale one answers 409 STALE_VERSION. */
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** A row of the product list: the product and what the caller's warehouses hold of it. */
export interface ProductListItem extends Product {
  /** On hand in the caller's warehouses (agents: theirs), every batch and location. */
  onHand: string;
}

export interface CreateProductRequest {
  sku: string;
  name: string;
  description?: string | null;
  categoryId?: string | null;
  unit: Unit;
  barcode?: string | null;
  tracking?: Tracking;
  shelfLifeDays?: number | null;
  expiryWarningDays?: number;
}

export interface UpdateProductRequest extends Partial<CreateProductRequest> {
  version: number;
  active?: boolean;
}

export const PRODUCT_SORT_FIELDS = ['name', 'sku', 'createdAt', 'updatedAt'] as const;

export interface ProductListQuery {
  /** SKU, name or barcode, case-insensitive substring. */
  search?: string;
  categoryId?: string;
  tracking?: Tracking;
  active?: boolean;
  page?: number;
  limit?: number;
  sort?: string;
}

/** The CSV columns of import and export, in order. */
export const PRODUCT_CSV_COLUMNS = [
  'sku',
  'name',
  'description',
  'category',
  'unit',
  'barcode',
  'tracking',
  'shelfLifeDays',
  'expiryWarningDays',
] as const;

export const IMPORT_MAX_ROWS = 50_000;
export const IMPORT_MAX_BYTES = 10 * 1024 * 1024;

export interface ImportRowError {
  /** 1-based line number in the file (the header is line 1). */
  row: number;
  column: string | null;
  message: string;
}

/** `POST /products/import`: with any error nothing is written; a dry run never writes. */
export interface ImportResult {
  dryRun: boolean;
  /** Products created (or, in a dry run, that would be). */
  created: number;
  /** Existing products whose fields changed (or would). */
  updated: number;
  /** Rows identical to the product already stored: nothing to do. */
  unchanged: number;
  /** Categories created from paths that did not exist yet (or would be). */
  categoriesCreated: number;
  errors: ImportRowError[];
}

export interface ReorderRule {
  id: string;
  productId: string;
  warehouseId: string;
  minQuantity: string;
  maxQuantity: string;
  createdAt: string;
  updatedAt: string;
}

export interface CreateReorderRuleRequest {
  productId: string;
  warehouseId: string;
  /** Decimal strings or numbers, up to 3 decimals. */
  minQuantity: string | number;
  maxQuantity: string | number;
}

export interface UpdateReorderRuleRequest {
  minQuantity?: string | number;
  maxQuantity?: string | number;
}

export const CatalogErrorCode = {
  SkuTaken: 'SKU_TAKEN',
  BarcodeTaken: 'BARCODE_TAKEN',
  StaleVersion: 'STALE_VERSION',
  ProductHasStock: 'PRODUCT_HAS_STOCK',
  CategoryInUse: 'CATEGORY_IN_USE',
  CategoryCycle: 'CATEGORY_CYCLE',
  CategoryNameTaken: 'CATEGORY_NAME_TAKEN',
  ReorderRuleExists: 'REORDER_RULE_EXISTS',
  ImportTooLarge: 'IMPORT_TOO_LARGE',
} as const;
