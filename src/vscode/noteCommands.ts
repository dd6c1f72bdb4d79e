// The note commands (open, search, study progress, bookmarks, grouping, links), the note viewer's panel serializer and
// the vscode:// link handler. Registered in activation's second stage (deferredFeatures.ts): activate() itself only
// creates the views (registerNotes.ts).
import * as vscode from 'vscode';
import type { Note } from '../core/notes/note';
import { CommandIds, WebviewTypes } from './commandIds';
import type { NoteViewer } from './noteViewer';
import type { NotesTreeNode } from './notesTreeProvider';
import type { ProgressStore } from './progressStore';
import type { NotesFeature } from './registerNotes';
import { searchNotes } from './searchQuickPick';
import { SettingKeys } from './settingDefaults';
import { disposeAll } from './dispose';

/** A command argument that names a note: an id (palette, CodeLens, tests) or a tree node / bookmark item. */
type NoteArgument = string | NotesTreeNode | Note | undefined;

function noteIdOf(argument: NoteArgument, viewer: NoteViewer): string | undefined {
  if (typeof argument === 'string') return argument;
  if (argument && 'kind' in argument) return argument.kind === 'note' ? argument.note.id : undefined;
  if (argument && 'id' in argument && 'body' in argument) return argument.id;
  return viewer.activeNoteId;
}

export function registerNoteCommands(context: vscode.ExtensionContext, notes: NotesFeature, progress: ProgressStore): vscode.Disposable {
  const { library, viewer } = notes;
  const open = (argument: NoteArgument, fragment?: string, toSide = false) => {
    const id = noteIdOf(argument, viewer);
    return id ? viewer.open(id, { fragment, toSide }) : Promise.resolve(false);
  };
  const setSetting = (key: keyof typeof SettingKeys, value: unknown) =>
    vscode.workspace.getConfiguration('statecraft').update(SettingKeys[key], value, vscode.ConfigurationTarget.Global);

  const disposables: vscode.Disposable[] = [
    vscode.window.registerWebviewPanelSerializer(WebviewTypes.note, viewer),
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

  return { dispose: () => disposeAll(disposables) };
}
