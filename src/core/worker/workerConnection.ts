// The host's side of one analysis worker: request ids, answers, cancellation, the session texts the worker holds,
// and the watchdog. When the worker crashes, exits or stops answering, the connection terminates it, fails the
// requests in flight with a WorkerStoppedError (naming their files, so the host can report each once), and starts a
// fresh worker on the next request. Sessions survive that transparently: a fresh worker has no texts, so the next
// session request carries the whole text.
//
// Related files: a request made with a `readRelated` reader lets its worker ask for other files of the project
// (`read-related`); the connection answers each with the reader's text, or undefined when the reader has none,
// throws or rejects, when the text is over the request's size cap, or past MAX_RELATED_READS for that request.

import { MAX_ANALYSED_BYTES } from '../analyzer/languages';
import type { ReadRelated } from '../analyzer/crossFile';
import type { AnalysisResult, ContentChange, WasmLoader } from '../analyzer/types';
import type { Logger } from '../ports';
import type { IndexedNote } from '../search/searchIndex';
import { MAX_RELATED_READS, textHash, type HostToWorkerMessage, type ReadRelatedMessage, type WorkerRequest, type WorkerToHostMessage } from './protocol';

/** A started worker as the connection sees it; each host implements it over its own Worker class. */
export interface WorkerEndpoint {
  /** `transfer` lists buffers to move rather than copy (wasm bytes). */
  post(message: HostToWorkerMessage, transfer?: readonly ArrayBuffer[]): void;
  /** Registers the one message listener. */
  onMessage(listener: (message: WorkerToHostMessage) => void): void;
  /** Registers the one listener for a worker that crashed or exited on its own (with why). */
  onExit(listener: (reason: string) => void): void;
  terminate(): void;
}

/** Starts a worker running the analysis service (worker_threads, a Web Worker, or the in-process fallback). */
export type WorkerFactory = () => WorkerEndpoint;

export interface WorkerConnectionOptions {
  readonly createWorker: WorkerFactory;
  /** Where the worker's wasm files come from (the host reads them; the worker compiles them once). */
  readonly loadWasm: WasmLoader;
  readonly logger: Logger;
  readonly l10nContents?: Record<string, string>;
  /** Per-file parse budget inside the worker (the analyzer's default when undefined). */
  readonly parseTimeoutMs?: number;
  /**
   * The worker is replaced when a request has been waiting this long without any message from the worker. Default
   * 15 s: far above any parse budget, so only a worker that is stuck outside the parser trips it.
   */
  readonly hangTimeoutMs?: number;
  /** How long the worker waits for the host's answer to one related-file read (the service's default, 5 s, when unset). */
  readonly relatedReadTimeoutMs?: number;
}

/** A request failed because its worker crashed, exited or hung; the worker has been replaced. */
export class WorkerStoppedError extends Error {
  constructor(readonly fileName: string, readonly reason: string) {
    super(`the analysis worker stopped (${reason}) while analysing ${fileName}`);
    this.name = 'WorkerStoppedError';
  }
}

/** Options for one analysis. */
export interface WorkerAnalyzeOptions {
  readonly maxBytes?: number;
  /** Aborting it cancels the request (answered with `skipReason: 'cancelled'`). */
  readonly signal?: AbortSignal;
  /**
   * Reads another file of the project (as for the analyzer's `readRelated`): the worker asks for it by message. Its
   * failures count as "no such file"; texts over `maxBytes` characters are not passed on.
   */
  readonly readRelated?: ReadRelated;
}

interface Pending {
  readonly request: WorkerRequest;
  readonly readRelated?: ReadRelated;
  /** `read-related` answers given for this request so far. */
  reads: number;
  /** Takes the request's answer: an AnalysisResult, a search index's JSON, or undefined for `ready`. */
  readonly resolve: (answer: unknown) => void;
  readonly reject: (error: Error) => void;
  /** For session requests: resend with the whole text when the worker asks for it. */
  readonly fullText?: string;
}

const DEFAULT_HANG_TIMEOUT_MS = 15_000;

export class WorkerConnection {
  private endpoint: WorkerEndpoint | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  /** Sessions whose text the current worker holds. */
  private readonly knownSessions = new Set<string>();
  private lastHeard = 0;
  private watchdog: ReturnType<typeof setInterval> | undefined;
  private disposed = false;
  private restarts = 0;

  constructor(private readonly options: WorkerConnectionOptions) {}

