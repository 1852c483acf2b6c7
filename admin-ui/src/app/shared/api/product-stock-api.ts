import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { CursorPage, Page, StockLevel, StockMove, StockSummaryRow } from '@stockmaster/contracts';
import { Observable } from 'rxjs';

const API = '/api/v1';

/** What one product's page reads of stock: per warehouse, per location and batch, its moves. */
@Injectable({ providedIn: 'root' })
export class ProductStockApi {
  private readonly http = inject(HttpClient);

  /** On hand, available, expired and blocked per warehouse (the caller's). */
  perWarehouse(productId: string): Observable<Page<StockSummaryRow>> {
    return this.http.get<Page<StockSummaryRow>>(`${API}/stock-levels/summary`, {
      params: { productId, limit: 200 },
    });
  }

  /** Levels per location and batch, each batch with its freshness and block. */
  levels(productId: string, limit: number): Observable<Page<StockLevel>> {
    return this.http.get<Page<StockLevel>>(`${API}/stock-levels`, {
      params: { productId, limit },
    });
  }

  /** The newest moves of the product. */
  recentMoves(productId: string, limit: number): Observable<CursorPage<StockMove>> {
    return this.http.get<CursorPage<StockMove>>(`${API}/stock-moves`, {
      params: { productId, limit },
    });
  }
}
