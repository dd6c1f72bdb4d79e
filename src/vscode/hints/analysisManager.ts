// Runs the core analyzer over OPEN documents only: debounced after edits (briefly, see DEBOUNCE_MS), one analysis per
// document version, cancellable, and never on excluded, oversized or disabled files. Providers (CodeLens, diagnostics,
// code actions) read its results and listen to its change event. Model: languageservice diagnostics.ts (computer vs
// manager).
// The analysis itself runs in a worker (analysisWorkerHost.ts), never on the extension host's thread: each
// analysed document has a session in the worker that keeps its text and last syntax tree, and this manager sends it
// the content changes VS Code reports (the worker re-parses incrementally) and receives findings. The session is
// closed, and its tree freed, when the document closes or stops being eligible. A worker that crashes or hangs is
// replaced by the connection; the file it was analysing is reported once in the output channel and analysed again.
// Cross-file: the worker may ask for the modules a document imports (a session store built in another module,
// crossFile.ts / crossFilePython.ts); they are read from disk through vscode.workspace.fs by the core's
// RelatedFileReader (cached, with the documents that read each module recorded), and a change, creation or deletion
// of such a module re-analyses exactly those documents. A document outside any workspace folder reads nothing.
import * as vscode from 'vscode';
import { defaultExtension, languageForFile, languageForVscodeId, parsedSourceFilesGlob, SNIFF_LENGTH } from '../../core/analyzer/languages';
import type { AnalysisResult, ContentChange } from '../../core/analyzer/types';
import type { Logger } from '../../core/ports';
import { RelatedFileReader } from '../../core/analyzer/relatedFiles';
import { workspaceFileSystem } from '../workspaceFileSystem';
import { WorkerConnection, WorkerStoppedError } from '../../core/worker/workerConnection';
import { affects, readSettings } from '../settings';
import { SEARCH_EXCLUDE_GLOB } from '../settingDefaults';
import { createWorkerFactory, extensionWasmLoader } from './analysisWorkerHost';
import { disposeAll } from '../dispose';

/**
 * Quiet time after an edit before the document is analysed again. Shorter than VS Code's own wait before it asks the
 * CodeLens providers again after an edit (at least 250 ms: the editor's "CodeLensProvide" debounce, which grows with
 * slow providers), so the worker's re-analysis has usually settled by then and the provider answers from it instead
 * of starting one while the editor waits. The work is off the host's thread, and a newer edit cancels it.
 */
const DEBOUNCE_MS = 100;
/** More edits than this between two analyses are not worth sending: the whole text is sent instead. */
const MAX_PENDING_EDITS = 1000;
/** The warm-up for a workspace looks at this many source file names, and loads the grammars of its most common languages. */
const WARM_UP_SAMPLE_FILES = 50;
const WARM_UP_LANGUAGES = 2;
/** The warm-up analyses one file per language, no larger than this. */
const WARM_UP_MAX_BYTES = 64 * 1024;

interface Entry {
  readonly version: number;
  readonly result: Promise<AnalysisResult | undefined>;
  readonly cancel: AbortController;
}

/** The content changes of a document since its text was last sent to the worker. */
interface DocumentSession {
  /** Undefined when unknown or too many: the next request then carries the whole text. */
  pending: ContentChange[] | undefined;
}

export class AnalysisManager implements vscode.Disposable {
  /** Started on the first analysis or warm-up: no worker (and no worker code) at activation. */
  private connection?: WorkerConnection;
  private connecting?: Promise<WorkerConnection>;
  private disposed = false;
  private readonly entries = new Map<string, Entry>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly changeEmitter = new vscode.EventEmitter<vscode.Uri | undefined>();
  /** Fires when results for a document (or all, when undefined) changed. */
  readonly onDidChange = this.changeEmitter.event;
  private readonly disposables: vscode.Disposable[] = [this.changeEmitter];
  /** Results that settled, by document URI, for synchronous readers (diagnostics, code actions). */
  private readonly settled = new Map<string, { version: number; result: AnalysisResult }>();
  /** Documents with a session in the worker, by document URI. */
  private readonly sessions = new Map<string, DocumentSession>();
  /** Files already reported for stopping the worker (reported once, not on every retry). */
  private readonly reportedStops = new Set<string>();
  /** Languages warmed up in the current worker. */
  private readonly warmed = new Set<string>();
  /** Modules read for cross-file resolution, and which documents read them. */
  private readonly related = new RelatedFileReader(workspaceFileSystem);

