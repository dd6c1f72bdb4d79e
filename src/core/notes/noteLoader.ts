// Turns note files (bytes) into validated notes. Two stages:
//  1. `parseNote` / `parseNotes`: everything that can be checked from one file alone (size, encoding, front
//     matter, fields). A file that fails here is not loaded.
//  2. `linkNotes`: everything that needs the whole set, across every notes root (bundled + user folders):
//     duplicate ids (the later note is not loaded), `related` ids and cross-links in bodies. These problems are
//     reported but the note stays loaded, so one typo in a link does not hide a whole note.
// Whatever happens to bad files, the good notes load.

import * as l10n from '@vscode/l10n';
import type { SourceFile } from '../ports';
import { codeBlockLanguageProblems } from './codeBlocks';
import { splitFrontMatter } from './frontMatter';
import { analyzeMarkdown, type MarkdownLink } from './markdownStructure';
import type { Note, NoteProblem } from './note';
import { classifyHref } from './noteLinks';
import { validateFrontMatter } from './noteValidator';
import { isError, noteProblem } from './frontMatterChecker';
import { SIM_KINDS, simDirectiveKind } from '../sim/simKinds';

/** Files over this size are refused: notes are prose, and a huge file is a mistake (or an attack on the UI). */
export const DEFAULT_MAX_NOTE_BYTES = 1024 * 1024;

/** Words per minute for `readingMinutes`. */
export const READING_WORDS_PER_MINUTE = 200;

/** Options for parsing note files. */
export interface ParseNoteOptions {
  /** Refuse files larger than this many bytes. Default {@link DEFAULT_MAX_NOTE_BYTES}. */
  readonly maxBytes?: number;
}

/** The result of parsing one file: a note when it is valid, and every problem found (errors and warnings). */
export interface ParsedNote {
  readonly note?: Note;
  readonly problems: readonly NoteProblem[];
}

/** The notes and problems of one notes root (or of several, once merged). */
export interface LoadedNotes {
  readonly notes: readonly Note[];
  readonly problems: readonly NoteProblem[];
}

/** What parsing learned about a note that linking needs again; kept out of the serialisable Note. */
interface NoteDetails {
  readonly links: readonly MarkdownLink[];
  readonly fieldLines: ReadonlyMap<string, number>;
}

const details = new WeakMap<Note, NoteDetails>();

/** The file name of a path or URI string: `content/foo.md` and `file:///x/foo%20bar.md` give `foo.md`, `foo bar.md`. */
export function baseName(path: string): string {
  const name = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(path)) {
    try {
      return decodeURIComponent(name);
    } catch {
      return name;
    }
  }
  return name;
}

/** Reading time at {@link READING_WORDS_PER_MINUTE}, rounded to the nearest minute, at least 1. */
export function readingMinutesFor(wordCount: number): number {
  return Math.max(1, Math.round(wordCount / READING_WORDS_PER_MINUTE));
}

function decode(file: SourceFile, maxBytes: number): { text?: string; problem?: NoteProblem } {
  const { bytes, path } = file;
  if (bytes.length > maxBytes) {
    const limit = l10n.t({ message: 'file is larger than the {0}-byte limit for a note', args: [maxBytes], comment: ['{0} is a whole number of bytes'] });
    return { problem: noteProblem(path, limit, { line: 0 }) };
  }
  if (bytes.includes(0)) {
    return { problem: noteProblem(path, l10n.t('file is binary (it contains NUL bytes), not a Markdown note'), { line: 0 }) };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { problem: noteProblem(path, l10n.t('file is not valid UTF-8 text'), { line: 0 }) };
  }
  if (text.trim() === '') {
    return { problem: noteProblem(path, l10n.t('file is empty'), { line: 0 }) };
  }
  return { text };
}

/**
 * Parses and validates one note file. The id must equal the file's base name without `.md`. Checks: `.md` name,
 * not empty, at most `maxBytes`, no NUL bytes, valid UTF-8, `---` front matter that is valid YAML, and every
 * field. Computes headings (slugged with `slugify`, unique like GitHub), word count and reading time.
 */
