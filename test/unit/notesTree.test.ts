import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { displayPathFrom, readMarkdownFiles } from '../../src/cli/contentFolder';
import { loadNoteCollection, loadNoteRoots } from '../../src/core/notes/noteLoader';
import { noteProblem } from '../../src/core/notes/frontMatterChecker';
import {
  buildNotesTree, categoryLabels, SEED_NOTE_ID, unstudiedP0Count, type NotesTree, type NotesTreeNode, type NotesTreeOptions, type StudyProgress,
} from '../../src/core/notes/notesTree';
import { noteFile } from './helpers/noteFixtures';

const REPO = path.resolve(__dirname, '..', '..');

function studied(...ids: string[]): StudyProgress {
  return { isStudied: (id) => ids.includes(id) };
}

const DEFAULTS: NotesTreeOptions = { groupBy: 'category', hideStudied: false, bundledRoot: 'bundled', userFolders: [] };

/** The tree as indented lines: `id [label] (count)`, notes as `id`. */
function outline(nodes: readonly NotesTreeNode[], depth = 0): string[] {
  return nodes.flatMap((node) => {
    const pad = '  '.repeat(depth);
    switch (node.kind) {
      case 'root':
        return [`${pad}${node.id} [${node.label}]${node.description ? ` ${node.description}` : ''}`, ...outline(node.children, depth + 1)];
      case 'group':
        return [`${pad}${node.id} [${node.label}] (${node.noteCount})${node.expanded ? ' expanded' : ''}`, ...outline(node.children, depth + 1)];
      case 'note':
        return [`${pad}${node.id}`];
      case 'problem':
        return [`${pad}${node.fileName}: ${node.problem.detail}`];
    }
  });
}

const TAXONOMY = '[References, Architecture Design Basics, Pattern Taxonomy';
const files = [
  noteFile('idempotency', { category: `${TAXONOMY}, Fundamental Concepts]`, priority: 'P0', title: 'Idempotency' }),
  noteFile(SEED_NOTE_ID, { category: `${TAXONOMY}, Fundamental Concepts]`, priority: 'P0', title: 'Statelessness & State Management' }),
  noteFile('cap-and-pacelc', { category: `${TAXONOMY}, Fundamental Concepts]`, priority: 'P1', title: 'CAP and PACELC' }),
  noteFile('sticky-sessions', { category: `${TAXONOMY}, Scaling and Routing]`, priority: 'P1', title: 'Sticky Sessions' }),
  noteFile('state-placement-guide', { category: '[References, Practical Guides, State Placement]', priority: 'P0', title: 'State Placement Guide' }),
  noteFile('overview', { category: '[References]', priority: 'P2', title: 'Overview' }),
];
const bundled = loadNoteCollection(files, 'bundled');

test('buildNotesTree: "Start here" first (unstudied P0, the seed note first), then one folder per category that holds notes', () => {
  const tree = buildNotesTree(bundled, studied(), DEFAULTS);
  assert.deepEqual(outline(tree.nodes), [
    'start-here [Start here] (3) expanded',
    `  start-here:note:${SEED_NOTE_ID}`,
    '  start-here:note:idempotency',
    '  start-here:note:state-placement-guide',
    'category:bundled:References [References] (1)',
    '  note:overview',
    'category:bundled:References/Architecture Design Basics/Pattern Taxonomy/Fundamental Concepts [Fundamental Concepts] (3)',
    '  note:idempotency',
    `  note:${SEED_NOTE_ID}`,
    '  note:cap-and-pacelc',
    'category:bundled:References/Architecture Design Basics/Pattern Taxonomy/Scaling and Routing [Scaling and Routing] (1)',
    '  note:sticky-sessions',
    'category:bundled:References/Practical Guides/State Placement [State Placement] (1)',
    '  note:state-placement-guide',
  ]);
  const fundamentals = tree.nodes[2];
  assert.equal(fundamentals.kind === 'group' && fundamentals.path.join(' › '), 'References › Architecture Design Basics › Pattern Taxonomy › Fundamental Concepts', 'the full path is kept for the tooltip');
});

test('buildNotesTree: no chain of single-child folders, whatever the depth', () => {
  const deep = loadNoteCollection([noteFile('deep', { category: '[A, B, C, D, E]', priority: 'P1', title: 'Deep' })], 'bundled');
  assert.deepEqual(outline(buildNotesTree(deep, studied(), DEFAULTS).nodes), ['category:bundled:A/B/C/D/E [E] (1)', '  note:deep']);
});

test('categoryLabels: the last name, or enough parents to tell two folders apart', () => {
  assert.deepEqual(
    categoryLabels([['Guides', 'Setup'], ['Runbooks', 'Setup'], ['Runbooks', 'Deploy'], ['X', 'Guides', 'Setup']]),
    ['Guides › Setup', 'Runbooks › Setup', 'Deploy', 'X › Guides › Setup'],
  );
});

