// The decision wizard feature: the command (palette, Notes view title, note viewer, CodeLens with pre-filled
// answers), the QuickInput flow and the result panel.
import * as vscode from 'vscode';
import type { Inputs, Recommendation } from '../../core/wizard/decisionEngine';
import { isStateKind, type StateKind } from '../../core/decisions/stateKind';
import type { Logger } from '../../core/ports';
import { CommandIds, WebviewTypes } from '../commandIds';
import type { NotesFeature } from '../registerNotes';
import { RecommendationPanel } from './recommendationPanel';
import { runPlacementWizard } from './wizardQuickInput';
import { disposeAll } from '../dispose';

export interface WizardFeature extends vscode.Disposable {
  readonly panel: RecommendationPanel;
}

export function registerWizard(context: vscode.ExtensionContext, notes: NotesFeature, logger: Logger): WizardFeature {
  const openNoteLink = (link: string) => {
    const [id, fragment] = link.split('#');
    return notes.viewer.open(id, { fragment, toSide: true });
  };
  const run = async (initial?: Partial<Inputs>, state?: StateKind): Promise<Recommendation | undefined> => {
    const inputs = await runPlacementWizard(openNoteLink, initial);
    return inputs ? panel.show(inputs, state) : undefined;
  };
  const panel: RecommendationPanel = new RecommendationPanel(context.extensionUri, notes.library, {
    openNote: (id, fragment) => notes.viewer.open(id, { fragment, toSide: true }),
    changeAnswers: (inputs, state) => run(inputs, state),
  }, (message) => logger.error(message));
  const disposables = [
    panel,
    vscode.window.registerWebviewPanelSerializer(WebviewTypes.recommendation, panel),
    // A CodeLens passes the answers the code shows and the kind of state it found; the palette passes nothing.
    vscode.commands.registerCommand(CommandIds.recommendPlacement, (initial?: unknown, state?: unknown) =>
      run(
        initial !== null && typeof initial === 'object' && !(initial instanceof vscode.Uri) ? (initial as Partial<Inputs>) : undefined,
        isStateKind(state) ? state : undefined,
      )),
  ];
  return { panel, dispose: () => disposeAll(disposables) };
}
