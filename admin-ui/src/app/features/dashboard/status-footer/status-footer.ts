import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
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

/**
 * API and database status from `GET /api/v1/health`, as a line at the foot of the dashboard:
 * it proves the console reaches the API without taking the place of what needs attention.
 */
@Component({
  selector: 'sm-status-footer',
  imports: [DatePipe, MatButtonModule, MatIconModule],
  template: `
    <footer class="status" aria-labelledby="status-title">
      <span id="status-title" class="title">System status</span>
      <ul aria-live="polite" [attr.aria-busy]="state().kind === 'loading'">
        @if (state().kind === 'loading') {
          <li>Checking…</li>
        }
        @for (line of lines(); track line.label) {
          <li [class]="'tone-' + line.tone">
            <mat-icon aria-hidden="true">{{ icons[line.tone] }}</mat-icon>
            <span
              >{{ line.label }}: <strong>{{ line.value }}</strong></span
            >
          </li>
        }
      </ul>
      @if (checkedAt(); as at) {
        <span class="checked">checked at {{ at | date: 'mediumTime' }}</span>
      }
      <button mat-button type="button" [disabled]="state().kind === 'loading'" (click)="refresh()">
        <mat-icon aria-hidden="true">refresh</mat-icon>
        Check again
      </button>
      @if (error(); as error) {
        <p class="message" role="alert">{{ error.message }}</p>
      }
    </footer>
  `,
  styles: `
    .status {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 4px 16px;
      padding: 8px 0 0;
      border-top: 1px solid var(--mat-sys-outline-variant);
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
    .title {
      font: var(--mat-sys-label-large);
    }
    ul {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 16px;
      list-style: none;
      margin: 0;
      padding: 0;
    }
    li {
      display: inline-flex;
      align-items: center;
      gap: 4px;
    }
    li mat-icon {
      font-size: 18px;
      width: 18px;
      height: 18px;
    }
    .tone-good mat-icon {
      color: var(--mat-sys-primary);
    }
    .tone-bad mat-icon {
      color: var(--mat-sys-error);
    }
    .message {
      flex-basis: 100%;
      margin: 0;
      color: var(--mat-sys-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StatusFooter {
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
