// Owns the loaded notes in the editor: the bundled catalog (parsed and indexed at build time, read lazily on first
// use) plus the user's notes folders (read through vscode.workspace.fs so remote and web hosts work, watched for
// changes). Problems in user notes go to the Problems panel on the file and to the output channel.
import * as vscode from 'vscode';
import type { Note, NoteProblem } from '../core/notes/note';
import type { LoadedNotes, NoteCollection } from '../core/notes/noteLoader';
import { isError } from '../core/notes/frontMatterChecker';
import type { Logger } from '../core/ports';
import type { NoteSearchIndex, SearchHit } from '../core/search/searchIndex';
import type { SearchIndexCache, SearchIndexSource } from '../core/search/searchIndexCache';

// The heavy parts of the notes core (YAML, markdown-it, MiniSearch) load on first use, not while the extension
// activates: esbuild keeps a dynamically imported module's initialisation lazy inside the one bundle.
const loadNotesCore = () => import('../core/notes/notesCore.js');
const loadNoteFilesCore = loadNotesCore;
const loadCatalogCore = loadNotesCore;
const loadSearchCore = loadNotesCore;
import { readSettings } from './settings';
import { workspaceFileSystem } from './workspaceFileSystem';
import { disposeAll } from './dispose';
import { searchIndexStore, workerSearchIndexBuilder } from './searchIndexStorage';

export const BUNDLED_ROOT = 'bundled';

/** A user notes folder as configured, resolved to a URI. */
export interface NotesFolder {
  readonly label: string;
  readonly uri: vscode.Uri;
}

