import { Location } from '@stockmaster/contracts';

import { flattenTree } from '../ui/tree-editor/tree-options';

/** A location with its children, for the tree editor. */
export interface LocationNode extends Location {
  children: LocationNode[];
}

const byName = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/**
 * Builds a warehouse's location tree from its flat list (`parentId` links). Siblings are sorted
 * by name, with numbers in numeric order (A-2 before A-10). A location whose parent is not in
 * the list becomes a root, so nothing the API sent is ever hidden.
 */
export function buildLocationTree(locations: readonly Location[]): LocationNode[] {
  const nodes = new Map<string, LocationNode>();
  for (const location of locations) nodes.set(location.id, { ...location, children: [] });

  const roots: LocationNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    if (parent && parent !== node && !isAncestor(node, parent, nodes)) parent.children.push(node);
    else roots.push(node);
  }

  const sort = (list: LocationNode[]) => {
    list.sort((a, b) => byName.compare(a.name, b.name));
    for (const node of list) sort(node.children);
  };
  sort(roots);
  return roots;
}

/** Whether `node` is above `candidate` already (bad data would otherwise make a loop). */
function isAncestor(
  node: LocationNode,
  candidate: LocationNode,
  nodes: Map<string, LocationNode>,
): boolean {
  const seen = new Set<string>();
  let current: LocationNode | undefined = candidate;
  while (current && !seen.has(current.id)) {
    if (current.parentId === node.id) return true;
    seen.add(current.id);
    current = current.parentId ? nodes.get(current.parentId) : undefined;
  }
  return false;
}

/** A location picker's option: the location, and how deep to indent it. */
export interface LocationOption {
  id: string;
  name: string;
  fullName: string;
  depth: number;
}

/** The internal locations of a warehouse's flat list, in tree order, for a location picker. */
export function internalLocationOptions(locations: readonly Location[]): LocationOption[] {
  const internal = locations.filter((location) => location.type === 'internal');
  return flattenTree(buildLocationTree(internal)).map(({ node, depth }) => ({
    id: node.id,
    name: node.name,
    fullName: node.fullName,
    depth,
  }));
}
