import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import { RouterLink } from '@angular/router';
import { Location, Permission, Warehouse, WarehouseErrorCode } from '@stockmaster/contracts';
import { Observable, filter, map, switchMap } from 'rxjs';

import { toApiError } from '../../../core/http/api-error';
import { Session } from '../../../core/session/session';
import { confirmAction } from '../../../shared/ui/confirm-dialog/confirm-dialog';
import {
  EditTree,
  MoveDialog,
  MoveDialogData,
  NameDialog,
  NameDialogData,
  parentOptions,
} from '../../../shared/ui/tree-editor';
import { LocationNode, buildLocationTree } from '../../../shared/util/location-tree';
import { WarehouseDialog, WarehouseDialogData } from '../warehouse-dialog/warehouse-dialog';
import { WarehousesApi } from '../../../shared/api/warehouses-api';

const LOCATION_CONFLICTS = {
  [WarehouseErrorCode.LocationNameTaken]: 'A location with this name already exists here.',
  [WarehouseErrorCode.LocationReadOnly]: 'This location cannot be changed.',
};

/** One warehouse: its details and its location tree (add, rename, move, delete locations). */
@Component({
  selector: 'sm-warehouse-page',
  imports: [RouterLink, MatButtonModule, MatIconModule, MatProgressBarModule, EditTree],
  templateUrl: './warehouse-page.html',
  styleUrl: './warehouse-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class WarehousePage {
  private readonly api = inject(WarehousesApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly session = inject(Session);

  /** The warehouse's id, from the route. */
  readonly id = input.required<string>();

  protected readonly canWrite = computed(() => this.session.can(Permission.WarehousesWrite));
  readonly warehouse = rxResource({
    params: () => this.id(),
    stream: ({ params }) => this.api.get(params),
  });
  readonly locations = rxResource({
    params: () => this.id(),
    stream: ({ params }) => this.api.allLocations(params).pipe(map(buildLocationTree)),
  });
  protected readonly nodes = computed(() =>
    this.locations.hasValue() ? this.locations.value() : [],
  );
  protected readonly count = computed(() => {
    const countAll = (nodes: LocationNode[]): number =>
      nodes.reduce((sum, node) => sum + 1 + countAll(node.children), 0);
    return countAll(this.nodes());
  });
  protected readonly warehouseError = computed(() => this.errorOf(this.warehouse.error()));
  /** Unknown, or another warehouse than an agent's own: the API answers 404 for both. */
  protected readonly notFound = computed(() => {
    const error = this.warehouse.error();
    return !!error && toApiError(error.cause ?? error).status === 404;
  });
  protected readonly locationsError = computed(() => this.errorOf(this.locations.error()));

  /** The root `CODE/Stock` is fixed: it may only get children. */
  protected readonly isRoot = (node: LocationNode): boolean => {
    const warehouse = this.warehouse.hasValue() ? this.warehouse.value() : null;
    return node.parentId === null || node.id === warehouse?.rootLocationId;
  };

  protected edit(warehouse: Warehouse): void {
    this.dialog
      .open<WarehouseDialog, WarehouseDialogData, Warehouse>(WarehouseDialog, {
        data: { warehouse },
        width: '480px',
        autoFocus: 'first-tabbable',
      })
      .afterClosed()
      .pipe(filter((saved): saved is Warehouse => saved !== undefined))
      .subscribe((saved) => {
        this.warehouse.set(saved);
        // A new code renames every location's full name.
        if (saved.code !== warehouse.code) this.locations.reload();
        this.snackBar.open(`${saved.code} has been saved.`, undefined, { duration: 5000 });
      });
  }

  protected addChild(parent: LocationNode): void {
    this.openName({
      title: `Add a location to ${parent.name}`,
      submitLabel: 'Add',
      hint: `Inside ${parent.fullName}.`,
      save: (name) => this.api.createLocation({ parentId: parent.id, name }),
    }).subscribe((location) => this.done(`${location.fullName} has been added.`));
  }

  protected rename(location: LocationNode): void {
    this.openName({
      title: `Rename ${location.name}`,
      submitLabel: 'Rename',
      initialName: location.name,
      save: (name) => this.api.updateLocation(location.id, { name }),
    }).subscribe((saved) => this.done(`${location.fullName} is now ${saved.fullName}.`));
  }

  protected move(location: LocationNode): void {
    this.dialog
      .open<MoveDialog<Location>, MoveDialogData<Location>, Location>(MoveDialog, {
        data: {
          title: `Move ${location.name}`,
          intro:
            location.children.length > 0
              ? 'The locations inside it, and their stock, move with it.'
              : 'Its stock moves with it.',
          options: parentOptions(this.nodes(), location, (node) => node.fullName),
          currentParentId: location.parentId ?? '',
          save: (parentId) => this.api.updateLocation(location.id, { parentId }),
          parentConflicts: {
            ...LOCATION_CONFLICTS,
            [WarehouseErrorCode.LocationCycle]:
              'A location cannot go inside one of the locations it contains.',
          },
        },
        width: '480px',
      })
      .afterClosed()
      .pipe(filter((saved): saved is Location => saved !== undefined))
      .subscribe((saved) => this.done(`${location.name} is now ${saved.fullName}.`));
  }

  protected remove(location: LocationNode): void {
    const inside = location.children.length;
    confirmAction(this.dialog, {
      title: `Delete ${location.name}?`,
      message:
        inside > 0
          ? `${location.fullName} and the locations inside it will be deleted. A location that holds stock cannot be deleted.`
          : `${location.fullName} will be deleted. A location that holds stock cannot be deleted.`,
      confirmLabel: 'Delete',
      destructive: true,
    })
      .pipe(
        filter(Boolean),
        switchMap(() => this.api.deleteLocation(location.id)),
      )
      .subscribe({
        next: () => this.done(`${location.fullName} has been deleted.`),
        error: (error: unknown) => {
          const apiError = toApiError(error);
          const message =
            apiError.code === WarehouseErrorCode.LocationHasStock
              ? `${location.fullName} still holds stock. Move its stock elsewhere first.`
              : apiError.message;
          this.snackBar.open(message, 'Dismiss', { duration: 8000 });
        },
      });
  }

  private openName(
    data: Omit<NameDialogData<Location>, 'maxLength' | 'label'>,
  ): Observable<Location> {
    return this.dialog
      .open<NameDialog<Location>, NameDialogData<Location>, Location>(NameDialog, {
        data: {
          label: 'Location name',
          maxLength: 100,
          rule: { pattern: /^[^/]*$/, message: 'A location name cannot contain /.' },
          nameConflicts: LOCATION_CONFLICTS,
          ...data,
        },
        width: '440px',
      })
      .afterClosed()
      .pipe(filter((saved): saved is Location => saved !== undefined));
  }

  private done(message: string): void {
    this.snackBar.open(message, undefined, { duration: 5000 });
    this.locations.reload();
  }

  private errorOf(error: Error | undefined): string | null {
    return error ? toApiError(error.cause ?? error).message : null;
  }
}
