import { CategoryNode, Tracking, Unit } from '@stockmaster/contracts';

import { flattenTree } from '../../shared/ui/tree-editor/tree-options';

export const UNIT_LABELS: Record<Unit, string> = {
  unit: 'Units (pieces)',
  kg: 'Kilograms (kg)',
  g: 'Grams (g)',
  l: 'Litres (l)',
  ml: 'Millilitres (ml)',
  m: 'Metres (m)',
  box: 'Boxes',
  pack: 'Packs',
};

export const TRACKING_LABELS: Record<Tracking, string> = {
  none: 'Not tracked',
  batch: 'By batch (lot)',
};

/** A category as a picker lists it: its full path, indented by depth. */
export interface CategoryChoice {
  id: string;
  name: string;
  path: string;
  depth: number;
}

/** The categories of a tree in tree order, for selects. */
export function categoryChoices(tree: readonly CategoryNode[]): CategoryChoice[] {
  return flattenTree(tree).map(({ node, depth }) => ({
    id: node.id,
    name: node.name,
    path: node.path,
    depth,
  }));
}
