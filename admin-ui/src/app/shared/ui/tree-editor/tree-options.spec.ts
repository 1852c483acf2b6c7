import { flattenTree, parentOptions, subtreeIds } from './tree-options';

interface Node {
  id: string;
  name: string;
  children: Node[];
}

const node = (id: string, children: Node[] = []): Node => ({
  id,
  name: id.toUpperCase(),
  children,
});

const roots = [node('a', [node('a1', [node('a1x')]), node('a2')]), node('b')];

describe('tree options', () => {
  it('flattens a tree depth-first with each node’s depth', () => {
    expect(flattenTree(roots).map(({ node, depth }) => `${node.id}@${depth}`)).toEqual([
      'a@0',
      'a1@1',
      'a1x@2',
      'a2@1',
      'b@0',
    ]);
  });

  it('collects a node and everything below it', () => {
    expect([...subtreeIds(roots[0].children[0])]).toEqual(['a1', 'a1x']);
  });

  it('never offers a node, or anything inside it, as its own new parent', () => {
    const moving = roots[0].children[0];

    expect(parentOptions(roots, moving, (n) => n.name)).toEqual([
      { id: 'a', label: 'A', depth: 0 },
      { id: 'a2', label: 'A2', depth: 1 },
      { id: 'b', label: 'B', depth: 0 },
    ]);
  });
});
