// What `statecraft scan` does with its findings once the walk is over: applies a baseline (or writes one), picks the
// findings that fail the build (`--fail-on`), prints the chosen format to stdout or `--output`, and writes the SARIF
// file code scanning uploads (`--sarif-file`). The formats, fingerprints and baseline rules are the core's
// (src/core/ci); this module only reads and writes files and decides the exit code.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import * as l10n from '@vscode/l10n';
import type { RuleId } from '../core/analyzer/types';
import { BaselineError, compareWithBaseline, parseBaseline, serializeBaseline, type Baseline, type BaselineEntry } from '../core/ci/baseline';
import { buildCodeQualityReport } from '../core/ci/gitlab';
import { finalSeverity, type SeverityLevel } from '../core/analyzer/severity';
import { buildSarifReport, findingLevel, GITHUB_MAX_GZIP_BYTES, type ReportedFinding, type SarifLevel } from '../core/ci/sarif';
import { ExitCode, InputError, packageVersion, UsageError, type CliIo } from './cliIo';

export const OUTPUT_FORMATS = ['text', 'json', 'sarif', 'gitlab', 'github'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** `--fail-on`: the lowest level that fails the build; `none` reports and never fails on findings. */
export const FAIL_ON_LEVELS = ['error', 'warning', 'note', 'none'] as const;
export type FailOn = (typeof FAIL_ON_LEVELS)[number];

/** The report options of `statecraft scan` (paths relative to the current directory). */
export interface ReportOptions {
  readonly format: OutputFormat;
  readonly output?: string;
  readonly sarifFile?: string;
  readonly baseline?: string;
  readonly writeBaseline?: string;
  readonly failOn: FailOn;
  /** SARIF `automationDetails` category; each shard of a repository gets its own. */
  readonly category: string;
}

/** The counts the text summary prints next to the findings. */
export interface ScanCounts {
  readonly scanned: number;
  readonly suppressed: number;
}

/** One finding as the JSON output prints it: 1-based lines and columns, `file` relative to cwd with `/`. */
export interface ScanResultJson {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly rule: RuleId;
  /** The level the editor shows by default (the core's severity policy). */
  readonly severity: SeverityLevel;
  /** The same as SARIF folds it: error, warning or note (what `--fail-on` compares). */
  readonly level: SarifLevel;
  readonly message: string;
  readonly note: string;
  readonly fingerprint: string;
  /** Present when a decision record judged the finding: `drift` or `accepted`, the record, the rule that found it. */
  readonly decision?: { readonly verdict: 'drift' | 'accepted'; readonly record: string; readonly rule: RuleId };
}

/** Reads and checks the `--baseline` file before the scan starts, so a bad file fails fast (exit 2, naming it). */
export function loadBaseline(file: string, cwd: string): Baseline {
  let text: string;
  try {
    text = fs.readFileSync(path.resolve(cwd, file), 'utf8');
  } catch (error) {
    throw new InputError(l10n.t('cannot read baseline {0}: {1}', file, (error as NodeJS.ErrnoException).code ?? String(error)));
  }
  try {
    return parseBaseline(text);
  } catch (error) {
    if (error instanceof BaselineError) throw new InputError(l10n.t('baseline {0} is malformed: {1}', file, error.message));
    throw error;
  }
}

const LEVEL_RANK: Readonly<Record<FailOn, number>> = { error: 0, warning: 1, note: 2, none: -1 };

function fails(result: ReportedFinding, failOn: FailOn): boolean {
  return LEVEL_RANK[findingLevel(result.finding)] <= LEVEL_RANK[failOn];
}

/**
 * Writes the reports for `results` (sorted by file and position) and returns the exit code: 1 when a finding that is
 * not in the baseline reaches `--fail-on`, otherwise 2 when files could not be read, otherwise 0.
 */
export function report(results: readonly ReportedFinding[], counts: ScanCounts, readErrors: number, options: ReportOptions, io: CliIo, baseline?: Baseline): number {
  const version = packageVersion();
  const entries = (list: readonly ReportedFinding[]): BaselineEntry[] => list.map(({ file, finding, fingerprint }) => ({ file, rule: finding.rule, fingerprint }));
  if (options.writeBaseline !== undefined) {
    writeFile(options.writeBaseline, serializeBaseline(entries(results)), io);
    io.stderr(`statecraft scan: ${results.length === 1 ? l10n.t('wrote 1 finding to the baseline {0}', options.writeBaseline) : l10n.t('wrote {0} findings to the baseline {1}', results.length, options.writeBaseline)}\n`);
  }
  let shown: readonly ReportedFinding[] = results;
  let baselineNote: string | undefined;
  if (baseline !== undefined) {
    const tagged = results.map((result) => ({ ...entries([result])[0], result }));
    const comparison = compareWithBaseline(tagged, baseline);
    shown = comparison.fresh.map(({ result }) => result);
    baselineNote = l10n.t('baseline {0}: {1} known, {2} new, {3} stale (fixed or edited; re-write it with --write-baseline to drop them)', options.baseline ?? '', comparison.known, shown.length, comparison.stale.length);
  }

  const body = formatReport(shown, counts, options, io, version, baselineNote);
  if (options.output !== undefined) writeFile(options.output, body, io);
  else io.stdout(body);
  if (options.format !== 'text' && baselineNote !== undefined) io.stderr(`statecraft scan: ${baselineNote}\n`);
  if (options.sarifFile !== undefined) {
    writeFile(options.sarifFile, options.format === 'sarif' ? body : sarifText(shown, options, io, version), io);
  }

  if (options.writeBaseline === undefined && shown.some((result) => fails(result, options.failOn))) return ExitCode.findings;
  return readErrors > 0 ? ExitCode.usage : ExitCode.ok;
}

function formatReport(shown: readonly ReportedFinding[], counts: ScanCounts, options: ReportOptions, io: CliIo, version: string, baselineNote: string | undefined): string {
  switch (options.format) {
    case 'json':
      return `${JSON.stringify(shown.map(toJson), null, 2)}\n`;
    case 'sarif':
      return sarifText(shown, options, io, version);
    case 'gitlab':
      return `${JSON.stringify(buildCodeQualityReport(shown), null, 2)}\n`;
    case 'github':
      return shown.map(toWorkflowCommand).join('');
    case 'text':
      return formatText(shown, counts, baselineNote);
  }
}

function sarifText(shown: readonly ReportedFinding[], options: ReportOptions, io: CliIo, version: string): string {
  const cwd = io.cwd.endsWith(path.sep) ? io.cwd : `${io.cwd}${path.sep}`;
  const { log, dropped } = buildSarifReport(shown, { srcRootUri: pathToFileURL(cwd).href, category: options.category, version });
  if (dropped > 0) {
    io.stderr(`statecraft scan: ${l10n.t('warning: SARIF keeps {0} of {1} results (GitHub code scanning rejects a run with more); the lowest levels were dropped', shown.length - dropped, shown.length)}\n`);
  }
  const text = `${JSON.stringify(log, null, 2)}\n`;
  const compressed = gzipSync(text).length;
  if (compressed > GITHUB_MAX_GZIP_BYTES) {
    io.stderr(`statecraft scan: ${l10n.t('warning: the SARIF log is {0} bytes gzip-compressed, over the 10 MB GitHub code scanning accepts; split the scan with --shard', compressed)}\n`);
  }
  return text;
}

function toJson({ file, finding, fingerprint }: ReportedFinding): ScanResultJson {
  return {
    file,
    line: finding.range.start.line + 1,
    column: finding.range.start.character + 1,
    endLine: finding.range.end.line + 1,
    endColumn: finding.range.end.character + 1,
    rule: finding.rule,
    severity: finalSeverity(finding),
    level: findingLevel(finding),
    message: finding.message,
    note: finding.note,
    fingerprint,
    ...(finding.decision ? { decision: finding.decision } : {}),
  };
}

/**
 * GitHub Actions workflow commands (`::warning file=…,line=…::message`): annotations on the pull request's diff,
 * for repositories without code scanning (private repositories without GitHub Advanced Security).
 * Escaping follows the runner's rules for data (%, CR, LF) and for properties (also `:` and `,`).
 */
function toWorkflowCommand({ file, finding }: ReportedFinding): string {
  const escapeData = (text: string) => text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const escapeProperty = (text: string) => escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
  const level = findingLevel(finding);
  const command = level === 'note' ? 'notice' : level;
  const { start, end } = finding.range;
  const properties = [
    `file=${escapeProperty(file)}`,
    `line=${start.line + 1}`,
    `endLine=${end.line + 1}`,
    ...(start.line === end.line ? [`col=${start.character + 1}`, `endColumn=${end.character + 1}`] : []),
    `title=${escapeProperty(`statecraft ${finding.rule}`)}`,
  ];
  return `::${command} ${properties.join(',')}::${escapeData(finding.message)}\n`;
}

function formatText(results: readonly ReportedFinding[], counts: ScanCounts, baselineNote: string | undefined): string {
  const analysed = analysedText(counts);
  const tail = baselineNote === undefined ? '' : `${baselineNote}\n`;
  if (results.length === 0) {
    return `${l10n.t('No in-memory session state found ({0}).', analysed)}\n${tail}`;
  }
  const lines = results.map(({ file, finding }) => {
    const { line, character } = finding.range.start;
    return `${file}:${line + 1}:${character + 1}: ${finalSeverity(finding)} [${finding.rule}] ${finding.message}\n    ${l10n.t('why: {0}', finding.note)}\n`;
  });
  const files = new Set(results.map((result) => result.file)).size;
  const found =
    results.length === 1
      ? l10n.t('1 finding in 1 file ({0}).', analysed)
      : files === 1
        ? l10n.t('{0} findings in 1 file ({1}).', results.length, analysed)
        : l10n.t('{0} findings in {1} files ({2}).', results.length, files, analysed);
  return `${lines.join('')}\n${found}\n${tail}`;
}

/** "3 files analysed, 1 suppressed": each count and plural its own message, so translators get whole phrases. */
function analysedText(counts: ScanCounts): string {
  const analysed = counts.scanned === 1 ? l10n.t('1 file analysed') : l10n.t('{0} files analysed', counts.scanned);
  return counts.suppressed > 0 ? l10n.t('{0}, {1} suppressed', analysed, counts.suppressed) : analysed;
}

function writeFile(file: string, text: string, io: CliIo): void {
  const target = path.resolve(io.cwd, file);
  try {
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, text);
  } catch (error) {
    throw new InputError(l10n.t('cannot write {0}: {1}', file, (error as NodeJS.ErrnoException).code ?? String(error)));
  }
}

/** Checks a `--fail-on` value. */
export function parseFailOn(value: string): FailOn {
  const level = FAIL_ON_LEVELS.find((candidate) => candidate === value);
  if (level === undefined) throw new UsageError(l10n.t('option "--fail-on" must be error, warning, note or none, got "{0}"', value));
  return level;
}

/** Checks a `--format` value. */
export function parseFormat(value: string): OutputFormat {
  const format = OUTPUT_FORMATS.find((candidate) => candidate === value);
  if (format === undefined) throw new UsageError(l10n.t('option "--format" must be text, json, sarif, gitlab or github, got "{0}"', value));
  return format;
}
