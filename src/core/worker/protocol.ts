// The typed messages between a host (the extension host, the CLI) and an analysis worker (Node worker_threads, a
// browser Web Worker, or the in-process fallback). Both sides import these types; nothing here imports `vscode`
// or Node, so the same protocol serves every host. Every request carries an `id`; the worker answers each one
// exactly once (a result, an error, or `need-text`), except `cancel`, `close-session` and `wasm-bytes`, which are
// answers or notices themselves.
//
// Wasm: the worker never reads files. It asks its host for each wasm file once (`read-wasm`) and keeps the compiled
// grammar for its lifetime, so the same worker script runs where there is no file system (a Web Worker) and the
// host decides where grammars come from (vscode.workspace.fs, node:fs).
//
// Related files: an analysis that follows a session store into another module (core/analyzer/crossFile.ts) needs
// the host's reader, and a function cannot cross the thread boundary. A request with `readRelated: true` lets the
// worker ask `read-related` (by the request's id, with its own `read` id); the host answers each with one
// `related-text` (text undefined when the file is absent, unreadable, too large, or over the request's read count).

import type { AnalysisResult, ContentChange } from '../analyzer/types';
import type { IndexedNote } from '../search/searchIndex';

/** Sent once, right after the worker starts. */
export interface InitMessage {
  readonly kind: 'init';
  /** The core's localisation bundle (VS Code's `l10n.bundle`), so findings are worded in the display language. */
  readonly l10nContents?: Record<string, string>;
  /** Per-file time budget: a parse stops after this many milliseconds (the host's watchdog allows more). */
  readonly parseTimeoutMs?: number;
  /** How long the worker waits for one `related-text` before it goes on without the file (its default when unset). */
  readonly relatedReadTimeoutMs?: number;
}

/** "Analyse this whole file": a stateless, full analysis (the CLI's scan, the workspace audit). */
export interface AnalyzeFileRequest {
  readonly kind: 'analyze-file';
  readonly id: number;
  readonly text: string;
  /** A workspace-relative path (for the language and the test-file convention) or a language id. */
  readonly fileName: string;
  readonly maxBytes?: number;
  /** The host answers `read-related` for this request (it was given a reader of the project's files). */
  readonly readRelated?: boolean;
}

/**
 * One analysis in an editor document's session. The worker keeps the session's text and syntax tree; the host sends
 * either the whole `text` (first time, or when asked with `need-text`) or the `changes` made since the version the
 * worker last saw. `length` and `hash` ({@link textHash}) of the new text let the worker check that it rebuilt the
 * same text; when it did not, or it has no text for the session, it answers `need-text`.
 */
export interface SessionAnalyzeRequest {
  readonly kind: 'session-analyze';
  readonly id: number;
  readonly session: string;
  readonly fileName: string;
  readonly maxBytes?: number;
  readonly text?: string;
  readonly changes?: readonly ContentChange[];
  readonly length: number;
  readonly hash: number;
  /** As for {@link AnalyzeFileRequest.readRelated}. */
  readonly readRelated?: boolean;
}

/** Loads the runtime and a language's grammar ahead of the first analysis (a supported file became visible). */
export interface WarmUpRequest {
  readonly kind: 'warm-up';
  readonly id: number;
  readonly fileName: string;
}

/**
 * "Build the combined search index": the bundled index's JSON with the user's notes added, answered with
 * `search-index` (core/search/searchIndexCache.ts). It rides the analysis worker rather than a search worker of its
 * own: same script, same start-up, crash handling and web fallback; the notes library starts its own connection, so
 * a long build never queues behind (or ahead of) editor analyses, and the worker never loads a grammar for it.
 */
export interface BuildSearchIndexRequest {
  readonly kind: 'build-search-index';
  readonly id: number;
  readonly bundledJson: string;
  readonly notes: readonly IndexedNote[];
}

/** Stops a request: dropped when it has not started; a running one stops at its next check. */
export interface CancelMessage {
  readonly kind: 'cancel';
  readonly id: number;
}

/** Frees a session's text and tree (the document closed). */
export interface CloseSessionMessage {
  readonly kind: 'close-session';
  readonly session: string;
}

