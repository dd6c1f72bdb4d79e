// The Notes and Bookmarks trees. No domain logic here: the category tree comes from the core, progress from the
// ProgressStore; this file maps them to TreeItems with stable ids (so `reveal` works), ThemeIcons, Markdown
// tooltips, context values for the menus and a command. Model: Foam base-tree-provider.ts.
import * as vscode from 'vscode';
import { buildCategoryTree, type CategoryTreeChild } from '../core/notes/categoryTree';
import type { Note, NoteProblem, Priority } from '../core/notes/note';
import { priorityLabel } from '../core/notes/note';
import { CommandIds } from './commandIds';
import { BUNDLED_ROOT, type NotesLibrary } from './notesLibrary';
import type { ProgressStore } from './progressStore';
import type { GroupBy } from './settings';
import { disposeAll } from './dispose';

export type NotesTreeNode =
  | { readonly kind: 'root'; readonly id: string; readonly label: string; readonly description?: string; readonly children: NotesTreeNode[] }
  | { readonly kind: 'category'; readonly id: string; readonly label: string; readonly noteCount: number; readonly children: NotesTreeNode[] }
  | { readonly kind: 'note'; readonly id: string; readonly note: Note }
  | { readonly kind: 'problem'; readonly id: string; readonly problem: NoteProblem };

export interface TreeOptions {
  readonly groupBy: GroupBy;
  readonly hideStudied: boolean;
}

const PRIORITIES: readonly Priority[] = ['P0', 'P1', 'P2'];

/** The description shown next to a note: `P0 · 2 min`. */
export function noteDescription(note: Note): string {
  return vscode.l10n.t({ message: '{0} · {1} min', args: [note.priority, note.readingMinutes], comment: ['{0} is a priority such as P0, {1} a reading time in whole minutes'] });
}

export function noteContextValue(note: Note, progress: ProgressStore): string {
  return `note.${progress.isStudied(note.id) ? 'studied' : 'unstudied'}.${progress.isBookmarked(note.id) ? 'bookmarked' : 'unbookmarked'}`;
}

export function noteTreeItem(note: Note, progress: ProgressStore, id: string): vscode.TreeItem {
  const studied = progress.isStudied(note.id);
  const item = new vscode.TreeItem(note.title, vscode.TreeItemCollapsibleState.None);
  item.id = id;
  item.description = noteDescription(note);
  item.iconPath = new vscode.ThemeIcon(studied ? 'pass-filled' : progress.isBookmarked(note.id) ? 'bookmark' : 'book', studied ? new vscode.ThemeColor('testing.iconPassed') : undefined);
  const tooltip = new vscode.MarkdownString(undefined, true);
  tooltip.appendMarkdown(`**${escapeMarkdown(note.title)}**\n\n`);
  tooltip.appendMarkdown(`${escapeMarkdown(note.summary)}\n\n`);
  const label = priorityLabel(note.priority);
  tooltip.appendMarkdown(
    studied
      ? vscode.l10n.t({ message: '$(tag) {0}: {1} · {2} min read · $(pass) studied', args: [note.priority, label, note.readingMinutes], comment: ['$(tag) and $(pass) are icons: keep them as they are', '{0} is a priority such as P0, {1} what that priority means, {2} a reading time in whole minutes'] })
      : vscode.l10n.t({ message: '$(tag) {0}: {1} · {2} min read', args: [note.priority, label, note.readingMinutes], comment: ['$(tag) is an icon: keep it as it is', '{0} is a priority such as P0, {1} what that priority means, {2} a reading time in whole minutes'] }),
  );
  item.tooltip = tooltip;
  item.accessibilityInformation = {
    label: studied
      ? vscode.l10n.t({ message: '{0}, {1}, {2} minute read, studied', args: [note.title, note.priority, note.readingMinutes], comment: ['{0} is the note title, {1} a priority such as P0, {2} a reading time in whole minutes'] })
      : vscode.l10n.t({ message: '{0}, {1}, {2} minute read', args: [note.title, note.priority, note.readingMinutes], comment: ['{0} is the note title, {1} a priority such as P0, {2} a reading time in whole minutes'] }),
  };
  item.contextValue = noteContextValue(note, progress);
  item.command = { command: CommandIds.openNote, title: vscode.l10n.t('Open Note'), arguments: [note.id] };
  return item;
}

