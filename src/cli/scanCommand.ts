// `statecraft scan <paths...> [options]`: walks the given files and folders and reports in-memory session state with
// the same analyzer the extension uses. This module wires the pieces: arguments (scanArgs.ts), the core's
// .gitignore-aware walker over node:fs (core/files), a bounded pool of analyses, fingerprints (core/ci), and the
// reports: baseline, formats and exit code (scanReport.ts).
//
// Parallelism (`--jobs N`, default one per core): with one job, or one file, the analyzer runs on this thread; with
// more, the editor's worker pool (core/worker/analysisPool.ts) runs one analysis per worker thread (dist/worker.js
// beside dist/cli.js; from source, the TypeScript entry through tsx). Either way at most a bounded window of files is
// read and waiting at once, a session store in another module is read through `readRelated` (by message, from a
// worker), and the findings are reported in the order of the file list, whatever order the analyses finish in.
//
// Walking: the core walker's rules (node_modules, .git, .hg and .svn skipped; symbolic links not followed; every
// .gitignore from the repository root down applies; an ignored folder is not entered). Paths named on the command
// line are scanned even if ignored. `--exclude` globs (picomatch) match the path relative to the current directory; a
// glob without a `/` matches the base name at any depth (like .gitignore).
//
// Skips: files the analyzer has no language for and test files, silently; binaries (a NUL byte in the first 8 KB),
// files over the size cap (default 1 MB) and minified/generated files, with a message on stderr.
//
// Decision records: accepted records in `docs/adr` under each root or its git root (or `--decisions <dir>`) judge the
// findings (decisionFolder.ts): a contradiction is reported as `decision-drift` naming the record, a finding a record
// accepts is kept one level lower with the record's name. A record with unusable front matter is named on stderr.
//
// Exit codes: 1 when there are findings at or above `--fail-on` that are not in the `--baseline` (after
// `statecraft-ignore: <reason>` suppressions); otherwise 2 when a path named on the command line does not exist or
// the baseline is unreadable (both checked before anything is printed) or some file could not be read; otherwise 0.

import * as fs from 'node:fs';
import * as path from 'node:path';
import * as l10n from '@vscode/l10n';
import picomatch from 'picomatch';
import { createAnalyzer } from '../core/analyzer/analyzer';
import type { ReadRelated } from '../core/analyzer/crossFile';
import { pairAffinityWithState } from '../core/analyzer/config/affinityPairing';
import type { AnalysisResult, Finding } from '../core/analyzer/types';
import { mayBeAnalysed } from '../core/analyzer/languages';
import { walkFiles } from '../core/files/fileWalker';
import { nullLogger } from '../core/ports';
import { AnalysisPool } from '../core/worker/analysisPool';
import { nodeWorkerFactory } from '../worker/nodeWorkerFactory';
import { ExitCode, InputError, UsageError, usageLine, type CliIo } from './cliIo';
import { nodeFileSystem } from './nodeFileSystem';
import { createNodeWasmLoader } from './nodeWasmLoader';
import type { Baseline } from '../core/ci/baseline';
import { fingerprintFindings } from '../core/ci/fingerprint';
import type { ReportedFinding } from '../core/ci/sarif';
import { inShard } from '../core/ci/shard';
import { parseScanArgs, SCAN_SYNTAX, type ScanArgs } from './scanArgs';
import { loadDecisions, type DecisionJudge } from './decisionFolder';
import { createScanProgress } from './scanProgress';
import { loadBaseline, report } from './scanReport';

export type { ScanResultJson } from './scanReport';

/** What the scan analyses files with: the analyzer on this thread or the worker pool (the same call). */
export interface FileAnalyzer {
  analyze(text: string, fileName: string, options: { readonly maxBytes: number; readonly readRelated: ReadRelated }): Promise<AnalysisResult>;
  dispose(): void;
}