/** The host's answer to `read-wasm`. `bytes` is undefined with `error` when the file cannot be read. */
export interface WasmBytesMessage {
  readonly kind: 'wasm-bytes';
  readonly name: string;
  readonly bytes?: Uint8Array;
  readonly error?: string;
}

/** The host's answer to `read-related`: the file's text, or undefined when there is none to give. */
export interface RelatedTextMessage {
  readonly kind: 'related-text';
  readonly read: number;
  readonly text?: string;
}

export type HostToWorkerMessage =
  | InitMessage
  | AnalyzeFileRequest
  | SessionAnalyzeRequest
  | WarmUpRequest
  | BuildSearchIndexRequest
  | CancelMessage
  | CloseSessionMessage
  | WasmBytesMessage
  | RelatedTextMessage;

/** The requests that get an answer, by id. */
export type WorkerRequest = AnalyzeFileRequest | SessionAnalyzeRequest | WarmUpRequest | BuildSearchIndexRequest;

export interface ResultMessage {
  readonly kind: 'result';
  readonly id: number;
  readonly result: AnalysisResult;
  /** Milliseconds the worker spent on the request (queue wait excluded). */
  readonly elapsedMs: number;
}

/** Answer to `build-search-index`: the serialised combined index. */
export interface SearchIndexMessage {
  readonly kind: 'search-index';
  readonly id: number;
  readonly json: string;
  readonly elapsedMs: number;
}

export interface ErrorMessage {
  readonly kind: 'error';
  readonly id: number;
  readonly message: string;
}

/** The worker has no (matching) text for the session: the host resends the request with `text`. */
export interface NeedTextMessage {
  readonly kind: 'need-text';
  readonly id: number;
}

/** The worker asks its host for a wasm file (answered with `wasm-bytes`). */
export interface ReadWasmMessage {
  readonly kind: 'read-wasm';
  readonly name: string;
}

/** The worker asks its host for another file of the project while analysing request `id` (see `related-text`). */
export interface ReadRelatedMessage {
  readonly kind: 'read-related';
  readonly id: number;
  /** This read's own id, echoed in the answer. */
  readonly read: number;
  readonly path: string;
}

/** Answer to a warm-up. */
export interface ReadyMessage {
  readonly kind: 'ready';
  readonly id: number;
}

/** A line for the host's log (a detector failed, say); the worker has no output channel of its own. */
export interface LogMessage {
  readonly kind: 'log';
  readonly level: 'info' | 'warn' | 'error';
  readonly message: string;
}

export type WorkerToHostMessage = ResultMessage | SearchIndexMessage | ErrorMessage | NeedTextMessage | ReadWasmMessage | ReadRelatedMessage | ReadyMessage | LogMessage;

/** Reads one analysis may ask of its host: enough for every candidate path of a few stores over two hops. */
export const MAX_RELATED_READS = 64;

/**
 * A cheap 32-bit hash (FNV-1a over UTF-16 code units) that tells the worker whether the text it rebuilt from the
 * changes is the host's text. Not for security: a mismatch only costs one resend of the whole text.
 */
export function textHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Applies editor content changes, in order, each to the text the previous ones left. */
export function applyChanges(text: string, changes: readonly ContentChange[]): string | undefined {
  let current = text;
  for (const change of changes) {
    const end = change.rangeOffset + change.rangeLength;
    if (change.rangeOffset < 0 || end > current.length) return undefined;
    current = current.slice(0, change.rangeOffset) + change.text + current.slice(end);
  }
  return current;
}

/** True for messages a worker may receive (a guard at the worker's edge: anything else is ignored). */
export function isHostToWorkerMessage(value: unknown): value is HostToWorkerMessage {
  if (typeof value !== 'object' || value === null) return false;
  const kind = (value as { kind?: unknown }).kind;
  return kind === 'init' || kind === 'analyze-file' || kind === 'session-analyze' || kind === 'warm-up' || kind === 'build-search-index' || kind === 'cancel' || kind === 'close-session' || kind === 'wasm-bytes' || kind === 'related-text';
}
