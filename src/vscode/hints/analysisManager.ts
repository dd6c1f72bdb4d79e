// Runs the core analyzer over OPEN documents only: debounced after edits, one analysis per document version,
// cancellable, and never on excluded, oversized or disabled files. Providers (CodeLens, diagnostics, code actions)
// read its results and listen to its change event. Model: languageservice diagnostics.ts (computer vs manager).
// Each analysed document has an analysis session that keeps its last syntax tree: the edits made since the last
// analysis (the content changes VS Code reports) let the next one re-parse incrementally. The session is disposed,
// and its tree freed, when the document closes or stops being eligible.
import * as vscode from 'vscode';
import type { Analyzer, AnalysisSession } from '../../core/analyzer/analyzer';
import { editForChange } from '../../core/analyzer/incremental';
import { defaultExtension, languageForFile, languageForVscodeId, SNIFF_LENGTH } from '../../core/analyzer/languages';
import type { AnalysisResult, DocumentEdit } from '../../core/analyzer/types';
import type { Logger } from '../../core/ports';
import { affects, readSettings } from '../settings';
import { disposeAll } from '../dispose';

const DEBOUNCE_MS = 400;
/** More edits than this between two analyses are not worth replaying: the session finds the changed span itself. */
const MAX_PENDING_EDITS = 1000;

interface Entry {
  readonly version: number;
  readonly result: Promise<AnalysisResult | undefined>;
  readonly cancel: vscode.CancellationTokenSource;
}

/** A document's analysis session and the edits made since its text was last handed to it. */
interface DocumentSession {
  readonly session: AnalysisSession;
  /** Undefined after too many edits: the session then works out the change from the two texts. */
  pending: DocumentEdit[] | undefined;
}

export class AnalysisManager implements vscode.Disposable {
  /** Created on the first analysis: the tree-sitter runtime and the detectors load then, not at activation. */
  private analyzer?: Analyzer;
  private analyzerLoading?: Promise<Analyzer>;
  private readonly grammars: vscode.Uri;
  private disposed = false;
  private readonly entries = new Map<string, Entry>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly changeEmitter = new vscode.EventEmitter<vscode.Uri | undefined>();
  /** Fires when results for a document (or all, when undefined) changed. */
  readonly onDidChange = this.changeEmitter.event;
  private readonly disposables: vscode.Disposable[] = [this.changeEmitter];
  /** Results that settled, by document URI, for synchronous readers (diagnostics, code actions). */
  private readonly settled = new Map<string, { version: number; result: AnalysisResult }>();
  /** Analysis sessions (each holding the document's last syntax tree), by document URI. */
  private readonly sessions = new Map<string, DocumentSession>();