  /** How many times the worker was replaced after a crash or hang (tests and the log read it). */
  get restartCount(): number {
    return this.restarts;
  }

  /** Requests sent and not yet answered. */
  get busy(): number {
    return this.pending.size;
  }

  /** "Analyse this whole file": a full, stateless analysis. */
  analyzeFile(text: string, fileName: string, options: WorkerAnalyzeOptions = {}): Promise<AnalysisResult> {
    const id = this.nextId++;
    const request: WorkerRequest = { kind: 'analyze-file', id, text, fileName, maxBytes: options.maxBytes, readRelated: options.readRelated !== undefined };
    return this.send(request, options) as Promise<AnalysisResult>;
  }

  /**
   * One analysis of an editor document in its session. `changes` are the edits since the previous call for this
   * session (omit them when unknown); `text` is the document's whole current text, sent only when the worker needs it.
   */
  analyzeInSession(session: string, fileName: string, text: string, changes: readonly ContentChange[] | undefined, options: WorkerAnalyzeOptions = {}): Promise<AnalysisResult> {
    const id = this.nextId++;
    const known = this.knownSessions.has(session) && changes !== undefined;
    this.knownSessions.add(session);
    const request: WorkerRequest = {
      kind: 'session-analyze', id, session, fileName, maxBytes: options.maxBytes,
      text: known ? undefined : text, changes: known ? changes : undefined, length: text.length, hash: textHash(text),
      readRelated: options.readRelated !== undefined,
    };
    return this.send(request, options, text) as Promise<AnalysisResult>;
  }

  /** Loads the runtime and the grammar for `fileName`'s language in the worker. */
  async warmUp(fileName: string): Promise<void> {
    await this.send({ kind: 'warm-up', id: this.nextId++, fileName });
  }

  /**
   * The combined search index (`bundledJson` with `notes` added), built in the worker, as JSON. Rejects when the
   * worker fails or stops (WorkerStoppedError), and when the connection is disposed meanwhile.
   */
  buildSearchIndex(bundledJson: string, notes: readonly IndexedNote[]): Promise<string> {
    return this.send({ kind: 'build-search-index', id: this.nextId++, bundledJson, notes }) as Promise<string>;
  }

  /** Frees a session's text and tree in the worker. */
  closeSession(session: string): void {
    if (this.knownSessions.delete(session)) this.endpoint?.post({ kind: 'close-session', session });
  }

  /** Terminates the current worker as a crash would (the integration test's way to prove recovery). */
  killWorker(reason = 'terminated'): void {
    if (this.endpoint) this.stopped(reason);
  }

  dispose(): void {
    this.disposed = true;
    clearInterval(this.watchdog);
    this.endpoint?.terminate();
    this.endpoint = undefined;
    for (const pending of this.pending.values()) {
      if (pending.request.kind === 'build-search-index') pending.reject(new Error('the search index build was cancelled'));
      else pending.resolve(cancelledResult());
    }
    this.pending.clear();
  }

  private send(request: WorkerRequest, options: WorkerAnalyzeOptions = {}, fullText?: string): Promise<unknown> {
    const signal = options.signal;
    if (this.disposed && request.kind === 'build-search-index') return Promise.reject(new Error('the search index build was cancelled'));
    if (this.disposed) return Promise.resolve(cancelledResult());
    if (signal?.aborted) return Promise.resolve(cancelledResult());
    return new Promise((resolve, reject) => {
      const endpoint = this.ensureEndpoint();
      if (this.pending.size === 0) this.lastHeard = Date.now();
      this.pending.set(request.id, { request, resolve, reject, fullText, readRelated: options.readRelated, reads: 0 });
      signal?.addEventListener('abort', () => {
        if (this.pending.has(request.id)) this.endpoint?.post({ kind: 'cancel', id: request.id });
      }, { once: true });
      endpoint.post(request);
    });
  }

  private ensureEndpoint(): WorkerEndpoint {
    if (this.endpoint) return this.endpoint;
    const endpoint = this.options.createWorker();
    this.endpoint = endpoint;
    this.knownSessions.clear();
    endpoint.onMessage((message) => {
      if (this.endpoint === endpoint) this.receive(endpoint, message);
    });
    endpoint.onExit((reason) => {
      if (this.endpoint === endpoint) this.stopped(reason);
    });
    endpoint.post({ kind: 'init', l10nContents: this.options.l10nContents, parseTimeoutMs: this.options.parseTimeoutMs, relatedReadTimeoutMs: this.options.relatedReadTimeoutMs });
    const hangTimeoutMs = this.options.hangTimeoutMs ?? DEFAULT_HANG_TIMEOUT_MS;
    clearInterval(this.watchdog);
    this.watchdog = setInterval(() => {
      if (this.pending.size > 0 && Date.now() - this.lastHeard > hangTimeoutMs) this.stopped(`no answer for ${hangTimeoutMs} ms`);
    }, Math.min(1000, hangTimeoutMs));
    // The watchdog must not keep a CLI process alive on its own.
    (this.watchdog as { unref?: () => void }).unref?.();
    return endpoint;
  }

