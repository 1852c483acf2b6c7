import { ChangeDetectionStrategy, Component, computed, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { ExpiryBucketRow, displayQuantity } from '@stockmaster/contracts';
import { ChartConfiguration } from 'chart.js';
import { BaseChartDirective } from 'ng2-charts';

import { BUCKET_LABELS, freshnessSummary } from '../dashboard-view';
import { CHART_COLORS } from './chart-setup';

/** Quantity on hand by days to expiry: what is at risk of being thrown away. */
@Component({
  selector: 'sm-freshness-chart',
  imports: [BaseChartDirective, MatButtonModule, MatCardModule, MatIconModule],
  template: `
    <mat-card appearance="outlined" aria-labelledby="freshness-title">
      <mat-card-header>
        <mat-icon mat-card-avatar aria-hidden="true">event_busy</mat-icon>
        <mat-card-title id="freshness-title">Freshness at risk</mat-card-title>
        <mat-card-subtitle>Quantity on hand by days to expiry</mat-card-subtitle>
      </mat-card-header>
      <mat-card-content>
        <p class="summary" id="freshness-summary">{{ summary() }}</p>
        <div class="chart">
          <canvas
            baseChart
            type="bar"
            role="img"
            aria-describedby="freshness-summary"
            [attr.aria-label]="'Bar chart: freshness at risk. ' + summary()"
            [data]="data()"
            [options]="options"
          ></canvas>
        </div>
        <div [class.cdk-visually-hidden]="!showTable()" id="freshness-table">
          <table data-chart-table="freshness">
            <caption>
              Stock on hand by days to expiry
            </caption>
            <thead>
              <tr>
                <th scope="col">Expires in</th>
                <th scope="col">Quantity</th>
                <th scope="col">Batches</th>
              </tr>
            </thead>
            <tbody>
              @for (row of buckets(); track row.bucket) {
                <tr [attr.data-bucket]="row.bucket">
                  <th scope="row">{{ labels[row.bucket] }}</th>
                  <td>{{ quantity(row.quantity) }}</td>
                  <td>{{ row.batches }}</td>
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
          aria-controls="freshness-table"
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
export class FreshnessChart {
  readonly buckets = input.required<ExpiryBucketRow[]>();

  protected readonly showTable = signal(false);
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
