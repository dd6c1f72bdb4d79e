// A pool of analysis workers for "analyse these whole files" (the CLI's `scan --jobs N`, the workspace audit): N
// worker connections, one file in flight per worker, a first-in first-out queue, cancellation of queued and running
// files, and recovery: a worker that crashes or hangs is replaced, and the file it held is retried once on a fresh
// worker before it is reported (a crash caused by the file itself would otherwise take down every worker in turn).

import type { AnalysisResult } from '../analyzer/types';
import { WorkerConnection, WorkerStoppedError, type WorkerAnalyzeOptions, type WorkerConnectionOptions } from './workerConnection';

export interface AnalysisPoolOptions extends WorkerConnectionOptions {
  /** Number of workers (at least 1). Workers start on demand, so a pool that analyses one file starts one. */
  readonly size: number;
}

interface Job {
  readonly text: string;
  readonly fileName: string;
  readonly options: WorkerAnalyzeOptions;
  readonly resolve: (result: AnalysisResult) => void;
  readonly reject: (error: Error) => void;
  attempts: number;
}

/** Analyses whole files on a pool of workers. Results come back in completion order, each through its own promise. */
export class AnalysisPool {
  private readonly connections: WorkerConnection[];
  private readonly idle: WorkerConnection[];
  private readonly queue: Job[] = [];
  private disposed = false;

  constructor(options: AnalysisPoolOptions) {
    const size = Math.max(1, Math.floor(options.size));
    this.connections = Array.from({ length: size }, () => new WorkerConnection(options));
    this.idle = [...this.connections];
  }

  /** Number of workers. */
  get size(): number {
    return this.connections.length;
  }

  /** Files waiting for a worker. */
  get queued(): number {
    return this.queue.length;
  }

  /** Worker replacements after crashes or hangs, over the pool's life. */
  get restartCount(): number {
    return this.connections.reduce((sum, connection) => sum + connection.restartCount, 0);
  }

  /**
   * Analyses one file's text (`fileName` as for the analyzer: a relative path or a language id). Resolves with the
   * analysis (`skipReason: 'cancelled'` when `options.signal` aborted it); rejects with a WorkerStoppedError when the
   * file stopped a worker twice, or an Error when a wasm file could not be loaded.
   */
  analyze(text: string, fileName: string, options: WorkerAnalyzeOptions = {}): Promise<AnalysisResult> {
    if (this.disposed || options.signal?.aborted) return Promise.resolve(cancelled());
    return new Promise((resolve, reject) => {
      const job: Job = { text, fileName, options, resolve, reject, attempts: 0 };
      this.queue.push(job);
      options.signal?.addEventListener('abort', () => {
        const index = this.queue.indexOf(job);
        if (index >= 0) {
          this.queue.splice(index, 1);
          resolve(cancelled());
        }
      }, { once: true });
      this.pump();
    });
  }

  /** Terminates every worker; queued files resolve as cancelled. */
  dispose(): void {
    this.disposed = true;
    for (const job of this.queue.splice(0)) job.resolve(cancelled());
    for (const connection of this.connections) connection.dispose();
  }

  private pump(): void {
    while (!this.disposed && this.idle.length > 0 && this.queue.length > 0) {
      const connection = this.idle.pop()!;
      const job = this.queue.shift()!;
      job.attempts++;
      connection.analyzeFile(job.text, job.fileName, job.options).then(
        (result) => job.resolve(result),
        (error: unknown) => {
          if (error instanceof WorkerStoppedError && job.attempts < 2 && !this.disposed) {
            this.queue.unshift(job);
          } else {
            job.reject(error instanceof Error ? error : new Error(String(error)));
          }
        },
      ).finally(() => {
        this.idle.push(connection);
        this.pump();
      });
    }
  }
}

function cancelled(): AnalysisResult {
  return { findings: [], suppressed: [], skipped: 'analysis cancelled', skipReason: 'cancelled' };
}
