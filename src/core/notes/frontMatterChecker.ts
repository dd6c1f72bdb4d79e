// The problem list front-matter validation writes to: {@link noteProblem} words a problem so it names the file and the
// field, and {@link FieldChecker} holds the checks every field shares (non-empty strings, string lists, unknown keys)
// and records what it finds with the line of the field when the parser gave one.

import * as l10n from '@vscode/l10n';
import type { NoteProblem, NoteProblemSeverity } from './note';

/** Where a problem is, for {@link noteProblem}. */
export interface ProblemLocation {
  readonly field?: string;
  /** 0-based file line. */
  readonly line?: number;
  readonly severity?: NoteProblemSeverity;
}

/**
 * Builds a {@link NoteProblem} whose message names the file and the field:
 * `content/foo.md: field "priority": expected one of P0, P1, P2 but got "P9"`; body problems read
 * `content/foo.md: body line 12: ...`.
 */
export function noteProblem(sourcePath: string, detail: string, location: ProblemLocation = {}): NoteProblem {
  const { field, line, severity } = location;
  let message: string;
  if (field === 'body') {
    message =
      line === undefined
        ? l10n.t({ message: '{0}: body: {1}', args: [sourcePath, detail], comment: ['{0} is the note file, {1} the problem found in its Markdown body'] })
        : l10n.t({ message: '{0}: body line {1}: {2}', args: [sourcePath, line + 1, detail], comment: ['{0} is the note file, {1} a line number in it, {2} the problem found on that line of its Markdown body'] });
  } else if (field !== undefined) {
    message = l10n.t({ message: '{0}: field "{1}": {2}', args: [sourcePath, field, detail], comment: ['{0} is the note file, {1} a front-matter field name such as priority or ddia[0].chapter (not translated), {2} the problem with it'] });
  } else {
    message = `${sourcePath}: ${detail}`;
  }
  return {
    sourcePath,
    message,
    detail,
    ...(field === undefined ? {} : { field }),
    ...(line === undefined ? {} : { line }),
    ...(severity === undefined ? {} : { severity }),
  };
}

/** True when the problem makes the note invalid (everything but warnings). */
export function isError(problem: NoteProblem): boolean {
  return problem.severity !== 'warning';
}


/**
 * The value found, for "... but got {0}" messages: a quoted string, a phrase such as "an empty list", or a JS type
 * name and the value (`number 3`, `boolean true`).
 */
export function describe(value: unknown): string {
  if (value === null || value === undefined) {
    return l10n.t({ message: 'nothing', comment: ['Describes a missing YAML value, in messages such as: expected a non-empty string but got nothing'] });
  }
  if (Array.isArray(value)) {
    return value.length === 0
      ? l10n.t({ message: 'an empty list', comment: ['Describes a YAML value, in messages such as: expected a non-empty list of category names but got an empty list'] })
      : l10n.t({ message: 'a list', comment: ['Describes a YAML value, in messages such as: expected a non-empty string but got a list'] });
  }
  if (typeof value === 'object') {
    return l10n.t({ message: 'a mapping', comment: ['Describes a YAML value (key: value pairs), in messages such as: expected a non-empty string but got a mapping'] });
  }
  if (typeof value === 'string') {
    const shown = value.length > 60 ? `${value.slice(0, 57)}...` : value;
    return JSON.stringify(shown);
  }
  return `${typeof value} ${String(value)}`;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}


/**
 * Checks shared by the front-matter fields; each records its problems for one note file. Translator comments are
 * written out in each call: the bundle extractor reads only literal comments.
 */
export class FieldChecker {
  readonly problems: NoteProblem[] = [];

  constructor(
    private readonly sourcePath: string,
    private readonly fieldLines: ReadonlyMap<string, number> | undefined,
  ) {}

  get failed(): boolean {
    return this.problems.some(isError);
  }

  /** The line of the field, else of its nearest parent, else the opening `---` (where a missing field belongs). */
  lineOf(field: string): number | undefined {
    if (!this.fieldLines) {
      return undefined;
    }
    let path = field;
    for (;;) {
      const line = this.fieldLines.get(path);
      if (line !== undefined) {
        return line;
      }
      const cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
      if (cut <= 0) {
        return 0;
      }
      path = path.slice(0, cut);
    }
  }

  report(field: string, detail: string, severity?: NoteProblemSeverity): void {
    this.problems.push(noteProblem(this.sourcePath, detail, { field, line: this.lineOf(field), severity }));
  }

  nonEmptyString(field: string, value: unknown): string | undefined {
    if (value === undefined) {
      this.report(field, l10n.t('is required but missing'));
      return undefined;
    }
    if (typeof value !== 'string' || value.trim() === '') {
      this.report(field, l10n.t({ message: 'expected a non-empty string but got {0}', args: [describe(value)], comment: ['{0} describes the value found: a quoted value, or a phrase such as "nothing" or "a list"'] }));
      return undefined;
    }
    return value.replace(/\s+/g, ' ').trim();
  }

  /** A required list; `ddia` gets its own hint about when to leave it empty. */
  list(field: string, value: unknown, kind: 'plain' | 'ddia' = 'plain'): readonly unknown[] | undefined {
    if (value === undefined) {
      this.report(field, kind === 'ddia' ? l10n.t('is required but missing (use [] when no chapter applies)') : l10n.t('is required but missing (use [] for none)'));
      return undefined;
    }
    if (!Array.isArray(value)) {
      this.report(
        field,
        kind === 'ddia'
          ? l10n.t({ message: 'expected a list (use [] when no chapter applies) but got {0}', args: [describe(value)], comment: ['{0} describes the value found: a quoted value, or a phrase such as "nothing" or "a list"'] })
          : l10n.t({ message: 'expected a list (use [] for none) but got {0}', args: [describe(value)], comment: ['{0} describes the value found: a quoted value, or a phrase such as "nothing" or "a list"'] }),
      );
      return undefined;
    }
    return value;
  }

  stringList(field: string, value: unknown): string[] | undefined {
    const items = this.list(field, value);
    if (!items) {
      return undefined;
    }
    const result: string[] = [];
    const seen = new Set<string>();
    items.forEach((item, index) => {
      const text = this.nonEmptyString(`${field}[${index}]`, item);
      if (text === undefined) {
        return;
      }
      if (seen.has(text)) {
        this.report(`${field}[${index}]`, l10n.t({ message: 'duplicate entry {0}', args: [describe(text)], comment: ['{0} is the repeated entry, in quotes'] }), 'warning');
      }
      seen.add(text);
      result.push(text);
    });
    return result;
  }

  unknownKeys(field: string, value: Record<string, unknown>, known: readonly string[]): void {
    for (const key of Object.keys(value)) {
      if (!known.includes(key)) {
        const path = field === '' ? key : `${field}.${key}`;
        const expected = known.join(', ');
        this.report(path, l10n.t({ message: 'unknown field (ignored); expected only {0}', args: [expected], comment: ['{0} lists the allowed field names (not translated), separated by commas'] }), 'warning');
      }
    }
  }
}
