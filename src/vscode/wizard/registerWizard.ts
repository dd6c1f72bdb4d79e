// The decision wizard feature: the command (palette, Notes view title, note viewer, CodeLens with pre-filled
// answers), the QuickInput flow and the result panel. Only the command and the panel serializer are registered at
// activation; the wizard (its engine, explanations, page renderer and the ADR writer) is a lazily required bundle
// loaded on first use (issue 15: activation loads the contributions, not the features).
import * as vscode from 'vscode';
import type { Inputs, Recommendation } from '../../core/wizard/decisionEngine';
import { isStateKind, type StateKind } from '../../core/decisions/stateKind';
import type { Logger } from '../../core/ports';
import { CommandIds, WebviewTypes } from '../commandIds';
import type { NotesFeature } from '../registerNotes';
import type { RecommendationPanel } from './recommendationPanel';
import { disposeAll } from '../dispose';

export interface WizardFeature extends vscode.Disposable {
  /** The result panel, created (and its code loaded) on first use. */
  panel(): Promise<RecommendationPanel>;
}

export interface WizardHooks {
  /** Called after a decision record was written (the Decisions feature reloads its records). */
  readonly recordWritten: (uri: vscode.Uri) => unknown;
}

export function registerWizard(context: vscode.ExtensionContext, notes: NotesFeature, logger: Logger, hooks: WizardHooks): WizardFeature {
  const openNoteLink = (link: string) => {
    const [id, fragment] = link.split('#');
    return notes.viewer.open(id, { fragment, toSide: true });
  };
  let created: Promise<RecommendationPanel> | undefined;
  const disposables: vscode.Disposable[] = [];
  const panel = (): Promise<RecommendationPanel> => {
    created ??= import('./recommendationPanel.js').then(({ RecommendationPanel }) => {
      const instance: RecommendationPanel = new RecommendationPanel(context.extensionUri, notes.library, {
        openNote: (id, fragment) => notes.viewer.open(id, { fragment, toSide: true }),
        changeAnswers: (inputs, state) => run(inputs, state),
        recordWritten: hooks.recordWritten,
      }, (message) => logger.error(message));
      disposables.push(instance);
      return instance;
    });
    return created;
  };
  const run = async (initial?: Partial<Inputs>, state?: StateKind): Promise<Recommendation | undefined> => {
    const { runPlacementWizard } = await import('./wizardQuickInput.js');
    const inputs = await runPlacementWizard(openNoteLink, initial);
    return inputs ? (await panel()).show(inputs, state) : undefined;
  };
  disposables.push(
    vscode.window.registerWebviewPanelSerializer(WebviewTypes.recommendation, {
      deserializeWebviewPanel: async (restored, state: { inputs?: unknown } | undefined) => (await panel()).deserializeWebviewPanel(restored, state),
    }),
    // A CodeLens passes the answers the code shows and the kind of state it found; the palette passes nothing.
    vscode.commands.registerCommand(CommandIds.recommendPlacement, (initial?: unknown, state?: unknown) =>
      run(
        initial !== null && typeof initial === 'object' && !(initial instanceof vscode.Uri) ? (initial as Partial<Inputs>) : undefined,
        isStateKind(state) ? state : undefined,
      )),
  );
  return { panel, dispose: () => disposeAll(disposables) };
}
