import { Injectable, computed, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { Location } from '@stockmaster/contracts';
import { map } from 'rxjs';

import { WarehousesApi } from '../../../shared/api/warehouses-api';
import { fetchAllPages } from '../../../shared/ui/paging/all-pages';
import { OperationDraft } from './operation-draft';
import { OperationStore } from './operation-store';

function internalSorted(list: Location[]): Location[] {
  return list
    .filter((location) => location.type === 'internal')
    .sort((a, b) => a.fullName.localeCompare(b.fullName, undefined, { numeric: true }));
}

/**
 * The locations an operation being edited may name: its warehouse's internal locations, in tree
 * order (full names sort that way), and for transfers any internal location the user may use.
 * Loaded only while the operation is editable.
 */
@Injectable()
export class OperationPlaces {
  private readonly warehousesApi = inject(WarehousesApi);
  private readonly draft = inject(OperationDraft);
  private readonly store = inject(OperationStore);

  private readonly locations = rxResource({
    params: () => (this.store.editable() && this.draft.warehouseId()) || undefined,
    stream: ({ params }) =>
      this.warehousesApi.allLocations(params).pipe(map((list) => internalSorted(list))),
  });
  readonly warehouseLocations = computed(() =>
    this.locations.hasValue() ? this.locations.value() : [],
  );

  /** Transfers may end in any internal location the user may use, in any warehouse. */
  private readonly transferTargets = rxResource({
    params: () =>
      this.store.editable() && this.draft.currentType() === 'transfer' ? true : undefined,
    stream: () =>
      fetchAllPages((page, limit) =>
        this.warehousesApi.locations({ type: 'internal', page, limit }),
      ).pipe(map((list) => internalSorted(list))),
  });
  readonly destinationOptions = computed(() => {
    if (this.draft.currentType() !== 'transfer') return this.warehouseLocations();
    return this.transferTargets.hasValue() ? this.transferTargets.value() : [];
  });

  /** The warehouse's root location, the default of either side. */
  readonly rootName = computed(() => {
    const warehouse = this.draft.warehouse();
    if (!warehouse) return 'the warehouse stock';
    const root = this.warehouseLocations().find((l) => l.id === warehouse.rootLocationId);
    return root?.fullName ?? `${warehouse.code}/Stock`;
  });
}
