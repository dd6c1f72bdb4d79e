// `statecraft scan` arguments: parsed into a plain record, or 'help'; bad input is a UsageError naming the problem.

import * as os from 'node:os';
import * as l10n from '@vscode/l10n';
import { MAX_ANALYSED_BYTES } from '../core/analyzer/languages';
import { parseShard, type Shard } from '../core/ci/shard';
import { UsageError } from './cliIo';
import { parseFailOn, parseFormat, type FailOn, type OutputFormat, type ReportOptions } from './scanReport';

export interface ScanArgs extends ReportOptions {
  readonly paths: readonly string[];
  readonly excludes: readonly string[];
  readonly maxBytes: number;
  /** `--shard i/n`: only the files whose path hash falls in this shard (core/ci/shard.ts). */
  readonly shard?: Shard;
  /** `--decisions <dir>`; undefined: look for docs/adr under each root and its git root (decisionFolder.ts). */
  readonly decisions?: string;
  /** `--jobs N|auto`: files analysed in parallel; 1 analyses on the main thread, more use worker threads. */
  readonly jobs: number;
}

export const SCAN_SYNTAX =
  'statecraft scan <paths...> [--format text|json|sarif|gitlab|github] [--output <file>] [--sarif-file <file>]\n' +
  '       [--baseline <file>] [--write-baseline <file>] [--fail-on error|warning|note|none] [--shard <i/n>]\n' +
  '       [--exclude <glob>]... [--max-bytes <n>] [--decisions <dir>] [--jobs <n>|auto]';

/** Parses the arguments after "scan". No path means the current directory. */
export function parseScanArgs(argv: readonly string[]): ScanArgs | 'help' {
  let format: OutputFormat = 'text';
  let maxBytes = MAX_ANALYSED_BYTES;
  let failOn: FailOn = 'note';
  let shard: Shard | undefined;
  // One analysis per core by default: the machine a CI job gets is the machine it should use.
  let jobs = os.availableParallelism();
  const files: { output?: string; sarifFile?: string; baseline?: string; writeBaseline?: string; decisions?: string } = {};
  const excludes: string[] = [];
  const paths: string[] = [];
  let optionsEnded = false;
  const setMaxBytes = (value: string) => {
    if (!/^\d+$/.test(value) || Number(value) < 1) {
      throw new UsageError(l10n.t('option "--max-bytes" must be a positive whole number, got "{0}"', value));
    }
    maxBytes = Number(value);
  };
  const setJobs = (value: string) => {
    if (value === 'auto') {
      jobs = os.availableParallelism();
      return;
    }
    if (!/^\d+$/.test(value) || Number(value) < 1) {
      throw new UsageError(l10n.t('option "--jobs" must be a positive whole number or "auto", got "{0}"', value));
    }
    jobs = Number(value);
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
    '--decisions': (value) => (files.decisions = value),
    '--jobs': setJobs,
    '-j': setJobs,
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
  return { paths: paths.length > 0 ? paths : ['.'], format, excludes, maxBytes, failOn, shard, category, jobs, ...files };
}
