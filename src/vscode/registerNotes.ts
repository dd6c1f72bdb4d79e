// The knowledge-base feature: the Notes and Bookmarks views, the note viewer, search and the note commands.
import * as vscode from 'vscode';
import type { Note } from '../core/notes/note';
import type { Logger } from '../core/ports';
import { CommandIds, ContextKeys, ViewIds, WebviewTypes } from './commandIds';
import { NoteViewer } from './noteViewer';
import { NotesLibrary } from './notesLibrary';
import { BookmarksTreeProvider, NotesTreeProvider, type NotesTreeNode } from './notesTreeProvider';
import type { ProgressStore } from './progressStore';
import { searchNotes } from './searchQuickPick';
import { SettingKeys } from './settingDefaults';
import { affects, readSettings } from './settings';
import { disposeAll } from './dispose';

/** A command argument that names a note: an id (palette, CodeLens, tests) or a tree node / bookmark item. */
type NoteArgument = string | NotesTreeNode | Note | undefined;

function noteIdOf(argument: NoteArgument, viewer: NoteViewer): string | undefined {
  if (typeof argument === 'string') return argument;
  if (argument && 'kind' in argument) return argument.kind === 'note' ? argument.note.id : undefined;
  if (argument && 'id' in argument && 'body' in argument) return argument.id;
  return viewer.activeNoteId;
}

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

  const open = (argument: NoteArgument, fragment?: string, toSide = false) => {
    const id = noteIdOf(argument, viewer);
    return id ? viewer.open(id, { fragment, toSide }) : Promise.resolve(false);
  };
  const setSetting = (key: keyof typeof SettingKeys, value: unknown) =>
    vscode.workspace.getConfiguration('statecraft').update(SettingKeys[key], value, vscode.ConfigurationTarget.Global);

  const disposables: vscode.Disposable[] = [
    library, viewer, tree, treeView, bookmarks, bookmarksView,
    library.onDidChange(updateBadgeAndContext),
    progress.onDidChange(updateBadgeAndContext),
    vscode.window.registerWebviewPanelSerializer(WebviewTypes.note, viewer),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (affects(event, 'groupBy', 'hideStudied')) {
        const current = readSettings();
        tree.setOptions({ groupBy: current.groupBy, hideStudied: current.hideStudied });
        setViewContext();
      }
    }),
    vscode.commands.registerCommand(CommandIds.openNote, (argument: NoteArgument, fragment?: string) => open(argument, typeof fragment === 'string' ? fragment : undefined)),
    vscode.commands.registerCommand(CommandIds.openNoteToSide, (argument: NoteArgument) => open(argument, undefined, true)),
    vscode.commands.registerCommand(CommandIds.searchNotes, (query?: string) =>
      searchNotes(library, (id, fragment) => open(id, fragment), typeof query === 'string' ? query : '')),
    vscode.commands.registerCommand(CommandIds.markStudied, (argument: NoteArgument) => withId(argument, (id) => progress.setStudied(id, true))),
    vscode.commands.registerCommand(CommandIds.markUnstudied, (argument: NoteArgument) => withId(argument, (id) => progress.setStudied(id, false))),
    vscode.commands.registerCommand(CommandIds.addBookmark, (argument: NoteArgument) => withId(argument, (id) => progress.setBookmarked(id, true))),
    vscode.commands.registerCommand(CommandIds.removeBookmark, (argument: NoteArgument) => withId(argument, (id) => progress.setBookmarked(id, false))),
    vscode.commands.registerCommand(CommandIds.copyNoteLink, (argument: NoteArgument) =>
      withId(argument, async (id) => {
        const link = `${vscode.env.uriScheme}://${context.extension.id}/note?id=${encodeURIComponent(id)}`;
        await vscode.env.clipboard.writeText(link);
        void vscode.window.showInformationMessage(vscode.l10n.t('Copied a link to "{0}".', id));
      })),
    vscode.commands.registerCommand(CommandIds.groupByPriority, () => setSetting('groupBy', 'priority')),
    vscode.commands.registerCommand(CommandIds.groupByCategory, () => setSetting('groupBy', 'category')),
    vscode.commands.registerCommand(CommandIds.hideStudied, () => setSetting('hideStudied', true)),
    vscode.commands.registerCommand(CommandIds.showStudied, () => setSetting('hideStudied', false)),
    vscode.commands.registerCommand(CommandIds.refreshNotes, () => library.reload()),
    vscode.commands.registerCommand(CommandIds.resetProgress, async () => {
      const reset = vscode.l10n.t('Reset');
      const answer = await vscode.window.showWarningMessage(
        vscode.l10n.t('Reset study progress and bookmarks for every note? This cannot be undone.'),
        { modal: true },
        reset,
      );
      if (answer === reset) await progress.reset();
    }),
    vscode.window.registerUriHandler({
      handleUri(uri) {
        const id = new URLSearchParams(uri.query).get('id');
        if (uri.path === '/note' && id) void open(id);
      },
    }),
  ];

  function withId(argument: NoteArgument, action: (id: string) => Thenable<void>): Thenable<void> | undefined {
    const id = noteIdOf(argument, viewer);
    return id ? action(id) : undefined;
  }

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
