// The wizard's result panel (`statecraft.recommendation`): the recommendation, the latency chart, trade-offs and
// alternatives, with Save as Decision Record, Copy as Markdown and Change Answers. One panel, reused; restored
// after a reload from the answers it stored (the recommendation is recomputed, it is deterministic).
import * as vscode from 'vscode';
import { parseRecommendationMessage } from '../../core/render/viewerMessages';
import { decisionRecordTitle, renderDecisionRecord, toMarkdownSummary } from '../../core/decisions/adr';
import { recommend, validateInputs, type Inputs, type Recommendation } from '../../core/wizard/decisionEngine';
import { DEFAULT_STATE_KIND, STATE_KINDS, stateKindDescription, stateKindSubject, type StateKind } from '../../core/decisions/stateKind';
import { WebviewTypes } from '../commandIds';
import type { NotesLibrary } from '../notesLibrary';
import { readSettings } from '../settings';
import { escapeHtml } from '../../core/render/escapeHtml';
import { renderRecommendationPage } from '../../core/render/recommendationPage';
import { webviewPage } from '../webviewHtml';
import { writeDecisionRecord } from './decisionRecordWriter';
import { disposeAll } from '../dispose';

export interface RecommendationActions {
  openNote(id: string, fragment?: string): unknown;
  changeAnswers(inputs: Inputs, state?: StateKind): unknown;
  /** A decision record was written: the records the hints judge by are read again now, not when a watcher fires. */
  recordWritten(uri: vscode.Uri): unknown;
}

