// The note viewer: one webview manager for the `statecraft.note` panel type. One panel is reused by default;
// "Open to the Side" makes another. Each panel keeps its own Back/Forward history. Panels come back after a
// window reload through the WebviewPanelSerializer (the webview stores {noteId, fragment} with setState).
// Messages from the webview are untrusted and parsed by the core's closed message set.
import * as vscode from 'vscode';
import type { Note } from '../core/notes/note';
import type * as NotePageModule from '../core/render/notePage';
import { NavigationHistory, parseViewerMessage, type SimResultMessage, type ViewerMessage } from '../core/render/viewerMessages';
import type * as SimPanelModule from '../core/sim/simPanel';
import { CommandIds, WebviewTypes } from './commandIds';
import type { NotesLibrary } from './notesLibrary';
import type { ProgressStore } from './progressStore';
import { escapeHtml } from '../core/render/escapeHtml';
import { webviewPage } from './webviewHtml';
import { disposeAll } from './dispose';

interface Location {
  readonly noteId: string;
  readonly fragment?: string;
}

/** Notes about where state lives get an "Open in Wizard" action. */
const WIZARD_TAGS = new Set(['state', 'state-placement', 'sessions', 'statelessness', 'session-state', 'caching']);

class NotePanel implements vscode.Disposable {
  readonly history = new NavigationHistory<Location>();
  /** What the current HTML was rendered from; a refresh that would render the same page is skipped. */
  renderedKey?: string;
  private readonly disposables: vscode.Disposable[] = [];
  private disposed = false;

  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly viewer: NoteViewer,
    readonly isMain: boolean,
  ) {
    panel.onDidDispose(() => this.dispose(), null, this.disposables);
    panel.webview.onDidReceiveMessage((raw: unknown) => {
      const message = parseViewerMessage(raw);
      if (message) viewer.handleMessage(this, message).catch((error: unknown) => viewer.reportError(error));
    }, null, this.disposables);
  }

  get current(): Location | undefined {
    return this.history.current;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.viewer.forget(this);
    disposeAll([...this.disposables, this.panel]);
  }
}

