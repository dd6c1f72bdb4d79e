// The Notes and Bookmarks trees. No domain logic here: the tree (groups, "Start here", hide-studied, problem rows,
// counts) comes from the core's buildNotesTree, progress from the ProgressStore; this file maps them to TreeItems
// with stable ids (so `reveal` works), ThemeIcons, Markdown tooltips, context values for the menus and a command.
// Model: Foam base-tree-provider.ts.
import * as vscode from 'vscode';
import type { Note } from '../core/notes/note';
import { priorityLabel } from '../core/notes/note';
import { buildNotesTree, unstudiedP0Count, type NotesTree, type NotesTreeNode } from '../core/notes/notesTree';
import { CommandIds } from './commandIds';
import { BUNDLED_ROOT, type NotesLibrary } from './notesLibrary';
import type { ProgressStore } from './progressStore';
import type { GroupBy } from './settings';
import { disposeAll } from './dispose';

export type { NotesTreeNode } from '../core/notes/notesTree';

export interface TreeOptions {
  readonly groupBy: GroupBy;
  readonly hideStudied: boolean;
}

const EMPTY_TREE: NotesTree = { nodes: [], parents: new Map(), nodeByNoteId: new Map() };

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

function countNotes(count: number): string {
  return count === 1 ? vscode.l10n.t('1 note') : vscode.l10n.t('{0} notes', count);
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}

export class NotesTreeProvider implements vscode.TreeDataProvider<NotesTreeNode>, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<NotesTreeNode | undefined>();
  readonly onDidChangeTreeData = this.changeEmitter.event;
  private tree: NotesTree = EMPTY_TREE;
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
    return unstudiedP0Count(this.library.current?.notes ?? [], this.progress);
  }

  async getChildren(element?: NotesTreeNode): Promise<NotesTreeNode[]> {
    if (element) return element.kind === 'root' || element.kind === 'group' ? [...element.children] : [];
    // Loading fires library.onDidChange, whose handler rebuilds the tree.
    if (!this.library.current) await this.library.getNotes();
    return [...this.tree.nodes];
  }

  getParent(element: NotesTreeNode): NotesTreeNode | undefined {
    return this.tree.parents.get(element.id);
  }

  /** The tree node showing a note in its category (not its "Start here" copy), for `reveal`. */
  nodeForNote(noteId: string): NotesTreeNode | undefined {
    return this.tree.nodeByNoteId.get(noteId);
  }

  getTreeItem(element: NotesTreeNode): vscode.TreeItem {
    switch (element.kind) {
      case 'root': {
        const item = new vscode.TreeItem(element.label, vscode.TreeItemCollapsibleState.Expanded);
        item.id = element.id;
        item.description = element.description;
        item.iconPath = new vscode.ThemeIcon(element.bundled ? 'library' : 'folder-library');
        item.contextValue = 'root';
        return item;
      }
      case 'group': {
        const item = new vscode.TreeItem(element.label, element.expanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
        item.id = element.id;
        item.description = `${element.noteCount}`;
        item.tooltip = element.path.length > 1
          ? vscode.l10n.t({ message: '{0} ({1})', args: [element.path.join(' › '), countNotes(element.noteCount)], comment: ['{0} is a category path such as References › Practical Guides, {1} a note count such as 3 notes'] })
          : countNotes(element.noteCount);
        item.iconPath = element.groupKind === 'start-here' ? new vscode.ThemeIcon('rocket') : vscode.ThemeIcon.Folder;
        item.contextValue = element.groupKind === 'start-here' ? 'startHere' : 'category';
        return item;
      }
      case 'note':
        return noteTreeItem(element.note, this.progress, element.id);
      case 'problem': {
        const item = new vscode.TreeItem(element.fileName, vscode.TreeItemCollapsibleState.None);
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
    this.tree = collection
      ? buildNotesTree(collection, this.progress, {
          ...this.options,
          bundledRoot: BUNDLED_ROOT,
          userFolders: this.library.userFolders.map((folder) => ({ label: folder.label, problems: this.library.problemsFor(folder) })),
        })
      : EMPTY_TREE;
    this.changeEmitter.fire(undefined);
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
