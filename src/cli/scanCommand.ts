// `statecraft scan <paths...> [options]`: walks the given files and folders and reports in-memory session state with
// the same analyzer the extension uses. What happens to the findings (baseline, formats, exit code) is scanReport.ts.
//
// Walking: iterative (an explicit stack, never recursion), with a bounded number of files in flight. node_modules,
// .git, .hg and .svn are always skipped; symbolic links are not followed (no loops). Every .gitignore from the
// repository root (the nearest ancestor with a .git entry) down to each folder applies, deeper files overriding
// shallower ones as in git; a folder that is ignored is not entered. Paths named on the command line are scanned even
// if ignored. `--exclude` globs (picomatch) match the path relative to the current directory; a glob without a `/`
// matches the base name at any depth (like .gitignore).
//
// Skips: files the analyzer has no language for and test files, silently; binaries (a NUL byte in the first 8 KB),
// files over the size cap (default 1 MB) and minified/generated files, with a message on stderr.
//
// Exit codes: 1 when there are findings at or above `--fail-on` that are not in the `--baseline` (after
// `statecraft-ignore: <reason>` suppressions); otherwise 2 when a path named on the command line does not exist or
// the baseline is unreadable (both checked before anything is printed) or some file could not be read; otherwise 0.

import * as fs from 'node:fs';
import * as path from 'node:path';
import * as l10n from '@vscode/l10n';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';
import { createAnalyzer, DEFAULT_MAX_BYTES, type Analyzer } from '../core/analyzer/analyzer';
import { mayBeAnalysed } from '../core/analyzer/languages';
import type { WasmLoader } from '../core/analyzer/types';
import type { Baseline } from '../core/ci/baseline';
import { fingerprintFindings } from '../core/ci/fingerprint';
import type { ReportedFinding } from '../core/ci/sarif';
import { inShard, parseShard, type Shard } from '../core/ci/shard';
import { ExitCode, InputError, UsageError, usageLine, type CliIo } from './cliIo';
import { loadBaseline, parseFailOn, parseFormat, report, type FailOn, type OutputFormat, type ReportOptions } from './scanReport';

/** Creates the analyzer the command uses; tests inject one (or a fake). */
export type AnalyzerFactory = () => Analyzer | Promise<Analyzer>;

interface ScanArgs extends ReportOptions {
  readonly paths: readonly string[];
  readonly excludes: readonly string[];
  readonly maxBytes: number;
  readonly shard?: Shard;
}

const SYNTAX =
  'statecraft scan <paths...> [--format text|json|sarif|gitlab|github] [--output <file>] [--sarif-file <file>]\n' +
  '       [--baseline <file>] [--write-baseline <file>] [--fail-on error|warning|note|none] [--shard <i/n>]\n' +
  '       [--exclude <glob>]... [--max-bytes <n>]';

const ALWAYS_SKIPPED_DIRECTORIES = new Set(['node_modules', '.git', '.hg', '.svn']);
const CONCURRENCY = 16;
const BINARY_SNIFF_BYTES = 8 * 1024;

/**
 * Runs the scan. `argv` holds the arguments after "scan". Returns the exit code; results go to `io.stdout`,
 * skipped files and errors to `io.stderr`.
 */
export async function runScanCommand(argv: string[], io: CliIo, analyzerFactory: AnalyzerFactory = defaultAnalyzerFactory): Promise<number> {
  let args: ScanArgs;
  let roots: Root[];
  let baseline: Baseline | undefined;
  try {
    const parsed = parseArgs(argv);
    if (parsed === 'help') {
      io.stdout(`${usageLine(SYNTAX)}\n`);
      return ExitCode.ok;
    }
    args = parsed;
    roots = await resolveRoots(args.paths, io.cwd);
    baseline = args.baseline === undefined ? undefined : loadBaseline(args.baseline, io.cwd);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`statecraft scan: ${error.message}\n${usageLine(SYNTAX)}\n`);
      return ExitCode.usage;
    }
    if (error instanceof InputError) {
      io.stderr(`statecraft scan: ${error.message}\n`);
      return ExitCode.usage;
    }
    throw error;
  }

  const analyzer = await analyzerFactory();
  try {
    const outcome = await scan(roots, args, io, analyzer);
    const ordered = outcome.results.sort(
      (a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.finding.range.start.line - b.finding.range.start.line || a.finding.range.start.character - b.finding.range.start.character,
    );
    return report(ordered, outcome, outcome.readErrors, args, io, baseline);
  } finally {
    analyzer.dispose();
  }
}