export function parseNote(file: SourceFile, root: string, options: ParseNoteOptions = {}): ParsedNote {
  const name = baseName(file.path);
  if (!name.endsWith('.md')) {
    return { problems: [noteProblem(file.path, l10n.t('not a note: note files are named <id>.md'), { line: 0 })] };
  }
  const { text, problem } = decode(file, options.maxBytes ?? DEFAULT_MAX_NOTE_BYTES);
  if (text === undefined) {
    return { problems: problem ? [problem] : [] };
  }
  const split = splitFrontMatter(text);
  if (!split.ok) {
    return { problems: [noteProblem(file.path, split.error.message, { line: split.error.line })] };
  }
  const { data, body, bodyStartLine, fieldLines } = split.frontMatter;
  const validation = validateFrontMatter(data, file.path, { expectedId: name.slice(0, -'.md'.length), fieldLines });
  if (!validation.meta) {
    return { problems: validation.problems };
  }
  const structure = analyzeMarkdown(body);
  const note: Note = {
    ...validation.meta,
    body,
    headings: structure.headings,
    wordCount: structure.wordCount,
    readingMinutes: readingMinutesFor(structure.wordCount),
    sourcePath: file.path,
    root,
    bodyStartLine,
  };
  details.set(note, { links: structure.links, fieldLines });
  // A sample without a language cannot be checked or highlighted; the note still loads (a warning).
  const codeProblems = codeBlockLanguageProblems(structure.codeBlocks).map((problem) =>
    noteProblem(file.path, problem.detail, { field: 'body', line: bodyStartLine + problem.line, severity: 'warning' }),
  );
  return { note, problems: [...validation.problems, ...codeProblems, ...checkSimDirectives(body, file.path, bodyStartLine)] };
}

const FENCE_OPENING = /^ {0,3}(?:`{3,}|~{3,})\s*(statecraft-sim\b.*)$/;

/**
 * A ```statecraft-sim``` fence that is not exactly a known kind renders as a plain code block (never a panel); say
 * so, as a warning, so an author notices the typo.
 */
function checkSimDirectives(body: string, sourcePath: string, bodyStartLine: number): NoteProblem[] {
  const problems: NoteProblem[] = [];
  body.split('\n').forEach((line, index) => {
    const info = FENCE_OPENING.exec(line)?.[1];
    if (info !== undefined && simDirectiveKind(info) === null) {
      const detail = l10n.t({ message: 'simulation block "{0}" is shown as code: expected {1}', args: [info.trim(), SIM_KINDS.map((kind) => `statecraft-sim ${kind}`).join(', ')], comment: ['{0} is the fence info the author wrote; {1} lists the valid forms (not translated)'] });
      problems.push(noteProblem(sourcePath, detail, { field: 'body', line: bodyStartLine + index, severity: 'warning' }));
    }
  });
  return problems;
}

/** Parses every file of one notes root (in path order, so "which duplicate wins" is stable). No cross-note checks. */
export function parseNotes(files: readonly SourceFile[], root: string, options: ParseNoteOptions = {}): LoadedNotes {
  const notes: Note[] = [];
  const problems: NoteProblem[] = [];
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const file of sorted) {
    const parsed = parseNote(file, root, options);
    problems.push(...parsed.problems);
    if (parsed.note) {
      notes.push(parsed.note);
    }
  }
  return { notes, problems };
}

/** Loaded notes with lookup by id. `problems` holds every problem found while loading, errors and warnings. */
export class NoteCollection implements LoadedNotes {
  private readonly byId: ReadonlyMap<string, Note>;

  constructor(
    readonly notes: readonly Note[],
    readonly problems: readonly NoteProblem[],
  ) {
    this.byId = new Map(notes.map((note) => [note.id, note]));
  }

  get size(): number {
    return this.notes.length;
  }

  get(id: string): Note | undefined {
    return this.byId.get(id);
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  /** The note's `related` notes that exist, in the order the note lists them. */
  related(note: Note): Note[] {
    return note.related.flatMap((id) => this.byId.get(id) ?? []);
  }

  /** True when no problem is an error (warnings allowed). */
  get valid(): boolean {
    return !this.problems.some(isError);
  }
}

function linksOf(note: Note): readonly MarkdownLink[] {
  return details.get(note)?.links ?? analyzeMarkdown(note.body).links;
}

/** The 0-based file line of a front-matter field of a note this loader parsed (`checked`, `related[2]`), if known. */
export function fieldLine(note: Note, field: string): number | undefined {
  return details.get(note)?.fieldLines.get(field);
}

/** The clause listing a note's headings, appended after "; " to a "has no heading" message. */
function headingList(note: Note): string {
  const slugs = note.headings.map((heading) => `#${heading.slug}`).join(', ');
  return slugs === ''
    ? l10n.t('it has no headings')
    : l10n.t({ message: 'its headings are {0}', args: [slugs], comment: ['{0} lists heading anchors such as #problem, #mechanism (not translated)'] });
}

