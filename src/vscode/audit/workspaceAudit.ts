// The workspace audit itself, a lazily required bundle (the walker, .gitignore and glob matching, the worker pool and
// the SARIF formatter load when the first scan or export is asked for, not at activation): see
// registerWorkspaceAudit.ts for what it does as a whole.
import * as vscode from 'vscode';
import picomatch from 'picomatch';
import type { AuditResults } from '../../core/audit/auditResults';
import { mayBeAnalysed } from '../../core/analyzer/languages';
import type { AnalysisResult } from '../../core/analyzer/types';
import { walkFiles } from '../../core/files/fileWalker';
import type { Logger } from '../../core/ports';
import { buildSarifReport } from '../../core/ci/sarif';
import { fingerprintFindings } from '../../core/ci/fingerprint';
import type { Finding } from '../../core/analyzer/types';
import { AnalysisPool } from '../../core/worker/analysisPool';
import { RelatedFileReader } from '../../core/analyzer/relatedFiles';
import { toRange } from '../hints/registerSessionHints';
import { diagnosticLevel } from '../hints/diagnosticLevel';
import { createWorkerFactory, extensionWasmLoader } from '../hints/analysisWorkerHost';
import { readSettings } from '../settings';
import { workspaceFileSystem } from '../workspaceFileSystem';
import type { SessionStateTreeProvider } from './sessionStateTreeProvider';

const VIEW_ID = 'statecraft.sessionState';
const BINARY_SNIFF_BYTES = 8 * 1024;
/** The pool's workers are stopped after this long without work (they hold compiled grammars, ~30 MB each). */
const POOL_IDLE_MS = 60_000;
const SEVERITY: Record<string, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

