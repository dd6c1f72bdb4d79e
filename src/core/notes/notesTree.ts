// The Notes tree shown in the side bar, decided here so a Node test reaches every rule; the VS Code adapter only
// maps these nodes to TreeItems.
//
// Shape, with the reasons:
//  - "Start here" comes first and lists the P0 notes not yet studied, the seed note first: a newcomer sees where to
//    begin without expanding anything.
//  - Categories are flattened to the folders that hold notes. The seed vault nests every note three levels deep
//    (References › Architecture Design Basics › Pattern Taxonomy › ...); as folders that was three clicks of
//    single-child folders before the first note. The full path stays visible as the group's tooltip and as the
//    breadcrumb in the note viewer. Two folders with the same last name are told apart by their parents' names.
//  - User folders appear as their own roots (with one problem row per file that failed to load) once any is
//    configured; with none, the bundled groups are the top level.
// Node ids are stable strings, so the tree keeps expansion state and `reveal` works.

import * as l10n from '@vscode/l10n';
import type { Note, NoteProblem, Priority } from './note';
import { priorityLabel } from './note';
import { PRIORITIES } from './note';

/** The note every newcomer should read first: the head of the "Start here" group. */
export const SEED_NOTE_ID = 'statelessness-and-state-management';

/** Whether a note was studied, as the progress store knows it. */
export interface StudyProgress {
  isStudied(noteId: string): boolean;
}

/** A configured user notes folder and the problems of its files. */
export interface NotesTreeFolder {
  /** The folder's label: the `root` of its notes. */
  readonly label: string;
  /** Problems found in its files; only errors (notes that did not load) become rows. */
  readonly problems: readonly NoteProblem[];
}

/** How the tree is grouped and filtered. */
export interface NotesTreeOptions {
  readonly groupBy: 'category' | 'priority';
  readonly hideStudied: boolean;
  /** The `root` of the bundled notes. */
  readonly bundledRoot: string;
  /** User folders, in settings order. With none, the bundled notes' groups are the top level. */
  readonly userFolders: readonly NotesTreeFolder[];
}

/** A notes root: the bundled notes or one user folder. Shown expanded. */
export interface NotesRootNode {
  readonly kind: 'root';
  readonly id: string;
  readonly label: string;
  readonly bundled: boolean;
  /** Note count, and files with problems for a user folder; absent for the bundled root. */
  readonly description?: string;
  readonly children: readonly NotesTreeNode[];
}

/** A group of notes: "Start here", a category folder or a priority. */
export interface NotesGroupNode {
  readonly kind: 'group';
  readonly id: string;
  readonly groupKind: 'start-here' | 'category' | 'priority';
  readonly label: string;
  /** The full category path (for the tooltip); empty for "Start here" and priority groups. */
  readonly path: readonly string[];
  readonly noteCount: number;
  /** Shown expanded on first open ("Start here"); categories start collapsed so all of them fit on screen. */
  readonly expanded: boolean;
  readonly children: readonly NotesNoteNode[];
}

/** A note row. The same note may appear twice (in "Start here" and in its category) under different ids. */
export interface NotesNoteNode {
  readonly kind: 'note';
  readonly id: string;
  readonly note: Note;
}

/** A user note file that failed to load: the first problem, with how many more there are. */
export interface NotesProblemNode {
  readonly kind: 'problem';
  readonly id: string;
  /** The file name, decoded from the path or URI. */
  readonly fileName: string;
  readonly problem: NoteProblem;
}

export type NotesTreeNode = NotesRootNode | NotesGroupNode | NotesNoteNode | NotesProblemNode;

/** The built tree, with the lookups `getParent` and `reveal` need. */
export interface NotesTree {
  readonly nodes: readonly NotesTreeNode[];
  /** The parent of a node by id (absent for top-level nodes). */
  readonly parents: ReadonlyMap<string, NotesTreeNode>;
  /** The row that shows a note in its category or priority group (not the "Start here" copy), for `reveal`. */
  readonly nodeByNoteId: ReadonlyMap<string, NotesNoteNode>;
}

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

