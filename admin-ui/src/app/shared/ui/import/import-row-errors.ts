import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatTableModule } from '@angular/material/table';

/** One bad row of an imported file: its 1-based line, the column at fault if one is. */
export interface ImportRowProblem {
  line: number;
  column: string | null;
  message: string;
}

/** Row errors shown at most; the rest are counted. */
export const MAX_SHOWN_ROW_ERRORS = 500;

/** The "Row errors" table of an import dialog, cut at MAX_SHOWN_ROW_ERRORS rows. */
@Component({
  selector: 'sm-import-row-errors',
  imports: [MatTableModule],
  template: `
    <div class="table-box">
      <table mat-table [dataSource]="shown()" aria-label="Row errors">
        <ng-container matColumnDef="line">
          <th mat-header-cell *matHeaderCellDef>Line</th>
          <td mat-cell *matCellDef="let error">{{ error.line }}</td>
        </ng-container>
        <ng-container matColumnDef="column">
          <th mat-header-cell *matHeaderCellDef>Column</th>
          <td mat-cell *matCellDef="let error">{{ error.column ?? '—' }}</td>
        </ng-container>
        <ng-container matColumnDef="message">
          <th mat-header-cell *matHeaderCellDef>Problem</th>
          <td mat-cell *matCellDef="let error">{{ error.message }}</td>
        </ng-container>
        <tr mat-header-row *matHeaderRowDef="columns; sticky: true"></tr>
        <tr mat-row *matRowDef="let row; columns: columns"></tr>
      </table>
    </div>
    @if (errors().length > shown().length) {
      <p class="more">Showing the first {{ shown().length }} of {{ errors().length }} problems.</p>
    }
  `,
  styleUrl: './import-table.scss',
  styles: ':host { display: block; }',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ImportRowErrors {
  readonly errors = input.required<readonly ImportRowProblem[]>();
  protected readonly columns = ['line', 'column', 'message'];
  protected readonly shown = computed(() => this.errors().slice(0, MAX_SHOWN_ROW_ERRORS));
}
