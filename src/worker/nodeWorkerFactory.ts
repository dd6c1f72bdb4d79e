// Starts analysis workers as Node `worker_threads`: the extension's Node host and the CLI both use this factory.
// Bundled, the worker script is dist/worker.js next to the calling bundle; run from source (tsx: unit tests, bench),
// it is the TypeScript entry, loaded through tsx inside the worker.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { WorkerToHostMessage } from '../core/worker/protocol';
import type { WorkerEndpoint, WorkerFactory } from '../core/worker/workerConnection';

/**
 * The worker script to start: `dist/worker.js` beside the bundle, else the source entry, which a one-line bootstrap
 * loads through tsx's require hook (worker_threads ignore the parent's `--import tsx`).
 */
export function defaultWorkerScript(): string {
  const bundled = path.join(__dirname, 'worker.js');
  return fs.existsSync(bundled) ? bundled : path.join(__dirname, 'nodeAnalysisWorker.ts');
}

function startWorker(file: string): Worker {
  if (!file.endsWith('.ts')) return new Worker(file, { name: 'statecraft-analysis' });
  // Resolved here, not in the worker: an eval'd worker resolves modules from the process's working directory, which
  // for the CLI is the user's project (no tsx there). A variable, so bundlers leave this source-only path alone.
  const tsxHook = 'tsx/cjs';
  const tsx = require.resolve(tsxHook);
  return new Worker(`require(${JSON.stringify(tsx)}); require(${JSON.stringify(file)});`, { eval: true, name: 'statecraft-analysis' });
}

/** A factory of worker_threads endpoints running `file` (by default {@link defaultWorkerScript}). */
export function nodeWorkerFactory(file: string = defaultWorkerScript()): WorkerFactory {
  return () => {
    const worker = startWorker(file);
    let exitListener: ((reason: string) => void) | undefined;
    let ended = false;
    const end = (reason: string) => {
      if (ended) return;
      ended = true;
      exitListener?.(reason);
    };
    worker.on('error', (error) => end(`crashed: ${error.message}`));
    worker.on('exit', (code) => end(`exited with code ${code}`));
    const endpoint: WorkerEndpoint = {
      post: (message, transfer) => worker.postMessage(message, transfer as ArrayBuffer[] | undefined),
      onMessage: (listener) => {
        worker.on('message', (message: WorkerToHostMessage) => listener(message));
      },
      onExit: (listener) => {
        exitListener = listener;
      },
      terminate: () => {
        ended = true;
        void worker.terminate();
      },
    };
    return endpoint;
  };
}
