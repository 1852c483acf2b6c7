import { ChangeDetectionStrategy, Component, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { ChartConfiguration } from 'chart.js';
import { BaseChartDirective } from 'ng2-charts';

/**
 * A dashboard chart: a card with a summary sentence, a bar chart described by it, and the chart's
 * numbers as a table (projected) that "Show the numbers" reveals; hidden, the table stays readable
 * by screen readers.
 */
@Component({
  selector: 'sm-chart-card',
  imports: [BaseChartDirective, MatButtonModule, MatCardModule, MatIconModule],
  template: `
    <mat-card appearance="outlined" [attr.aria-labelledby]="name() + '-title'">
      <mat-card-header>
        <mat-icon mat-card-avatar aria-hidden="true">{{ icon() }}</mat-icon>
        <mat-card-title [id]="name() + '-title'">{{ heading() }}</mat-card-title>
        <mat-card-subtitle>{{ subtitle() }}</mat-card-subtitle>
      </mat-card-header>
      <mat-card-content>
        <p class="summary" [id]="name() + '-summary'">{{ summary() }}</p>
        <div class="chart">
          <canvas
            baseChart
            type="bar"
            role="img"
            [attr.aria-describedby]="name() + '-summary'"
            [attr.aria-label]="'Bar chart: ' + heading().toLowerCase() + '. ' + summary()"
            [data]="data()"
            [options]="options()"
          ></canvas>
        </div>
        <div
          class="table-scroll"
          [class.cdk-visually-hidden]="!showTable()"
          [id]="name() + '-table'"
        >
          <ng-content />
        </div>
      </mat-card-content>
      <mat-card-actions>
        <button
          mat-button
          type="button"
          [attr.aria-controls]="name() + '-table'"
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
export class ChartCard {
  /** Prefix of the card's element ids: unique on the page. */
  readonly name = input.required<string>();
  readonly icon = input.required<string>();
  readonly heading = input.required<string>();
  readonly subtitle = input.required<string>();
  readonly summary = input.required<string>();
  readonly data = input.required<ChartConfiguration<'bar'>['data']>();
  readonly options = input.required<ChartConfiguration<'bar'>['options']>();

  protected readonly showTable = signal(false);
}