  private receive(endpoint: WorkerEndpoint, message: WorkerToHostMessage): void {
    this.lastHeard = Date.now();
    switch (message.kind) {
      case 'read-wasm':
        this.options.loadWasm(message.name).then(
          (bytes) => {
            // A copy the worker can own: transferring must not detach a buffer the loader may cache.
            const copy = bytes.slice();
            endpoint.post({ kind: 'wasm-bytes', name: message.name, bytes: copy }, [copy.buffer]);
          },
          (error: unknown) => endpoint.post({ kind: 'wasm-bytes', name: message.name, error: error instanceof Error ? error.message : String(error) }),
        );
        return;
      case 'read-related':
        this.answerRead(endpoint, message);
        return;
      case 'log':
        this.options.logger[message.level](message.message);
        return;
      case 'need-text': {
        const pending = this.pending.get(message.id);
        if (!pending || pending.request.kind !== 'session-analyze' || pending.fullText === undefined || pending.request.text !== undefined) {
          this.settle(message.id, (p) => p.reject(new Error('the analysis worker could not rebuild the document text')));
          return;
        }
        const resend: WorkerRequest = { ...pending.request, text: pending.fullText, changes: undefined };
        this.pending.set(message.id, { ...pending, request: resend });
        endpoint.post(resend);
        return;
      }
      case 'result':
        this.settle(message.id, (pending) => pending.resolve(message.result));
        return;
      case 'search-index':
        this.settle(message.id, (pending) => pending.resolve(message.json));
        return;
      case 'ready':
        this.settle(message.id, (pending) => pending.resolve(undefined));
        return;
      case 'error':
        this.settle(message.id, (pending) => pending.reject(new Error(message.message)));
        return;
    }
  }

  /** Answers one `read-related` through the request's reader; every read gets exactly one answer. */
  private answerRead(endpoint: WorkerEndpoint, message: ReadRelatedMessage): void {
    const answer = (text: string | undefined) => {
      // A worker replaced meanwhile has gone; the fresh one never asked.
      if (this.endpoint === endpoint) endpoint.post({ kind: 'related-text', read: message.read, text });
    };
    const pending = this.pending.get(message.id);
    const reader = pending?.readRelated;
    if (!pending || !reader || pending.request.kind === 'warm-up' || pending.request.kind === 'build-search-index' || pending.reads >= MAX_RELATED_READS || typeof message.path !== 'string') {
      answer(undefined);
      return;
    }
    pending.reads++;
    // Characters, not bytes: a cheap upper bound on what crosses the thread boundary (the reader caps bytes itself).
    const limit = pending.request.maxBytes ?? MAX_ANALYSED_BYTES;
    let reading: Promise<string | undefined>;
    try {
      reading = Promise.resolve(reader(message.path));
    } catch {
      reading = Promise.resolve(undefined);
    }
    reading.then(
      (text) => answer(typeof text === 'string' && text.length <= limit ? text : undefined),
      () => answer(undefined),
    );
  }

  private settle(id: number, action: (pending: Pending) => void): void {
    const pending = this.pending.get(id);
    if (!pending) return;
    this.pending.delete(id);
    action(pending);
  }

  /** The worker crashed, exited or hung: fail what it held and let the next request start a fresh one. */
  private stopped(reason: string): void {
    const endpoint = this.endpoint;
    this.endpoint = undefined;
    this.knownSessions.clear();
    clearInterval(this.watchdog);
    endpoint?.terminate();
    if (this.disposed) return;
    this.restarts++;
    const failed = [...this.pending.values()];
    this.pending.clear();
    for (const pending of failed) {
      const request = pending.request;
      pending.reject(new WorkerStoppedError(request.kind === 'build-search-index' ? 'the search index' : request.fileName, reason));
    }
  }
}

function cancelledResult(): AnalysisResult {
  return { findings: [], suppressed: [], skipped: 'analysis cancelled', skipReason: 'cancelled' };
}
