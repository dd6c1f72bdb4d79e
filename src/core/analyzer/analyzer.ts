// The analyzer engine: limits, the text prefilter, parsing, running detectors, suppressions. Detectors stay pure
// functions over one tree; everything about cost and failure is decided here.
//
// Order of checks for one file (cheapest first):
//   1. language from the file name (or an explicit language id); unsupported → skipped;
//   2. test files (languages.ts isTestFile) → skipped quietly, every rule stands down in tests;
//   3. size cap (UTF-8 bytes, default 1 MiB) and minified/generated text (a line over 10,000 characters) → skipped;
//   4. each detector's prefilter on the raw text; when none passes the file is never parsed;
//   5. parse with a wall-clock budget (default 3 s) and the caller's cancellation, checked by the parser's progress
//      callback; then the detectors, with cancellation checked between detectors (and by detectors between
//      top-level statements);
//   6. findings whose line is directly below a `statecraft-ignore: <reason>` comment move to `suppressed`.
//
// `analyze` is stateless (the CLI): every call parses in full and frees the tree. An editor keeps one
// AnalysisSession per open document instead: the session keeps the document's last tree, and the next analysis edits
// it (tree.edit) and re-parses incrementally (parser.parse(text, oldTree)), which costs about a millisecond where a
// full parse of a 2,000-line file costs over ten. Detectors still run on the whole new tree. The session deletes a
// tree as soon as it is replaced, when a file is skipped, and on dispose.

import type { Tree } from '@vscode/tree-sitter-wasm';
import * as l10n from '@vscode/l10n';
import type { Logger } from '../ports';
import { nullLogger } from '../ports';
import { detectors as defaultDetectors } from './detectors';
import { registerGrammarPreloads } from './syntax/grammarPreloads';
import { editBetween } from './incremental';
import { analyzeConfigText, configPrefilter } from './config/configAnalysis';
import { crossFileSessionStores, type ReadRelated } from './crossFile';
import { crossFilePythonHolders } from './crossFilePython';
import { configFormatOf, isAnalyzerLanguage, isTestFile, languageForFile, MAX_ANALYSED_BYTES, SNIFF_LENGTH } from './languages';
import { ParserHost } from './parserHost';
import { listSuppressions } from './suppressions';
import { releaseTreeCaches } from './syntax/tree';
import type { AnalysisResult, AnalyzerLanguage, Detector, DocumentEdit, Finding, SkipReason, WasmLoader } from './types';

export { listSuppressions, type Suppression } from './suppressions';
export { languageForFile, isTestFile } from './languages';
export { editForChange } from './incremental';

/** Default size cap: larger files are skipped (generated bundles, data dumps). The one cap of languages.ts. */
export const DEFAULT_MAX_BYTES = MAX_ANALYSED_BYTES;
/** A line longer than this marks minified or generated code. */
export const DEFAULT_MAX_LINE_LENGTH = 10_000;
/** Default wall-clock budget for one parse. */
export const DEFAULT_PARSE_TIMEOUT_MS = 3_000;

/** Options fixed for the analyzer's lifetime. */
export interface AnalyzerOptions {
  readonly maxBytes?: number;
  readonly maxLineLength?: number;
  readonly parseTimeoutMs?: number;
  /** The rules to run; defaults to the registry in detectors/index.ts. */
  readonly detectors?: readonly Detector[];
  /** Where detector failures are reported (a failing detector never fails the analysis). */
  readonly logger?: Logger;
}

/** Options for one call. */
export interface AnalyzeOptions {
  /** Overrides the analyzer's size cap for this file. */
  readonly maxBytes?: number;
  /** Polled while parsing and between detectors; a cancelled analysis returns `skipReason: 'cancelled'`. */
  readonly isCancelled?: () => boolean;
  /**
   * Reads another file of the project by its path (relative like the analysed file's; may resolve undefined).
   * When given, a session configuration whose store comes from another module is followed there (crossFile.ts).
   */
  readonly readRelated?: ReadRelated;
}

