import { HttpClient, HttpResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  Category,
  CategoryNode,
  CreateCategoryRequest,
  CreateProductRequest,
  CreateReorderRuleRequest,
  ImportResult,
  Page,
  Product,
  ProductListItem,
  ProductListQuery,
  ReorderRule,
  UpdateCategoryRequest,
  UpdateProductRequest,
  UpdateReorderRuleRequest,
  Warehouse,
} from '@stockmaster/contracts';
import { Observable, map } from 'rxjs';

import { toHttpParams } from '../ui/data-table';
import { fetchAllPages } from '../ui/paging/all-pages';

const API = '/api/v1';
const id = (value: string) => encodeURIComponent(value);

/** Filters of the product list and of its CSV export. */
export type ProductFilters = Pick<
  ProductListQuery,
  'search' | 'categoryId' | 'tracking' | 'active'
>;

export interface ReorderRuleQuery {
  productId?: string;
  warehouseId?: string;
  page?: number;
  limit?: number;
}

/** A downloaded file: its bytes and the name the server suggests. */
export interface DownloadedFile {
  blob: Blob;
  fileName: string;
}

@Injectable({ providedIn: 'root' })
export class CatalogApi {
  private readonly http = inject(HttpClient);

  // Categories

  /** Every category as a tree (roots with nested children), unpaged. */
  categoryTree(): Observable<CategoryNode[]> {
    return this.http
      .get<{ data: CategoryNode[] }>(`${API}/categories`, { params: { tree: true } })
      .pipe(map((answer) => answer.data));
  }

  createCategory(body: CreateCategoryRequest): Observable<Category> {
    return this.http.post<Category>(`${API}/categories`, body);
  }

  /** Renames, or moves with `parentId` (null: to the top level). */
  updateCategory(categoryId: string, body: UpdateCategoryRequest): Observable<Category> {
    return this.http.patch<Category>(`${API}/categories/${id(categoryId)}`, body);
  }

  deleteCategory(categoryId: string): Observable<void> {
    return this.http.delete<void>(`${API}/categories/${id(categoryId)}`);
  }

  // Products

  /** Rows of the list, each with its on hand in the caller's warehouses. */
  products(query: ProductListQuery): Observable<Page<ProductListItem>> {
    return this.http.get<Page<ProductListItem>>(`${API}/products`, { params: toHttpParams(query) });
  }

  product(productId: string): Observable<Product> {
    return this.http.get<Product>(`${API}/products/${id(productId)}`);
  }

  createProduct(body: CreateProductRequest): Observable<Product> {
    return this.http.post<Product>(`${API}/products`, body);
  }

  /** Needs the product's current `version`; a stale one answers 409 STALE_VERSION. */
  updateProduct(productId: string, body: UpdateProductRequest): Observable<Product> {
    return this.http.patch<Product>(`${API}/products/${id(productId)}`, body);
  }

  /** Archives the product (active=false); 409 PRODUCT_HAS_STOCK while it holds stock. */
  archiveProduct(productId: string): Observable<void> {
    return this.http.delete<void>(`${API}/products/${id(productId)}`);
  }

  /** Checks (`dryRun`) or imports a CSV file; with any row error nothing is written. */
  importProducts(file: File, dryRun: boolean): Observable<ImportResult> {
    const body = new FormData();
    body.append('file', file, file.name);
    return this.http.post<ImportResult>(`${API}/products/import`, body, {
      params: { dryRun },
    });
  }

  /** The CSV of the products matching `filters` (fetched here: it needs the bearer token). */
  exportProducts(filters: ProductFilters): Observable<DownloadedFile> {
    return this.http
      .get(`${API}/products/export`, {
        params: toHttpParams(filters),
        responseType: 'blob',
        observe: 'response',
      })
      .pipe(
        map((response: HttpResponse<Blob>) => ({
          blob: response.body ?? new Blob([], { type: 'text/csv' }),
          fileName:
            fileNameOf(response.headers.get('Content-Disposition')) ??
            `products-${new Date().toISOString().slice(0, 10)}.csv`,
        })),
      );
  }

  // Reorder rules

  reorderRules(query: ReorderRuleQuery): Observable<Page<ReorderRule>> {
    return this.http.get<Page<ReorderRule>>(`${API}/reorder-rules`, {
      params: toHttpParams(query),
    });
  }

  createReorderRule(body: CreateReorderRuleRequest): Observable<ReorderRule> {
    return this.http.post<ReorderRule>(`${API}/reorder-rules`, body);
  }

  updateReorderRule(ruleId: string, body: UpdateReorderRuleRequest): Observable<ReorderRule> {
    return this.http.patch<ReorderRule>(`${API}/reorder-rules/${id(ruleId)}`, body);
  }

  deleteReorderRule(ruleId: string): Observable<void> {
    return this.http.delete<void>(`${API}/reorder-rules/${id(ruleId)}`);
  }

  /** Every warehouse, by code, for the reorder rules' warehouse choice. */
  warehouses(): Observable<Warehouse[]> {
    return fetchAllPages((page, limit) =>
      this.http.get<Page<Warehouse>>(`${API}/warehouses`, { params: { page, limit } }),
    ).pipe(map((rows) => [...rows].sort((a, b) => a.code.localeCompare(b.code))));
  }
}

/** `attachment; filename="products.csv"` → `products.csv`. */
export function fileNameOf(disposition: string | null): string | null {
  if (!disposition) return null;
  const star = /filename\*\s*=\s*(?:UTF-8'')?([^;]+)/i.exec(disposition);
  if (star) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
    } catch {
      // fall through to the plain parameter
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(disposition);
  return plain ? plain[1].trim() : null;
}
