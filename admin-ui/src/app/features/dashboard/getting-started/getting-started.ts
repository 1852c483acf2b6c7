import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import { Dashboard, Permission } from '@stockmaster/contracts';

import { Session } from '../../../core/session/session';

interface Step {
  key: keyof Dashboard['gettingStarted'];
  title: string;
  explain: string;
  done: boolean;
  /** The page to do it on, when this user may. */
  action: { label: string; route: string; queryParams?: Record<string, string> } | null;
  /** Another way to the same step, offered as a plain link below the explanation. */
  also?: { label: string; route: string; queryParams?: Record<string, string> } | null;
  /** Who to ask otherwise. */
  ask: string;
}

/** The first steps of an empty install, each ticked from real data. */
@Component({
  selector: 'sm-getting-started',
  imports: [RouterLink, MatButtonModule, MatCardModule, MatIconModule],
  template: `
    <mat-card appearance="outlined" aria-labelledby="start-title">
      <mat-card-header>
        <mat-icon mat-card-avatar aria-hidden="true">rocket_launch</mat-icon>
        <mat-card-title id="start-title">Getting started</mat-card-title>
        <mat-card-subtitle>{{ doneCount() }} of {{ steps().length }} steps done</mat-card-subtitle>
      </mat-card-header>
      <mat-card-content>
        <p>
          Once stock is received, this page shows what needs attention every morning: expired and
          expiring batches, products below their minimum, drafts to validate.
        </p>
        <ol class="steps">
          @for (step of steps(); track step.key) {
            <li [class.done]="step.done" [attr.data-step]="step.key">
              <mat-icon aria-hidden="true">{{
                step.done ? 'check_circle' : 'radio_button_unchecked'
              }}</mat-icon>
              <div class="text">
                <strong
                  >{{ step.title
                  }}<span class="cdk-visually-hidden">{{
                    step.done ? ': done' : ': to do'
                  }}</span></strong
                >
                <span class="explain">{{ step.explain }}</span>
                @if (!step.done && step.also; as also) {
                  <a class="also" [routerLink]="also.route" [queryParams]="also.queryParams">{{
                    also.label
                  }}</a>
                }
              </div>
              @if (!step.done) {
                @if (step.action; as action) {
                  <a
                    mat-stroked-button
                    [routerLink]="action.route"
                    [queryParams]="action.queryParams"
                    >{{ action.label }}</a
                  >
                } @else {
                  <span class="ask">{{ step.ask }}</span>
                }
              }
            </li>
          }
        </ol>
      </mat-card-content>
    </mat-card>
  `,
  styles: `
    :host {
      display: block;
      max-width: 760px;
    }
    .steps {
      list-style: none;
      margin: 8px 0 0;
      padding: 0;
    }
    li {
      display: grid;
      grid-template-columns: 24px 1fr auto;
      align-items: center;
      gap: 12px;
      padding: 12px 0;
      border-top: 1px solid var(--mat-sys-outline-variant);
    }
    li mat-icon {
      color: var(--mat-sys-on-surface-variant);
    }
    li.done mat-icon {
      color: var(--mat-sys-primary);
    }
    li.done strong {
      color: var(--mat-sys-on-surface-variant);
    }
    .text {
      display: flex;
      flex-direction: column;
      gap: 2px;
    }
    .also {
      font: var(--mat-sys-body-small);
      justify-self: start;
    }
    .explain,
    .ask {
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
    @media (max-width: 599px) {
      li {
        grid-template-columns: 24px 1fr;
      }
      li > a,
      li > .ask {
        grid-column: 2;
        justify-self: start;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class GettingStarted {
  private readonly session = inject(Session);

  readonly flags = input.required<Dashboard['gettingStarted']>();

  protected readonly steps = computed((): Step[] => {
    const flags = this.flags();
    const can = (permission: Permission) => this.session.can(permission);
    return [
      {
        key: 'hasWarehouse',
        title: 'Create a warehouse',
        explain: 'A kitchen, a store room or a shop: where stock is kept, with its locations.',
        done: flags.hasWarehouse,
        action: can(Permission.WarehousesWrite)
          ? { label: 'Create a warehouse', route: '/warehouses' }
          : null,
        ask: 'An administrator or manager creates warehouses.',
      },
      {
        key: 'hasProducts',
        title: 'Add or import products',
        explain: 'One at a time, or a whole list from a CSV file.',
        done: flags.hasProducts,
        action: can(Permission.CatalogWrite) ? { label: 'Add products', route: '/products' } : null,
        ask: 'An administrator or manager adds products.',
      },
      {
        key: 'hasStock',
        title: 'Receive stock',
        explain: 'Record a delivery from a supplier, with its batches and expiry dates.',
        done: flags.hasStock,
        action: can(Permission.OperationsWrite)
          ? { label: 'Receive stock', route: '/operations/new', queryParams: { type: 'receipt' } }
          : null,
        also: can(Permission.OperationsAdjust)
          ? {
              label: 'or import opening stock from a file',
              route: '/stock-count',
              queryParams: { import: '1' },
            }
          : null,
        ask: 'Someone who handles deliveries records the first receipt.',
      },
      {
        key: 'hasTeam',
        title: 'Invite your team',
        explain: 'Managers, agents for each warehouse, and viewers.',
        done: flags.hasTeam,
        action: can(Permission.UsersManage) ? { label: 'Invite people', route: '/users' } : null,
        ask: 'An administrator invites the team.',
      },
    ];
  });

  protected readonly doneCount = computed(() => this.steps().filter((step) => step.done).length);
}
