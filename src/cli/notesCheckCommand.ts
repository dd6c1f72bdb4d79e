// `statecraft notes check <folder>`: validates a folder of notes with the same loader the extension uses, so a
// note that passes here loads in the editor.

import path from 'node:path';
import type { Note, NoteProblem } from '../core/notes/note';
import { linkNotes, parseNotes, type LoadedNotes } from '../core/notes/noteLoader';
import { isError } from '../core/notes/noteValidator';
import { ExitCode, UsageError, type CliIo } from './cliIo';
import { displayPathFrom, readMarkdownFiles } from './contentFolder';

const USAGE = 'usage: statecraft notes check <folder>';

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
}

function parseArgs(argv: readonly string[]): string {
  const positional: string[] = [];
  let optionsEnded = false;
  for (const arg of argv) {
    if (!optionsEnded && arg === '--') {
      optionsEnded = true;
    } else if (!optionsEnded && arg.startsWith('-') && arg !== '-') {
      throw new UsageError(`unknown option "${arg}" for "statecraft notes check"\n${USAGE}`);
    } else {
      positional.push(arg);
    }
  }
  if (positional.length === 0 || positional[0] === '') {
    throw new UsageError(`missing folder argument\n${USAGE}`);
  }
  if (positional.length > 1) {
    throw new UsageError(`expected one folder but got ${positional.length}: ${positional.join(' ')}\n${USAGE}`);
  }
  return positional[0];
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
  const severity = problem.severity === 'warning' ? ' warning:' : '';
  return `${problem.sourcePath}${line}:${field}${severity} ${problem.detail ?? problem.message}`;
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
 * `path:line: field: message` and a summary to stderr. Returns 0 when there is no error (warnings allowed), 1 when
 * any note is invalid. Throws UsageError for a missing folder argument or unknown option, InputError when the
 * folder does not exist.
 */
export async function runNotesCheckCommand(
  argv: readonly string[],
  io: CliIo,
  options: NotesCheckOptions = {},
): Promise<number> {
  const folder = parseArgs(argv);
  const absolute = path.resolve(io.cwd, folder);
  const files = await readMarkdownFiles(absolute, { maxBytes: options.maxBytes, displayPath: displayPathFrom(io.cwd) });
  const checked = parseNotes(files, folder, { maxBytes: options.maxBytes });
  const roots: LoadedNotes[] = [];
  if (options.linkAgainst) {
    roots.push({ notes: withoutCheckedCopies(await options.linkAgainst(), checked.notes), problems: [] });
  }
  roots.push(checked);
  const checkedPaths = new Set(files.map((file) => file.path));
  const problems = linkNotes(roots)
    .problems.filter((problem) => checkedPaths.has(problem.sourcePath))
    .sort(compareProblems);
  for (const problem of problems) {
    io.stdout(`${formatProblem(problem)}\n`);
  }
  const errors = problems.filter(isError);
  const invalidFiles = new Set(errors.map((problem) => problem.sourcePath)).size;
  const warnings = problems.length - errors.length;
  io.stderr(
    `Checked ${files.length} note file${files.length === 1 ? '' : 's'} in ${folder}: ` +
      `${invalidFiles} invalid, ${errors.length} error${errors.length === 1 ? '' : 's'}, ` +
      `${warnings} warning${warnings === 1 ? '' : 's'}.\n`,
  );
  return errors.length > 0 ? ExitCode.findings : ExitCode.ok;
}
