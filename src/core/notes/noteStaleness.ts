// `statecraft notes check --stale-after <days>`: which notes nobody has re-checked recently. A date is compared
// with "today" handed in by the caller, so the core stays free of clocks and the rule is testable.

import * as l10n from '@vscode/l10n';
import type { Note, NoteProblem } from './note';
import { noteProblem } from './frontMatterChecker';

/** Whole days from `from` to `to`, both `YYYY-MM-DD`. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * Warnings for notes whose `checked.date` is more than `maxAgeDays` before `today` (`YYYY-MM-DD`), and for notes
 * with no `checked` at all: both mean nobody vouches that the samples still match current library versions.
 */
export function staleCheckProblems(notes: readonly Note[], today: string, maxAgeDays: number, lineOf: (note: Note) => number | undefined = () => undefined): NoteProblem[] {
  return notes.flatMap((note): NoteProblem[] => {
    const line = lineOf(note);
    const at = { field: 'checked', severity: 'warning' as const, ...(line === undefined ? {} : { line }) };
    if (!note.checked) {
      return [noteProblem(note.sourcePath, l10n.t({ message: 'never checked: once the samples are verified, add a "checked:" field with the date ({0}) and the library versions', args: [today], comment: ['{0} is today\'s date, YYYY-MM-DD; "checked:" is a front-matter field name (not translated)'] }), at)];
    }
    const age = daysBetween(note.checked.date, today);
    if (age <= maxAgeDays) return [];
    return [noteProblem(note.sourcePath, l10n.t({ message: 'stale: last checked {0}, {1} days ago (more than {2}); re-check the samples and versions, then update the date', args: [note.checked.date, age, maxAgeDays], comment: ['{0} is a date YYYY-MM-DD, {1} and {2} are numbers of days'] }), at)];
  });
}
