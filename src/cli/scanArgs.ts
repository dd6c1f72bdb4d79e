// `statecraft scan` arguments: parsed into a plain record, or 'help'; bad input is a UsageError naming the problem.

import * as l10n from '@vscode/l10n';
import { MAX_ANALYSED_BYTES } from '../core/analyzer/languages';
import { UsageError } from './cliIo';

export type OutputFormat = 'text' | 'json' | 'sarif';

export interface ScanArgs {
  readonly paths: readonly string[];
  readonly format: OutputFormat;
  readonly excludes: readonly string[];
  readonly maxBytes: number;
}

export const SCAN_SYNTAX = 'statecraft scan <paths...> [--format text|json|sarif] [--exclude <glob>]... [--max-bytes <n>]';

/** Parses the arguments after "scan". No path means the current directory. */
export function parseScanArgs(argv: readonly string[]): ScanArgs | 'help' {
  let format: OutputFormat = 'text';
  let maxBytes = MAX_ANALYSED_BYTES;
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
