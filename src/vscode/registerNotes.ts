// The knowledge-base feature as activate() creates it: the library, the note viewer, and the Notes and Bookmarks views
// with their badge and context keys. The note commands are registered in activation's second stage (noteCommands.ts).
import * as vscode from 'vscode';
import type { Logger } from '../core/ports';
import { ContextKeys, ViewIds } from './commandIds';
import { NoteViewer } from './noteViewer';
import { NotesLibrary } from './notesLibrary';
import { BookmarksTreeProvider, NotesTreeProvider, type NotesTreeNode } from './notesTreeProvider';
import type { ProgressStore } from './progressStore';
import { affects, readSettings } from './settings';
import { disposeAll } from './dispose';

export interface NotesFeature extends vscode.Disposable {
  readonly library: NotesLibrary;
  readonly viewer: NoteViewer;
  readonly tree: NotesTreeProvider;
  readonly treeView: vscode.TreeView<NotesTreeNode>;
}

export function registerNotes(context: vscode.ExtensionContext, progress: ProgressStore, logger: Logger): NotesFeature {
  const library = new NotesLibrary(context.extensionUri, logger, context.storageUri ?? context.globalStorageUri);
  const viewer = new NoteViewer(context.extensionUri, library, progress, (message) => logger.error(message));
  const settings = readSettings();
  const tree = new NotesTreeProvider(library, progress, { groupBy: settings.groupBy, hideStudied: settings.hideStudied });
  const treeView = vscode.window.createTreeView(ViewIds.notes, { treeDataProvider: tree, showCollapseAll: true });
  const bookmarks = new BookmarksTreeProvider(library, progress);
  const bookmarksView = vscode.window.createTreeView(ViewIds.bookmarks, { treeDataProvider: bookmarks });

  const updateBadgeAndContext = () => {
    const count = tree.unstudiedP0Count();
    treeView.badge = count > 0 ? { value: count, tooltip: vscode.l10n.t('{0} P0 notes not yet studied', count) } : undefined;
    void vscode.commands.executeCommand('setContext', ContextKeys.notesLoaded, (library.current?.size ?? 0) > 0);
  };
  const setViewContext = () => {
    const current = readSettings();
    void vscode.commands.executeCommand('setContext', ContextKeys.groupBy, current.groupBy);
    void vscode.commands.executeCommand('setContext', ContextKeys.hideStudied, current.hideStudied);
  };
  setViewContext();

  const disposables: vscode.Disposable[] = [
    library, viewer, tree, treeView, bookmarks, bookmarksView,
    library.onDidChange(updateBadgeAndContext),
    progress.onDidChange(updateBadgeAndContext),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (affects(event, 'groupBy', 'hideStudied')) {
        const current = readSettings();
        tree.setOptions({ groupBy: current.groupBy, hideStudied: current.hideStudied });
        setViewContext();
      }
    }),
  ];

  // Load in the background after activation (nothing waits on it): the activity-bar badge counting unstudied P0
  // notes needs the notes even while the view is closed, and the first expand is then instant.
  setTimeout(() => void library.getNotes(), 0);

  return {
    library,
    viewer,
    tree,
    treeView,
    dispose: () => disposeAll(disposables),
  };
}
