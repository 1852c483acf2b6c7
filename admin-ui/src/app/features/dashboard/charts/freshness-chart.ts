import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { ExpiryBucketRow, displayQuantity } from '@stockmaster/contracts';
import { ChartConfiguration } from 'chart.js';

import { BUCKET_LABELS, freshnessSummary } from '../dashboard-view';
import { ChartCard } from './chart-card';
import { CHART_COLORS } from './chart-setup';

/** Quantity on hand by days to expiry: what is at risk of being thrown away. */
@Component({
  selector: 'sm-freshness-chart',
  imports: [ChartCard],
  template: `
    <sm-chart-card
      name="freshness"
      icon="event_busy"
      heading="Freshness at risk"
      subtitle="Quantity on hand by days to expiry"
      [summary]="summary()"
      [data]="data()"
      [options]="options"
    >
      <table data-chart-table="freshness">
        <caption>
          Stock on hand by days to expiry
        </caption>
        <thead>
          <tr>
            <th scope="col">Expires in</th>
            <th scope="col">Quantity</th>
          </tr>
        </thead>
        <tbody>
          @for (row of buckets(); track row.bucket) {
            <tr [attr.data-bucket]="row.bucket">
              <th scope="row">{{ labels[row.bucket] }}</th>
              <td>{{ quantity(row.quantity) }}</td>
            </tr>
          }
        </tbody>
      </table>
    </sm-chart-card>
  `,
  styleUrl: './chart-table.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class FreshnessChart {
  readonly buckets = input.required<ExpiryBucketRow[]>();

  protected readonly labels = BUCKET_LABELS;
  protected readonly quantity = displayQuantity;
  protected readonly summary = computed(() => freshnessSummary(this.buckets()));

  protected readonly data = computed((): ChartConfiguration<'bar'>['data'] => ({
    labels: this.buckets().map((row) => BUCKET_LABELS[row.bucket]),
    datasets: [
      {
        label: 'Quantity on hand',
        data: this.buckets().map((row) => Number(row.quantity)),
        backgroundColor: this.buckets().map((row) => CHART_COLORS.buckets[row.bucket]),
      },
    ],
  }));

  protected readonly options: ChartConfiguration<'bar'>['options'] = {
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    plugins: { legend: { display: false } },
    scales: {
      x: { grid: { display: false }, ticks: { autoSkip: false } },
      y: { beginAtZero: true, grid: { color: CHART_COLORS.grid } },
    },
  };
}