test('buildNotesTree: studied notes leave "Start here"; hide-studied hides them from the folders and updates the counts', () => {
  const progress = studied(SEED_NOTE_ID, 'sticky-sessions');
  const shown = buildNotesTree(bundled, progress, DEFAULTS);
  const start = shown.nodes[0];
  assert.ok(start.kind === 'group' && start.groupKind === 'start-here');
  assert.deepEqual(start.children.map((child) => child.id), ['start-here:note:idempotency', 'start-here:note:state-placement-guide']);
  assert.ok(outline(shown.nodes).includes(`  note:${SEED_NOTE_ID}`), 'without hide-studied the studied note stays in its folder');

  const hidden = outline(buildNotesTree(bundled, progress, { ...DEFAULTS, hideStudied: true }).nodes);
  assert.ok(!hidden.includes(`  note:${SEED_NOTE_ID}`));
  assert.ok(hidden.includes('category:bundled:References/Architecture Design Basics/Pattern Taxonomy/Fundamental Concepts [Fundamental Concepts] (2)'));
  assert.ok(!hidden.some((line) => line.includes('Scaling and Routing')), 'a folder whose notes are all hidden disappears');
  assert.equal(unstudiedP0Count(bundled.notes, progress), 2);

  const allP0 = studied(SEED_NOTE_ID, 'idempotency', 'state-placement-guide');
  assert.ok(buildNotesTree(bundled, allP0, DEFAULTS).nodes.every((node) => node.id !== 'start-here'), 'no empty "Start here"');
  assert.equal(unstudiedP0Count(bundled.notes, allP0), 0);
});

test('buildNotesTree: grouped by priority, P0 first, notes by title', () => {
  const tree = buildNotesTree(bundled, studied(), { ...DEFAULTS, groupBy: 'priority' });
  assert.deepEqual(outline(tree.nodes).filter((line) => !line.startsWith(' ')), [
    'start-here [Start here] (3) expanded',
    'priority:bundled:P0 [P0 · appears in nearly every system design interview] (3)',
    'priority:bundled:P1 [P1 · comes up often; know the trade-offs] (2)',
    'priority:bundled:P2 [P2 · useful depth; good to recognise] (1)',
  ]);
});

test('buildNotesTree: user folders become roots with counts and one problem row per broken file', () => {
  const collection = loadNoteRoots([
    { root: 'bundled', files },
    { root: 'team', files: [noteFile('runbook', { category: '[Team Notes]', priority: 'P0', title: 'Runbook' })] },
  ]);
  const problems = [
    noteProblem('file:///w/team/broken.md', 'first problem', { line: 1 }),
    noteProblem('file:///w/team/broken.md', 'second problem', { line: 2 }),
    noteProblem('file:///w/team/my%20note.md', 'only problem'),
    noteProblem('file:///w/team/warned.md', 'unknown field', { severity: 'warning' }),
  ];
  const tree: NotesTree = buildNotesTree(collection, studied(), { ...DEFAULTS, userFolders: [{ label: 'team', problems }] });
  const lines = outline(tree.nodes);
  assert.deepEqual(lines.filter((line) => !line.startsWith('    ')), [
    'start-here [Start here] (4) expanded',
    `  start-here:note:${SEED_NOTE_ID}`,
    '  start-here:note:idempotency',
    '  start-here:note:runbook',
    '  start-here:note:state-placement-guide',
    'root:bundled [Statecraft Notes]',
    '  category:bundled:References [References] (1)',
    '  category:bundled:References/Architecture Design Basics/Pattern Taxonomy/Fundamental Concepts [Fundamental Concepts] (3)',
    '  category:bundled:References/Architecture Design Basics/Pattern Taxonomy/Scaling and Routing [Scaling and Routing] (1)',
    '  category:bundled:References/Practical Guides/State Placement [State Placement] (1)',
    'root:team [team] 1 note, 2 files with problems',
    '  category:team:Team Notes [Team Notes] (1)',
    '  broken.md: first problem (and 1 more problem: see the Problems panel)',
    '  my note.md: only problem',
  ]);
  // Lookups for getParent and reveal: the category row, not the "Start here" copy.
  const runbook = tree.nodeByNoteId.get('runbook');
  assert.equal(runbook?.id, 'note:runbook');
  assert.equal(tree.parents.get('note:runbook')?.id, 'category:team:Team Notes');
  assert.equal(tree.parents.get('category:team:Team Notes')?.id, 'root:team');
  assert.equal(tree.parents.get('start-here:note:runbook')?.id, 'start-here');
  assert.equal(tree.parents.get('start-here'), undefined);
  const allIds = (nodes: readonly NotesTreeNode[]): string[] =>
    nodes.flatMap((node) => [node.id, ...(node.kind === 'root' || node.kind === 'group' ? allIds(node.children) : [])]);
  const ids = allIds(tree.nodes);
  assert.equal(ids.length, lines.length);
  assert.equal(new Set(ids).size, ids.length, 'every id is unique');
});

test('buildNotesTree on the bundled content: the seed note heads "Start here", every category is a top-level row', async () => {
  const content = loadNoteCollection(await readMarkdownFiles(path.join(REPO, 'content'), { displayPath: displayPathFrom(REPO) }), 'bundled');
  const tree = buildNotesTree(content, studied(), DEFAULTS);
  const [start, ...groups] = tree.nodes;
  assert.ok(start.kind === 'group' && start.expanded);
  assert.equal(start.children[0].note.id, SEED_NOTE_ID);
  assert.equal(start.children.length, content.notes.filter((note) => note.priority === 'P0').length);
  assert.ok(groups.every((group) => group.kind === 'group' && group.groupKind === 'category' && !group.expanded && group.children.length > 0));
  assert.equal(groups.reduce((sum, group) => sum + (group.kind === 'group' ? group.noteCount : 0), 0), content.notes.length);
  assert.ok(groups.some((group) => group.kind === 'group' && group.label === 'Fundamental Concepts'));
});