export class NotesLibrary implements vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  /** Fires after notes were (re)loaded. */
  readonly onDidChange = this.changeEmitter.event;
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('statecraft-notes');
  private readonly disposables: vscode.Disposable[] = [this.changeEmitter, this.diagnostics];
  private watchers: vscode.Disposable[] = [];
  private bundled?: Promise<{ notes: readonly Note[]; searchIndexJson: string }>;
  /**
   * Bundled and user notes in one index, so their scores are comparable: restored from storage when the notes are
   * unchanged since it was saved, else built in a worker (forgotten when the notes reload).
   */
  private searchIndex?: Promise<NoteSearchIndex>;
  private searchIndexCache?: SearchIndexCache;
  private lastSearchIndexSource?: SearchIndexSource;
  private collection?: NoteCollection;
  private loading?: Promise<NoteCollection>;
  private folders: NotesFolder[] = [];
  private reloadTimer?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly logger: Logger,
    /** Where the search index is saved between restarts (none: it is rebuilt at every start). */
    private readonly storageUri?: vscode.Uri,
  ) {
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('statecraft.notes.folders')) this.scheduleReload(0);
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.scheduleReload(0)),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.scheduleReload(0)),
    );
  }

  /** The notes, loading them on first use. Never rejects: a failure is logged and leaves what could be loaded. */
  getNotes(): Promise<NoteCollection> {
    if (this.collection) return Promise.resolve(this.collection);
    this.loading ??= this.load().finally(() => {
      this.loading = undefined;
    });
    return this.loading;
  }

  /** The notes if already loaded (for synchronous callers such as tree items), else undefined. */
  get current(): NoteCollection | undefined {
    return this.collection;
  }

  get userFolders(): readonly NotesFolder[] {
    return this.folders;
  }

  /** Re-reads every root. Until it finishes, readers keep the previous collection rather than none. */
  reload(): Promise<NoteCollection> {
    const loading = this.load().finally(() => {
      if (this.loading === loading) this.loading = undefined;
    });
    this.loading = loading;
    return loading;
  }

  async search(query: string, limit = 50): Promise<SearchHit[]> {
    const collection = await this.getNotes();
    const index = await (this.searchIndex ??= this.restoreOrBuildSearchIndex(collection));
    // Only notes that survived linking (a user note may lose a duplicate id to a bundled one) are offered.
    return index.search(query, { limit }).filter((hit) => collection.has(hit.id));
  }

  private restoreOrBuildSearchIndex(collection: NoteCollection): Promise<NoteSearchIndex> {
    const loading = (async () => {
      const { SearchIndexCache } = await loadSearchCore();
      this.searchIndexCache ??= new SearchIndexCache({
        store: searchIndexStore(this.storageUri),
        build: workerSearchIndexBuilder(this.extensionUri, this.logger),
        logger: this.logger,
      });
      const bundledJson = (await this.loadBundled()).searchIndexJson;
      const userNotes = collection.notes.filter((note) => note.root !== BUNDLED_ROOT);
      const { index, source } = await this.searchIndexCache.load(bundledJson, userNotes);
      this.lastSearchIndexSource = source;
      return index;
    })();
    // A failure is not kept: the next search tries again.
    loading.catch(() => {
      if (this.searchIndex === loading) this.searchIndex = undefined;
    });
    return loading;
  }

  /** Where the current search index came from (saved, worker, in-thread, bundled): for the integration test. */
  get searchIndexSource(): SearchIndexSource | undefined {
    return this.lastSearchIndexSource;
  }

  /** Settles when the search index has been saved (and stale ones deleted): for the integration test. */
  whenSearchIndexSaved(): Promise<void> {
    return this.searchIndexCache?.whenSaved() ?? Promise.resolve();
  }

  /** The file a note was read from, as a URI, for "Open Source File". */
  sourceUri(note: Note): vscode.Uri {
    if (note.root === BUNDLED_ROOT) return vscode.Uri.joinPath(this.extensionUri, note.sourcePath);
    return vscode.Uri.parse(note.sourcePath);
  }

  private loadBundled(): Promise<{ notes: readonly Note[]; searchIndexJson: string }> {
    this.bundled ??= (async () => {
      const [bytes, { readCatalog }] = await Promise.all([
        vscode.workspace.fs.readFile(vscode.Uri.joinPath(this.extensionUri, 'dist', 'catalog.json')),
        loadCatalogCore(),
      ]);
      const catalog = readCatalog(new TextDecoder().decode(bytes));
      return { notes: catalog.notes, searchIndexJson: catalog.searchIndex };
    })();
    return this.bundled;
  }

  private async load(): Promise<NoteCollection> {
    const [{ linkNotes, parseNotes }, { readNoteFiles }] = await Promise.all([loadNotesCore(), loadNoteFilesCore()]);
    const roots: LoadedNotes[] = [];
    try {
      const bundled = await this.loadBundled();
      roots.push({ notes: bundled.notes, problems: [] });
    } catch (error) {
      this.logger.error(`Could not read the bundled notes: ${String(error)}`);
    }
    this.folders = resolveNotesFolders();
    this.replaceWatchers();
    for (const folder of this.folders) {
      try {
        const { files, truncated } = await readNoteFiles(workspaceFileSystem, folder.uri.toString());
        if (truncated) this.logger.warn(`Notes folder ${folder.uri.toString(true)} holds more note files than Statecraft reads; only the first ${files.length} were loaded.`);
        roots.push(parseNotes(files, folder.label));
      } catch (error) {
        const problem: NoteProblem = {
          sourcePath: folder.uri.toString(),
          message: vscode.l10n.t({ message: '{0}: cannot read notes folder: {1}', args: [folder.uri.toString(true), errorMessage(error)], comment: ['{0} is the folder, {1} the file system\'s explanation'] }),
        };
        roots.push({ notes: [], problems: [problem] });
      }
    }
    const collection = linkNotes(roots);
    this.publishProblems(collection.problems);
    this.collection = collection;
    this.searchIndex = undefined;
    this.changeEmitter.fire();
    return collection;
  }

  private publishProblems(problems: readonly NoteProblem[]): void {
    this.diagnostics.clear();
    const byFile = new Map<string, vscode.Diagnostic[]>();
    for (const problem of problems) {
      const level = isError(problem) ? 'error' : 'warn';
      this.logger[level](problem.message);
      if (!/^[a-z][a-z0-9+.-]*:/i.test(problem.sourcePath) || problem.sourcePath.startsWith('content/')) continue;
      const line = problem.line ?? 0;
      const diagnostic = new vscode.Diagnostic(
        new vscode.Range(line, 0, line, Number.MAX_SAFE_INTEGER),
        problem.detail ? `${problem.field ? `${problem.field}: ` : ''}${problem.detail}` : problem.message,
        isError(problem) ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning,
      );
      diagnostic.source = 'Statecraft notes';
      const list = byFile.get(problem.sourcePath) ?? [];
      list.push(diagnostic);
      byFile.set(problem.sourcePath, list);
    }
    for (const [file, diagnostics] of byFile) this.diagnostics.set(vscode.Uri.parse(file), diagnostics);
  }

  private replaceWatchers(): void {
    disposeAll(this.watchers);
    for (const folder of this.folders) {
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder.uri, '**/*.md'));
      const onChange = () => this.scheduleReload(300);
      this.watchers.push(watcher, watcher.onDidChange(onChange), watcher.onDidCreate(onChange), watcher.onDidDelete(onChange));
    }
  }

  private scheduleReload(delayMs: number): void {
    clearTimeout(this.reloadTimer);
    this.reloadTimer = setTimeout(() => {
      this.reload().catch((error: unknown) => this.logger.error(`Reloading notes failed: ${errorMessage(error)}`));
    }, delayMs);
  }

  /** Problems belonging to a user folder, for the tree's problem rows. */
  problemsFor(folder: NotesFolder): NoteProblem[] {
    const prefix = folder.uri.toString();
    return (this.collection?.problems ?? []).filter((problem) => isError(problem) && problem.sourcePath.startsWith(prefix));
  }

  dispose(): void {
    clearTimeout(this.reloadTimer);
    disposeAll([...this.watchers.splice(0), ...this.disposables.splice(0)]);
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Resolves `statecraft.notes.folders`: absolute paths as they are, relative ones against each workspace folder. */
export function resolveNotesFolders(): NotesFolder[] {
  // An untrusted workspace's settings could point anywhere: read only the bundled notes until it is trusted.
  if (!vscode.workspace.isTrusted) return [];
  const seen = new Set<string>();
  const folders: NotesFolder[] = [];
  const add = (label: string, uri: vscode.Uri) => {
    if (seen.has(uri.toString())) return;
    seen.add(uri.toString());
    folders.push({ label, uri });
  };
  const workspaceFolders = vscode.workspace.workspaceFolders ?? [];
  for (const workspaceFolder of workspaceFolders) {
    for (const entry of readSettings(workspaceFolder.uri).notesFolders) {
      if (typeof entry !== 'string' || entry.trim() === '') continue;
      if (isAbsolutePath(entry)) add(entry, workspaceFolder.uri.with({ path: entry.replace(/\\/g, '/') }));
      else add(workspaceFolders.length > 1 ? `${workspaceFolder.name}/${entry}` : entry, vscode.Uri.joinPath(workspaceFolder.uri, entry));
    }
  }
  if (workspaceFolders.length === 0) {
    for (const entry of readSettings().notesFolders) {
      if (typeof entry === 'string' && isAbsolutePath(entry)) add(entry, vscode.Uri.file(entry));
    }
  }
  return folders;
}

function isAbsolutePath(path: string): boolean {
  return path.startsWith('/') || /^[a-zA-Z]:[\\/]/.test(path);
}
