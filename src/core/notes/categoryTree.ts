// The notes tree shown in the side bar: categories (from each note's `category` path) containing sub-categories
// first, then notes. Node ids are stable strings so the tree view can keep expansion state and reveal a note.

import type { Note, Priority } from './note';
import { PRIORITIES } from './noteValidator';

/** A category: `category:References/Architecture Design Basics`. */
export interface CategoryTreeNode {
  readonly kind: 'category';
  /** `category:` + the path joined with `/`. */
  readonly id: string;
  readonly label: string;
  readonly path: readonly string[];
  /** Sub-categories (by name), then notes (by priority, then title). */
  readonly children: readonly CategoryTreeChild[];
  /** Notes in this category and every sub-category. */
  readonly noteCount: number;
}

/** A note leaf: `note:<id>`. */
export interface NoteTreeNode {
  readonly kind: 'note';
  /** `note:` + the note id. */
  readonly id: string;
  readonly noteId: string;
  readonly label: string;
  readonly priority: Priority;
  readonly summary: string;
}

/** A child of a category node. */
export type CategoryTreeChild = CategoryTreeNode | NoteTreeNode;

interface MutableCategory {
  readonly path: string[];
  readonly categories: Map<string, MutableCategory>;
  readonly notes: Note[];
}

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

function compareText(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

function compareNotes(a: Note, b: Note): number {
  return PRIORITIES.indexOf(a.priority) - PRIORITIES.indexOf(b.priority) || compareText(a.title, b.title) || compareText(a.id, b.id);
}

function freeze(category: MutableCategory): CategoryTreeNode {
  const subCategories = [...category.categories.values()]
    .sort((a, b) => compareText(a.path[a.path.length - 1], b.path[b.path.length - 1]))
    .map(freeze);
  const notes: NoteTreeNode[] = [...category.notes].sort(compareNotes).map((note) => ({
    kind: 'note',
    id: `note:${note.id}`,
    noteId: note.id,
    label: note.title,
    priority: note.priority,
    summary: note.summary,
  }));
  return {
    kind: 'category',
    id: `category:${category.path.join('/')}`,
    label: category.path[category.path.length - 1],
    path: category.path,
    children: [...subCategories, ...notes],
    noteCount: notes.length + subCategories.reduce((sum, child) => sum + child.noteCount, 0),
  };
}

/**
 * Builds the category tree of `notes`: top-level categories sorted by name, each with its sub-categories (by
 * name) and then its notes (P0 before P1 before P2, then by title). Deterministic for a given set of notes.
 */
export function buildCategoryTree(notes: readonly Note[]): CategoryTreeNode[] {
  const top: MutableCategory = { path: [], categories: new Map(), notes: [] };
  for (const note of notes) {
    let node = top;
    for (const name of note.category) {
      let child = node.categories.get(name);
      if (!child) {
        child = { path: [...node.path, name], categories: new Map(), notes: [] };
        node.categories.set(name, child);
      }
      node = child;
    }
    node.notes.push(note);
  }
  return [...top.categories.values()]
    .sort((a, b) => compareText(a.path[0], b.path[0]))
    .map(freeze);
}