/** Creates what the command analyses with, for `jobs` analyses at once; tests inject an analyzer (or a fake). */
export type AnalyzerFactory = (jobs: number) => FileAnalyzer | Promise<FileAnalyzer>;

/** Files read and waiting for an analysis at once, at least: bounds memory on a tree of any size. */
const MIN_IN_FLIGHT = 16;
const BINARY_SNIFF_BYTES = 8 * 1024;

/**
 * Runs the scan. `argv` holds the arguments after "scan". Returns the exit code; results go to `io.stdout`,
 * skipped files and errors to `io.stderr`.
 */
export async function runScanCommand(argv: string[], io: CliIo, analyzerFactory: AnalyzerFactory = scanAnalyzerFactory): Promise<number> {
  let args: ScanArgs;
  let roots: Root[];
  let baseline: Baseline | undefined;
  try {
    const parsed = parseScanArgs(argv);
    if (parsed === 'help') {
      io.stdout(`${usageLine(SCAN_SYNTAX)}\n`);
      return ExitCode.ok;
    }
    args = parsed;
    roots = await resolveRoots(args.paths, io.cwd);
    baseline = args.baseline === undefined ? undefined : loadBaseline(args.baseline, io.cwd);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`statecraft scan: ${error.message}\n${usageLine(SCAN_SYNTAX)}\n`);
      return ExitCode.usage;
    }
    if (error instanceof InputError) {
      io.stderr(`statecraft scan: ${error.message}\n`);
      return ExitCode.usage;
    }
    throw error;
  }

  let judge: DecisionJudge;
  try {
    const decisions = await loadDecisions(roots, io.cwd, args.decisions);
    judge = decisions.judge;
    for (const problem of decisions.problems) {
      io.stderr(`statecraft scan: ${l10n.t('decision record {0}:{1} is ignored: {2}', problem.path, problem.line + 1, problem.message)}\n`);
    }
  } catch {
    io.stderr(`statecraft scan: ${l10n.t('decisions folder not found: {0}', args.decisions ?? '')}\n${usageLine(SCAN_SYNTAX)}\n`);
    return ExitCode.usage;
  }
  const outcome = await scan(roots, args, io, analyzerFactory, judge);
  const ordered = pairResults(outcome.results).sort(
    (a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.finding.range.start.line - b.finding.range.start.line || a.finding.range.start.character - b.finding.range.start.character,
  );
  return report(ordered, outcome, outcome.readErrors, args, io, baseline);
}

interface Root {
  readonly given: string;
  readonly absolute: string;
  readonly isDirectory: boolean;
}

async function resolveRoots(paths: readonly string[], cwd: string): Promise<Root[]> {
  const roots: Root[] = [];
  for (const given of paths) {
    const absolute = path.resolve(cwd, given);
    let stats: fs.Stats;
    try {
      stats = await fs.promises.stat(absolute);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new InputError(code === 'ENOENT' ? l10n.t('path not found: {0}', given) : l10n.t('cannot read {0}: {1}', given, code ?? String(error)));
    }
    roots.push({ given, absolute, isDirectory: stats.isDirectory() });
  }
  return roots;
}

/** A file to analyse: its absolute path, the path the analyzer sees (for test conventions), the path to print. */
interface Candidate {
  readonly absolute: string;
  readonly analyzerPath: string;
  readonly display: string;
  /** The folder `analyzerPath` is relative to: related files (a session store's module) are read from there. */
  readonly base: string;
}

interface ScanOutcome {
  readonly results: ReportedFinding[];
  scanned: number;
  suppressed: number;
  readErrors: number;
}

