import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MovesPerDay, displayQuantity } from '@stockmaster/contracts';
import { ChartConfiguration } from 'chart.js';

import { movementSummary, shortDay } from '../dashboard-view';
import { ChartCard } from './chart-card';
import { CHART_COLORS } from './chart-setup';

/** Quantities into and out of storage per day over the last 30 days, with its numbers as a table. */
@Component({
  selector: 'sm-movement-chart',
  imports: [ChartCard],
  template: `
    <sm-chart-card
      name="movement"
      icon="bar_chart"
      heading="Stock movement"
      subtitle="In and out of storage, last 30 days"
      [summary]="summary()"
      [data]="data()"
      [options]="options"
    >
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
    </sm-chart-card>
  `,
  styleUrl: './chart-table.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MovementChart {
  readonly days = input.required<MovesPerDay[]>();

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
