import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  CreateLocationRequest,
  CreateWarehouseRequest,
  Location,
  LocationListQuery,
  Page,
  UpdateLocationRequest,
  UpdateWarehouseRequest,
  Warehouse,
} from '@stockmaster/contracts';
import { Observable } from 'rxjs';

import { toHttpParams } from '../ui/data-table';
import { fetchAllPages } from '../ui/paging/all-pages';

const API = '/api/v1';
const id = (value: string) => encodeURIComponent(value);

export interface WarehouseListQuery {
  search?: string;
  page?: number;
  limit?: number;
  sort?: string;
}

@Injectable({ providedIn: 'root' })
export class WarehousesApi {
  private readonly http = inject(HttpClient);

  list(query: WarehouseListQuery): Observable<Page<Warehouse>> {
    return this.http.get<Page<Warehouse>>(`${API}/warehouses`, { params: toHttpParams(query) });
  }

  get(warehouseId: string): Observable<Warehouse> {
    return this.http.get<Warehouse>(`${API}/warehouses/${id(warehouseId)}`);
  }

  /** Creates the warehouse and its root location `CODE/Stock`. */
  create(body: CreateWarehouseRequest): Observable<Warehouse> {
    return this.http.post<Warehouse>(`${API}/warehouses`, body);
  }

  /** The code is frozen once stock has moved (409 WAREHOUSE_CODE_FROZEN). */
  update(warehouseId: string, body: UpdateWarehouseRequest): Observable<Warehouse> {
    return this.http.patch<Warehouse>(`${API}/warehouses/${id(warehouseId)}`, body);
  }

  /** 409 WAREHOUSE_HAS_STOCK_HISTORY once stock has moved through it. */
  delete(warehouseId: string): Observable<void> {
    return this.http.delete<void>(`${API}/warehouses/${id(warehouseId)}`);
  }

  locations(query: LocationListQuery): Observable<Page<Location>> {
    return this.http.get<Page<Location>>(`${API}/locations`, { params: toHttpParams(query) });
  }

  /** Every location of a warehouse (sorted by full name), fetched page after page. */
  allLocations(warehouseId: string): Observable<Location[]> {
    return fetchAllPages((page, limit) => this.locations({ warehouseId, page, limit }));
  }

  createLocation(body: CreateLocationRequest): Observable<Location> {
    return this.http.post<Location>(`${API}/locations`, body);
  }

  /** Renames, or moves under another location of the same warehouse. */
  updateLocation(locationId: string, body: UpdateLocationRequest): Observable<Location> {
    return this.http.patch<Location>(`${API}/locations/${id(locationId)}`, body);
  }

  deleteLocation(locationId: string): Observable<void> {
    return this.http.delete<void>(`${API}/locations/${id(locationId)}`);
  }
}
