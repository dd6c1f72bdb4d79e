// The worker's side of the analysis protocol: owns one analyzer (so the compiled grammars live as long as the
// worker), the editor documents' analysis sessions (their texts and syntax trees), and a queue of requests handled
// one at a time in arrival order. Host-agnostic: the Node worker_threads entry, the Web Worker entry and the
// in-process fallback all wrap this same service around their message channel.
//
// Cancellation: `cancel` is handled as soon as it arrives (between two awaits of the running analysis); a request
// that has not started is answered `cancelled` without analysing, a running one stops at its analyzer's next check.
// Time budget: every parse has the analyzer's wall-clock budget (`parseTimeoutMs`); a worker stuck anyway is the
// host's watchdog's business (it terminates and replaces the worker).
//
// Related files (a session store built in another module): the analysis asks the host by message and waits for the
// answer, at most RELATED_READ_TIMEOUT_MS per read and MAX_RELATED_READS per analysis. A host reader that fails
// answers undefined; one that never answers costs one timeout, after which that analysis reads nothing more, so a
// broken reader slows one file a little and never wedges the worker's queue. Cancelling the request (or disposing
// the worker) answers its outstanding reads with undefined at once.

import * as l10n from '@vscode/l10n';
import { createAnalyzer, type Analyzer, type AnalyzerOptions, type AnalysisSession } from '../analyzer/analyzer';
import { editForChange } from '../analyzer/incremental';
import type { ReadRelated } from '../analyzer/crossFile';
import type { AnalysisResult, WasmLoader } from '../analyzer/types';
import type { Logger } from '../ports';
import { buildCombinedIndexJson } from '../search/searchIndexCache';
import {
  applyChanges,
  isHostToWorkerMessage,
  MAX_RELATED_READS,
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

/** How long the worker waits for the host's answer to one `read-related` before it goes on without the file. */
export const RELATED_READ_TIMEOUT_MS = 5_000;

interface RelatedRead {
  /** The request the read belongs to. */
  readonly id: number;
  readonly finish: (text: string | undefined) => void;
}

const CANCELLED: AnalysisResult = { findings: [], suppressed: [], skipped: 'analysis cancelled', skipReason: 'cancelled' };

/**
 * Wraps an analyzer around a message channel; `post` sends to the host (wasm bytes are never sent this way).
 * `readWasmHere`, when the worker can read the extension's files itself (a Node worker beside dist/grammars), loads
 * the grammars without a round trip through the host's thread, which may be busy exactly when a first file opens;
 * when it fails (undefined or a rejection) the host is asked as usual.
 */
export function createAnalysisService(post: (message: WorkerToHostMessage) => void, analyzerFactory: ServiceAnalyzerFactory = createAnalyzer, readWasmHere?: (name: string) => Promise<Uint8Array | undefined>): AnalysisService {
  const wasmWaiters = new Map<string, Array<{ resolve: (bytes: Uint8Array) => void; reject: (error: Error) => void }>>();
  const askHost: WasmLoader = (name) =>
    new Promise((resolve, reject) => {
      const waiters = wasmWaiters.get(name);
      if (waiters) {
        waiters.push({ resolve, reject });
        return;
      }
      wasmWaiters.set(name, [{ resolve, reject }]);
      post({ kind: 'read-wasm', name });
    });
  const loadWasm: WasmLoader = readWasmHere ? (name) => readWasmHere(name).then((bytes) => bytes ?? askHost(name), () => askHost(name)) : askHost;
  const logger: Logger = {
    info: (message) => post({ kind: 'log', level: 'info', message }),
    warn: (message) => post({ kind: 'log', level: 'warn', message }),
    error: (message) => post({ kind: 'log', level: 'error', message }),
  };
  let analyzer: Analyzer | undefined;
  let parseTimeoutMs: number | undefined;
  let relatedReadTimeoutMs = RELATED_READ_TIMEOUT_MS;
  const analyzerNow = (): Analyzer => (analyzer ??= analyzerFactory(loadWasm, { logger, parseTimeoutMs }));
  const documents = new Map<string, DocumentState>();
  const cancelled = new Set<number>();
  let queue: Promise<void> = Promise.resolve();
  let disposed = false;
  const relatedReads = new Map<number, RelatedRead>();
  let nextRead = 1;

  /** The reader an analysis uses when its host offered one: each call is a `read-related` message and its answer. */
  function relatedReader(request: WorkerRequest, isCancelled: () => boolean): ReadRelated | undefined {
    if (request.kind === 'warm-up' || request.kind === 'build-search-index' || !request.readRelated) return undefined;
    let reads = 0;
    let hostSilent = false;
    return (path) =>
      new Promise((resolve) => {
        if (isCancelled() || hostSilent || reads >= MAX_RELATED_READS || typeof path !== 'string') {
          resolve(undefined);
          return;
        }
        reads++;
        const read = nextRead++;
        const timer = setTimeout(() => {
          hostSilent = true;
          finish(undefined);
        }, relatedReadTimeoutMs);
        const finish = (text: string | undefined) => {
          clearTimeout(timer);
          relatedReads.delete(read);
          resolve(text);
        };
        relatedReads.set(read, { id: request.id, finish });
        post({ kind: 'read-related', id: request.id, read, path });
      });
  }

  /** Answers a request's outstanding reads with undefined (the request was cancelled, or the worker is closing). */
  function abandonReads(id?: number): void {
    for (const related of [...relatedReads.values()]) {
      if (id === undefined || related.id === id) related.finish(undefined);
    }
  }

  async function handle(request: WorkerRequest): Promise<void> {
    const started = Date.now();
    const isCancelled = () => disposed || cancelled.has(request.id);
    try {
      if (request.kind === 'warm-up') {
        await analyzerNow().prepare?.(request.fileName);
        post({ kind: 'ready', id: request.id });
        return;
      }
      if (request.kind === 'build-search-index') {
        // A search build uses no analyzer: no grammar is loaded for it. Its code is imported statically: a lazy
        // `import()` would not resolve when the worker runs from source (tsx's require hook only), and evaluating
        // MiniSearch and markdown-it is a small part of the worker's start next to the grammar.
        const json = buildCombinedIndexJson(request.bundledJson, request.notes);
        post({ kind: 'search-index', id: request.id, json, elapsedMs: Date.now() - started });
        return;
      }
      let result: AnalysisResult | undefined;
      if (request.kind === 'analyze-file') {
        const readRelated = relatedReader(request, isCancelled);
        result = isCancelled() ? CANCELLED : await analyzerNow().analyze(request.text, request.fileName, { maxBytes: request.maxBytes, isCancelled, readRelated });
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
    const readRelated = relatedReader(request, isCancelled);
    return isCancelled() ? CANCELLED : document.session.analyze(text, request.fileName, { maxBytes: request.maxBytes, isCancelled, edits, readRelated });
  }

  function receive(message: unknown): void {
    if (disposed || !isHostToWorkerMessage(message)) return;
    const received: HostToWorkerMessage = message;
    switch (received.kind) {
      case 'init':
        if (received.l10nContents) l10n.config({ contents: received.l10nContents });
        parseTimeoutMs = received.parseTimeoutMs;
        if (typeof received.relatedReadTimeoutMs === 'number' && received.relatedReadTimeoutMs > 0) relatedReadTimeoutMs = received.relatedReadTimeoutMs;
        return;
      case 'cancel':
        cancelled.add(received.id);
        abandonReads(received.id);
        return;
      case 'related-text':
        relatedReads.get(received.read)?.finish(typeof received.text === 'string' ? received.text : undefined);
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
      abandonReads();
      for (const document of documents.values()) document.session.dispose();
      documents.clear();
      analyzer?.dispose();
    },
  };
}