/** One problem row per file: the first problem, with the count of the others in the text. */
function firstProblemPerFile(problems: readonly NoteProblem[]): NoteProblem[] {
  const byFile = new Map<string, NoteProblem[]>();
  for (const problem of problems) byFile.set(problem.sourcePath, [...(byFile.get(problem.sourcePath) ?? []), problem]);
  return [...byFile.values()].map((list) =>
    list.length === 1
      ? list[0]
      : { ...list[0], detail: withMoreProblems(list[0].detail ?? list[0].message, list.length - 1), message: list.map((p) => p.message).join('\n') });
}

function withMoreProblems(first: string, more: number): string {
  return more === 1
    ? vscode.l10n.t('{0} (and 1 more problem: see the Problems panel)', first)
    : vscode.l10n.t('{0} (and {1} more problems: see the Problems panel)', first, more);
}

function countNotes(count: number): string {
  return count === 1 ? vscode.l10n.t('1 note') : vscode.l10n.t('{0} notes', count);
}

/** A user folder's description: its note count, and how many of its files have problems (one message per plural case). */
function folderDescription(notes: number, filesWithProblems: number): string {
  if (filesWithProblems === 0) return countNotes(notes);
  if (notes === 1) {
    return filesWithProblems === 1 ? vscode.l10n.t('1 note, 1 file with problems') : vscode.l10n.t('1 note, {0} files with problems', filesWithProblems);
  }
  return filesWithProblems === 1 ? vscode.l10n.t('{0} notes, 1 file with problems', notes) : vscode.l10n.t('{0} notes, {1} files with problems', notes, filesWithProblems);
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}

