import { Location } from '@stockmaster/contracts';

import { LocationNode, buildLocationTree, internalLocationOptions } from './location-tree';

function location(id: string, fullName: string, parentId: string | null): Location {
  return {
    id,
    warehouseId: 'wh-1',
    parentId,
    name: fullName.split('/').pop()!,
    fullName,
    type: 'internal',
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
  };
}

/** `name(child, child(…))` outlines, to compare trees at a glance. */
const outline = (nodes: LocationNode[]): string[] =>
  nodes.map((n) => (n.children.length ? `${n.name}(${outline(n.children).join(', ')})` : n.name));

describe('buildLocationTree', () => {
  it('nests a flat page (sorted by full name) under its parents', () => {
    const page = [
      location('root', 'MAIN/Stock', null),
      location('cold', 'MAIN/Stock/Cold-Room', 'root'),
      location('a1', 'MAIN/Stock/Cold-Room/A-01', 'cold'),
      location('a2', 'MAIN/Stock/Cold-Room/A-02', 'cold'),
      location('dry', 'MAIN/Stock/Dry', 'root'),
    ];

    const tree = buildLocationTree(page);

    expect(outline(tree)).toEqual(['Stock(Cold-Room(A-01, A-02), Dry)']);
    expect(tree[0].children[0].children[1].fullName).toBe('MAIN/Stock/Cold-Room/A-02');
  });

  it('does not depend on the order rows arrive in, and sorts shelf numbers numerically', () => {
    const rows = [
      location('s10', 'MAIN/Stock/Shelf-10', 'root'),
      location('s2', 'MAIN/Stock/Shelf-2', 'root'),
      location('root', 'MAIN/Stock', null),
      location('s1', 'MAIN/Stock/Shelf-1', 'root'),
    ];

    expect(outline(buildLocationTree(rows))).toEqual(['Stock(Shelf-1, Shelf-2, Shelf-10)']);
  });

  it('keeps a location whose parent is missing from the list visible, as a root', () => {
    const rows = [location('root', 'MAIN/Stock', null), location('x', 'MAIN/Other/X', 'gone')];

    expect(outline(buildLocationTree(rows))).toEqual(['Stock', 'X']);
  });

  it('does not loop forever on parent links that form a cycle', () => {
    const rows = [location('a', 'A', 'b'), location('b', 'B', 'a')];

    expect(outline(buildLocationTree(rows)).sort()).toEqual(['A', 'B']);
  });
});

describe('internalLocationOptions', () => {
  it('lists the internal locations in tree order with their depth, leaving out virtual ones', () => {
    const options = internalLocationOptions([
      location('dry', 'MAIN/Stock/Dry', 'root'),
      { ...location('customers', 'Customers', null), type: 'customer' },
      location('a1', 'MAIN/Stock/Cold-Room/A-01', 'cold'),
      location('root', 'MAIN/Stock', null),
      location('cold', 'MAIN/Stock/Cold-Room', 'root'),
    ]);

    expect(options.map((o) => [o.fullName, o.depth])).toEqual([
      ['MAIN/Stock', 0],
      ['MAIN/Stock/Cold-Room', 1],
      ['MAIN/Stock/Cold-Room/A-01', 2],
      ['MAIN/Stock/Dry', 1],
    ]);
    expect(options[1]).toEqual({
      id: 'cold',
      name: 'Cold-Room',
      fullName: 'MAIN/Stock/Cold-Room',
      depth: 1,
    });
  });
});
