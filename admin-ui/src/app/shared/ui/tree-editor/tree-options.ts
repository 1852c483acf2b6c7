/** A node of any tree the console edits: categories, locations. */
export interface TreeNodeLike<N> {
  id: string;
  children: N[];
}

/** One choice of a parent picker: indented by depth, disabled where a move would loop. */
export interface ParentOption {
  /** The parent's id; `''` stands for "the top level" where a tree allows it. */
  id: string;
  label: string;
  depth: number;
  disabled?: boolean;
}

/** The nodes of a tree depth-first (parents before children, siblings in order), with depth. */
export function flattenTree<N extends TreeNodeLike<N>>(
  roots: readonly N[],
): { node: N; depth: number }[] {
  const out: { node: N; depth: number }[] = [];
  const visit = (nodes: readonly N[], depth: number) => {
    for (const node of nodes) {
      out.push({ node, depth });
      visit(node.children, depth + 1);
    }
  };
  visit(roots, 0);
  return out;
}

/** The ids of a node and every node below it: places it cannot be moved under. */
export function subtreeIds<N extends TreeNodeLike<N>>(node: N): Set<string> {
  const ids = new Set<string>();
  for (const { node: each } of flattenTree([node])) ids.add(each.id);
  return ids;
}

/**
 * Parent choices for moving `moving`: every node of the tree but `moving` and its descendants
 * (the API would answer with a cycle error), labelled by `label`.
 */
export function parentOptions<N extends TreeNodeLike<N>>(
  roots: readonly N[],
  moving: N,
  label: (node: N) => string,
): ParentOption[] {
  const excluded = subtreeIds(moving);
  return flattenTree(roots)
    .filter(({ node }) => !excluded.has(node.id))
    .map(({ node, depth }) => ({ id: node.id, label: label(node), depth }));
}