export class WorkspaceAudit implements vscode.Disposable {
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('statecraft-workspace-audit');
  private readonly statusBar = vscode.window.createStatusBarItem('statecraft.sessionState', vscode.StatusBarAlignment.Left, 10);
  private readonly disposables: vscode.Disposable[] = [this.diagnostics, this.statusBar];
  private pool?: Promise<AnalysisPool>;
  private poolIdle?: ReturnType<typeof setTimeout>;
  /** Set by the first scan: from then on file changes keep the results current. */
  private watching = false;
  private scanning?: Promise<void>;
  /** Modules read for cross-file resolution (a session store built in another module), and which files read them. */
  private readonly related = new RelatedFileReader(workspaceFileSystem);
  /** Each finding's fingerprint (computed from its file's text when analysed), for the SARIF export. */
  private readonly fingerprints = new WeakMap<Finding, string>();

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly logger: Logger,
    readonly results: AuditResults,
    private readonly tree: SessionStateTreeProvider,
  ) {
    this.statusBar.name = vscode.l10n.t('Statecraft Session State');
    this.statusBar.command = `${VIEW_ID}.focus`;
  }

  /** The command: a cancellable notification with "files done / total". */
  scanWithProgress(): Promise<void> {
    return Promise.resolve(vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Scanning the workspace for session state'), cancellable: true },
      (progress, token) => this.scan(progress, token),
    ));
  }

  scan(progress?: vscode.Progress<{ message?: string; increment?: number }>, token?: vscode.CancellationToken): Promise<void> {
    this.scanning ??= this.runScan(progress, token).finally(() => {
      this.scanning = undefined;
    });
    return this.scanning;
  }

  private async runScan(progress?: vscode.Progress<{ message?: string; increment?: number }>, token?: vscode.CancellationToken): Promise<void> {
    const controller = new AbortController();
    token?.onCancellationRequested(() => controller.abort());
    progress?.report({ message: vscode.l10n.t('Listing files…') });
    const files: vscode.Uri[] = [];
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const isExcluded = excludeMatcher(folder);
      for await (const walked of walkFiles(workspaceFileSystem, folder.uri.toString(), {
        include: mayBeAnalysed,
        isExcluded: (path, isDirectory) => isExcluded(vscode.Uri.parse(path), isDirectory),
        onError: (directory, error) => this.logger.warn(`Workspace audit could not read ${directory}: ${String(error)}`),
        isCancelled: () => controller.signal.aborted,
      })) {
        files.push(vscode.Uri.parse(walked.path));
      }
    }
    if (controller.signal.aborted) return;
    this.results.clear();
    this.related.clear();
    this.watchChanges();
    let done = 0;
    const total = files.length;
    progress?.report({ message: vscode.l10n.t('{0} of {1} files', 0, total) });
    await forEachConcurrently(files, 8, async (uri) => {
      if (controller.signal.aborted) return;
      await this.analyzeFile(uri, controller.signal);
      done++;
      progress?.report({ message: vscode.l10n.t('{0} of {1} files', done, total), increment: 100 / Math.max(1, total) });
    });
    this.publish();
    this.logger.info(`Workspace audit: ${this.results.count} finding(s) in ${this.results.files().length} of ${total} file(s)${controller.signal.aborted ? ' (cancelled)' : ''}.`);
  }

  /** Analyses one file from disk into the results (not published: callers publish once). */
  private async analyzeFile(uri: vscode.Uri, signal?: AbortSignal): Promise<void> {
    const key = uri.toString();
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const settings = readSettings(uri);
    if (!folder || !settings.hintsEnabled || !mayBeAnalysed(uri.path) || excludeMatcher(folder)(uri, false)) {
      this.results.delete(key);
      return;
    }
    const maxBytes = settings.hintsMaxFileSizeKb * 1024;
    let bytes: Uint8Array;
    try {
      bytes = await workspaceFileSystem.readFile(key, maxBytes);
    } catch {
      this.results.delete(key);
      return;
    }
    if (bytes.byteLength > maxBytes || bytes.subarray(0, BINARY_SNIFF_BYTES).includes(0)) {
      this.results.delete(key);
      return;
    }
    const relative = vscode.workspace.asRelativePath(uri, (vscode.workspace.workspaceFolders?.length ?? 0) > 1);
    let result: AnalysisResult;
    const text = new TextDecoder().decode(bytes);
    try {
      // Imports are followed as in the editor and the CLI: a store built in another module decides the finding.
      const readRelated = this.related.readerFor(folder.uri.toString(), key);
      result = await (await this.getPool()).analyze(text, vscode.workspace.asRelativePath(uri, false), { maxBytes, signal, readRelated });
    } catch (error) {
      this.logger.warn(`Workspace audit skipped ${relative}: ${error instanceof Error ? error.message : String(error)}`);
      return;
    } finally {
      this.touchPool();
    }
    if (result.skipReason === 'cancelled') return;
    const fingerprints = fingerprintFindings(relative, text, result.findings);
    result.findings.forEach((finding, index) => this.fingerprints.set(finding, fingerprints[index]));
    this.results.set(key, relative, result.findings);
  }

  private getPool(): Promise<AnalysisPool> {
    this.pool ??= createWorkerFactory(this.extensionUri, this.logger).then((createWorker) => new AnalysisPool({
      size: Math.max(1, Math.min(4, (globalThis.navigator?.hardwareConcurrency ?? 2) - 1)),
      createWorker,
      loadWasm: extensionWasmLoader(this.extensionUri),
      logger: this.logger,
      l10nContents: vscode.l10n.bundle,
    }));
    return this.pool;
  }

  private touchPool(): void {
    clearTimeout(this.poolIdle);
    this.poolIdle = setTimeout(() => {
      void this.pool?.then((pool) => pool.dispose());
      this.pool = undefined;
    }, POOL_IDLE_MS);
  }

  /** After the first scan: re-analyse saved, created and changed files; forget deleted ones. */
  private watchChanges(): void {
    if (this.watching) return;
    this.watching = true;
    const watcher = vscode.workspace.createFileSystemWatcher('**/*');
    const reanalyze = (uri: vscode.Uri) => {
      if (!mayBeAnalysed(uri.path)) return;
      // The files that imported this module are judged again too: their finding may depend on what it builds.
      const dependents = this.related.invalidate(uri.toString()).filter((dependent) => dependent !== uri.toString()).map((dependent) => vscode.Uri.parse(dependent));
      void Promise.all([uri, ...dependents].map((file) => this.analyzeFile(file))).then(() => this.publish());
    };
    this.disposables.push(
      watcher,
      watcher.onDidCreate(reanalyze),
      watcher.onDidChange(reanalyze),
      watcher.onDidDelete((uri) => {
        const dependents = this.related.invalidate(uri.toString()).map((dependent) => vscode.Uri.parse(dependent));
        if (dependents.length > 0) void Promise.all(dependents.map((file) => this.analyzeFile(file))).then(() => this.publish());
        const changed = this.results.delete(uri.toString()) || this.results.deleteUnder(uri.toString());
        if (changed) this.publish();
      }),
      vscode.workspace.onDidSaveTextDocument((document) => reanalyze(document.uri)),
      // Open files have the live hints; the audit's diagnostics stand in for closed ones only.
      vscode.workspace.onDidOpenTextDocument(() => this.publishDiagnostics()),
      vscode.workspace.onDidCloseTextDocument(() => this.publishDiagnostics()),
    );
  }

  private publish(): void {
    this.tree.refresh();
    this.publishDiagnostics();
    const count = this.results.count;
    this.statusBar.text = `$(warning) ${vscode.l10n.t('Session state: {0}', count)}`;
    this.statusBar.tooltip = vscode.l10n.t('Statecraft found {0} place(s) keeping session state in the workspace. Click to show them.', count);
    this.statusBar.show();
    void vscode.commands.executeCommand('setContext', 'statecraft.auditRan', true);
  }

  private publishDiagnostics(): void {
    const open = new Set(vscode.workspace.textDocuments.map((document) => document.uri.toString()));
    this.diagnostics.clear();
    for (const audited of this.results.files()) {
      if (open.has(audited.file)) continue;
      const uri = vscode.Uri.parse(audited.file);
      const settings = readSettings(uri);
      this.diagnostics.set(uri, audited.findings.flatMap((finding) => {
        const level = diagnosticLevel(finding, settings);
        if (level === undefined) return [];
        const diagnostic = new vscode.Diagnostic(toRange(finding.range), finding.message, SEVERITY[level]);
        diagnostic.source = 'Statecraft';
        diagnostic.code = finding.rule;
        return [diagnostic];
      }));
    }
  }

  /** Writes the results as the same SARIF 2.1.0 log `statecraft scan --format sarif` prints (the core's formatter). */
  async exportSarif(): Promise<void> {
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!folder) return;
    if (folder.uri.scheme !== 'file') {
      void vscode.window.showWarningMessage(vscode.l10n.t('Export as SARIF needs a workspace on disk: SARIF locations are relative to a local folder.'));
      return;
    }
    const target = await vscode.window.showSaveDialog({
      defaultUri: vscode.Uri.joinPath(folder.uri, 'statecraft.sarif'),
      filters: { SARIF: ['sarif', 'json'] },
      title: vscode.l10n.t('Export session-state findings as SARIF'),
    });
    if (!target) return;
    await this.writeSarif(target, folder.uri);
  }

  /** The export itself (tests call it with a target, without the save dialog). */
  async writeSarif(target: vscode.Uri, folder: vscode.Uri): Promise<void> {
    const results = this.results.asScanResults().map(({ file, finding }) => ({ file, finding, fingerprint: this.fingerprints.get(finding) ?? '' }));
    const srcRootUri = folder.toString().endsWith('/') ? folder.toString() : `${folder.toString()}/`;
    const version = String((vscode.extensions.getExtension('statecraft.statecraft')?.packageJSON as { version?: string } | undefined)?.version ?? '');
    const { log } = buildSarifReport(results, { srcRootUri, category: 'statecraft', version });
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(`${JSON.stringify(log, null, 2)}\n`));
  }

  dispose(): void {
    clearTimeout(this.poolIdle);
    void this.pool?.then((pool) => pool.dispose());
    for (const disposable of this.disposables) disposable.dispose();
  }
}

/** `statecraft.hints.exclude` globs against the folder-relative path (a folder is excluded when its contents are). */
function excludeMatcher(folder: vscode.WorkspaceFolder): (uri: vscode.Uri, isDirectory: boolean) => boolean {
  const globs = readSettings(folder.uri).hintsExclude;
  if (globs.length === 0) return () => false;
  const matches = picomatch(globs, { dot: true });
  const base = folder.uri.path.endsWith('/') ? folder.uri.path : `${folder.uri.path}/`;
  return (uri, isDirectory) => {
    if (!uri.path.startsWith(base)) return false;
    const relative = uri.path.slice(base.length);
    return matches(isDirectory ? `${relative}/x` : relative);
  };
}

/** Runs `action` over `items` with at most `limit` running at once (bounded memory: a file's text per slot). */
async function forEachConcurrently<T>(items: readonly T[], limit: number, action: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await action(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}