// In these messages `[{0}]({1})` is the Markdown link as the author wrote it (its text and its target): keep it.
function checkLinks(note: Note, byId: ReadonlyMap<string, Note>, problems: NoteProblem[]): void {
  const own = new Set(note.headings.map((heading) => heading.slug));
  for (const link of linksOf(note)) {
    const at = { field: 'body', line: (note.bodyStartLine ?? 0) + link.line };
    const { text, href } = link;
    const target = classifyHref(href);
    if (target.kind === 'blocked') {
      const detail = l10n.t({ message: 'link [{0}]({1}): {2}', args: [text, href, target.reason], comment: ['[{0}]({1}) is a Markdown link (keep the brackets): {0} its text, {1} its target; {2} says why the link is not allowed'] });
      problems.push(noteProblem(note.sourcePath, detail, at));
    } else if (target.kind === 'anchor' && !own.has(target.fragment)) {
      const detail = l10n.t({ message: 'link [{0}]({1}): this note has no heading "#{2}"; {3}', args: [text, href, target.fragment, headingList(note)], comment: ['[{0}]({1}) is a Markdown link (keep the brackets): {0} its text, {1} its target; {2} is a heading anchor; {3} lists the headings the note has'] });
      problems.push(noteProblem(note.sourcePath, detail, at));
    } else if (target.kind === 'note') {
      const other = byId.get(target.id);
      if (!other) {
        const detail = l10n.t({ message: 'link [{0}]({1}): there is no note with id "{2}"', args: [text, href, target.id], comment: ['[{0}]({1}) is a Markdown link (keep the brackets): {0} its text, {1} its target; {2} is a note id'] });
        problems.push(noteProblem(note.sourcePath, detail, at));
      } else if (target.fragment !== undefined && !other.headings.some((heading) => heading.slug === target.fragment)) {
        const detail = l10n.t({ message: 'link [{0}]({1}): note "{2}" has no heading "#{3}"; {4}', args: [text, href, target.id, target.fragment, headingList(other)], comment: ['[{0}]({1}) is a Markdown link (keep the brackets): {0} its text, {1} its target; {2} is a note id, {3} a heading anchor; {4} lists the headings that note has'] });
        problems.push(noteProblem(note.sourcePath, detail, at));
      }
    }
  }
}

/**
 * Merges notes roots in priority order (e.g. bundled first, then each user folder) and runs the cross-note
 * checks. A note whose id is already taken by an earlier note is rejected with a message naming both files.
 * Unknown `related` ids and broken cross-links (unknown note, unknown heading, disallowed URL) are reported; those
 * notes still load. Pass already-loaded notes (e.g. the bundled catalog) as `{ notes, problems: [] }`.
 */
export function linkNotes(roots: readonly LoadedNotes[]): NoteCollection {
  const problems: NoteProblem[] = roots.flatMap((root) => root.problems);
  const byId = new Map<string, Note>();
  const notes: Note[] = [];
  for (const note of roots.flatMap((root) => root.notes)) {
    const first = byId.get(note.id);
    if (first) {
      problems.push(
        noteProblem(
          note.sourcePath,
          l10n.t({ message: 'duplicate id "{0}": already used by {1}; this note was not loaded', args: [note.id, first.sourcePath], comment: ['{0} is a note id, {1} the file that already uses it'] }),
          { field: 'id', line: fieldLine(note, 'id') },
        ),
      );
      continue;
    }
    byId.set(note.id, note);
    notes.push(note);
  }
  for (const note of notes) {
    note.related.forEach((id, index) => {
      if (!byId.has(id)) {
        const field = `related[${index}]`;
        problems.push(
          noteProblem(note.sourcePath, l10n.t({ message: 'there is no note with id "{0}"', args: [id], comment: ['{0} is a note id'] }), { field, line: fieldLine(note, field) }),
        );
      }
    });
    checkLinks(note, byId, problems);
  }
  return new NoteCollection(notes, problems);
}

/** Loads one notes root: parses every file, then runs the cross-note checks. */
export function loadNoteCollection(
  files: readonly SourceFile[],
  root: string,
  options: ParseNoteOptions = {},
): NoteCollection {
  return linkNotes([parseNotes(files, root, options)]);
}

/** One notes root to load: its label ("bundled", or the user's folder) and its files. */
export interface NotesRootFiles {
  readonly root: string;
  readonly files: readonly SourceFile[];
}

/** Loads several roots (earlier roots win duplicate ids) and checks links across all of them. */
export function loadNoteRoots(roots: readonly NotesRootFiles[], options: ParseNoteOptions = {}): NoteCollection {
  return linkNotes(roots.map((root) => parseNotes(root.files, root.root, options)));
}
