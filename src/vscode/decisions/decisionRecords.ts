// The decision records of the workspace, as the hints and the Decisions view see them: read from
// `statecraft.decisions.folder` in each workspace folder, re-read when a record or the setting changes, and
// malformed front matter shown as a diagnostic on the record itself. Judging findings is the core's (drift.ts).
// The record reader (YAML) and the judge (glob matching) are lazily required bundles, loaded only once a decisions
// folder holds a Markdown file: a workspace without records never loads them (issue 15).
import * as vscode from 'vscode';
import type { Finding } from '../../core/analyzer/types';
import type { DecisionRecord } from '../../core/decisions/decisionRecord';
import type * as DriftModule from '../../core/decisions/drift';
import { affects, readSettings } from '../settings';

/** A record with the file it came from. */
export interface WorkspaceRecord {
  readonly record: DecisionRecord;
  readonly uri: vscode.Uri;
  readonly folder: vscode.WorkspaceFolder;
}

const RELOAD_DELAY_MS = 150;

function folderParts(folder: vscode.WorkspaceFolder): string[] {
  const setting = readSettings(folder.uri).decisionsFolder;
  return setting.split(/[\\/]+/).filter((part) => part && part !== '..' && part !== '.');
}

function folderUri(folder: vscode.WorkspaceFolder): vscode.Uri {
  return vscode.Uri.joinPath(folder.uri, ...folderParts(folder));
}

export class DecisionRecords implements vscode.Disposable {
  private entries: WorkspaceRecord[] = [];
  private readonly findingsByDocument = new Map<string, readonly Finding[]>();
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  /** Fires when the records (or the drift counts) change. */
  readonly onDidChange = this.changeEmitter.event;
  private readonly problems = vscode.languages.createDiagnosticCollection('statecraft-decisions');
  private watchers: vscode.Disposable[] = [];
  private readonly disposables: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private loading: Promise<void> = Promise.resolve();
  /** The core's judge, loaded with the first record. */
  private drift?: typeof DriftModule;

  constructor(private readonly log: (message: string) => void) {
    this.disposables.push(
      this.changeEmitter,
      this.problems,
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.rewatch()),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (affects(event, 'decisionsFolder')) this.rewatch();
      }),
    );
    this.rewatch();
  }

  /** The records read so far (every status), by path. */
  get all(): readonly WorkspaceRecord[] {
    return this.entries;
  }

  /** Resolves once the pending read is done: for tests and commands that need fresh records. */
  ready(): Promise<void> {
    return this.loading;
  }

  uriOf(recordPath: string): vscode.Uri | undefined {
    return this.entries.find((entry) => entry.record.path === recordPath)?.uri;
  }

  /** The findings of one document judged against the records of its workspace folder. */
  judge(document: vscode.TextDocument, findings: readonly Finding[]): Finding[] {
    const folder = vscode.workspace.getWorkspaceFolder(document.uri);
    const records = this.entries.filter((entry) => entry.folder?.uri.toString() === folder?.uri.toString()).map((entry) => entry.record);
    if (records.length === 0 || !this.drift) return [...findings];
    const relative = folder ? vscode.workspace.asRelativePath(document.uri, false) : '';
    return this.drift.applyDecisions(findings, relative, records);
  }

  /** The hints report each document's judged findings, so the view can count drift. */
  report(uri: vscode.Uri, findings: readonly Finding[] | undefined): void {
    const key = uri.toString();
    // Without a record nothing can drift (and the judge is not loaded).
    const driftCounts = this.drift?.driftCounts ?? (() => new Map<string, number>());
    const before = driftCounts(this.findingsByDocument.get(key) ?? []);
    if (findings && findings.length > 0) this.findingsByDocument.set(key, findings);
    else this.findingsByDocument.delete(key);
    const after = driftCounts(findings ?? []);
    if (before.size !== after.size || [...after].some(([path, count]) => before.get(path) !== count)) this.changeEmitter.fire();
  }

  /** Findings that drift from each record, in the documents analysed so far. */
  driftCount(recordPath: string): number {
    let total = 0;
    if (!this.drift) return 0;
    for (const findings of this.findingsByDocument.values()) total += this.drift.driftCounts(findings).get(recordPath) ?? 0;
    return total;
  }

  /** Reads every record again now. */
  reload(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.loading = this.loading.then(() => this.read()).catch((error: unknown) => this.log(`Reading decision records failed: ${String(error)}`));
    return this.loading;
  }

  private scheduleReload(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.reload(), RELOAD_DELAY_MS);
  }

  private rewatch(): void {
    for (const watcher of this.watchers.splice(0)) watcher.dispose();
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      // Based on the workspace folder, not the decisions folder: that one usually does not exist until the first
      // record is saved, and a watcher on a missing base folder may never see it appear.
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, [...folderParts(folder), '*.md'].join('/')));
      this.watchers.push(watcher, watcher.onDidCreate(() => this.scheduleReload()), watcher.onDidChange(() => this.scheduleReload()), watcher.onDidDelete(() => this.scheduleReload()));
    }
    void this.reload();
  }

  private async read(): Promise<void> {
    const entries: WorkspaceRecord[] = [];
    this.problems.clear();
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const directory = folderUri(folder);
      let names: string[];
      try {
        names = (await vscode.workspace.fs.readDirectory(directory)).filter(([name, type]) => type === vscode.FileType.File && name.toLowerCase().endsWith('.md')).map(([name]) => name).sort();
      } catch {
        continue; // no decisions folder yet
      }
      if (names.length === 0) continue;
      const [{ readDecisionRecord }, drift] = await Promise.all([import('../../core/decisions/decisionRecord.js'), import('../../core/decisions/drift.js')]);
      this.drift = drift;
      for (const name of names) {
        const uri = vscode.Uri.joinPath(directory, name);
        const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
        const result = readDecisionRecord(vscode.workspace.asRelativePath(uri, false), text);
        if (result.kind === 'record') {
          entries.push({ record: result.record, uri, folder });
        } else if (result.kind === 'problem') {
          const line = result.problem.line;
          const diagnostic = new vscode.Diagnostic(new vscode.Range(line, 0, line, Number.MAX_SAFE_INTEGER), vscode.l10n.t('Statecraft ignores this decision record: {0}', result.problem.message), vscode.DiagnosticSeverity.Error);
          diagnostic.source = 'Statecraft';
          this.problems.set(uri, [diagnostic]);
        }
      }
    }
    this.entries = entries;
    this.changeEmitter.fire();
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const watcher of this.watchers.splice(0)) watcher.dispose();
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
  }
}