  constructor(private readonly extensionUri: vscode.Uri, private readonly logger: Logger) {
    this.disposables.push(
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.contentChanges.length === 0) return;
        this.recordChanges(event.document.uri, event.contentChanges);
        this.schedule(event.document);
      }),
      vscode.workspace.onDidCloseTextDocument((document) => this.forget(document.uri)),
      ...this.watchRelatedModules(),
      vscode.workspace.onDidOpenTextDocument((document) => this.schedule(document, 0)),
      vscode.window.onDidChangeVisibleTextEditors((editors) => this.warmUp(editors)),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (affects(event, 'hintsEnabled', 'hintsExclude', 'hintsMaxFileSizeKb')) this.reanalyzeAll();
      }),
    );
    this.warmUp(vscode.window.visibleTextEditors);
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
    if (!this.connection) return this.connect().then(() => (this.disposed ? undefined : this.analyze(document, token)));
    const key = document.uri.toString();
    const existing = this.entries.get(key);
    if (existing && existing.version === document.version) return existing.result;
    existing?.cancel.abort();
    const cancel = new AbortController();
    token?.onCancellationRequested(() => cancel.abort());
    const result = this.run(document, cancel.signal, true);
    this.entries.set(key, { version: document.version, result, cancel });
    return result;
  }

  /** The settled result for a document, if its current version was analysed. */
  resultFor(document: vscode.TextDocument): AnalysisResult | undefined {
    const settled = this.settled.get(document.uri.toString());
    return settled && settled.version === document.version ? settled.result : undefined;
  }

  /** The worker connection (the integration test kills its worker to prove recovery). */
  get worker(): WorkerConnection | undefined {
    return this.connection;
  }

  private async run(document: vscode.TextDocument, signal: AbortSignal, retryAfterStop: boolean): Promise<AnalysisResult | undefined> {
    const connection = this.connection!;
    const key = document.uri.toString();
    const version = document.version;
    const maxBytes = readSettings(document.uri).hintsMaxFileSizeKb * 1024;
    const name = vscode.workspace.asRelativePath(document.uri, false);
    const analysisName = analysisNameFor(name, document);
    const documentSession = this.sessions.get(key) ?? { pending: undefined };
    this.sessions.set(key, documentSession);
    const changes = documentSession.pending;
    documentSession.pending = [];
    try {
      // The analysis name is relative to the document's workspace folder, and so are the modules it asks for.
      const folder = vscode.workspace.getWorkspaceFolder(document.uri);
      const readRelated = folder ? this.related.readerFor(folder.uri.toString(), key) : undefined;
      const analysis = await connection.analyzeInSession(key, analysisName, document.getText(), changes, { maxBytes, signal, readRelated });
      if (analysis.skipped && analysis.skipReason !== 'cancelled' && analysis.skipReason !== 'test-file' && analysis.skipReason !== 'unsupported') {
        this.logger.info(`Session-state hints skipped ${name}: ${analysis.skipped}`);
      }
      if (analysis.skipReason === 'cancelled') {
        if (this.entries.get(key)?.version === version) this.entries.delete(key);
        return undefined;
      }
      this.settled.set(key, { version, result: analysis });
      this.reportedStops.delete(key);
      this.changeEmitter.fire(document.uri);
      return analysis;
    } catch (error) {
      if (error instanceof WorkerStoppedError) {
        // The worker is gone with the session's text: the next request sends the whole text.
        documentSession.pending = undefined;
        this.warmed.clear();
        if (!this.reportedStops.has(key)) {
          this.reportedStops.add(key);
          this.logger.warn(`Session-state analysis of ${name} stopped the analysis worker (${error.reason}); a new worker took over.`);
        }
        // Once more on the fresh worker: the stop may not have been this file's fault. A second stop gives up.
        if (retryAfterStop && !signal.aborted && !this.disposed) return this.run(document, signal, false);
        return undefined;
      }
      this.logger.error(`Session-state analysis of ${name} failed: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  }

  private connect(): Promise<WorkerConnection> {
    this.connecting ??= createWorkerFactory(this.extensionUri, this.logger).then((createWorker) => {
      this.connection = new WorkerConnection({
        createWorker,
        loadWasm: extensionWasmLoader(this.extensionUri),
        logger: this.logger,
        l10nContents: vscode.l10n.bundle,
      });
      if (this.disposed) this.connection.dispose();
      return this.connection;
    });
    return this.connecting;
  }

  /** Loads the grammar of visible supported files in the worker, so their first analysis does not wait for it. */
  private warmUp(editors: readonly vscode.TextEditor[]): void {
    void this.warmLanguages(editors.flatMap((editor) => {
      const language = this.isEligible(editor.document) ? languageForDocument(editor.document) : undefined;
      return language ? [language] : [];
    }));
  }

  /**
   * Starts the worker and loads the grammars of the workspace's most common source languages before any file of
   * theirs opens: the first file opened then waits for its analysis only, not for a thread to start and a grammar to
   * compile (issue 15: the first CodeLens on a 2,000-line file, ≤ 300 ms after opening it). Each language is then
   * exercised once on one of the workspace's own files of that language (at most WARM_UP_MAX_BYTES; the result is
   * thrown away): a worker's first analysis compiles the analyzer's code, about 150 ms of CPU that would otherwise
   * fall on the first file opened, when the editor and the language servers are busiest. File names are looked up
   * (a few, outside the usual dependency folders) and one file per language is read; nothing happens with hints off
   * or without a folder.
   */
  async warmUpForWorkspace(): Promise<void> {
    if (!vscode.workspace.workspaceFolders?.length || !readSettings().hintsEnabled) return;
    const names = await vscode.workspace.findFiles(parsedSourceFilesGlob(), SEARCH_EXCLUDE_GLOB, WARM_UP_SAMPLE_FILES);
    const byLanguage = new Map<string, vscode.Uri[]>();
    for (const uri of names) {
      const language = languageForFile(uri.path);
      if (!language) continue;
      const uris = byLanguage.get(language);
      if (uris) uris.push(uri);
      else byLanguage.set(language, [uri]);
    }
    const common = [...byLanguage].sort((a, b) => b[1].length - a[1].length).slice(0, WARM_UP_LANGUAGES);
    const connection = this.warmLanguages(common.map(([language]) => language));
    for (const [, uris] of common) {
      const sample = await this.readSample(uris);
      if (sample && !this.disposed) await (await connection)?.analyzeFile(sample.text, sample.name, { maxBytes: WARM_UP_MAX_BYTES });
    }
  }

  /** The first of `uris` that is not over the warm-up's size cap, with its name relative to the workspace. */
  private async readSample(uris: readonly vscode.Uri[]): Promise<{ text: string; name: string } | undefined> {
    for (const uri of uris.slice(0, 5)) {
      const stat = await Promise.resolve(vscode.workspace.fs.stat(uri)).catch(() => undefined);
      if (!stat || stat.size > WARM_UP_MAX_BYTES) continue;
      const bytes = await Promise.resolve(vscode.workspace.fs.readFile(uri)).catch(() => undefined);
      if (bytes) return { text: new TextDecoder().decode(bytes), name: vscode.workspace.asRelativePath(uri, false) };
    }
    return undefined;
  }

  /** Loads these languages' grammars in the worker (starting it if needed); the connection, once there is one. */
  private warmLanguages(languages: readonly string[]): Promise<WorkerConnection | undefined> {
    const fresh = new Set(languages.filter((language) => !this.warmed.has(language)));
    if (fresh.size === 0 || this.disposed) return Promise.resolve(this.connection);
    return this.connect().then((connection) => {
      for (const language of fresh) {
        if (this.warmed.has(language) || this.disposed) continue;
        this.warmed.add(language);
        connection.warmUp(language).catch(() => this.warmed.delete(language));
      }
      return connection;
    });
  }

  /** Keeps the changes of an analysed document for its next (incremental) analysis. */
  private recordChanges(uri: vscode.Uri, changes: readonly vscode.TextDocumentContentChangeEvent[]): void {
    const documentSession = this.sessions.get(uri.toString());
    if (!documentSession?.pending) return;
    if (documentSession.pending.length + changes.length > MAX_PENDING_EDITS) {
      documentSession.pending = undefined;
      return;
    }
    // Plain objects: vscode.Range keeps its fields private, and only own data survives the copy to the worker.
    for (const change of changes) {
      documentSession.pending.push({
        rangeOffset: change.rangeOffset,
        rangeLength: change.rangeLength,
        text: change.text,
        range: {
          start: { line: change.range.start.line, character: change.range.start.character },
          end: { line: change.range.end.line, character: change.range.end.character },
        },
      });
    }
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

  /** Re-analyses the open documents that read a module when that module changes on disk, appears or disappears. */
  private watchRelatedModules(): vscode.Disposable[] {
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.{js,jsx,mjs,cjs,ts,tsx,mts,cts,py}');
    const changed = (uri: vscode.Uri) => {
      for (const dependent of this.related.invalidate(uri.toString())) {
        const document = vscode.workspace.textDocuments.find((candidate) => candidate.uri.toString() === dependent);
        if (!document) continue;
        this.entries.get(dependent)?.cancel.abort();
        this.entries.delete(dependent);
        this.schedule(document, 0);
      }
    };
    return [watcher, watcher.onDidChange(changed), watcher.onDidCreate(changed), watcher.onDidDelete(changed), vscode.workspace.onDidSaveTextDocument((document) => changed(document.uri))];
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    this.related.forgetDependent(key);
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.entries.get(key)?.cancel.abort();
    this.entries.delete(key);
    // Frees the document's text and syntax tree in the worker.
    if (this.sessions.delete(key)) this.connection?.closeSession(key);
    if (this.settled.delete(key)) this.changeEmitter.fire(uri);
  }

  private reanalyzeAll(): void {
    this.related.clear();
    for (const entry of this.entries.values()) entry.cancel.abort();
    this.entries.clear();
    this.settled.clear();
    this.changeEmitter.fire(undefined);
    for (const document of vscode.workspace.textDocuments) this.schedule(document, 0);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    for (const entry of this.entries.values()) entry.cancel.abort();
    this.sessions.clear();
    this.disposed = true;
    disposeAll([...this.disposables.splice(0), ...(this.connection ? [this.connection] : [])]);
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