export class NoteViewer implements vscode.WebviewPanelSerializer<Location>, vscode.Disposable {
  private mainPanel?: NotePanel;
  /** The page renderer (markdown-it), loaded when the first panel opens rather than at activation. */
  private renderer?: typeof NotePageModule;
  /** The simulations behind the note's panels, loaded on the first request. */
  private simulations?: typeof SimPanelModule;
  private readonly panels = new Set<NotePanel>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly library: NotesLibrary,
    private readonly progress: ProgressStore,
    private readonly log: (message: string) => void,
  ) {
    this.disposables.push(
      progress.onDidChange(() => this.refreshAll()),
      library.onDidChange(() => this.refreshAll()),
    );
  }

  /** Opens a note, in the reused panel or (toSide) in a new one beside the active editor. */
  private async loadRenderer(): Promise<void> {
    this.renderer ??= await import('../core/render/notePage.js');
  }

  async open(noteId: string, options: { fragment?: string; toSide?: boolean } = {}): Promise<boolean> {
    const [collection] = await Promise.all([this.library.getNotes(), this.loadRenderer()]);
    const note = collection.get(noteId);
    if (!note) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Statecraft: there is no note with id "{0}".', noteId));
      return false;
    }
    let target = options.toSide ? undefined : this.mainPanel;
    if (!target) {
      const panel = vscode.window.createWebviewPanel(WebviewTypes.note, note.title, {
        viewColumn: options.toSide ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active,
        preserveFocus: false,
      }, this.webviewOptions());
      target = this.adopt(panel, !options.toSide || !this.mainPanel);
    } else {
      target.panel.reveal(undefined, false);
    }
    target.history.visit({ noteId, fragment: options.fragment });
    this.render(target);
    return true;
  }

  /** The note shown in the active viewer panel, if any. */
  get activeNoteId(): string | undefined {
    for (const panel of this.panels) if (panel.panel.active) return panel.current?.noteId;
    return undefined;
  }

  /** Restores a panel after a window reload. */
  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: Location | undefined): Promise<void> {
    panel.webview.options = this.webviewOptions();
    const restored = this.adopt(panel, !this.mainPanel);
    // Use the collection this call loaded: `library.current` can be cleared meanwhile by a reload (a watcher event).
    const [collection] = await Promise.all([this.library.getNotes(), this.loadRenderer()]);
    if (state && typeof state.noteId === 'string' && collection.get(state.noteId)) {
      restored.history.visit({ noteId: state.noteId, fragment: typeof state.fragment === 'string' ? state.fragment : undefined });
    }
    this.render(restored);
  }

  private webviewOptions(): vscode.WebviewOptions & vscode.WebviewPanelOptions {
    return {
      enableScripts: true,
      enableCommandUris: false,
      enableFindWidget: true,
      localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'media')],
    };
  }

  private adopt(panel: vscode.WebviewPanel, isMain: boolean): NotePanel {
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'statecraft.svg');
    const notePanel = new NotePanel(panel, this, isMain);
    this.panels.add(notePanel);
    if (isMain) this.mainPanel = notePanel;
    return notePanel;
  }

  forget(panel: NotePanel): void {
    this.panels.delete(panel);
    if (this.mainPanel === panel) this.mainPanel = undefined;
  }

  reportError(error: unknown): void {
    this.log(`Note viewer: ${error instanceof Error ? error.message : String(error)}`);
  }

  async handleMessage(panel: NotePanel, message: ViewerMessage): Promise<void> {
    const current = panel.current;
    switch (message.type) {
      case 'openNote':
        if (message.toSide) {
          await this.open(message.id, { fragment: message.fragment, toSide: true });
        } else {
          panel.history.visit({ noteId: message.id, fragment: message.fragment });
          this.render(panel);
        }
        return;
      case 'navigate':
        if ((message.direction === 'back' ? panel.history.back() : panel.history.forward()) !== undefined) this.render(panel);
        return;
      case 'openExternal':
        // parseViewerMessage already allowed only https URLs without credentials.
        await vscode.env.openExternal(vscode.Uri.parse(message.url, true));
        return;
      case 'setStudied':
        if (current) await this.progress.setStudied(current.noteId, message.studied);
        return;
      case 'setBookmarked':
        if (current) await this.progress.setBookmarked(current.noteId, message.bookmarked);
        return;
      case 'openWizard':
        await vscode.commands.executeCommand(CommandIds.recommendPlacement);
        return;
      case 'openSource': {
        const note = current && this.library.current?.get(current.noteId);
        if (note) await vscode.window.showTextDocument(this.library.sourceUri(note), { preview: true, viewColumn: vscode.ViewColumn.Beside });
        return;
      }
      case 'simulate': {
        this.simulations ??= await import('../core/sim/simPanel.js');
        const reply: SimResultMessage = { type: 'simResult', panel: message.panel, requestId: message.requestId, result: this.simulations.runSimRequest(message.request) };
        await panel.panel.webview.postMessage(reply);
        return;
      }
    }
  }

  private refreshAll(): void {
    for (const panel of this.panels) this.render(panel, true);
  }

  private render(panel: NotePanel, keepScroll = false): void {
    const location = panel.current;
    const collection = this.library.current;
    // Mid-reload there is no collection; the reload's change event renders again, so don't flash "unavailable".
    // The renderer is loaded before any panel exists (open, deserialize), so it is only missing before that.
    if ((!collection && location) || !this.renderer) return;
    const note = location && collection?.get(location.noteId);
    // Reloading notes or progress fires for every panel; re-setting identical HTML would reload the webview
    // (losing focus and any click in flight), so skip it when nothing this page shows has changed.
    const key = note
      ? JSON.stringify([note.id, note.title, note.body, location.fragment, this.progress.isStudied(note.id), this.progress.isBookmarked(note.id), panel.history.canGoBack, panel.history.canGoForward, note.related])
      : 'empty';
    if (keepScroll && key === panel.renderedKey) return;
    panel.renderedKey = key;
    panel.panel.webview.html = note
      ? this.pageFor(panel, note, location.fragment, keepScroll)
      : this.emptyPage(panel.panel.webview);
    if (note) panel.panel.title = note.title;
  }

  private pageFor(panel: NotePanel, note: Note, fragment: string | undefined, keepScroll: boolean): string {
    const studied = this.progress.isStudied(note.id);
    const bookmarked = this.progress.isBookmarked(note.id);
    const related = this.library.current?.related(note) ?? [];
    const wizard = note.tags.some((tag) => WIZARD_TAGS.has(tag)) || note.id === 'state-placement-guide';
    const button = (action: string, label: string, icon: string, extra = '') =>
      `<button type="button" class="sc-action" data-action="${action}" ${extra}><span class="sc-icon" aria-hidden="true">${icon}</span>${escapeHtml(label)}</button>`;
    const toolbar = [
      button('back', vscode.l10n.t('Back'), '←', panel.history.canGoBack ? '' : 'disabled'),
      button('forward', vscode.l10n.t('Forward'), '→', panel.history.canGoForward ? '' : 'disabled'),
      button(studied ? 'unstudy' : 'study', studied ? vscode.l10n.t('Mark Unstudied') : vscode.l10n.t('Mark Studied'), studied ? '✓' : '○', `aria-pressed="${studied}"`),
      button(bookmarked ? 'unbookmark' : 'bookmark', bookmarked ? vscode.l10n.t('Remove Bookmark') : vscode.l10n.t('Bookmark'), bookmarked ? '★' : '☆', `aria-pressed="${bookmarked}"`),
      wizard ? button('wizard', vscode.l10n.t('Open in Wizard'), '⚖') : '',
      button('source', vscode.l10n.t('Open Source File'), '↗'),
    ].join('');
    const body = `<header class="sc-toolbar" role="toolbar" aria-label="${escapeHtml(vscode.l10n.t('Note actions'))}">${toolbar}</header>
<main id="sc-main">${this.renderer!.renderNotePage(note, { related, studied, bookmarked })}</main>`;
    return webviewPage({
      webview: panel.panel.webview,
      extensionUri: this.extensionUri,
      title: note.title,
      styles: ['noteViewer.css', 'simPanels.css'],
      scripts: ['simPanels.js', 'noteViewer.js'],
      body,
      bodyAttributes: `data-note-id="${escapeHtml(note.id)}" data-fragment="${escapeHtml(fragment ?? '')}" data-keep-scroll="${keepScroll}"`,
    });
  }

  private emptyPage(webview: vscode.Webview): string {
    return webviewPage({
      webview,
      extensionUri: this.extensionUri,
      title: 'Statecraft',
      styles: ['noteViewer.css'],
      script: 'noteViewer.js',
      body: `<main class="sc-empty"><p>${escapeHtml(vscode.l10n.t('This note is no longer available.'))}</p></main>`,
    });
  }

  dispose(): void {
    disposeAll([...this.panels, ...this.disposables]);
  }
}