function parseArgs(argv: readonly string[]): ScanArgs | 'help' {
  let format: OutputFormat = 'text';
  let maxBytes = DEFAULT_MAX_BYTES;
  let failOn: FailOn = 'note';
  let shard: Shard | undefined;
  const files: { output?: string; sarifFile?: string; baseline?: string; writeBaseline?: string } = {};
  const excludes: string[] = [];
  const paths: string[] = [];
  let optionsEnded = false;
  const setMaxBytes = (value: string) => {
    if (!/^\d+$/.test(value) || Number(value) < 1) {
      throw new UsageError(l10n.t('option "--max-bytes" must be a positive whole number, got "{0}"', value));
    }
    maxBytes = Number(value);
  };
  const setShard = (value: string) => {
    try {
      shard = parseShard(value);
    } catch (error) {
      throw new UsageError(l10n.t('option "--shard": {0}', (error as Error).message));
    }
  };
  // Options that take a value, as `--name value` or `--name=value`.
  const valueOptions: Record<string, (value: string) => void> = {
    '--format': (value) => (format = parseFormat(value)),
    '-f': (value) => (format = parseFormat(value)),
    '--exclude': (value) => excludes.push(value),
    '--max-bytes': setMaxBytes,
    '--output': (value) => (files.output = value),
    '-o': (value) => (files.output = value),
    '--sarif-file': (value) => (files.sarifFile = value),
    '--baseline': (value) => (files.baseline = value),
    '--write-baseline': (value) => (files.writeBaseline = value),
    '--fail-on': (value) => (failOn = parseFailOn(value)),
    '--shard': setShard,
  };
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index];
    const equals = arg.indexOf('=');
    const name = arg.startsWith('--') && equals > 0 ? arg.slice(0, equals) : arg;
    if (optionsEnded || !arg.startsWith('-') || arg === '-') {
      paths.push(arg);
    } else if (arg === '--') {
      optionsEnded = true;
    } else if (arg === '--help' || arg === '-h') {
      return 'help';
    } else if (Object.hasOwn(valueOptions, name)) {
      const value = name === arg ? argv[++index] : arg.slice(equals + 1);
      if (value === undefined || value === '') {
        throw new UsageError(l10n.t('option "{0}" needs a value', name));
      }
      valueOptions[name](value);
    } else {
      throw new UsageError(l10n.t('unknown option "{0}"', arg));
    }
  }
  if (files.baseline !== undefined && files.writeBaseline !== undefined) {
    throw new UsageError(l10n.t('options "--baseline" and "--write-baseline" cannot be used together: write the baseline from a scan without one'));
  }
  // Each shard uploads its own SARIF: code scanning keeps one analysis per category, so shards need their own.
  const category = shard === undefined || shard.count === 1 ? 'statecraft' : `statecraft/shard-${shard.index}-of-${shard.count}`;
  return { paths: paths.length > 0 ? paths : ['.'], format, excludes, maxBytes, failOn, shard, category, ...files };
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
}

interface ScanOutcome {
  readonly results: ReportedFinding[];
  scanned: number;
  suppressed: number;
  readErrors: number;
}

