// The worker's side of the analysis protocol: owns one analyzer (so the compiled grammars live as long as the
// worker), the editor documents' analysis sessions (their texts and syntax trees), and a queue of requests handled
// one at a time in arrival order. Host-agnostic: the Node worker_threads entry, the Web Worker entry and the
// in-process fallback all wrap this same service around their message channel.
//
// Cancellation: `cancel` is handled as soon as it arrives (between two awaits of the running analysis); a request
// that has not started is answered `cancelled` without analysing, a running one stops at its analyzer's next check.
// Time budget: every parse has the analyzer's wall-clock budget (`parseTimeoutMs`); a worker stuck anyway is the
// host's watchdog's business (it terminates and replaces the worker).

import * as l10n from '@vscode/l10n';
import { createAnalyzer, type Analyzer, type AnalyzerOptions, type AnalysisSession } from '../analyzer/analyzer';
import { editForChange } from '../analyzer/incremental';
import type { AnalysisResult, WasmLoader } from '../analyzer/types';
import type { Logger } from '../ports';
import {
  applyChanges,
  isHostToWorkerMessage,
  textHash,
  type HostToWorkerMessage,
  type SessionAnalyzeRequest,
  type WorkerRequest,
  type WorkerToHostMessage,
} from './protocol';

/** Creates the analyzer the service runs (tests pass one with their own detectors). */
export type ServiceAnalyzerFactory = (loadWasm: WasmLoader, options: AnalyzerOptions) => Analyzer;

/** The worker's message handler. `receive` takes anything: messages that are not protocol messages are ignored. */
export interface AnalysisService {
  receive(message: unknown): void;
  dispose(): void;
}

interface DocumentState {
  readonly session: AnalysisSession;
  /** The text of the last request the worker accepted for this session. */
  text: string;
}

const CANCELLED: AnalysisResult = { findings: [], suppressed: [], skipped: 'analysis cancelled', skipReason: 'cancelled' };

/** Wraps an analyzer around a message channel; `post` sends to the host (wasm bytes are never sent this way). */
export function createAnalysisService(post: (message: WorkerToHostMessage) => void, analyzerFactory: ServiceAnalyzerFactory = createAnalyzer): AnalysisService {
  const wasmWaiters = new Map<string, Array<{ resolve: (bytes: Uint8Array) => void; reject: (error: Error) => void }>>();
  const loadWasm: WasmLoader = (name) =>
    new Promise((resolve, reject) => {
      const waiters = wasmWaiters.get(name);
      if (waiters) {
        waiters.push({ resolve, reject });
        return;
      }
      wasmWaiters.set(name, [{ resolve, reject }]);
      post({ kind: 'read-wasm', name });
    });
  const logger: Logger = {
    info: (message) => post({ kind: 'log', level: 'info', message }),
    warn: (message) => post({ kind: 'log', level: 'warn', message }),
    error: (message) => post({ kind: 'log', level: 'error', message }),
  };
  let analyzer: Analyzer | undefined;
  let parseTimeoutMs: number | undefined;
  const analyzerNow = (): Analyzer => (analyzer ??= analyzerFactory(loadWasm, { logger, parseTimeoutMs }));
  const documents = new Map<string, DocumentState>();
  const cancelled = new Set<number>();
  let queue: Promise<void> = Promise.resolve();
  let disposed = false;

  async function handle(request: WorkerRequest): Promise<void> {
    const started = Date.now();
    const isCancelled = () => disposed || cancelled.has(request.id);
    try {
      if (request.kind === 'warm-up') {
        await analyzerNow().prepare?.(request.fileName);
        post({ kind: 'ready', id: request.id });
        return;
      }
      let result: AnalysisResult | undefined;
      if (request.kind === 'analyze-file') {
        result = isCancelled() ? CANCELLED : await analyzerNow().analyze(request.text, request.fileName, { maxBytes: request.maxBytes, isCancelled });
      } else {
        result = await analyzeInSession(request, isCancelled);
      }
      post(result ? { kind: 'result', id: request.id, result, elapsedMs: Date.now() - started } : { kind: 'need-text', id: request.id });
    } catch (error) {
      post({ kind: 'error', id: request.id, message: error instanceof Error ? error.message : String(error) });
    } finally {
      cancelled.delete(request.id);
    }
  }

  /** Undefined when the worker cannot rebuild the host's text from the changes (the host resends the whole text). */
  async function analyzeInSession(request: SessionAnalyzeRequest, isCancelled: () => boolean): Promise<AnalysisResult | undefined> {
    const state = documents.get(request.session);
    let text: string | undefined = request.text;
    if (text === undefined && state && request.changes) {
      text = applyChanges(state.text, request.changes);
    }
    if (text === undefined || text.length !== request.length || textHash(text) !== request.hash) {
      return undefined;
    }
    const document = state ?? { session: analyzerNow().createSession(), text };
    documents.set(request.session, document);
    // The text is accepted even when the analysis is cancelled: the host's next changes start from it.
    document.text = text;
    const edits = request.text === undefined ? request.changes?.map(editForChange) : undefined;
    return isCancelled() ? CANCELLED : document.session.analyze(text, request.fileName, { maxBytes: request.maxBytes, isCancelled, edits });
  }

  function receive(message: unknown): void {
    if (disposed || !isHostToWorkerMessage(message)) return;
    const received: HostToWorkerMessage = message;
    switch (received.kind) {
      case 'init':
        if (received.l10nContents) l10n.config({ contents: received.l10nContents });
        parseTimeoutMs = received.parseTimeoutMs;
        return;
      case 'cancel':
        cancelled.add(received.id);
        return;
      case 'close-session': {
        documents.get(received.session)?.session.dispose();
        documents.delete(received.session);
        return;
      }
      case 'wasm-bytes': {
        const waiters = wasmWaiters.get(received.name) ?? [];
        wasmWaiters.delete(received.name);
        for (const waiter of waiters) {
          if (received.bytes) waiter.resolve(received.bytes);
          else waiter.reject(new Error(received.error ?? `cannot read ${received.name}`));
        }
        return;
      }
      default: {
        const request = received;
        queue = queue.then(() => handle(request));
      }
    }
  }

  return {
    receive,
    dispose: () => {
      disposed = true;
      for (const document of documents.values()) document.session.dispose();
      documents.clear();
      analyzer?.dispose();
    },
  };
}
