// `statecraft notes check <folder>`: validates a folder of notes with the same loader the extension uses, so a
// note that passes here loads in the editor.

import path from 'node:path';
import * as l10n from '@vscode/l10n';
import type { Note, NoteProblem } from '../core/notes/note';
import { fieldLine, linkNotes, parseNotes, type LoadedNotes } from '../core/notes/noteLoader';
import { staleCheckProblems } from '../core/notes/noteStaleness';
import { isError } from '../core/notes/frontMatterChecker';
import { ExitCode, usageError, type CliIo } from './cliIo';
import { displayPathFrom, readMarkdownFiles } from './contentFolder';

/** The command's syntax, typed literally (not translated). */
const SYNTAX = 'statecraft notes check <folder> [--stale-after <days>]';

/** Options for {@link runNotesCheckCommand}. */
export interface NotesCheckOptions {
  /** Refuse files larger than this (default: the loader's 1 MB cap). */
  readonly maxBytes?: number;
  /**
   * Notes that the checked notes may link to and must not clash with (the bundled notes, when checking a user
   * folder). Their own problems are not reported. Notes the checked folder itself provides (same id and same path
   * or same body) are ignored, so checking the bundled content folder against its own catalog works.
   */
  readonly linkAgainst?: () => Promise<readonly Note[]>;
  /** Today's date, `YYYY-MM-DD`, for `--stale-after` (default: the current UTC date). */
  readonly today?: string;
}

interface NotesCheckArgs {
  readonly folder: string;
  /** Warn about notes last checked more than this many days ago (or never). */
  readonly staleAfterDays?: number;
}

function parseStaleAfter(value: string | undefined): number {
  if (value === undefined || !/^\d+$/.test(value)) {
    throw usageError(l10n.t({ message: '--stale-after expects a whole number of days (0 or more) but got {0}', args: [value === undefined ? l10n.t('nothing') : JSON.stringify(value)], comment: ['--stale-after is an option name (not translated); {0} is the value given, in quotes, or the word for a missing value'] }), SYNTAX);
  }
  return Number(value);
}

function parseArgs(argv: readonly string[]): NotesCheckArgs {
  const positional: string[] = [];
  let optionsEnded = false;
  let staleAfterDays: number | undefined;
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index];
    if (!optionsEnded && arg === '--') {
      optionsEnded = true;
    } else if (!optionsEnded && arg === '--stale-after') {
      staleAfterDays = parseStaleAfter(argv[++index]);
    } else if (!optionsEnded && arg.startsWith('--stale-after=')) {
      staleAfterDays = parseStaleAfter(arg.slice('--stale-after='.length));
    } else if (!optionsEnded && arg.startsWith('-') && arg !== '-') {
      throw usageError(l10n.t({ message: 'unknown option "{0}" for "statecraft notes check"', args: [arg], comment: ['{0} is the option the user typed; statecraft notes check is the command (not translated)'] }), SYNTAX);
    } else {
      positional.push(arg);
    }
  }
  if (positional.length === 0 || positional[0] === '') {
    throw usageError(l10n.t('missing folder argument'), SYNTAX);
  }
  if (positional.length > 1) {
    const given = positional.join(' ');
    throw usageError(l10n.t({ message: 'expected one folder but got {0}: {1}', args: [positional.length, given], comment: ['{0} is how many folders were given (2 or more), {1} the folders'] }), SYNTAX);
  }
  return staleAfterDays === undefined ? { folder: positional[0] } : { folder: positional[0], staleAfterDays };
}

/**
 * Drops the notes that the checked folder itself provides: same id and the same path or the same body. That is
 * `statecraft notes check content` run against a catalog built from content/, where every note would otherwise
 * be its own duplicate. A user's note that reuses a bundled id (different file, different text) stays a duplicate.
 */
function withoutCheckedCopies(linkAgainst: readonly Note[], checked: readonly Note[]): Note[] {
  const byId = new Map(checked.map((note) => [note.id, note]));
  return linkAgainst.filter((note) => {
    const copy = byId.get(note.id);
    return !copy || (copy.sourcePath !== note.sourcePath && copy.body !== note.body);
  });
}

