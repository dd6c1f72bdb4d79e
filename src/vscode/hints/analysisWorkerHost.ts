// Where the extension's analysis worker runs: Node `worker_threads` in the desktop and remote hosts (dist/worker.js),
// a Web Worker in the web worker host (dist/web/worker.js, started by URL as the TypeScript extension starts its web
// tsserver). If a Web Worker cannot be started there (a host without nested workers), the same service runs on the
// host's own thread behind the same endpoint, and the output channel says so once: hints keep working, only the
// isolation is lost. Wasm files are read with vscode.workspace.fs, so remote and virtual extension locations work.
import * as vscode from 'vscode';
import type { WasmLoader } from '../../core/analyzer/types';
import type { Logger } from '../../core/ports';
import type { WorkerToHostMessage } from '../../core/worker/protocol';
import type { WorkerEndpoint, WorkerFactory } from '../../core/worker/workerConnection';

/** The wasm loader the worker's host side uses: grammars shipped in dist/grammars. */
export function extensionWasmLoader(extensionUri: vscode.Uri): WasmLoader {
  const grammars = vscode.Uri.joinPath(extensionUri, 'dist', 'grammars');
  return async (fileName) => vscode.workspace.fs.readFile(vscode.Uri.joinPath(grammars, fileName));
}

/**
 * Set by the build (scripts/build.mjs `define`) to the bundle's host, so each bundle keeps only its own branch: the
 * Node bundle then carries no analyzer at all (it runs in dist/worker.js), the web bundle no worker_threads code.
 * Undefined when run from source (tests), where the check happens at run time.
 */
declare const STATECRAFT_HOST: 'node' | 'web' | undefined;

function runsOnNode(): boolean {
  return typeof process !== 'undefined' && typeof process.versions?.node === 'string';
}

/** A factory for this host's kind of worker; loads only the code that kind needs. */
export async function createWorkerFactory(extensionUri: vscode.Uri, logger: Logger): Promise<WorkerFactory> {
  if (typeof STATECRAFT_HOST === 'string' ? STATECRAFT_HOST === 'node' : runsOnNode()) {
    const { nodeWorkerFactory } = await import('../../worker/nodeWorkerFactory.js');
    return nodeWorkerFactory(vscode.Uri.joinPath(extensionUri, 'dist', 'worker.js').fsPath);
  } else {
    return webWorkerFactory(extensionUri, logger);
  }
}

async function webWorkerFactory(extensionUri: vscode.Uri, logger: Logger): Promise<WorkerFactory> {
  const script = vscode.Uri.joinPath(extensionUri, 'dist', 'web', 'worker.js').toString(true);
  const inProcess = await inProcessFallback();
  let webWorkersWork = typeof (globalThis as { Worker?: unknown }).Worker === 'function';
  return () => {
    if (webWorkersWork) {
      try {
        return webWorkerEndpoint(script, () => {
          // It never answered: this host cannot run our worker. Later workers run in process.
          webWorkersWork = false;
          logger.warn('Session-state analysis runs on the extension host thread: this web host cannot start a worker.');
        });
      } catch {
        webWorkersWork = false;
      }
    }
    return inProcess();
  };
}

/**
 * The analysis on the host's own thread, for web hosts that cannot start a worker. Only the web bundle needs it: under
 * the Node bundle's `define` the condition folds to false at build time, so esbuild never resolves the import and no
 * lazy bundle (the whole analyzer, about 800 KB) ships in the VSIX unused.
 */
async function inProcessFallback(): Promise<WorkerFactory> {
  if (typeof STATECRAFT_HOST !== 'string' || STATECRAFT_HOST !== 'node') {
    const { inProcessWorkerFactory } = await import('../../core/worker/inProcessWorker.js');
    return inProcessWorkerFactory();
  }
  throw new Error('the in-process analysis fallback belongs to the web worker host');
}

interface BrowserWorker {
  postMessage(message: unknown, transfer?: unknown[]): void;
  addEventListener(type: 'message' | 'error', listener: (event: { data?: unknown; message?: string }) => void): void;
  terminate(): void;
}

function webWorkerEndpoint(script: string, onNeverStarted: () => void): WorkerEndpoint {
  const WorkerClass = (globalThis as unknown as { Worker: new (url: string, options?: { name?: string }) => BrowserWorker }).Worker;
  const worker = new WorkerClass(script, { name: 'statecraft-analysis' });
  let heard = false;
  let exitListener: ((reason: string) => void) | undefined;
  let ended = false;
  return {
    post: (message, transfer) => worker.postMessage(message, transfer ? [...transfer] : undefined),
    onMessage: (listener) => worker.addEventListener('message', (event) => {
      heard = true;
      listener(event.data as WorkerToHostMessage);
    }),
    onExit: (listener) => {
      exitListener = listener;
      worker.addEventListener('error', (event) => {
        if (ended) return;
        ended = true;
        if (!heard) onNeverStarted();
        exitListener?.(`crashed: ${event.message ?? 'worker error'}`);
      });
    },
    terminate: () => {
      // Terminated (by the watchdog) before it ever answered: treat it as a host that cannot run workers.
      if (!heard && !ended) onNeverStarted();
      ended = true;
      worker.terminate();
    },
  };
}
