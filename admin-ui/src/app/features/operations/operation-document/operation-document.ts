import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import {
  BatchRef,
  OperationDetail,
  OperationLine,
  StockMove,
  Warehouse,
} from '@stockmaster/contracts';

import { MoveColumn, MovesTable } from '../../../shared/ui/moves-table/moves-table';
import { QuantityPipe } from '../../../shared/ui/quantity/quantity.pipe';
import { OperationFacts } from './operation-facts';

/** A line as the document shows it, with the batches it moved (a FEFO delivery may use several). */
interface DocumentLine {
  line: OperationLine;
  /** The moves of a done operation's line that carry a batch. */
  batches: (StockMove & { batch: BatchRef })[];
}

/**
 * An operation that is not edited here (done, cancelled, or beyond the user's rights) as a
 * read-only document: its facts, its lines, and the moves it wrote.
 */
@Component({
  selector: 'sm-operation-document',
  imports: [
    DatePipe,
    RouterLink,
    MatButtonModule,
    MatIconModule,
    MovesTable,
    OperationFacts,
    QuantityPipe,
  ],
  templateUrl: './operation-document.html',
  styleUrl: './operation-document.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OperationDocument {
  readonly operation = input.required<OperationDetail>();
  readonly warehouse = input<Warehouse | undefined>();

  protected readonly moveColumns: MoveColumn[] = ['product', 'batch', 'from', 'to', 'quantity'];
  protected readonly adjustment = computed(() => this.operation().type === 'adjustment');
  /** Per-line locations are shown only when some line has its own. */
  protected readonly lineLocations = computed(
    () =>
      !this.adjustment() &&
      this.operation().lines.some((l) => l.sourceLocation || l.destinationLocation),
  );
  protected readonly lines = computed<DocumentLine[]>(() => {
    const operation = this.operation();
    return [...operation.lines]
      .sort((a, b) => a.line - b.line)
      .map((line) => ({
        line,
        batches: operation.moves.filter(
          (move): move is StockMove & { batch: BatchRef } =>
            move.lineId === line.id && move.batch !== null,
        ),
      }));
  });

  /** An adjustment line names its location on either side. */
  protected locationOf(line: OperationLine): string {
    return (line.destinationLocation ?? line.sourceLocation)?.fullName ?? '—';
  }
}
