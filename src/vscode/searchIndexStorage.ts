// The adapter side of the saved search index (core/search/searchIndexCache.ts): the files live in the extension's
// storage folder (the workspace's when one is open, since notes folders are per workspace, else the global one),
// read and written through vscode.workspace.fs so remote and web hosts work. Not globalState: the index of 10,000
// notes is megabytes, and globalState is loaded whole at every start. The build runs in the analysis worker
// (dist/worker.js under Node, dist/web/worker.js as a Web Worker, or in process where the web host starts none).
import * as vscode from 'vscode';
import type { Logger } from '../core/ports';
import type { IndexedNote } from '../core/search/searchIndex';
import type { SearchIndexBuilder, SearchIndexStore } from '../core/search/searchIndexCache';

/** A build of 10,000 notes takes seconds on a busy machine: the hang watchdog must not take that for a hang. */
const SEARCH_BUILD_HANG_MS = 120_000;

/** The store in `<storage>/search`, or undefined when the host gives the extension no storage. */
export function searchIndexStore(storageUri: vscode.Uri | undefined): SearchIndexStore | undefined {
  if (!storageUri) return undefined;
  const folder = vscode.Uri.joinPath(storageUri, 'search');
  const file = (name: string) => vscode.Uri.joinPath(folder, name);
  return {
    async read(name) {
      try {
        return new TextDecoder().decode(await vscode.workspace.fs.readFile(file(name)));
      } catch (error) {
        if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return undefined;
        throw error;
      }
    },
    async write(name, text) {
      await vscode.workspace.fs.createDirectory(folder);
      // Written beside, then renamed: a start that reads while we write (a second window) never sees half a file.
      const partial = file(`${name}.partial`);
      await vscode.workspace.fs.writeFile(partial, new TextEncoder().encode(text));
      await vscode.workspace.fs.rename(partial, file(name), { overwrite: true });
    },
    async list() {
      try {
        return (await vscode.workspace.fs.readDirectory(folder)).map(([name]) => name);
      } catch {
        return [];
      }
    },
    async delete(name) {
      await vscode.workspace.fs.delete(file(name));
    },
  };
}

/**
 * Builds the combined index in a worker started for that build alone and stopped after it: a build is rare (a
 * restart with changed notes, a note saved), and an idle worker would hold the index's memory for nothing.
 */
export function workerSearchIndexBuilder(extensionUri: vscode.Uri, logger: Logger): SearchIndexBuilder {
  return async (bundledJson: string, notes: readonly IndexedNote[]) => {
    const [{ createWorkerFactory, extensionWasmLoader }, { WorkerConnection }] = await Promise.all([
      import('./hints/analysisWorkerHost.js'),
      import('../core/worker/workerConnection.js'),
    ]);
    const connection = new WorkerConnection({
      createWorker: await createWorkerFactory(extensionUri, logger),
      loadWasm: extensionWasmLoader(extensionUri),
      logger,
      hangTimeoutMs: SEARCH_BUILD_HANG_MS,
    });
    try {
      return await connection.buildSearchIndex(bundledJson, notes);
    } finally {
      connection.dispose();
    }
  };
}
