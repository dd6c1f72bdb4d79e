// `statecraft scan <paths...> [--format text|json|sarif] [--exclude <glob>]... [--max-bytes <n>]`: walks the given
// files and folders and reports in-memory session state with the same analyzer the extension uses.
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
// Exit codes: 1 when there are findings (after `statecraft-ignore: <reason>` suppressions); otherwise 2 when a path
// named on the command line does not exist (checked before anything is printed) or some file could not be read;
// otherwise 0.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as l10n from '@vscode/l10n';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';
import { createAnalyzer, DEFAULT_MAX_BYTES, type Analyzer } from '../core/analyzer/analyzer';
import { mayBeAnalysed } from '../core/analyzer/languages';
import { NOTES_BASE_URL, RULE_IDS, RULES, ruleDescription, ruleTitle } from '../core/analyzer/rules';
import { finalSeverity, sarifLevel, type SeverityLevel } from '../core/analyzer/severity';
import type { Finding, RuleId, WasmLoader } from '../core/analyzer/types';
import { ExitCode, InputError, UsageError, usageLine, type CliIo } from './cliIo';

/** Creates the analyzer the command uses; tests inject one (or a fake). */
export type AnalyzerFactory = () => Analyzer | Promise<Analyzer>;

type OutputFormat = 'text' | 'json' | 'sarif';

interface ScanArgs {
  readonly paths: readonly string[];
  readonly format: OutputFormat;
  readonly excludes: readonly string[];
  readonly maxBytes: number;
}

/** One finding as the JSON output prints it: 1-based lines and columns, `file` relative to cwd with `/`. */
export interface ScanResultJson {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly rule: RuleId;
  readonly severity: SeverityLevel;
  readonly message: string;
  readonly note: string;
}

/** A finding's level in every output format: the core's severity policy, with no setting (each rule's own). */
function levelOf(finding: Finding): SeverityLevel {
  return finalSeverity(finding);
}

const SYNTAX = 'statecraft scan <paths...> [--format text|json|sarif] [--exclude <glob>]... [--max-bytes <n>]';

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
  try {
    const parsed = parseArgs(argv);
    if (parsed === 'help') {
      io.stdout(`${usageLine(SYNTAX)}\n`);
      return ExitCode.ok;
    }
    args = parsed;
    roots = await resolveRoots(args.paths, io.cwd);
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
    if (args.format === 'json') {
      io.stdout(`${JSON.stringify(ordered.map(toJson), null, 2)}\n`);
    } else if (args.format === 'sarif') {
      io.stdout(`${JSON.stringify(toSarif(ordered, io.cwd), null, 2)}\n`);
    } else {
      io.stdout(formatText(ordered, outcome));
    }
    if (ordered.length > 0) {
      return ExitCode.findings;
    }
    return outcome.readErrors > 0 ? ExitCode.usage : ExitCode.ok;
  } finally {
    analyzer.dispose();
  }
}

function parseArgs(argv: readonly string[]): ScanArgs | 'help' {
  let format: OutputFormat = 'text';
  let maxBytes = DEFAULT_MAX_BYTES;
  const excludes: string[] = [];
  const paths: string[] = [];
  let optionsEnded = false;
  const valueOf = (option: string, index: number): string => {
    const value = argv[index];
    if (value === undefined || value === '') {
      throw new UsageError(l10n.t('option "{0}" needs a value', option));
    }
    return value;
  };
  const setFormat = (value: string) => {
    if (value !== 'text' && value !== 'json' && value !== 'sarif') {
      throw new UsageError(l10n.t('option "--format" must be text, json or sarif, got "{0}"', value));
    }
    format = value;
  };
  const setMaxBytes = (value: string) => {
    if (!/^\d+$/.test(value) || Number(value) < 1) {
      throw new UsageError(l10n.t('option "--max-bytes" must be a positive whole number, got "{0}"', value));
    }
    maxBytes = Number(value);
  };
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index];
    if (optionsEnded || !arg.startsWith('-') || arg === '-') {
      paths.push(arg);
    } else if (arg === '--') {
      optionsEnded = true;
    } else if (arg === '--help' || arg === '-h') {
      return 'help';
    } else if (arg === '--format' || arg === '-f') {
      setFormat(valueOf(arg, ++index));
    } else if (arg.startsWith('--format=')) {
      setFormat(arg.slice('--format='.length));
    } else if (arg === '--exclude') {
      excludes.push(valueOf(arg, ++index));
    } else if (arg.startsWith('--exclude=')) {
      excludes.push(arg.slice('--exclude='.length));
    } else if (arg === '--max-bytes') {
      setMaxBytes(valueOf(arg, ++index));
    } else if (arg.startsWith('--max-bytes=')) {
      setMaxBytes(arg.slice('--max-bytes='.length));
    } else {
      throw new UsageError(l10n.t('unknown option "{0}"', arg));
    }
  }
  return { paths: paths.length > 0 ? paths : ['.'], format, excludes, maxBytes };
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
  readonly results: Array<{ file: string; finding: Finding }>;
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
  for (const finding of result.findings) {
    outcome.results.push({ file: candidate.display, finding });
  }
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

