import { toMilli } from '@stockmaster/contracts';
import { LevelKey, levelKey } from './allocation';
import { LocationInfo } from './operation-rules';

/** One move to write: a positive quantity of a product (and batch) from one location to another. */
export interface PlannedMove {
  line: number;
  lineId: string | null;
  productId: string;
  batchId: string | null;
  from: string;
  to: string;
  quantity: string;
}

/** A level's net change under a set of moves. */
export interface LevelDelta {
  key: LevelKey;
  delta: bigint;
  /** Lines that take stock out of this level: the ones to blame if it runs short. */
  takers: Set<number>;
}

/** The internal levels a set of moves touches, with their net change. */
export function levelDeltas(
  moves: PlannedMove[],
  locations: Map<string, LocationInfo>,
): Map<string, LevelDelta> {
  const deltas = new Map<string, LevelDelta>();
  const add = (move: PlannedMove, locationId: string, delta: bigint) => {
    const location = locations.get(locationId);
    if (!location || location.type !== 'internal') return; // the outside world holds no levels
    const id = levelKey(move.productId, locationId, move.batchId);
    const entry = deltas.get(id) ?? {
      key: {
        productId: move.productId,
        locationId,
        warehouseId: location.warehouse_id!,
        batchId: move.batchId,
      },
      delta: 0n,
      takers: new Set<number>(),
    };
    entry.delta += delta;
    if (delta < 0n) entry.takers.add(move.line);
    deltas.set(id, entry);
  };
  for (const move of moves) {
    const quantity = toMilli(move.quantity);
    add(move, move.from, -quantity);
    add(move, move.to, quantity);
  }
  return deltas;
}
