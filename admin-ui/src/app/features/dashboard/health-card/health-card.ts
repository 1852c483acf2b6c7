import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { HealthStatus } from '@stockmaster/contracts';
import { Subject, catchError, map, of, startWith, switchMap } from 'rxjs';

import { ApiError, toApiError } from '../../../core/http/api-error';
import { DashboardApi } from '../dashboard-api';

type HealthState =
  | { kind: 'loading' }
  | { kind: 'ready'; health: HealthStatus; checkedAt: Date }
  | { kind: 'failed'; error: ApiError; checkedAt: Date };

type Tone = 'good' | 'bad' | 'unknown';

interface StatusLine {
  label: string;
  value: string;
  tone: Tone;
}

const ICONS: Record<Tone, string> = { good: 'check_circle', bad: 'error', unknown: 'help' };

/** API and database status from `GET /api/v1/health`: proves the console reaches the API. */
@Component({
  selector: 'sm-health-card',
  imports: [DatePipe, MatCardModule, MatButtonModule, MatIconModule, MatProgressBarModule],
  templateUrl: './health-card.html',
  styleUrl: './health-card.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class HealthCard {
  private readonly api = inject(DashboardApi);
  private readonly refresh$ = new Subject<void>();

  protected readonly icons = ICONS;
  protected readonly state = toSignal(
    this.refresh$.pipe(
      startWith(undefined),
      switchMap(() =>
        this.api.health().pipe(
          map((health): HealthState => ({ kind: 'ready', health, checkedAt: new Date() })),
          catchError((error: unknown) =>
            of<HealthState>({ kind: 'failed', error: toApiError(error), checkedAt: new Date() }),
          ),
          startWith<HealthState>({ kind: 'loading' }),
        ),
      ),
    ),
    { initialValue: { kind: 'loading' } as HealthState },
  );

  protected readonly lines = computed((): StatusLine[] => {
    const state = this.state();
    switch (state.kind) {
      case 'loading':
        return [];
      case 'ready':
        return [
          { label: 'API', value: 'up', tone: 'good' },
          {
            label: 'Database',
            value: state.health.database,
            tone: state.health.database === 'up' ? 'good' : 'bad',
          },
        ];
      case 'failed':
        return [
          { label: 'API', value: state.error.status === 0 ? 'unreachable' : 'error', tone: 'bad' },
          { label: 'Database', value: 'unknown', tone: 'unknown' },
        ];
    }
  });

  protected readonly checkedAt = computed(() => {
    const state = this.state();
    return state.kind === 'loading' ? null : state.checkedAt;
  });

  protected readonly error = computed(() => {
    const state = this.state();
    return state.kind === 'failed' ? state.error : null;
  });

  protected refresh(): void {
    this.refresh$.next();
  }
}