/** Options for one analysis in a session. */
export interface SessionAnalyzeOptions extends AnalyzeOptions {
  /**
   * The changes from the text of the session's previous analysis to `text`, in the order they were made (see
   * {@link editForChange}). A hint: when missing, or when it does not match the two texts, the session finds the
   * changed span from the texts.
   */
  readonly edits?: readonly DocumentEdit[];
}

/**
 * The analyses of one document over time (one per open editor document). Keeps the last tree, so that the next
 * analysis re-parses only what changed. Calls are processed one at a time, in order.
 */
export interface AnalysisSession {
  /**
   * Analyses the document's current text: the result of {@link Analyzer.analyze} on that text, except that
   * tree-sitter's error recovery may, rarely, shape a broken region differently when re-parsing incrementally (seen
   * in about 1 in 1,000 random character-level edits, as a different end of a finding's range; never in line edits).
   */
  analyze(text: string, fileNameOrLanguage: string, options?: SessionAnalyzeOptions): Promise<AnalysisResult>;
  /** True while the session holds a tree. */
  readonly hasTree: boolean;
  /** Deletes the kept tree. Later analyses in this session still work but keep no tree. */
  dispose(): void;
}

/** The analyzer as hosts use it. */
export interface Analyzer {
  /**
   * Analyses one file's text. `fileNameOrLanguage` is a (preferably workspace-relative) path, used for the language
   * and the test-file convention, or a language id. Never rejects for any text; rejects only when a wasm file
   * cannot be loaded.
   */
  analyze(text: string, fileNameOrLanguage: string, options?: AnalyzeOptions): Promise<AnalysisResult>;
  /** Starts the analyses of one document; dispose the session when the document closes. */
  createSession(): AnalysisSession;
  /** The language of a file name, or undefined when the analyzer does not handle it. */
  languageForFile(fileName: string): AnalyzerLanguage | undefined;
  /**
   * Loads the runtime and the grammar for a file's language ahead of its first analysis (an editor warms up when
   * such a file becomes visible). Does nothing for files the analyzer does not handle.
   */
  prepare?(fileNameOrLanguage: string): Promise<void>;
  /** Frees the parser and the trees of every session. */
  dispose(): void;
}

/** The tree a session keeps between analyses, with the text and language it was parsed from. */
interface KeptTree {
  readonly tree: Tree;
  readonly text: string;
  readonly language: AnalyzerLanguage;
}

/** Where an analysis gets its tree from and leaves it: the session's side of {@link createAnalyzer}'s pipeline. */
interface TreeKeeper {
  /**
   * Takes the kept tree out of the keeper when it can be reused for `text`: edited to match it (`changed`), or as
   * it is when the text did not change. The caller then owns the tree.
   */
  take(language: AnalyzerLanguage, text: string, edits: readonly DocumentEdit[] | undefined): { tree: Tree; changed: boolean } | undefined;
  /** Keeps a copy of `tree` (parsed from `text`) for the next analysis; the caller still deletes `tree`. */
  keep(tree: Tree, text: string, language: AnalyzerLanguage): void;
  /** Deletes the kept tree (the file was skipped this time, so the tree would go stale). */
  drop(): void;
}