function toJson({ file, finding }: { file: string; finding: Finding }): ScanResultJson {
  return {
    file,
    line: finding.range.start.line + 1,
    column: finding.range.start.character + 1,
    endLine: finding.range.end.line + 1,
    endColumn: finding.range.end.character + 1,
    rule: finding.rule,
    severity: levelOf(finding),
    message: finding.message,
    note: finding.note,
  };
}

function formatText(results: ReadonlyArray<{ file: string; finding: Finding }>, outcome: ScanOutcome): string {
  const analysed = analysedText(outcome);
  if (results.length === 0) {
    return `${l10n.t('No in-memory session state found ({0}).', analysed)}\n`;
  }
  const lines = results.map(({ file, finding }) => {
    const { line, character } = finding.range.start;
    return `${file}:${line + 1}:${character + 1}: ${levelOf(finding)} [${finding.rule}] ${finding.message}\n    ${l10n.t('why: {0}', finding.note)}\n`;
  });
  const files = new Set(results.map((result) => result.file)).size;
  const found =
    results.length === 1
      ? l10n.t('1 finding in 1 file ({0}).', analysed)
      : files === 1
        ? l10n.t('{0} findings in 1 file ({1}).', results.length, analysed)
        : l10n.t('{0} findings in {1} files ({2}).', results.length, files, analysed);
  return `${lines.join('')}\n${found}\n`;
}

/** "3 files analysed, 1 suppressed": each count and plural its own message, so translators get whole phrases. */
function analysedText(outcome: ScanOutcome): string {
  const analysed = outcome.scanned === 1 ? l10n.t('1 file analysed') : l10n.t('{0} files analysed', outcome.scanned);
  return outcome.suppressed > 0 ? l10n.t('{0}, {1} suppressed', analysed, outcome.suppressed) : analysed;
}

/** A SARIF 2.1.0 log that GitHub code scanning accepts: rules with help links, results with relative locations. */
export function toSarif(results: ReadonlyArray<{ file: string; finding: Finding }>, cwd: string): object {
  const rules = RULE_IDS.map((id) => {
    const rule = RULES[id];
    const helpUri = `${NOTES_BASE_URL}${rule.note}.md`;
    const description = ruleDescription(id);
    return {
      id,
      name: id.replace(/-([a-z])/g, (_match: string, letter: string) => letter.toUpperCase()),
      shortDescription: { text: ruleTitle(id) },
      fullDescription: { text: description },
      help: { text: l10n.t('{0} See {1}', description, helpUri) },
      helpUri,
      defaultConfiguration: { level: sarifLevel(finalSeverity({ rule: id, severity: rule.severity })) },
      properties: { tags: ['scalability', 'state'] },
    };
  });
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'statecraft', informationUri: 'https://github.com/statecraft-dev/statecraft', rules } },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(cwd.endsWith(path.sep) ? cwd : `${cwd}${path.sep}`).href } },
        columnKind: 'utf16CodeUnits',
        results: results.map(({ file, finding }) => ({
          ruleId: finding.rule,
          ruleIndex: RULE_IDS.indexOf(finding.rule),
          level: sarifLevel(levelOf(finding)),
          message: { text: finding.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: file.split('/').map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' },
                region: {
                  startLine: finding.range.start.line + 1,
                  startColumn: finding.range.start.character + 1,
                  endLine: finding.range.end.line + 1,
                  endColumn: finding.range.end.character + 1,
                },
              },
            },
          ],
          properties: { title: finding.title, note: finding.note, framework: finding.framework },
        })),
      },
    ],
  };
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
