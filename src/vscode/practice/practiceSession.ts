// Interview practice once loaded: the due list and badge of the Practice view, the Practice panel and the store.
// Cards come from the loaded notes' `questions:`; due lists, order and schedules come from the core (which carries
// the FSRS scheduler: this module is a lazily required bundle, see registerPractice.ts).
import * as vscode from 'vscode';
import type { Logger } from '../../core/ports';
import type { PracticePageModel } from '../../core/practice/practicePage';
import {
  describeInterval, dueCards, gradePreview, nextDue, practiceCards, type GradeName, type PracticeCard,
} from '../../core/practice/practiceScheduler';
import { disposeAll } from '../dispose';
import type { NotesFeature } from '../registerNotes';
import { affects, readSettings } from '../settings';
import { PracticePanel } from './practicePanel';
import { PracticeStore } from './practiceStore';
import type { PracticeTreeProvider } from './practiceTreeProvider';

export interface PracticeSession extends vscode.Disposable {
  readonly panel: PracticePanel;
}

/** How often the due list is re-read while the window is open: cards come due as time passes. */
const REFRESH_MS = 60_000;

export function startPractice(context: vscode.ExtensionContext, notes: NotesFeature, logger: Logger, view: vscode.TreeView<PracticeCard>, tree: PracticeTreeProvider, clock: () => Date): PracticeSession {
  const store = new PracticeStore(context.globalState);

  const allCards = async (): Promise<PracticeCard[]> => practiceCards((await notes.library.getNotes()).notes);

  const refreshView = async () => {
    const due = dueCards(await allCards(), store.state, clock(), readSettings().practiceNewCardsPerDay);
    tree.setDue(due);
    view.badge = due.length > 0 ? { value: due.length, tooltip: vscode.l10n.t('{0} interview cards due', due.length) } : undefined;
  };

  const model = async (cardId: string | undefined, status: string | undefined): Promise<PracticePageModel> => {
    const now = clock();
    const cards = await allCards();
    const due = dueCards(cards, store.state, now, readSettings().practiceNewCardsPerDay);
    const card = (cardId === undefined ? undefined : cards.find((candidate) => candidate.id === cardId)) ?? due[0];
    const next = nextDue(cards, store.state, now);
    const base = { dueCount: due.length, total: cards.length, ...(status === undefined ? {} : { status }), ...(next ? { nextDue: describeInterval(now, next) } : {}) };
    if (!card) return base;
    const preview = gradePreview(store.state, card.id, now);
    const intervals = Object.fromEntries(Object.entries(preview).map(([grade, due]) => [grade, describeInterval(now, due)])) as Record<GradeName, string>;
    return { ...base, current: { card, intervals } };
  };

  const gradeById = async (cardId: string, grade: GradeName): Promise<string | undefined> => {
    const card = (await allCards()).find((candidate) => candidate.id === cardId);
    if (!card) return undefined;
    const now = clock();
    await store.grade(card.id, grade, now);
    const due = new Date(store.state.cards[card.id].due);
    return vscode.l10n.t('Rescheduled "{0}": next review {1}.', card.prompt, describeInterval(now, due));
  };

  const panel = new PracticePanel(context.extensionUri, { model, gradeById }, (message) => logger.error(message));
  const report = (error: unknown) => logger.error(`Practice: ${error instanceof Error ? error.message : String(error)}`);
  const timer = setInterval(() => void refreshView().catch(report), REFRESH_MS);

  if (store.damaged) {
    // Said once: the repaired state is written back, so the next start reads it cleanly.
    void vscode.window.showWarningMessage(vscode.l10n.t('Statecraft: the saved interview practice schedule could not be read in full; unreadable cards start fresh.'));
    store.repair().then(undefined, report);
  }

  const disposables: vscode.Disposable[] = [
    store, panel,
    { dispose: () => clearInterval(timer) },
    store.onDidChange(() => refreshView().catch(report)),
    notes.library.onDidChange(() => {
      refreshView().catch(report);
      panel.refresh().catch(report);
    }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (!affects(event, 'practiceNewCardsPerDay')) return;
      refreshView().catch(report);
      panel.refresh().catch(report);
    }),
  ];
  void refreshView().catch(report);

  return {
    panel,
    dispose: () => disposeAll(disposables),
  };
}
