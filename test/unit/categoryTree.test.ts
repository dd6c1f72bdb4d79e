import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildCategoryTree, type CategoryTreeChild } from '../../src/core/notes/categoryTree';
import { loadNoteCollection } from '../../src/core/notes/noteLoader';
import { noteFile } from './helpers/noteFixtures';

function outline(nodes: readonly CategoryTreeChild[], depth = 0): string[] {
  return nodes.flatMap((node) =>
    node.kind === 'category'
      ? [`${'  '.repeat(depth)}${node.id} (${node.noteCount})`, ...outline(node.children, depth + 1)]
      : [`${'  '.repeat(depth)}${node.id} ${node.priority} ${node.label}`],
  );
}

test('buildCategoryTree: categories by name, sub-categories before notes, notes by priority then title', () => {
  const basics = '[References, Architecture Design Basics, Pattern Taxonomy, Fundamental Concepts]';
  const scaling = '[References, Architecture Design Basics, Pattern Taxonomy, Scaling and Routing]';
  const files = [
    noteFile('idempotency', { category: basics, priority: 'P1', title: 'Idempotency' }),
    noteFile('latency-numbers', { category: basics, priority: 'P0', title: 'Latency Numbers' }),
    noteFile('cap-and-pacelc', { category: basics, priority: 'P1', title: 'CAP and PACELC' }),
    noteFile('sticky-sessions', { category: scaling, priority: 'P1', title: 'Sticky Sessions' }),
    noteFile('overview', { category: '[References]', priority: 'P2', title: 'Overview' }),
    noteFile('state-placement-guide', { category: '[References, Practical Guides, State Placement]', priority: 'P0', title: 'State Placement Guide' }),
  ];
  const tree = buildCategoryTree(loadNoteCollection(files, 'bundled').notes);
  assert.deepEqual(outline(tree), [
    'category:References (6)',
    '  category:References/Architecture Design Basics (4)',
    '    category:References/Architecture Design Basics/Pattern Taxonomy (4)',
    '      category:References/Architecture Design Basics/Pattern Taxonomy/Fundamental Concepts (3)',
    '        note:latency-numbers P0 Latency Numbers',
    '        note:cap-and-pacelc P1 CAP and PACELC',
    '        note:idempotency P1 Idempotency',
    '      category:References/Architecture Design Basics/Pattern Taxonomy/Scaling and Routing (1)',
    '        note:sticky-sessions P1 Sticky Sessions',
    '  category:References/Practical Guides (1)',
    '    category:References/Practical Guides/State Placement (1)',
    '      note:state-placement-guide P0 State Placement Guide',
    '  note:overview P2 Overview',
  ]);
  const leaf = tree[0].children[2];
  assert.deepEqual(leaf, {
    kind: 'note',
    id: 'note:overview',
    noteId: 'overview',
    label: 'Overview',
    priority: 'P2',
    summary: 'A note used by the tests.',
  });
  assert.deepEqual(buildCategoryTree([]), []);
});