/** One problem as `path:line: field: message` (the `field: ` part only when there is a field). */
export function formatProblem(problem: NoteProblem): string {
  const line = problem.line === undefined ? '' : `:${problem.line + 1}`;
  const field = problem.field === undefined ? '' : ` ${problem.field}:`;
  const severity = problem.severity === 'warning' ? ` ${l10n.t({ message: 'warning', comment: ['Marks a problem that does not make a note invalid, in lines such as: notes/a.md:12: colour: warning: unknown field'] })}:` : '';
  return `${problem.sourcePath}${line}:${field}${severity} ${problem.detail ?? problem.message}`;
}

/**
 * `Checked 3 note files in notes: 1 invalid, 2 errors, 0 warnings.` Each count is its own message (one per plural
 * case) and the three are joined with commas into the sentence.
 */
function checkSummary(fileCount: number, folder: string, invalidFiles: number, errorCount: number, warningCount: number): string {
  const counts = [
    l10n.t({ message: '{0} invalid', args: [invalidFiles], comment: ['{0} is a number of invalid note files'] }),
    errorCount === 1 ? l10n.t('1 error') : l10n.t({ message: '{0} errors', args: [errorCount], comment: ['{0} is a number of errors (0 or 2 and more)'] }),
    warningCount === 1 ? l10n.t('1 warning') : l10n.t({ message: '{0} warnings', args: [warningCount], comment: ['{0} is a number of warnings (0 or 2 and more)'] }),
  ].join(', ');
  return fileCount === 1
    ? l10n.t({ message: 'Checked 1 note file in {0}: {1}.', args: [folder, counts], comment: ['{0} is the folder, {1} the counts, e.g. 0 invalid, 0 errors, 1 warning'] })
    : l10n.t({ message: 'Checked {0} note files in {1}: {2}.', args: [fileCount, folder, counts], comment: ['{0} is a number of files (0 or 2 and more), {1} the folder, {2} the counts, e.g. 1 invalid, 2 errors, 0 warnings'] });
}

function compareProblems(a: NoteProblem, b: NoteProblem): number {
  if (a.sourcePath !== b.sourcePath) {
    return a.sourcePath < b.sourcePath ? -1 : 1;
  }
  return (a.line ?? 0) - (b.line ?? 0);
}

/**
 * Runs `statecraft notes check <folder>` (`argv` holds the arguments after `notes check`). Reads every `*.md`
 * under the folder (recursively, relative to `io.cwd`), prints each problem to stdout as
 * `path:line: field: message` and a summary to stderr. With `--stale-after <days>`, a note whose `checked.date` is
 * older than that many days, or that has no `checked`, gets a warning (`checked: warning: stale: ...`). Returns 0
 * when there is no error (warnings, stale ones included, allowed), 1 when any note is invalid. Throws UsageError for a missing folder argument or unknown option, InputError when the
 * folder does not exist.
 */
export async function runNotesCheckCommand(
  argv: readonly string[],
  io: CliIo,
  options: NotesCheckOptions = {},
): Promise<number> {
  const { folder, staleAfterDays } = parseArgs(argv);
  const absolute = path.resolve(io.cwd, folder);
  const files = await readMarkdownFiles(absolute, { maxBytes: options.maxBytes, displayPath: displayPathFrom(io.cwd) });
  const checked = parseNotes(files, folder, { maxBytes: options.maxBytes });
  const roots: LoadedNotes[] = [];
  if (options.linkAgainst) {
    roots.push({ notes: withoutCheckedCopies(await options.linkAgainst(), checked.notes), problems: [] });
  }
  roots.push(checked);
  const checkedPaths = new Set(files.map((file) => file.path));
  const stale =
    staleAfterDays === undefined
      ? []
      : staleCheckProblems(checked.notes, options.today ?? new Date().toISOString().slice(0, 10), staleAfterDays, (note) => fieldLine(note, 'checked') ?? fieldLine(note, 'priority'));
  const problems = [...linkNotes(roots).problems, ...stale]
    .filter((problem) => checkedPaths.has(problem.sourcePath))
    .sort(compareProblems);
  for (const problem of problems) {
    io.stdout(`${formatProblem(problem)}\n`);
  }
  const errors = problems.filter(isError);
  const invalidFiles = new Set(errors.map((problem) => problem.sourcePath)).size;
  const warnings = problems.length - errors.length;
  io.stderr(`${checkSummary(files.length, folder, invalidFiles, errors.length, warnings)}\n`);
  return errors.length > 0 ? ExitCode.findings : ExitCode.ok;
}