export class NotesTreeProvider implements vscode.TreeDataProvider<NotesTreeNode>, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<NotesTreeNode | undefined>();
  readonly onDidChangeTreeData = this.changeEmitter.event;
  private roots: NotesTreeNode[] = [];
  private parents = new Map<string, NotesTreeNode>();
  private nodesByNoteId = new Map<string, NotesTreeNode>();
  private readonly disposables: vscode.Disposable[] = [this.changeEmitter];

  constructor(
    private readonly library: NotesLibrary,
    private readonly progress: ProgressStore,
    private options: TreeOptions,
  ) {
    this.disposables.push(library.onDidChange(() => this.rebuild()), progress.onDidChange(() => this.rebuild()));
  }

  setOptions(options: TreeOptions): void {
    this.options = options;
    this.rebuild();
  }

  /** Number of P0 notes not yet studied, for the view badge. */
  unstudiedP0Count(): number {
    return (this.library.current?.notes ?? []).filter((note) => note.priority === 'P0' && !this.progress.isStudied(note.id)).length;
  }

  async getChildren(element?: NotesTreeNode): Promise<NotesTreeNode[]> {
    if (element) return element.kind === 'root' || element.kind === 'category' ? element.children : [];
    // Loading fires library.onDidChange, whose handler rebuilds the roots.
    if (!this.library.current) await this.library.getNotes();
    return this.roots;
  }

  getParent(element: NotesTreeNode): NotesTreeNode | undefined {
    return this.parents.get(element.id);
  }

  /** The tree node showing a note, for `reveal`. */
  nodeForNote(noteId: string): NotesTreeNode | undefined {
    return this.nodesByNoteId.get(noteId);
  }

  getTreeItem(element: NotesTreeNode): vscode.TreeItem {
    switch (element.kind) {
      case 'root': {
        const item = new vscode.TreeItem(element.label, vscode.TreeItemCollapsibleState.Expanded);
        item.id = element.id;
        item.description = element.description;
        item.iconPath = new vscode.ThemeIcon(element.id === `root:${BUNDLED_ROOT}` ? 'library' : 'folder-library');
        item.contextValue = 'root';
        return item;
      }
      case 'category': {
        const item = new vscode.TreeItem(element.label, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = element.id;
        item.description = `${element.noteCount}`;
        item.tooltip = countNotes(element.noteCount);
        item.iconPath = vscode.ThemeIcon.Folder;
        item.contextValue = 'category';
        return item;
      }
      case 'note':
        return noteTreeItem(element.note, this.progress, element.id);
      case 'problem': {
        const fileName = decodeURIComponent(element.problem.sourcePath.slice(element.problem.sourcePath.lastIndexOf('/') + 1));
        const item = new vscode.TreeItem(fileName, vscode.TreeItemCollapsibleState.None);
        item.id = element.id;
        item.description = element.problem.detail ?? element.problem.message;
        item.tooltip = element.problem.message;
        item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
        item.contextValue = 'problem';
        item.command = {
          command: 'vscode.open',
          title: vscode.l10n.t('Open File'),
          arguments: [vscode.Uri.parse(element.problem.sourcePath), { selection: new vscode.Range(element.problem.line ?? 0, 0, element.problem.line ?? 0, 0) }],
        };
        return item;
      }
    }
  }

  private rebuild(): void {
    const collection = this.library.current;
    this.parents = new Map();
    this.nodesByNoteId = new Map();
    if (!collection) {
      this.roots = [];
    } else {
      const visible = collection.notes.filter((note) => !this.options.hideStudied || !this.progress.isStudied(note.id));
      const userFolders = this.library.userFolders;
      if (userFolders.length === 0) {
        this.roots = this.group(visible, 'bundled');
      } else {
        this.roots = [
          { kind: 'root', id: `root:${BUNDLED_ROOT}`, label: vscode.l10n.t('Statecraft Notes'), children: this.group(visible.filter((n) => n.root === BUNDLED_ROOT), BUNDLED_ROOT) },
          ...userFolders.map((folder): NotesTreeNode => {
            const problems = firstProblemPerFile(this.library.problemsFor(folder));
            const notes = visible.filter((n) => n.root === folder.label);
            const children = [
              ...this.group(notes, folder.label),
              ...problems.map((problem, index): NotesTreeNode => ({ kind: 'problem', id: `problem:${folder.label}:${index}:${problem.sourcePath}`, problem })),
            ];
            return {
              kind: 'root',
              id: `root:${folder.label}`,
              label: folder.label,
              description: folderDescription(notes.length, problems.length),
              children,
            };
          }),
        ];
      }
      this.indexParents(this.roots, undefined);
    }
    this.changeEmitter.fire(undefined);
  }

  private group(notes: readonly Note[], rootLabel: string): NotesTreeNode[] {
    if (this.options.groupBy === 'priority') {
      return PRIORITIES.flatMap((priority): NotesTreeNode[] => {
        const inGroup = notes.filter((note) => note.priority === priority).sort((a, b) => a.title.localeCompare(b.title));
        if (inGroup.length === 0) return [];
        return [{
          kind: 'category',
          id: `priority:${rootLabel}:${priority}`,
          label: `${priority} · ${priorityLabel(priority)}`,
          noteCount: inGroup.length,
          children: inGroup.map((note): NotesTreeNode => ({ kind: 'note', id: `note:${note.id}`, note })),
        }];
      });
    }
    const byId = new Map(notes.map((note) => [note.id, note]));
    const convert = (child: CategoryTreeChild): NotesTreeNode =>
      child.kind === 'category'
        ? { kind: 'category', id: `${child.id}@${rootLabel}`, label: child.label, noteCount: child.noteCount, children: child.children.map(convert) }
        : { kind: 'note', id: child.id, note: byId.get(child.noteId)! };
    return buildCategoryTree(notes).map(convert);
  }

  private indexParents(nodes: readonly NotesTreeNode[], parent: NotesTreeNode | undefined): void {
    for (const node of nodes) {
      if (parent) this.parents.set(node.id, parent);
      if (node.kind === 'note') this.nodesByNoteId.set(node.note.id, node);
      if (node.kind === 'root' || node.kind === 'category') this.indexParents(node.children, node);
    }
  }

  dispose(): void {
    disposeAll(this.disposables);
  }
}

/** The Bookmarks view: bookmarked notes, most recent first. */
export class BookmarksTreeProvider implements vscode.TreeDataProvider<Note>, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changeEmitter.event;
  private readonly disposables: vscode.Disposable[] = [this.changeEmitter];

  constructor(
    private readonly library: NotesLibrary,
    private readonly progress: ProgressStore,
  ) {
    this.disposables.push(library.onDidChange(() => this.changeEmitter.fire()), progress.onDidChange(() => this.changeEmitter.fire()));
  }

  async getChildren(element?: Note): Promise<Note[]> {
    if (element) return [];
    const collection = await this.library.getNotes();
    return this.progress.bookmarks.flatMap((id) => collection.get(id) ?? []);
  }

  getTreeItem(note: Note): vscode.TreeItem {
    return noteTreeItem(note, this.progress, `bookmark:${note.id}`);
  }

  dispose(): void {
    disposeAll(this.disposables);
  }
}
