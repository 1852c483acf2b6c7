import { ChangeDetectionStrategy, Component, computed, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { MovesPerDay, displayQuantity } from '@stockmaster/contracts';
import { ChartConfiguration } from 'chart.js';
import { BaseChartDirective } from 'ng2-charts';

import { movementSummary, shortDay } from '../dashboard-view';
import { CHART_COLORS } from './chart-setup';

/** Quantities into and out of storage per day over the last 30 days, with its numbers as a table. */
@Component({
  selector: 'sm-movement-chart',
  imports: [BaseChartDirective, MatButtonModule, MatCardModule, MatIconModule],
  template: `
    <mat-card appearance="outlined" aria-labelledby="movement-title">
      <mat-card-header>
        <mat-icon mat-card-avatar aria-hidden="true">bar_chart</mat-icon>
        <mat-card-title id="movement-title">Stock movement</mat-card-title>
        <mat-card-subtitle>In and out of storage, last 30 days</mat-card-subtitle>
      </mat-card-header>
      <mat-card-content>
        <p class="summary" id="movement-summary">{{ summary() }}</p>
        <div class="chart">
          <canvas
            baseChart
            type="bar"
            role="img"
            aria-describedby="movement-summary"
            [attr.aria-label]="'Bar chart: stock movement. ' + summary()"
            [data]="data()"
            [options]="options"
          ></canvas>
        </div>
        <div class="table-scroll" [class.cdk-visually-hidden]="!showTable()" id="movement-table">
          <table data-chart-table="movement">
            <caption>
              Stock movement per day
            </caption>
            <thead>
              <tr>
                <th scope="col">Day</th>
                <th scope="col">In</th>
                <th scope="col">Out</th>
              </tr>
            </thead>
            <tbody>
              @for (day of days(); track day.date) {
                <tr>
                  <th scope="row">{{ label(day.date) }}</th>
                  <td>{{ quantity(day.in) }}</td>
                  <td>{{ quantity(day.out) }}</td>
                </tr>
              }
            </tbody>
          </table>
        </div>
      </mat-card-content>
      <mat-card-actions>
        <button
          mat-button
          type="button"
          aria-controls="movement-table"
          [attr.aria-expanded]="showTable()"
          (click)="showTable.set(!showTable())"
        >
          <mat-icon aria-hidden="true">table</mat-icon>
          {{ showTable() ? 'Hide the numbers' : 'Show the numbers' }}
        </button>
      </mat-card-actions>
    </mat-card>
  `,
  styleUrl: './chart-card.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MovementChart {
  readonly days = input.required<MovesPerDay[]>();

  protected readonly showTable = signal(false);
  protected readonly summary = computed(() => movementSummary(this.days()));
  protected readonly label = shortDay;
  protected readonly quantity = displayQuantity;

  protected readonly data = computed((): ChartConfiguration<'bar'>['data'] => ({
    labels: this.days().map((day) => shortDay(day.date)),
    datasets: [
      {
        label: 'In',
        data: this.days().map((day) => Number(day.in)),
        backgroundColor: CHART_COLORS.in,
      },
      {
        label: 'Out',
        data: this.days().map((day) => Number(day.out)),
        backgroundColor: CHART_COLORS.out,
      },
    ],
  }));

  protected readonly options: ChartConfiguration<'bar'>['options'] = {
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    plugins: { legend: { position: 'bottom' } },
    scales: {
      x: { grid: { display: false }, ticks: { maxRotation: 0, autoSkipPadding: 8 } },
      y: { beginAtZero: true, grid: { color: CHART_COLORS.grid } },
    },
  };
}