class Session implements AnalysisSession, TreeKeeper {
  private kept: KeptTree | undefined;
  private disposed = false;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly run: (text: string, fileNameOrLanguage: string, options: SessionAnalyzeOptions, keeper: TreeKeeper) => Promise<AnalysisResult>,
    private readonly onDispose: (session: Session) => void,
  ) {}

  analyze(text: string, fileNameOrLanguage: string, options: SessionAnalyzeOptions = {}): Promise<AnalysisResult> {
    // One at a time: each analysis starts from the tree the previous one left.
    const result = this.queue.then(() => this.run(text, fileNameOrLanguage, options, this));
    this.queue = result.catch(() => undefined);
    return result;
  }

  get hasTree(): boolean {
    return this.kept !== undefined;
  }

  take(language: AnalyzerLanguage, text: string, edits: readonly DocumentEdit[] | undefined): { tree: Tree; changed: boolean } | undefined {
    const kept = this.kept;
    this.kept = undefined;
    if (!kept) {
      return undefined;
    }
    if (kept.language !== language) {
      kept.tree.delete();
      return undefined;
    }
    const edit = editBetween(kept.text, text, edits);
    if (edit) {
      kept.tree.edit(edit);
    }
    return { tree: kept.tree, changed: edit !== undefined };
  }

  keep(tree: Tree, text: string, language: AnalyzerLanguage): void {
    if (this.disposed) {
      return;
    }
    this.drop();
    // A shallow copy (cheap: the syntax nodes are shared) under a new JavaScript object, so that nothing a detector
    // cached under the analysed tree object (weak maps keyed by it) lives on with the kept tree.
    this.kept = { tree: tree.copy(), text, language };
  }

  drop(): void {
    this.kept?.tree.delete();
    this.kept = undefined;
  }

  dispose(): void {
    if (!this.disposed) {
      this.disposed = true;
      this.drop();
      this.onDispose(this);
    }
  }
}

