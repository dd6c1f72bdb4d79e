// What a CLI command may touch. Commands write results to `stdout` and problems to `stderr`, and return their exit
// code instead of calling process.exit, so tests run them in-process and capture both streams.

import * as fs from 'node:fs';
import * as path from 'node:path';
import * as l10n from '@vscode/l10n';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** The directory relative paths are resolved against. */
  readonly cwd: string;
  /** True when stderr is a terminal a person watches (progress lines are drawn only then). */
  readonly stderrIsTTY?: boolean;
}

/** Exit codes shared by every command: 0 success/clean, 1 findings or invalid notes, 2 usage or I/O error. */
export const ExitCode = { ok: 0, findings: 1, usage: 2 } as const;

/** A usage error: the dispatcher prints its message to stderr and exits 2, with nothing on stdout. */
export class UsageError extends Error {}

/** An I/O error (unreadable path, ...): exit 2, message to stderr. */
export class InputError extends Error {}

/** "usage: <syntax>", shared by every command: the word is translated, the syntax is typed literally. */
export function usageLine(syntax: string): string {
  return l10n.t({ message: 'usage: {0}', args: [syntax], comment: ['{0} is the command syntax (not translated)'] });
}

/** A usage error: the problem, then the command's usage line. */
export function usageError(problem: string, syntax: string): UsageError {
  return new UsageError(`${problem}\n${usageLine(syntax)}`);
}

/** This package's version: package.json is one folder up from dist/cli.js, two from src/cli/ when run from source. */
export function packageVersion(): string {
  for (const candidate of [path.join(__dirname, '..', 'package.json'), path.join(__dirname, '..', '..', 'package.json')]) {
    try {
      const manifest = JSON.parse(fs.readFileSync(candidate, 'utf8')) as { name?: string; version?: string };
      if (manifest.name === 'statecraft' && typeof manifest.version === 'string') return manifest.version;
    } catch {
      // try the next candidate
    }
  }
  return 'unknown';
}