function compareText(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

function comparePaths(a: readonly string[], b: readonly string[]): number {
  for (let index = 0; index < Math.min(a.length, b.length); index++) {
    const order = compareText(a[index], b[index]);
    if (order !== 0) return order;
  }
  return a.length - b.length;
}

/** P0 before P1 before P2, then by title. */
export function compareNotes(a: Note, b: Note): number {
  return PRIORITIES.indexOf(a.priority) - PRIORITIES.indexOf(b.priority) || compareText(a.title, b.title) || compareText(a.id, b.id);
}

function noteNodes(notes: readonly Note[], idPrefix = ''): NotesNoteNode[] {
  return notes.map((note) => ({ kind: 'note', id: `${idPrefix}note:${note.id}`, note }));
}

/**
 * Labels for category paths: the last name, or as many trailing names as it takes to tell two folders apart
 * (`Guides › Setup` and `Runbooks › Setup`).
 */
export function categoryLabels(paths: readonly (readonly string[])[]): string[] {
  return paths.map((path) => {
    for (let take = 1; take <= path.length; take++) {
      const suffix = path.slice(-take).join('\u0000');
      const clashes = paths.some((other) => other !== path && other.slice(-take).join('\u0000') === suffix);
      if (!clashes) return path.slice(-take).join(' › ');
    }
    return path.join(' › ');
  });
}

function categoryGroups(notes: readonly Note[], rootLabel: string): NotesGroupNode[] {
  const byPath = new Map<string, { path: readonly string[]; notes: Note[] }>();
  for (const note of notes) {
    const key = note.category.join('/');
    const entry = byPath.get(key) ?? { path: note.category, notes: [] };
    entry.notes.push(note);
    byPath.set(key, entry);
  }
  const entries = [...byPath.values()].sort((a, b) => comparePaths(a.path, b.path));
  const labels = categoryLabels(entries.map((entry) => entry.path));
  return entries.map((entry, index) => ({
    kind: 'group',
    id: `category:${rootLabel}:${entry.path.join('/')}`,
    groupKind: 'category',
    label: labels[index],
    path: entry.path,
    noteCount: entry.notes.length,
    expanded: false,
    children: noteNodes([...entry.notes].sort(compareNotes)),
  }));
}

function priorityGroups(notes: readonly Note[], rootLabel: string): NotesGroupNode[] {
  return PRIORITIES.flatMap((priority: Priority): NotesGroupNode[] => {
    const inGroup = notes.filter((note) => note.priority === priority).sort(compareNotes);
    if (inGroup.length === 0) return [];
    return [{
      kind: 'group',
      id: `priority:${rootLabel}:${priority}`,
      groupKind: 'priority',
      label: `${priority} · ${priorityLabel(priority)}`,
      path: [],
      noteCount: inGroup.length,
      expanded: false,
      children: noteNodes(inGroup),
    }];
  });
}

/** The P0 notes not yet studied: the seed note first, then by title. */
export function startHereNotes(notes: readonly Note[], progress: StudyProgress): Note[] {
  return notes
    .filter((note) => note.priority === 'P0' && !progress.isStudied(note.id))
    .sort((a, b) => Number(b.id === SEED_NOTE_ID) - Number(a.id === SEED_NOTE_ID) || compareNotes(a, b));
}

/** How many P0 notes are not yet studied (the view badge). */
export function unstudiedP0Count(notes: readonly Note[], progress: StudyProgress): number {
  return notes.filter((note) => note.priority === 'P0' && !progress.isStudied(note.id)).length;
}

function fileNameOf(sourcePath: string): string {
  const name = sourcePath.slice(Math.max(sourcePath.lastIndexOf('/'), sourcePath.lastIndexOf('\\')) + 1);
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}

function withMoreProblems(first: string, more: number): string {
  return more === 1
    ? l10n.t({ message: '{0} (and 1 more problem: see the Problems panel)', args: [first], comment: ['{0} is the first problem found in a note file'] })
    : l10n.t({ message: '{0} (and {1} more problems: see the Problems panel)', args: [first, more], comment: ['{0} is the first problem found in a note file, {1} how many more there are (2 or more)'] });
}

/** One row per file that failed to load: its first error, with the count of the others in the text. */
export function problemRows(folder: NotesTreeFolder): NotesProblemNode[] {
  const byFile = new Map<string, NoteProblem[]>();
  for (const problem of folder.problems) {
    if (problem.severity === 'warning') continue;
    byFile.set(problem.sourcePath, [...(byFile.get(problem.sourcePath) ?? []), problem]);
  }
  return [...byFile.values()].map((list, index) => {
    const problem =
      list.length === 1
        ? list[0]
        : { ...list[0], detail: withMoreProblems(list[0].detail ?? list[0].message, list.length - 1), message: list.map((p) => p.message).join('\n') };
    return { kind: 'problem', id: `problem:${folder.label}:${index}:${problem.sourcePath}`, fileName: fileNameOf(problem.sourcePath), problem };
  });
}

/** "3 notes", or with problems "3 notes, 1 file with problems" (one message per plural case). */
export function folderDescription(notes: number, filesWithProblems: number): string {
  if (filesWithProblems === 0) {
    return notes === 1 ? l10n.t('1 note') : l10n.t({ message: '{0} notes', args: [notes], comment: ['{0} is a number of notes (0 or 2 and more)'] });
  }
  if (notes === 1) {
    return filesWithProblems === 1 ? l10n.t('1 note, 1 file with problems') : l10n.t('1 note, {0} files with problems', filesWithProblems);
  }
  return filesWithProblems === 1 ? l10n.t('{0} notes, 1 file with problems', notes) : l10n.t('{0} notes, {1} files with problems', notes, filesWithProblems);
}

function index(nodes: readonly NotesTreeNode[], parent: NotesTreeNode | undefined, parents: Map<string, NotesTreeNode>, byNote: Map<string, NotesNoteNode>): void {
  for (const node of nodes) {
    if (parent) parents.set(node.id, parent);
    if (node.kind === 'note' && !(parent?.kind === 'group' && parent.groupKind === 'start-here')) byNote.set(node.note.id, node);
    if (node.kind === 'root' || node.kind === 'group') index(node.children, node, parents, byNote);
  }
}

/**
 * Builds the Notes tree from the loaded notes (every root), the study progress and the view options. Pure and
 * deterministic: the same input gives the same tree, ids included.
 */
export function buildNotesTree(collection: { readonly notes: readonly Note[] }, progress: StudyProgress, options: NotesTreeOptions): NotesTree {
  const visible = collection.notes.filter((note) => !options.hideStudied || !progress.isStudied(note.id));
  const group = (notes: readonly Note[], rootLabel: string): NotesGroupNode[] =>
    options.groupBy === 'priority' ? priorityGroups(notes, rootLabel) : categoryGroups(notes, rootLabel);

  const nodes: NotesTreeNode[] = [];
  const start = startHereNotes(collection.notes, progress);
  if (start.length > 0) {
    nodes.push({
      kind: 'group',
      id: 'start-here',
      groupKind: 'start-here',
      label: l10n.t({ message: 'Start here', comment: ['Group at the top of the Notes tree listing the most important notes not yet studied'] }),
      path: [],
      noteCount: start.length,
      expanded: true,
      children: noteNodes(start, 'start-here:'),
    });
  }
  if (options.userFolders.length === 0) {
    nodes.push(...group(visible, options.bundledRoot));
  } else {
    nodes.push({
      kind: 'root',
      id: `root:${options.bundledRoot}`,
      label: l10n.t({ message: 'Statecraft Notes', comment: ['The root of the notes bundled with the extension, beside the user\'s own notes folders'] }),
      bundled: true,
      children: group(visible.filter((note) => note.root === options.bundledRoot), options.bundledRoot),
    });
    for (const folder of options.userFolders) {
      const notes = visible.filter((note) => note.root === folder.label);
      const problems = problemRows(folder);
      nodes.push({
        kind: 'root',
        id: `root:${folder.label}`,
        label: folder.label,
        bundled: false,
        description: folderDescription(notes.length, problems.length),
        children: [...group(notes, folder.label), ...problems],
      });
    }
  }
  const parents = new Map<string, NotesTreeNode>();
  const nodeByNoteId = new Map<string, NotesNoteNode>();
  index(nodes, undefined, parents, nodeByNoteId);
  return { nodes, parents, nodeByNoteId };
}
