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

import type { Logger } from '../ports';
import { nullLogger } from '../ports';
import { detectors as defaultDetectors } from './detectors';
import { isAnalyzerLanguage, isTestFile, languageForFile } from './languages';
import { ParserHost } from './parserHost';
import { listSuppressions } from './suppressions';
import type { AnalysisResult, AnalyzerLanguage, Detector, Finding, SkipReason, WasmLoader } from './types';

export { listSuppressions, type Suppression } from './suppressions';
export { languageForFile, isTestFile } from './languages';

/** Default size cap: larger files are skipped (generated bundles, data dumps). */
export const DEFAULT_MAX_BYTES = 1024 * 1024;
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
}

/** The analyzer as hosts use it. */
export interface Analyzer {
  /**
   * Analyses one file's text. `fileNameOrLanguage` is a (preferably workspace-relative) path, used for the language
   * and the test-file convention, or a language id. Never rejects for any text; rejects only when a wasm file
   * cannot be loaded.
   */
  analyze(text: string, fileNameOrLanguage: string, options?: AnalyzeOptions): Promise<AnalysisResult>;
  /** The language of a file name, or undefined when the analyzer does not handle it. */
  languageForFile(fileName: string): AnalyzerLanguage | undefined;
  /** Frees the parser. */
  dispose(): void;
}

/** Creates an analyzer that loads tree-sitter wasm files through `loadWasm` on first use. */
export function createAnalyzer(loadWasm: WasmLoader, options: AnalyzerOptions = {}): Analyzer {
  const host = new ParserHost(loadWasm);
  const registry = options.detectors ?? defaultDetectors;
  const logger = options.logger ?? nullLogger;
  const maxLineLength = options.maxLineLength ?? DEFAULT_MAX_LINE_LENGTH;
  const parseTimeoutMs = options.parseTimeoutMs ?? DEFAULT_PARSE_TIMEOUT_MS;

  async function analyze(text: string, fileNameOrLanguage: string, callOptions: AnalyzeOptions = {}): Promise<AnalysisResult> {
    const isCancelled = callOptions.isCancelled ?? (() => false);
    const explicitLanguage = isAnalyzerLanguage(fileNameOrLanguage);
    const language = explicitLanguage ? fileNameOrLanguage : languageForFile(fileNameOrLanguage);
    if (!language) {
      return skip('unsupported', 'not a language the analyzer handles');
    }
    if (!explicitLanguage && isTestFile(fileNameOrLanguage)) {
      return skip('test-file', 'test code is not analysed');
    }
    const maxBytes = callOptions.maxBytes ?? options.maxBytes ?? DEFAULT_MAX_BYTES;
    const bytes = utf8LengthOver(text, maxBytes);
    if (bytes !== undefined) {
      return skip('too-large', `file is ${formatBytes(bytes)}, over the ${formatBytes(maxBytes)} limit`);
    }
    const longest = longestLine(text, maxLineLength);
    if (longest > maxLineLength) {
      return skip('minified', `looks minified or generated (a line of ${longest} characters, limit ${maxLineLength})`);
    }

    const applicable = registry.filter((detector) => detector.languages.includes(language) && safePrefilter(detector, text, logger));
    if (applicable.length === 0) {
      return { findings: [], suppressed: [] };
    }
    if (isCancelled()) {
      return skip('cancelled', 'analysis cancelled');
    }
    await host.prepare(language);
    const parsed = await host.parse(language, text, { timeoutMs: parseTimeoutMs, isCancelled });
    if (parsed === 'timeout') {
      return skip('timeout', `parsing took longer than ${parseTimeoutMs} ms`);
    }
    if (parsed === 'cancelled') {
      return skip('cancelled', 'analysis cancelled');
    }

    const findings: Finding[] = [];
    try {
      for (const detector of applicable) {
        if (isCancelled()) {
          return skip('cancelled', 'analysis cancelled');
        }
        try {
          findings.push(...detector.detect({ tree: parsed, root: parsed.rootNode, text, language, isCancelled }));
        } catch (error) {
          logger.error(`statecraft analyzer: detector ${detector.id} failed: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    } finally {
      parsed.delete();
    }
    return splitSuppressed(dedupe(findings), text, language);
  }

  return {
    analyze,
    languageForFile,
    dispose: () => host.dispose(),
  };
}

function skip(skipReason: SkipReason, skipped: string): AnalysisResult {
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

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) {
    return `${Number((bytes / (1024 * 1024)).toFixed(1))} MB`;
  }
  if (bytes >= 1024) {
    return `${Number((bytes / 1024).toFixed(1))} KB`;
  }
  return `${bytes} bytes`;
}

function dedupe(findings: readonly Finding[]): Finding[] {
  const seen = new Set<string>();
  const unique: Finding[] = [];
  for (const finding of findings) {
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