  constructor(extensionUri: vscode.Uri, private readonly logger: Logger) {
    this.grammars = vscode.Uri.joinPath(extensionUri, 'dist', 'grammars');
    this.disposables.push(
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.contentChanges.length === 0) return;
        this.recordChanges(event.document.uri, event.contentChanges);
        this.schedule(event.document);
      }),
      vscode.workspace.onDidCloseTextDocument((document) => this.forget(document.uri)),
      vscode.workspace.onDidOpenTextDocument((document) => this.schedule(document, 0)),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (affects(event, 'hintsEnabled', 'hintsExclude', 'hintsMaxFileSizeKb')) this.reanalyzeAll();
      }),
    );
    for (const document of vscode.workspace.textDocuments) this.schedule(document, 0);
  }

  /** Whether a document is one the hints look at at all. */
  isEligible(document: vscode.TextDocument): boolean {
    if (document.uri.scheme === 'output' || document.uri.scheme === 'vscode-settings' || document.uri.scheme === 'git') return false;
    const settings = readSettings(document.uri);
    if (!settings.hintsEnabled) return false;
    if (!languageForDocument(document)) return false;
    return !settings.hintsExclude.some((pattern) => vscode.languages.match({ pattern }, document) > 0);
  }

  /** The analysis of the document's current version, computing it now if needed (CodeLens asks this way). */
  analyze(document: vscode.TextDocument, token?: vscode.CancellationToken): Promise<AnalysisResult | undefined> {
    if (!this.isEligible(document)) return Promise.resolve(undefined);
    if (!this.analyzer) return this.loadAnalyzer().then(() => (this.disposed ? undefined : this.analyze(document, token)));
    const key = document.uri.toString();
    const existing = this.entries.get(key);
    if (existing && existing.version === document.version) return existing.result;
    existing?.cancel.cancel();
    const cancel = new vscode.CancellationTokenSource();
    const maxBytes = readSettings(document.uri).hintsMaxFileSizeKb * 1024;
    const name = vscode.workspace.asRelativePath(document.uri, false);
    const analysisName = analysisNameFor(name, document);
    const version = document.version;
    const documentSession = this.sessionFor(key, this.analyzer);
    const edits = documentSession.pending;
    documentSession.pending = [];
    const result = documentSession.session
      .analyze(document.getText(), analysisName, {
        maxBytes,
        isCancelled: () => cancel.token.isCancellationRequested || token?.isCancellationRequested === true,
        edits,
      })
      .then((analysis) => {
        if (analysis.skipped && analysis.skipReason !== 'cancelled' && analysis.skipReason !== 'test-file' && analysis.skipReason !== 'unsupported') {
          this.logger.info(`Session-state hints skipped ${name}: ${analysis.skipped}`);
        }
        if (analysis.skipReason === 'cancelled') {
          if (this.entries.get(key)?.version === version) this.entries.delete(key);
          return undefined;
        }
        this.settled.set(key, { version, result: analysis });
        this.changeEmitter.fire(document.uri);
        return analysis;
      })
      .catch((error: unknown) => {
        this.logger.error(`Session-state analysis of ${name} failed: ${error instanceof Error ? error.message : String(error)}`);
        return undefined;
      });
    this.entries.set(key, { version, result, cancel });
    return result;
  }

  /** The settled result for a document, if its current version was analysed. */
  resultFor(document: vscode.TextDocument): AnalysisResult | undefined {
    const settled = this.settled.get(document.uri.toString());
    return settled && settled.version === document.version ? settled.result : undefined;
  }

  private loadAnalyzer(): Promise<Analyzer> {
    this.analyzerLoading ??= import('../../core/analyzer/analyzer.js').then(({ createAnalyzer }) => {
      const grammars = this.grammars;
      this.analyzer = createAnalyzer((fileName) => Promise.resolve(vscode.workspace.fs.readFile(vscode.Uri.joinPath(grammars, fileName))), { logger: this.logger });
      return this.analyzer;
    });
    return this.analyzerLoading;
  }

  private sessionFor(key: string, analyzer: Analyzer): DocumentSession {
    let documentSession = this.sessions.get(key);
    if (!documentSession) {
      documentSession = { session: analyzer.createSession(), pending: [] };
      this.sessions.set(key, documentSession);
    }
    return documentSession;
  }

  /** Keeps the changes of an analysed document for its next (incremental) analysis. */
  private recordChanges(uri: vscode.Uri, changes: readonly vscode.TextDocumentContentChangeEvent[]): void {
    const documentSession = this.sessions.get(uri.toString());
    if (!documentSession?.pending) return;
    if (documentSession.pending.length + changes.length > MAX_PENDING_EDITS) {
      documentSession.pending = undefined;
      return;
    }
    for (const change of changes) documentSession.pending.push(editForChange(change));
  }

  private schedule(document: vscode.TextDocument, delay = DEBOUNCE_MS): void {
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    if (!this.isEligible(document)) {
      this.forget(document.uri);
      return;
    }
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      void this.analyze(document);
    }, delay));
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.entries.get(key)?.cancel.cancel();
    this.entries.delete(key);
    // Frees the document's syntax tree.
    this.sessions.get(key)?.session.dispose();
    this.sessions.delete(key);
    if (this.settled.delete(key)) this.changeEmitter.fire(uri);
  }

  private reanalyzeAll(): void {
    for (const entry of this.entries.values()) entry.cancel.cancel();
    this.entries.clear();
    this.settled.clear();
    this.changeEmitter.fire(undefined);
    for (const document of vscode.workspace.textDocuments) this.schedule(document, 0);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    for (const entry of this.entries.values()) entry.cancel.cancel();
    this.disposed = true;
    const sessions = [...this.sessions.values()].map((documentSession) => documentSession.session);
    this.sessions.clear();
    void this.analyzerLoading?.then((analyzer) => analyzer.dispose());
    // The analyzer goes last: the sessions' trees belong to its parser.
    disposeAll([...this.disposables.splice(0), ...sessions, ...(this.analyzer ? [this.analyzer] : [])]);
  }
}

/** A document's language: from its name (and first characters, for kinds that sniff), else from its language id. */
function languageForDocument(document: vscode.TextDocument) {
  return languageForFile(document.fileName, document.getText(new vscode.Range(0, 0, 50, 0)).slice(0, SNIFF_LENGTH)) ?? languageForVscodeId(document.languageId);
}

/** Untitled or oddly named documents are analysed by their language id: the name gets that language's ending. */
function analysisNameFor(name: string, document: vscode.TextDocument): string {
  const head = document.getText(new vscode.Range(0, 0, 50, 0)).slice(0, SNIFF_LENGTH);
  if (languageForFile(name, head)) return name;
  const language = languageForVscodeId(document.languageId);
  return language ? `${name}${defaultExtension(language)}` : name;
}