async function scan(roots: readonly Root[], args: ScanArgs, io: CliIo, analyzer: Analyzer): Promise<ScanOutcome> {
  const outcome: ScanOutcome = { results: [], scanned: 0, suppressed: 0, readErrors: 0 };
  const isExcluded = excludeMatcher(args.excludes);
  const candidates = walk(roots, io, isExcluded, (message) => {
    outcome.readErrors++;
    io.stderr(`statecraft scan: ${message}\n`);
  });
  const worker = async () => {
    for (;;) {
      const next = await candidates.next();
      if (next.done) {
        return;
      }
      if (args.shard !== undefined && !inShard(next.value.display, args.shard)) {
        continue;
      }
      await scanFile(next.value, args, io, analyzer, outcome);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return outcome;
}

async function scanFile(candidate: Candidate, args: ScanArgs, io: CliIo, analyzer: Analyzer, outcome: ScanOutcome): Promise<void> {
  let bytes: Buffer;
  try {
    const stats = await fs.promises.stat(candidate.absolute);
    if (stats.size > args.maxBytes) {
      io.stderr(`statecraft scan: ${l10n.t('skipped {0}: {1} bytes, over the {2}-byte limit', candidate.display, stats.size, args.maxBytes)}\n`);
      return;
    }
    bytes = await fs.promises.readFile(candidate.absolute);
  } catch (error) {
    outcome.readErrors++;
    io.stderr(`statecraft scan: ${l10n.t('cannot read {0}: {1}', candidate.display, (error as NodeJS.ErrnoException).code ?? String(error))}\n`);
    return;
  }
  if (bytes.subarray(0, BINARY_SNIFF_BYTES).includes(0)) {
    io.stderr(`statecraft scan: ${l10n.t('skipped {0}: binary file', candidate.display)}\n`);
    return;
  }
  const text = new TextDecoder('utf-8').decode(bytes);
  const result = await analyzer.analyze(text, candidate.analyzerPath, { maxBytes: args.maxBytes });
  if (result.skipReason === 'too-large' || result.skipReason === 'minified' || result.skipReason === 'timeout') {
    io.stderr(`statecraft scan: ${l10n.t('skipped {0}: {1}', candidate.display, result.skipped ?? result.skipReason)}\n`);
    return;
  }
  if (result.skipReason !== undefined) {
    return;
  }
  outcome.scanned++;
  outcome.suppressed += result.suppressed.length;
  const fingerprints = fingerprintFindings(candidate.display, text, result.findings);
  result.findings.forEach((finding, index) => outcome.results.push({ file: candidate.display, finding, fingerprint: fingerprints[index] }));
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

interface IgnoreLayer {
  readonly directory: string;
  readonly rules: Ignore;
}

function toPosix(relative: string): string {
  return relative.split(path.sep).join('/');
}

async function readGitignore(directory: string): Promise<IgnoreLayer | undefined> {
  try {
    const content = await fs.promises.readFile(path.join(directory, '.gitignore'), 'utf8');
    return { directory, rules: ignore().add(content) };
  } catch {
    return undefined;
  }
}

/** The .gitignore layers above `directory`, from the repository root down (none outside a repository). */
async function ancestorLayers(directory: string): Promise<IgnoreLayer[]> {
  if (fs.existsSync(path.join(directory, '.git'))) {
    return [];
  }
  const ancestors: string[] = [];
  let gitRoot: string | undefined;
  for (let current = path.dirname(directory); current !== path.dirname(current) || ancestors.length === 0; current = path.dirname(current)) {
    ancestors.push(current);
    if (fs.existsSync(path.join(current, '.git'))) {
      gitRoot = current;
      break;
    }
  }
  if (gitRoot === undefined) {
    return [];
  }
  const layers: IgnoreLayer[] = [];
  for (const ancestor of ancestors.reverse()) {
    const layer = await readGitignore(ancestor);
    if (layer) {
      layers.push(layer);
    }
  }
  return layers;
}

/** True when the .gitignore layers ignore `absolute` (deeper layers override, `!pattern` re-includes). */
function isIgnored(layers: readonly IgnoreLayer[], absolute: string, isDirectory: boolean): boolean {
  let ignored = false;
  for (const layer of layers) {
    const relative = toPosix(path.relative(layer.directory, absolute));
    if (relative === '' || relative.startsWith('..')) {
      continue;
    }
    const verdict = layer.rules.test(isDirectory ? `${relative}/` : relative);
    if (verdict.ignored) {
      ignored = true;
    } else if (verdict.unignored) {
      ignored = false;
    }
  }
  return ignored;
}

/** Yields the files to analyse, depth-first with an explicit stack. */
async function* walk(roots: readonly Root[], io: CliIo, isExcluded: (relative: string) => boolean, onError: (message: string) => void): AsyncGenerator<Candidate> {
  for (const root of roots) {
    const display = (absolute: string) => toPosix(path.relative(io.cwd, absolute)) || path.basename(absolute);
    if (!root.isDirectory) {
      if (!mayBeAnalysed(root.absolute)) {
        io.stderr(`statecraft scan: ${l10n.t('skipped {0}: not a language the analyzer handles', display(root.absolute))}\n`);
      } else if (!isExcluded(display(root.absolute))) {
        yield { absolute: root.absolute, analyzerPath: path.basename(root.absolute), display: display(root.absolute) };
      }
      continue;
    }
    const stack: Array<{ directory: string; layers: readonly IgnoreLayer[] }> = [{ directory: root.absolute, layers: await ancestorLayers(root.absolute) }];
    while (stack.length > 0) {
      const { directory, layers: parentLayers } = stack.pop()!;
      const own = await readGitignore(directory);
      const layers = own ? [...parentLayers, own] : parentLayers;
      let entries: fs.Dirent[];
      try {
        entries = await fs.promises.readdir(directory, { withFileTypes: true });
      } catch (error) {
        onError(l10n.t('cannot read directory {0}: {1}', display(directory), (error as NodeJS.ErrnoException).code ?? String(error)));
        continue;
      }
      const files: Candidate[] = [];
      for (const entry of entries) {
        const absolute = path.join(directory, entry.name);
        if (entry.isSymbolicLink()) {
          continue;
        }
        if (entry.isDirectory()) {
          if (ALWAYS_SKIPPED_DIRECTORIES.has(entry.name) || isIgnored(layers, absolute, true) || isExcluded(display(absolute))) {
            continue;
          }
          stack.push({ directory: absolute, layers });
        } else if (entry.isFile()) {
          if (!mayBeAnalysed(entry.name) || isIgnored(layers, absolute, false) || isExcluded(display(absolute))) {
            continue;
          }
          files.push({ absolute, analyzerPath: toPosix(path.relative(root.absolute, absolute)), display: display(absolute) });
        }
      }
      yield* files;
    }
  }
}

/**
 * A WasmLoader over the file system: the bundled CLI finds grammars in `dist/grammars` next to itself; from
 * source it falls back to node_modules/@vscode/tree-sitter-wasm/wasm.
 */
export function createNodeWasmLoader(directories: readonly string[] = defaultWasmDirectories()): WasmLoader {
  return async (fileName: string) => {
    for (const directory of directories) {
      try {
        return new Uint8Array(await fs.promises.readFile(path.join(directory, fileName)));
      } catch {
        // try the next directory
      }
    }
    throw new Error(`cannot find ${fileName} in ${directories.join(', ')}`);
  };
}

function defaultWasmDirectories(): string[] {
  const directories = [path.join(__dirname, 'grammars')];
  try {
    directories.push(path.join(path.dirname(require.resolve('@vscode/tree-sitter-wasm/package.json')), 'wasm'));
  } catch {
    // bundled without node_modules: dist/grammars only
  }
  return directories;
}

function defaultAnalyzerFactory(): Analyzer {
  return createAnalyzer(createNodeWasmLoader());
}
