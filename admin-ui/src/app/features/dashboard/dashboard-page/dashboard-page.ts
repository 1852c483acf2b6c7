import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { rxResource, toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { ActivatedRoute, Router } from '@angular/router';
import { Permission } from '@stockmaster/contracts';
import { catchError, map, of } from 'rxjs';

import { toApiError } from '../../../core/http/api-error';
import { Session } from '../../../core/session/session';
import { CatalogApi } from '../../../shared/api/catalog-api';
import { AttentionCard } from '../attention-card/attention-card';
import { FreshnessChart } from '../charts/freshness-chart';
import { MovementChart } from '../charts/movement-chart';
import { DashboardApi } from '../dashboard-api';
import { attentionCards, isEmptyInstall, todayRows } from '../dashboard-view';
import { GettingStarted } from '../getting-started/getting-started';
import { StatusFooter } from '../status-footer/status-footer';
import { TodayCard } from '../today-card/today-card';

/**
 * The landing page: what needs attention today, what was done, how stock moves and how fresh it
 * is; on an empty install, the first steps instead. The warehouse chosen lives in the URL.
 */
@Component({
  selector: 'sm-dashboard-page',
  imports: [
    DatePipe,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatProgressBarModule,
    MatSelectModule,
    AttentionCard,
    FreshnessChart,
    GettingStarted,
    MovementChart,
    StatusFooter,
    TodayCard,
  ],
  templateUrl: './dashboard-page.html',
  styleUrl: './dashboard-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DashboardPage {
  private readonly api = inject(DashboardApi);
  private readonly catalog = inject(CatalogApi);
  private readonly session = inject(Session);
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);

  /** '' for all the user's warehouses. */
  protected readonly warehouseId = toSignal(
    this.route.queryParamMap.pipe(map((params) => params.get('warehouseId') ?? '')),
    { initialValue: (this.route.snapshot.queryParamMap.get('warehouseId') as string) ?? '' },
  );
  private readonly reload = signal(0);

  /** The API lists only the warehouses the user may see (an agent's own). */
  protected readonly warehouses = rxResource({
    stream: () =>
      this.session.can(Permission.WarehousesRead)
        ? this.catalog.warehouses().pipe(catchError(() => of([])))
        : of([]),
  });

  protected readonly dashboard = rxResource({
    params: () => ({ warehouseId: this.warehouseId(), reload: this.reload() }),
    stream: ({ params }) => this.api.dashboard(params.warehouseId),
  });

  protected readonly value = computed(() =>
    this.dashboard.hasValue() ? this.dashboard.value() : null,
  );
  protected readonly error = computed(() => {
    const error = this.dashboard.error();
    return error ? toApiError(error) : null;
  });
  protected readonly empty = computed(() => {
    const value = this.value();
    return value !== null && isEmptyInstall(value);
  });
  protected readonly cards = computed(() => {
    const value = this.value();
    return value
      ? attentionCards(value, this.warehouseId(), (permission) => this.session.can(permission))
      : [];
  });
  protected readonly today = computed(() => {
    const value = this.value();
    return value ? todayRows(value, this.warehouseId()) : [];
  });

  protected selectWarehouse(warehouseId: string): void {
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: { warehouseId: warehouseId || null },
      queryParamsHandling: 'merge',
    });
  }

  protected refresh(): void {
    this.reload.update((n) => n + 1);
  }
}
