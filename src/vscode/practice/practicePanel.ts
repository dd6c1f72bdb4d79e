// The Practice panel: one webview manager showing one card at a time (the first due, or the one picked in the
// Practice view). Messages are untrusted and parsed by the core; the page is the core's renderPracticePage.
import * as vscode from 'vscode';
import { parsePracticeMessage, renderPracticePage, type PracticePageModel } from '../../core/practice/practicePage';
import type { GradeName } from '../../core/practice/practiceScheduler';
import { CommandIds, WebviewTypes } from '../commandIds';
import { disposeAll } from '../dispose';
import { webviewPage } from '../webviewHtml';

/** What the panel asks the feature: the page to show, and to record a grade (returning the sentence to announce). */
export interface PracticeSource {
  /** The page for `cardId` (or the first due card), with `status` announced. */
  model(cardId: string | undefined, status: string | undefined): Promise<PracticePageModel>;
  gradeById(cardId: string, grade: GradeName): Promise<string | undefined>;
}

export class PracticePanel implements vscode.Disposable {
  private panel?: vscode.WebviewPanel;
  private readonly panelDisposables: vscode.Disposable[] = [];
  private cardId?: string;
  private status?: string;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly source: PracticeSource,
    private readonly log: (message: string) => void,
  ) {}

  async show(cardId?: string): Promise<void> {
    this.cardId = cardId;
    this.status = undefined;
    if (!this.panel) {
      this.attach(vscode.window.createWebviewPanel(WebviewTypes.practice, vscode.l10n.t('Interview Practice'), vscode.ViewColumn.Active, this.webviewOptions()));
    } else {
      this.panel.reveal(undefined, false);
    }
    await this.render();
  }

  /** Takes over a panel VS Code restored after a reload (WebviewPanelSerializer): it shows the first due card. */
  async restore(panel: vscode.WebviewPanel): Promise<void> {
    if (this.panel) {
      // One Practice panel: a second restored one (two windows' state merged) closes.
      panel.dispose();
      return;
    }
    panel.webview.options = this.webviewOptions();
    this.cardId = undefined;
    this.status = undefined;
    this.attach(panel);
    await this.render();
  }

  private webviewOptions(): vscode.WebviewOptions & vscode.WebviewPanelOptions {
    return { enableScripts: true, enableCommandUris: false, localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'media')] };
  }

  private attach(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'statecraft.svg');
    panel.onDidDispose(() => this.forget(), null, this.panelDisposables);
    panel.webview.onDidReceiveMessage((raw: unknown) => {
      this.handle(raw).catch((error: unknown) => this.log(`Practice: ${error instanceof Error ? error.message : String(error)}`));
    }, null, this.panelDisposables);
  }

  /** Re-renders after the notes or the schedule changed elsewhere (keeps the current card if it is still due). */
  async refresh(): Promise<void> {
    if (this.panel) await this.render();
  }

  private async handle(raw: unknown): Promise<void> {
    const message = parsePracticeMessage(raw);
    if (!message) return;
    if (message.type === 'openNote') {
      await vscode.commands.executeCommand(CommandIds.openNote, message.id);
      return;
    }
    this.status = await this.source.gradeById(message.cardId, message.grade);
    // The next card is the first due one, not the one just graded.
    this.cardId = undefined;
    await this.render();
  }

  private async render(): Promise<void> {
    const panel = this.panel;
    if (!panel) return;
    const model = await this.source.model(this.cardId, this.status);
    panel.webview.html = webviewPage({
      webview: panel.webview,
      extensionUri: this.extensionUri,
      title: vscode.l10n.t('Interview Practice'),
      styles: ['practice.css'],
      script: 'practice.js',
      body: renderPracticePage(model),
    });
  }

  private forget(): void {
    this.panel = undefined;
    disposeAll(this.panelDisposables);
  }

  dispose(): void {
    this.panel?.dispose();
    this.forget();
  }
}
