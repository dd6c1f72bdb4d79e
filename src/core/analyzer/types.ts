// Contracts of the session-state analyzer. Detectors are pure functions over a parsed tree; the engine
// (analyzer.ts) owns parsing, the text prefilter, suppressions and limits; the VS Code providers and the CLI only
// map findings. Positions are 0-based here; the CLI converts to 1-based for its JSON/SARIF output.

import type { Node, Tree } from '@vscode/tree-sitter-wasm';
import type { AnalyzerLanguage } from './languages';

/** Languages (file kinds) the analyzer reads: the ids of the table in languages.ts. */
export type { AnalyzerLanguage };

export type RuleId =
  /** Session middleware/config that keeps sessions in the process's memory (express-session without store, ...). */
  | 'session-store-in-memory'
  /** Sessions on instance-local disk (PHP/Laravel file sessions, Flask-Session filesystem): lower severity. */
  | 'session-store-local-disk'
  /** A Socket.IO server with no adapter in an app meant to scale out. */
  | 'socketio-no-adapter'
  /** A hand-rolled module/static/singleton mutable collection written in handlers, keyed by session/user/socket ids. */
  | 'in-memory-session-map'
  /** A process-wide registry of open connections (WebSocket clients, a hub's client set): broadcasts miss other instances. */
  | 'in-memory-connection-registry'
  /** Per-client request counters kept in this process (a rate limiter's default store): limits multiply by instances. */
  | 'in-memory-rate-limit'
  /**
   * Not a detector: a finding of another rule that contradicts an accepted decision record (core/decisions/drift.ts).
   * Its `decision` says which record and which rule found the state.
   */
  | 'decision-drift'
  /** A load balancer, ingress, proxy or Service pins each client to one instance (configuration files). */
  | 'sticky-routing-affinity'
  /** A consistent hash on something other than the client (a URL): cache locality, not session affinity. */
  | 'consistent-hash-non-client-key';

export type FindingSeverity = 'warning' | 'information' | 'hint';

export interface Position {
  readonly line: number;
  readonly character: number;
}

export interface TextRange {
  readonly start: Position;
  readonly end: Position;
}

/** A point in a text for tree-sitter: 0-based row and column (columns in UTF-16 code units, rows at '\n'). */
export interface TextPoint {
  readonly row: number;
  readonly column: number;
}

/**
 * One change to a document, in the shape tree-sitter's `Tree.edit` takes: offsets are string indices (UTF-16 code
 * units) into the text before the change (`startIndex`, `oldEndIndex`) and after it (`newEndIndex`). A list of them
 * is applied in order, each relative to the text the previous ones left. See {@link editForChange}.
 */
export interface DocumentEdit {
  readonly startIndex: number;
  readonly oldEndIndex: number;
  readonly newEndIndex: number;
  readonly startPosition: TextPoint;
  readonly oldEndPosition: TextPoint;
  readonly newEndPosition: TextPoint;
}

/** A change as editors report it: VS Code's `TextDocumentContentChangeEvent` has this shape. */
export interface ContentChange {
  /** Offset of the replaced range in the text before the change. */
  readonly rangeOffset: number;
  /** Length of the replaced range. */
  readonly rangeLength: number;
  /** The text that replaced it. */
  readonly text: string;
  /** The replaced range (0-based lines and characters). */
  readonly range: TextRange;
}

export interface TextEdit {
  readonly range: TextRange;
  readonly newText: string;
}

export interface Finding {
  readonly rule: RuleId;
  /** Default severity of the rule; the editor may override it from settings. */
  readonly severity: FindingSeverity;
  /** One sentence for the diagnostic, naming the construct and the consequence. */
  readonly message: string;
  /** The short CodeLens title. */
  readonly title: string;
  readonly range: TextRange;
  /** Note id and section slug to open for "Why?", e.g. "externalize-sessions-node#express-session". */
  readonly note: string;
  /** The framework or library recognised, e.g. "express-session", for the wizard and messages. */
  readonly framework: string;
  /** The smallest change to an external store, where one can be computed safely (express-session). */
  readonly fix?: {
    readonly title: string;
    readonly edits: readonly TextEdit[];
    /** Show the change as a preview the user accepts (a configuration change that alters routing), never apply it silently. */
    readonly needsConfirmation?: boolean;
  };
  /** Peak instance count the file states (Kubernetes `replicas`, compose `deploy.replicas`), for the wizard. */
  readonly instances?: number;
  /**
   * The artifact on the other side of a cross-file pairing (set by pairAffinityWithState): for an affinity setting,
   * the in-memory state it keeps working; for in-memory state, the affinity that hides it.
   */
  readonly pairedWith?: { readonly file: string; readonly line: number; readonly rule: RuleId };
  /** Set when an accepted decision record governs this finding (core/decisions/drift.ts). */
  readonly decision?: FindingDecision;
}

/** How a decision record judges a finding: it contradicts the record (drift) or is what the record accepted. */
export interface FindingDecision {
  readonly verdict: 'drift' | 'accepted';
  /** The record's path as the caller named it, e.g. `docs/adr/0001-keep-session-state-externalized-in-redis.md`. */
  readonly record: string;
  /** The rule that found the state (a drift finding's own `rule` is `decision-drift`). */
  readonly rule: RuleId;
}

/** What a detector sees: the tree, the text and its language. */
export interface DetectorContext {
  readonly tree: Tree;
  /**
   * The file's path as the host gave it (workspace-relative in the editor and the CLI), or undefined when only a
   * language id was given. Detectors read framework conventions from it (`server/`, `*.server.ts`, `config/session.php`).
   */
  readonly fileName?: string;
  readonly root: Node;
  readonly text: string;
  readonly language: AnalyzerLanguage;
  /** Stops long walks when the editor cancels; detectors check it between top-level statements. */
  readonly isCancelled: () => boolean;
}

/** One rule family for one or more languages. `prefilter` lets files skip parsing entirely when it fails. */
export interface Detector {
  readonly id: string;
  readonly languages: readonly AnalyzerLanguage[];
  /** A cheap test on the raw text: false means this detector cannot fire on this file. */
  prefilter(text: string): boolean;
  detect(context: DetectorContext): Finding[];
}

/** Loads a wasm file shipped by @vscode/tree-sitter-wasm ("tree-sitter.wasm", "tree-sitter-python.wasm", ...). */
export type WasmLoader = (fileName: string) => Promise<Uint8Array>;

export interface AnalysisResult {
  readonly findings: readonly Finding[];
  /** Findings silenced by a `statecraft-ignore: <reason>` comment on the line above. */
  readonly suppressed: readonly Finding[];
  /** Set when the file was not analysed (too large, minified, unsupported), with a message saying why. */
  readonly skipped?: string;
  /** The machine-readable reason behind `skipped` (the CLI reports size/minified skips and stays quiet on tests). */
  readonly skipReason?: SkipReason;
  /**
   * Problems met while reading a configuration file (a syntax error, a nesting limit): the findings cover what could
   * be read, and this says what could not.
   */
  readonly problems?: readonly string[];
}

/** Why a file was not analysed. */
export type SkipReason = 'unsupported' | 'test-file' | 'too-large' | 'minified' | 'timeout' | 'cancelled';