/** Creates an analyzer that loads tree-sitter wasm files through `loadWasm` on first use. */
export function createAnalyzer(loadWasm: WasmLoader, options: AnalyzerOptions = {}): Analyzer {
  registerGrammarPreloads();
  const host = new ParserHost(loadWasm);
  const registry = options.detectors ?? defaultDetectors;
  const logger = options.logger ?? nullLogger;
  const maxLineLength = options.maxLineLength ?? DEFAULT_MAX_LINE_LENGTH;
  const parseTimeoutMs = options.parseTimeoutMs ?? DEFAULT_PARSE_TIMEOUT_MS;

  const sessions = new Set<Session>();

  function analyze(text: string, fileNameOrLanguage: string, callOptions: AnalyzeOptions = {}): Promise<AnalysisResult> {
    return run(text, fileNameOrLanguage, callOptions, undefined);
  }

  /** The pipeline of one analysis; `keeper` is the session, when there is one. */
  async function run(text: string, fileNameOrLanguage: string, callOptions: SessionAnalyzeOptions, keeper: TreeKeeper | undefined): Promise<AnalysisResult> {
    const isCancelled = callOptions.isCancelled ?? (() => false);
    // A skipped file drops the session's tree: later edits would no longer be applied to it.
    const skip = (skipReason: SkipReason, skipped: string): AnalysisResult => {
      if (skipReason !== 'cancelled') {
        keeper?.drop();
      }
      return skipResult(skipReason, skipped);
    };
    const explicitLanguage = isAnalyzerLanguage(fileNameOrLanguage);
    const language = explicitLanguage ? fileNameOrLanguage : languageForFile(fileNameOrLanguage, text.slice(0, SNIFF_LENGTH));
    if (!language) {
      return skip('unsupported', l10n.t('not a language the analyzer handles'));
    }
    if (!explicitLanguage && isTestFile(fileNameOrLanguage)) {
      return skip('test-file', l10n.t('test code is not analysed'));
    }
    const maxBytes = callOptions.maxBytes ?? options.maxBytes ?? DEFAULT_MAX_BYTES;
    const bytes = utf8LengthOver(text, maxBytes);
    if (bytes !== undefined) {
      return skip('too-large', l10n.t({ message: 'file is {0}, over the {1} limit', args: [formatBytes(bytes), formatBytes(maxBytes)], comment: ['{0} and {1} are sizes such as "1.1 MB" or "138 bytes": the file\'s size and the configured limit'] }));
    }
    const longest = longestLine(text, maxLineLength);
    if (longest > maxLineLength) {
      return skip('minified', l10n.t({ message: 'looks minified or generated (a line of {0} characters, limit {1})', args: [longest, maxLineLength], comment: ['{0} is the length of the longest line and {1} the maximum line length, both in characters'] }));
    }

    const configFormat = configFormatOf(language);
    if (configFormat !== undefined && configFormat !== 'hcl' && configFormat !== 'bicep') {
      // YAML, JSON, nginx, HAProxy: small linear readers, no tree-sitter tree to keep.
      keeper?.drop();
      return analyzeTextConfig(text, language, configFormat, logger);
    }
    const applicable = registry.filter((detector) => detector.languages.includes(language) && safePrefilter(detector, text, logger));
    // Reads other files when asked to: a session store built in another module (text-level, no tree needed).
    const relatedPath = fileNameOrLanguage.replace(/\\/g, '/');
    const related =
      !callOptions.readRelated || explicitLanguage
        ? []
        : language === 'javascript' || language === 'typescript' || language === 'tsx'
          ? await crossFileSessionStores(text, relatedPath, callOptions.readRelated)
          : language === 'python'
            ? await crossFilePythonHolders(text, relatedPath, callOptions.readRelated)
            : [];
    if (applicable.length === 0) {
      keeper?.drop();
      return splitSuppressed(dedupe(related), text, language);
    }
    if (isCancelled()) {
      return skip('cancelled', l10n.t('analysis cancelled'));
    }
    await host.prepare(language);
    let parsed: Tree | 'timeout' | 'cancelled';
    const reused = keeper?.take(language, text, callOptions.edits);
    if (reused && !reused.changed) {
      parsed = reused.tree;
    } else {
      try {
        parsed = await host.parse(language, text, { timeoutMs: parseTimeoutMs, isCancelled }, reused?.tree);
      } finally {
        // The new tree shares the unchanged subtrees; the old one can go (and must, after a failed parse).
        reused?.tree.delete();
      }
    }
    if (parsed === 'timeout') {
      return skip('timeout', l10n.t({ message: 'parsing took longer than {0} ms', args: [parseTimeoutMs], comment: ['{0} is a number of milliseconds'] }));
    }
    if (parsed === 'cancelled') {
      return skip('cancelled', l10n.t('analysis cancelled'));
    }

    const findings: Finding[] = [];
    // One root object for every detector: nodes cache their children lists, so the detectors share them.
    const root = parsed.rootNode;
    try {
      for (const detector of applicable) {
        if (isCancelled()) {
          return skip('cancelled', l10n.t('analysis cancelled'));
        }
        try {
          findings.push(...detector.detect({ tree: parsed, root, text, language, isCancelled, ...(explicitLanguage ? {} : { fileName: fileNameOrLanguage }) }));
        } catch (error) {
          logger.error(`statecraft analyzer: detector ${detector.id} failed: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    } finally {
      releaseTreeCaches(parsed);
      keeper?.keep(parsed, text, language);
      parsed.delete();
    }
    return splitSuppressed(dedupe([...findings, ...related]), text, language);
  }

  return {
    analyze,
    createSession: () => {
      const session = new Session(run, (disposed) => sessions.delete(disposed));
      sessions.add(session);
      return session;
    },
    languageForFile,
    prepare: async (fileNameOrLanguage) => {
      const language = isAnalyzerLanguage(fileNameOrLanguage) ? fileNameOrLanguage : languageForFile(fileNameOrLanguage);
      if (language) {
        await host.prepare(language);
      }
    },
    dispose: () => {
      for (const session of [...sessions]) {
        session.dispose();
      }
      host.dispose();
    },
  };
}

/** The configuration readers never throw by contract; a bug in one still must not fail the analysis. */
function analyzeTextConfig(text: string, language: AnalyzerLanguage, format: 'yaml' | 'json' | 'nginx' | 'haproxy', logger: Logger): AnalysisResult {
  if (!configPrefilter(format, text)) {
    return { findings: [], suppressed: [] };
  }
  try {
    const { findings, problems } = analyzeConfigText(text, format);
    const result = splitSuppressed(dedupe(findings), text, language);
    return problems.length > 0 ? { ...result, problems } : result;
  } catch (error) {
    logger.error(`statecraft analyzer: reading ${format} failed: ${error instanceof Error ? error.message : String(error)}`);
    return { findings: [], suppressed: [], problems: [l10n.t({ message: 'the {0} file could not be read', args: [format], comment: ['{0} is a configuration format such as "yaml" or "nginx"'] })] };
  }
}

function skipResult(skipReason: SkipReason, skipped: string): AnalysisResult {
  return { findings: [], suppressed: [], skipped, skipReason };
}

function safePrefilter(detector: Detector, text: string, logger: Logger): boolean {
  try {
    return detector.prefilter(text);
  } catch (error) {
    logger.error(`statecraft analyzer: prefilter of ${detector.id} failed: ${error instanceof Error ? error.message : String(error)}`);
    return false;
  }
}

/** The UTF-8 size of `text` when it exceeds `limit`, else undefined (computed only when the length leaves doubt). */
function utf8LengthOver(text: string, limit: number): number | undefined {
  if (text.length * 3 <= limit) {
    return undefined;
  }
  let bytes = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x80) {
      bytes += 1;
    } else if (code < 0x800) {
      bytes += 2;
    } else if (code >= 0xd800 && code <= 0xdbff && index + 1 < text.length && (text.charCodeAt(index + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      index++;
    } else {
      bytes += 3;
    }
  }
  return bytes > limit ? bytes : undefined;
}

/** The length of the longest line, stopping early once it exceeds `limit`. */
function longestLine(text: string, limit: number): number {
  let longest = 0;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) {
      end = text.length;
    }
    longest = Math.max(longest, end - start);
    if (longest > limit) {
      return longest;
    }
    start = end + 1;
  }
  return longest;
}

/** A size label such as "1.1 MB", translated (a unit label, passed into the skip message as a value). */
function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) {
    return l10n.t({ message: '{0} MB', args: [Number((bytes / (1024 * 1024)).toFixed(1))], comment: ['A file size in megabytes, e.g. "1.1 MB"'] });
  }
  if (bytes >= 1024) {
    return l10n.t({ message: '{0} KB', args: [Number((bytes / 1024).toFixed(1))], comment: ['A file size in kilobytes, e.g. "12.5 KB"'] });
  }
  return l10n.t({ message: '{0} bytes', args: [bytes], comment: ['A file size in bytes, e.g. "138 bytes"'] });
}

/**
 * Rules that name what a collection holds more precisely than in-memory-session-map: when both report the same line,
 * the specific one stays (a set of WebSocket sessions is a connection registry, a map of buckets a rate limiter).
 */
const MORE_SPECIFIC_THAN_SESSION_MAP = new Set<Finding['rule']>(['in-memory-connection-registry', 'in-memory-rate-limit']);

function dedupe(findings: readonly Finding[]): Finding[] {
  const seen = new Set<string>();
  const unique: Finding[] = [];
  const specificLines = new Set(findings.filter((finding) => MORE_SPECIFIC_THAN_SESSION_MAP.has(finding.rule)).map((finding) => finding.range.start.line));
  for (const finding of findings) {
    if (finding.rule === 'in-memory-session-map' && specificLines.has(finding.range.start.line)) {
      continue;
    }
    const key = `${finding.rule}:${finding.range.start.line}:${finding.range.start.character}`;
    if (!seen.has(key)) {
      seen.add(key);
      unique.push(finding);
    }
  }
  return unique.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

function splitSuppressed(findings: readonly Finding[], text: string, language: AnalyzerLanguage): AnalysisResult {
  const suppressedLines = new Set(listSuppressions(text, language).map((suppression) => suppression.line));
  if (suppressedLines.size === 0) {
    return { findings, suppressed: [] };
  }
  const kept: Finding[] = [];
  const suppressed: Finding[] = [];
  for (const finding of findings) {
    (suppressedLines.has(finding.range.start.line - 1) ? suppressed : kept).push(finding);
  }
  return { findings: kept, suppressed };
}
