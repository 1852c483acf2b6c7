import {
  BatchRef,
  LocationRef,
  OperationLineInput,
  ProductRef,
  StockLevel,
  StockMove,
} from '@stockmaster/contracts';

import { signedAmount, subtractQuantities } from '../../../shared/ui/quantity/quantity';

/** One row of a count sheet: what the system holds somewhere, and what was counted there. */
export interface CountEntry {
  product: ProductRef;
  location: LocationRef;
  batch: BatchRef | null;
  /** What the system held when the sheet was loaded; "0" for products found but not listed. */
  systemQuantity: string;
  /** As typed; empty = not counted, left alone. */
  counted: string;
}

export function countKey(productId: string, locationId: string, batchId: string | null): string {
  return `${productId}/${locationId}/${batchId ?? ''}`;
}

export function entriesFromLevels(levels: readonly StockLevel[]): CountEntry[] {
  return levels.map((level) => ({
    product: level.product,
    location: level.location,
    batch: level.batch,
    systemQuantity: level.quantity,
    counted: '',
  }));
}

/**
 * The adjustment's lines for a count: one per counted row (rows left empty are not touched),
 * with the counted quantity as typed. `rows[i]` is the sheet row of line `i`, to put the
 * API's per-line errors back on the right rows.
 */
export function adjustmentLines(entries: readonly CountEntry[]): {
  lines: OperationLineInput[];
  rows: number[];
} {
  const lines: OperationLineInput[] = [];
  const rows: number[] = [];
  entries.forEach((entry, index) => {
    const counted = entry.counted.trim();
    if (counted === '') return;
    lines.push({
      productId: entry.product.id,
      locationId: entry.location.id,
      countedQuantity: counted,
      ...(entry.batch ? { batchId: entry.batch.id } : {}),
    });
    rows.push(index);
  });
  return { lines, rows };
}

/** Counted − system, signed with its unit ("+2 units", "−0.5 kg"); empty while nothing is counted. */
export function expectedDifference(entry: CountEntry): string {
  const counted = entry.counted.trim();
  if (counted === '') return '';
  return signedAmount(subtractQuantities(counted, entry.systemQuantity), entry.product.unit);
}

export interface CountDifference {
  product: ProductRef;
  location: LocationRef;
  batch: BatchRef | null;
  /** Signed, with the unit: a gain moves in from the inventory location, a loss out to it. */
  difference: string;
}

/**
 * What the validated adjustment changed, from the moves it wrote (the server computes the
 * differences under lock, so they are the truth, not the sheet's estimate).
 */
export function differencesFromMoves(
  moves: readonly StockMove[],
  countedLocationIds: ReadonlySet<string>,
): CountDifference[] {
  return moves.map((move) => {
    const gain = countedLocationIds.has(move.destinationLocation.id);
    return {
      product: move.product,
      location: gain ? move.destinationLocation : move.sourceLocation,
      batch: move.batch,
      difference: signedAmount(
        gain ? move.quantity : subtractQuantities('0', move.quantity),
        move.product.unit,
      ),
    };
  });
}