async function scan(roots: readonly Root[], args: ScanArgs, io: CliIo, analyzerFactory: AnalyzerFactory, judge: DecisionJudge): Promise<ScanOutcome> {
  const outcome: ScanOutcome = { results: [], scanned: 0, suppressed: 0, readErrors: 0 };
  const isExcluded = excludeMatcher(args.excludes);
  // The whole list first: the progress line needs the total, and listing is cheap next to analysing.
  const candidates: Candidate[] = [];
  for await (const candidate of walk(roots, io, isExcluded, (message) => {
    outcome.readErrors++;
    io.stderr(`statecraft scan: ${message}\n`);
  })) {
    if (args.shard === undefined || inShard(candidate.display, args.shard)) candidates.push(candidate);
  }
  // No more workers than files: a pre-commit run over two staged files pays no worker start-up.
  const jobs = Math.max(1, Math.min(args.jobs, candidates.length));
  const analyzer = await analyzerFactory(jobs);
  const progress = createScanProgress(io, candidates.length);
  const fileIo: CliIo = { ...io, stderr: progress.stderr };
  // Each file's findings in its slot of the file list, so the report never depends on which analysis finished first.
  const perFile: ReportedFinding[][] = [];
  let next = 0;
  const lane = async () => {
    while (next < candidates.length) {
      const index = next++;
      perFile[index] = await scanFile(candidates[index], args, fileIo, analyzer, outcome, judge);
      progress.fileDone();
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(MIN_IN_FLIGHT, jobs * 4) }, lane));
  } finally {
    progress.finish();
    analyzer.dispose();
  }
  for (const results of perFile) outcome.results.push(...(results ?? []));
  return outcome;
}

async function scanFile(candidate: Candidate, args: ScanArgs, io: CliIo, analyzer: FileAnalyzer, outcome: ScanOutcome, judge: DecisionJudge): Promise<ReportedFinding[]> {
  let bytes: Uint8Array;
  try {
    // stat and read follow a link named on the command line; the walker itself never yields links.
    const stats = await fs.promises.stat(candidate.absolute);
    if (stats.size > args.maxBytes) {
      io.stderr(`statecraft scan: ${l10n.t('skipped {0}: {1} bytes, over the {2}-byte limit', candidate.display, stats.size, args.maxBytes)}\n`);
      return [];
    }
    bytes = await fs.promises.readFile(candidate.absolute);
  } catch (error) {
    outcome.readErrors++;
    io.stderr(`statecraft scan: ${l10n.t('cannot read {0}: {1}', candidate.display, (error as NodeJS.ErrnoException).code ?? String(error))}\n`);
    return [];
  }
  if (bytes.subarray(0, BINARY_SNIFF_BYTES).includes(0)) {
    io.stderr(`statecraft scan: ${l10n.t('skipped {0}: binary file', candidate.display)}\n`);
    return [];
  }
  const text = new TextDecoder('utf-8').decode(bytes);
  // The CLI has the whole tree: a session store imported from another module is read from disk (capped like any file).
  const readRelated = async (relative: string): Promise<string | undefined> => {
    const absolute = path.resolve(candidate.base, ...relative.split('/'));
    const stats = await fs.promises.stat(absolute).catch(() => undefined);
    return stats?.isFile() && stats.size <= args.maxBytes ? fs.promises.readFile(absolute, 'utf8') : undefined;
  };
  let result: AnalysisResult;
  try {
    result = await analyzer.analyze(text, candidate.analyzerPath, { maxBytes: args.maxBytes, readRelated });
  } catch (error) {
    // A file that crashed or hung a worker twice (the pool retries once on a fresh worker): named, counted, not fatal.
    outcome.readErrors++;
    io.stderr(`statecraft scan: ${l10n.t({ message: 'cannot analyse {0}: {1}', args: [candidate.display, error instanceof Error ? error.message : String(error)], comment: ['{0} is a file path, {1} the error (in English)'] })}\n`);
    return [];
  }
  if (result.skipReason === 'too-large' || result.skipReason === 'minified' || result.skipReason === 'timeout') {
    io.stderr(`statecraft scan: ${l10n.t('skipped {0}: {1}', candidate.display, result.skipped ?? result.skipReason)}\n`);
    return [];
  }
  if (result.skipReason !== undefined) {
    return [];
  }
  for (const problem of result.problems ?? []) {
    io.stderr(`statecraft scan: ${l10n.t({ message: 'read {0} only in part: {1}', args: [candidate.display, problem], comment: ['{0} is a file path, {1} the problem met while reading it'] })}\n`);
  }
  outcome.scanned++;
  outcome.suppressed += result.suppressed.length;
  const findings = judge(candidate.absolute, result.findings);
  const fingerprints = fingerprintFindings(candidate.display, text, findings);
  return findings.map((finding, index) => ({ file: candidate.display, finding, fingerprint: fingerprints[index] }));
}

