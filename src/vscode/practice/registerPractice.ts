// Interview practice: the Practice view (cards due, with a badge), the Practice panel and its commands. Activation
// registers the view, the commands and the panel serializer; the scheduler (ts-fsrs), the store and the panel are
// practiceSession.ts, a lazily required bundle loaded right after activation (the badge needs it) or by a command.
import * as vscode from 'vscode';
import type { Logger } from '../../core/ports';
import type { PracticeCard } from '../../core/practice/practiceScheduler';
import { CommandIds, ViewIds, WebviewTypes } from '../commandIds';
import { disposeAll } from '../dispose';
import type { NotesFeature } from '../registerNotes';
import type { PracticeSession } from './practiceSession';
import { PracticeTreeProvider } from './practiceTreeProvider';

export function registerPractice(context: vscode.ExtensionContext, notes: NotesFeature, logger: Logger, clock: () => Date = () => new Date()): vscode.Disposable {
  const tree = new PracticeTreeProvider();
  const view: vscode.TreeView<PracticeCard> = vscode.window.createTreeView(ViewIds.practice, { treeDataProvider: tree });
  let disposed = false;
  let session: Promise<PracticeSession | undefined> | undefined;
  const load = (): Promise<PracticeSession | undefined> => {
    session ??= import('./practiceSession.js').then(({ startPractice }) => (disposed ? undefined : startPractice(context, notes, logger, view, tree, clock)));
    return session;
  };
  const report = (error: unknown) => logger.error(`Practice: ${error instanceof Error ? error.message : String(error)}`);
  const disposables: vscode.Disposable[] = [
    tree, view,
    { dispose: () => { disposed = true; void session?.then((started) => started?.dispose()); } },
    // A Practice panel open at reload comes back (onWebviewPanel activation), like the note viewer.
    vscode.window.registerWebviewPanelSerializer(WebviewTypes.practice, { deserializeWebviewPanel: async (restored) => (await load())?.panel.restore(restored) }),
    vscode.commands.registerCommand(CommandIds.practise, async () => (await load())?.panel.show()),
    vscode.commands.registerCommand(CommandIds.practiseCard, async (cardId: unknown) => (await load())?.panel.show(typeof cardId === 'string' ? cardId : undefined)),
  ];
  // After activation, not during it: the badge needs the due list.
  setTimeout(() => void load().catch(report), 0);
  return { dispose: () => disposeAll(disposables) };
}