export class RecommendationPanel implements vscode.WebviewPanelSerializer<{ inputs?: unknown }>, vscode.Disposable {
  private panel?: vscode.WebviewPanel;
  private inputs?: Inputs;
  private recommendation?: Recommendation;
  /** What the decision is about, when the wizard was started from a finding; asked on save otherwise. */
  private state?: StateKind;
  private readonly panelDisposables: vscode.Disposable[] = [];
  /** The last decision record written, for tests and the "Open" notification. */
  lastWritten?: vscode.Uri;
  /** The message of the last failed save, as shown to the user. */
  lastError?: string;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly library: NotesLibrary,
    private readonly actions: RecommendationActions,
    private readonly log: (message: string) => void,
  ) {}

  async show(inputs: Inputs, state?: StateKind): Promise<Recommendation> {
    this.state = state;
    const recommendation = recommend(inputs);
    if (!this.panel) {
      this.adopt(vscode.window.createWebviewPanel(WebviewTypes.recommendation, vscode.l10n.t('State Placement'), vscode.ViewColumn.Active, this.options()));
    } else {
      this.panel.reveal();
    }
    this.inputs = inputs;
    this.recommendation = recommendation;
    await this.render();
    return recommendation;
  }

  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: { inputs?: unknown } | undefined): Promise<void> {
    panel.webview.options = this.options();
    this.adopt(panel);
    const validated = state && typeof state.inputs === 'object' && state.inputs !== null ? validateInputs(state.inputs as Record<string, unknown>) : undefined;
    if (validated?.ok) {
      this.inputs = validated.inputs;
      this.recommendation = recommend(validated.inputs);
    }
    await this.render();
  }

  /**
   * The wizard's last, optional step: what state the decision governs (recorded in the front matter, so drift can
   * be checked). Pre-selects the kind the wizard was started with; undefined when the user cancels.
   */
  async askState(): Promise<StateKind | undefined> {
    const current = this.state ?? DEFAULT_STATE_KIND;
    const items = STATE_KINDS.map((kind) => ({ label: kind, description: stateKindDescription(kind) }));
    const pick = vscode.window.createQuickPick<vscode.QuickPickItem>();
    pick.title = vscode.l10n.t('Save as Decision Record');
    pick.placeholder = vscode.l10n.t('What state does this decision govern? Statecraft checks the code against the record for this kind of state.');
    pick.items = items;
    pick.activeItems = items.filter((item) => item.label === current);
    pick.ignoreFocusOut = true;
    return new Promise<StateKind | undefined>((resolve) => {
      let settled = false;
      const finish = (value: StateKind | undefined) => {
        if (settled) return;
        settled = true;
        pick.dispose();
        resolve(value);
      };
      pick.onDidAccept(() => finish((pick.selectedItems[0] ?? pick.activeItems[0])?.label as StateKind | undefined));
      pick.onDidHide(() => finish(undefined));
      pick.show();
    });
  }

  /**
   * Save as Decision Record; returns the file written. `state` defaults to the kind the wizard was started with, or
   * `other`. Errors (read-only folder, ...) are shown, not thrown.
   */
  async saveDecisionRecord(state: StateKind = this.state ?? DEFAULT_STATE_KIND): Promise<vscode.Uri | undefined> {
    if (!this.inputs || !this.recommendation) return undefined;
    const date = new Date().toISOString().slice(0, 10);
    const title = decisionRecordTitle(this.recommendation, stateKindSubject(state));
    const markdown = renderDecisionRecord(this.inputs, this.recommendation, { date, title, state });
    try {
      const written = await writeDecisionRecord(readSettings(vscode.workspace.workspaceFolders?.[0]?.uri).decisionsFolder, title, markdown);
      if (!written) return undefined;
      this.lastWritten = written;
      await this.actions.recordWritten(written);
      const open = vscode.l10n.t('Open');
      void vscode.window.showInformationMessage(vscode.l10n.t('Saved decision record {0}', vscode.workspace.asRelativePath(written)), open).then((choice) => {
        if (choice === open) void vscode.window.showTextDocument(written);
      });
      return written;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.log(`Saving the decision record failed: ${message}`);
      this.lastError = vscode.l10n.t('Statecraft could not save the decision record: {0}', message);
      void vscode.window.showErrorMessage(this.lastError);
      return undefined;
    }
  }

  private options(): vscode.WebviewOptions & vscode.WebviewPanelOptions {
    return { enableScripts: true, enableCommandUris: false, localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'media')] };
  }

  private adopt(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'statecraft.svg');
    panel.onDidDispose(() => {
      this.panel = undefined;
      disposeAll(this.panelDisposables);
    }, null, this.panelDisposables);
    panel.webview.onDidReceiveMessage((raw: unknown) => {
      const message = parseRecommendationMessage(raw);
      if (!message) return;
      switch (message.type) {
        case 'saveDecisionRecord':
          void this.askState().then((state) => (state ? this.saveDecisionRecord(state) : undefined));
          return;
        case 'copyMarkdown':
          if (this.inputs && this.recommendation) {
            void vscode.env.clipboard.writeText(toMarkdownSummary(this.inputs, this.recommendation)).then(() =>
              vscode.window.showInformationMessage(vscode.l10n.t('Copied the recommendation as Markdown.')));
          }
          return;
        case 'changeAnswers':
          if (this.inputs) void this.actions.changeAnswers(this.inputs, this.state);
          return;
        case 'openNote':
          void this.actions.openNote(message.id, message.fragment);
          return;
      }
    }, null, this.panelDisposables);
  }

  private async render(): Promise<void> {
    if (!this.panel) return;
    const collection = await this.library.getNotes();
    if (!this.panel) return;
    const titles = new Map(collection.notes.map((note) => [note.id, note.title]));
    const content = this.inputs && this.recommendation
      ? renderRecommendationPage(this.inputs, this.recommendation, titles)
      : `<p>${escapeHtml(vscode.l10n.t('Run "Recommend State Placement…" to see a recommendation.'))}</p>`;
    const button = (action: string, label: string) => `<button type="button" class="sc-action" data-action="${action}">${escapeHtml(label)}</button>`;
    const toolbar = this.recommendation
      ? `<header class="sc-toolbar" role="toolbar" aria-label="${escapeHtml(vscode.l10n.t('Recommendation actions'))}">${button('save', vscode.l10n.t('Save as Decision Record'))}${button('copy', vscode.l10n.t('Copy as Markdown'))}${button('change', vscode.l10n.t('Change Answers'))}</header>`
      : '';
    this.panel.webview.html = webviewPage({
      webview: this.panel.webview,
      extensionUri: this.extensionUri,
      title: vscode.l10n.t('State Placement'),
      styles: ['noteViewer.css', 'recommendation.css'],
      script: 'recommendation.js',
      body: `${toolbar}<main>${content}</main>`,
      bodyAttributes: `data-state="${escapeHtml(JSON.stringify({ inputs: this.inputs ?? null }))}"`,
    });
  }

  dispose(): void {
    this.panel?.dispose();
    disposeAll(this.panelDisposables);
  }
}