/** Matches `--exclude` globs against a cwd-relative path (slash-less globs against the base name). */
function excludeMatcher(globs: readonly string[]): (relative: string) => boolean {
  if (globs.length === 0) {
    return () => false;
  }
  const pathGlobs = globs.filter((glob) => glob.includes('/')).map((glob) => glob.replace(/^\.\//, ''));
  const nameGlobs = globs.filter((glob) => !glob.includes('/'));
  const matchPath = pathGlobs.length > 0 ? picomatch(pathGlobs, { dot: true }) : () => false;
  const matchName = nameGlobs.length > 0 ? picomatch(nameGlobs, { dot: true }) : () => false;
  return (relative) => matchPath(relative) || matchName(relative.slice(relative.lastIndexOf('/') + 1));
}

function toPosix(relative: string): string {
  return relative.split(path.sep).join('/');
}

/** Yields the files to analyse: named files as they are, folders through the core's walker. */
async function* walk(roots: readonly Root[], io: CliIo, isExcluded: (relative: string) => boolean, onError: (message: string) => void): AsyncGenerator<Candidate> {
  const display = (absolute: string) => toPosix(path.relative(io.cwd, absolute)) || path.basename(absolute);
  for (const root of roots) {
    if (!root.isDirectory) {
      if (!mayBeAnalysed(root.absolute)) {
        io.stderr(`statecraft scan: ${l10n.t('skipped {0}: not a language the analyzer handles', display(root.absolute))}\n`);
      } else if (!isExcluded(display(root.absolute))) {
        yield { absolute: root.absolute, analyzerPath: path.basename(root.absolute), display: display(root.absolute), base: path.dirname(root.absolute) };
      }
      continue;
    }
    const files = walkFiles(nodeFileSystem, root.absolute, {
      include: mayBeAnalysed,
      isExcluded: (absolute) => isExcluded(display(absolute)),
      onError: (directory, error) => onError(l10n.t('cannot read directory {0}: {1}', display(directory), (error as NodeJS.ErrnoException).code ?? String(error))),
    });
    for await (const file of files) {
      yield { absolute: file.path, analyzerPath: file.relative, display: display(file.path), base: root.absolute };
    }
  }
}

/** One job: the analyzer on this thread. More: the worker pool the editor's workspace audit uses. */
export function scanAnalyzerFactory(jobs: number): FileAnalyzer {
  if (jobs <= 1) return createAnalyzer(createNodeWasmLoader());
  // Detector failures are dropped as on the main thread (the analyzer's default logger is silent too).
  return new AnalysisPool({ size: jobs, createWorker: nodeWorkerFactory(), loadWasm: createNodeWasmLoader(), logger: nullLogger });
}

/**
 * Cross-artifact hints over the whole scan: affinity settings and in-memory state name each other (the core's
 * pairAffinityWithState; the editor and the workspace audit call the same function).
 */
function pairResults<T extends { file: string; finding: Finding }>(results: readonly T[]): T[] {
  const byFile = new Map<string, T[]>();
  for (const result of results) {
    byFile.set(result.file, [...(byFile.get(result.file) ?? []), result]);
  }
  const files = [...byFile];
  const paired = pairAffinityWithState(files.map(([file, entries]) => ({ file, findings: entries.map((entry) => entry.finding) })));
  return files.flatMap(([, entries], fileIndex) => entries.map((entry, index) => ({ ...entry, finding: paired[fileIndex].findings[index] })));
}
