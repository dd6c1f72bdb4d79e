// Validates parsed front matter against the note schema (see the notes content format). Every problem names the
// file, the field and what is wrong, so an author can fix a note from the message alone.
//
// Unknown fields are warnings, not errors: the note still loads (the field is ignored), but `notes check` and the
// content test show them, so a typo such as `alias:` is noticed (it also shows up as "aliases is required").

import * as l10n from '@vscode/l10n';
import { slugify } from '../slug';
import { validateChecked } from './checkedField';
import { describe, FieldChecker, isRecord, noteProblem } from './frontMatterChecker';
import { DDIA_CHAPTERS, NOTE_ID_PATTERN, PRIORITIES, type DdiaReference, type InterviewQuestion, type NoteMeta, type NoteProblem, type Priority, type SourceLink } from './note';

/**
 * Front-matter fields, in the order the content format lists them. All are required (lists may be empty) except
 * `checked` (right after `priority`) and `questions`, which comes last when present.
 */
export const NOTE_FIELDS = [
  'id',
  'title',
  'category',
  'priority',
  'checked',
  'summary',
  'tags',
  'aliases',
  'related',
  'ddia',
  'sources',
  'questions',
] as const;

/** How many points an interview question lists: fewer is not an answer outline, more is not a card. */
export const QUESTION_POINTS = { min: 2, max: 6 } as const;

/** Options for {@link validateFrontMatter}. */
export interface ValidateFrontMatterOptions {
  /** The file's base name without `.md`; `id` must equal it. */
  readonly expectedId?: string;
  /** From {@link FrontMatter.fieldLines}: lets problems carry the line of the offending key or item. */
  readonly fieldLines?: ReadonlyMap<string, number>;
}

/** The validated metadata (absent when any error was found) and every problem, errors and warnings. */
export interface FrontMatterValidation {
  readonly meta?: NoteMeta;
  readonly problems: readonly NoteProblem[];
}

const ABBREVIATION = /\b(?:e\.g|i\.e|etc|vs|cf|approx|incl|resp)\./gi;
const SENTENCE_BREAK = /[.!?]["')\]]?\s+["'([]?[\p{Lu}\d]/u;

/** True when `text` reads as more than one sentence ("e.g.", "i.e.", "vs." do not end a sentence). */
export function hasSeveralSentences(text: string): boolean {
  const masked = text.replace(ABBREVIATION, (match) => match.replace(/\./g, ','));
  return SENTENCE_BREAK.test(masked);
}


function validateId(check: FieldChecker, value: unknown, expectedId: string | undefined): string | undefined {
  const id = check.nonEmptyString('id', value);
  if (id === undefined) {
    return undefined;
  }
  if (!NOTE_ID_PATTERN.test(id)) {
    check.report(
      'id',
      l10n.t({ message: 'expected a slug (lower-case letters, digits and single hyphens, e.g. "sticky-sessions") but got {0}', args: [describe(id)], comment: ['{0} describes the value found: a quoted value, or a phrase such as "nothing" or "a list"'] }),
    );
    return undefined;
  }
  if (expectedId !== undefined && id !== expectedId) {
    check.report('id', l10n.t({ message: '{0} must equal the file name without .md ({1})', args: [describe(id), describe(expectedId)], comment: ['{0} is the id found, in quotes; {1} is the file name without .md, in quotes'] }));
    return undefined;
  }
  return id;
}

function validateCategory(check: FieldChecker, value: unknown): string[] | undefined {
  if (value === undefined) {
    check.report('category', l10n.t('is required but missing'));
    return undefined;
  }
  if (!Array.isArray(value) || value.length === 0) {
    check.report('category', l10n.t({ message: 'expected a non-empty list of category names but got {0}', args: [describe(value)], comment: ['{0} describes the value found: a quoted value, or a phrase such as "nothing" or "a list"'] }));
    return undefined;
  }
  const result: string[] = [];
  value.forEach((item: unknown, index) => {
    const name = check.nonEmptyString(`category[${index}]`, item);
    if (name === undefined) {
      return;
    }
    if (name.includes('/')) {
      check.report(`category[${index}]`, l10n.t({ message: 'category names must not contain "/" but got {0}', args: [describe(name)], comment: ['{0} describes the value found: a quoted value, or a phrase such as "nothing" or "a list"'] }));
      return;
    }
    result.push(name);
  });
  return result.length === value.length ? result : undefined;
}

function validatePriority(check: FieldChecker, value: unknown): Priority | undefined {
  const allowed = PRIORITIES.join(', ');
  if (value === undefined) {
    check.report('priority', l10n.t({ message: 'is required but missing (one of {0})', args: [allowed], comment: ['{0} lists the priorities: P0, P1, P2'] }));
    return undefined;
  }
  if (typeof value !== 'string' || !(PRIORITIES as readonly string[]).includes(value)) {
    check.report('priority', l10n.t({ message: 'expected one of {0} but got {1}', args: [allowed, describe(value)], comment: ['{0} lists the priorities: P0, P1, P2', '{1} describes the value found: a quoted value, or a phrase such as "nothing" or "a list"'] }));
    return undefined;
  }
  return value as Priority;
}

function validateSummary(check: FieldChecker, value: unknown): string | undefined {
  const summary = check.nonEmptyString('summary', value);
  if (summary !== undefined && hasSeveralSentences(summary)) {
    check.report('summary', l10n.t({ message: 'expected one sentence but got several: {0}', args: [describe(summary)], comment: ['{0} is the summary, in quotes'] }));
    return undefined;
  }
  return summary;
}

function validateRelated(check: FieldChecker, value: unknown, id: string | undefined): string[] | undefined {
  const related = check.stringList('related', value);
  if (!related) {
    return undefined;
  }
  related.forEach((target, index) => {
    if (!NOTE_ID_PATTERN.test(target)) {
      check.report(`related[${index}]`, l10n.t({ message: 'expected a note id (a slug such as "consistent-hashing") but got {0}', args: [describe(target)], comment: ['{0} describes the value found: a quoted value, or a phrase such as "nothing" or "a list"'] }));
    } else if (target === id) {
      check.report(`related[${index}]`, l10n.t('a note cannot list itself as related'));
    }
  });
  return related;
}

const DDIA_KEYS = ['edition', 'chapter', 'title', 'topic'] as const;

function validateDdia(check: FieldChecker, value: unknown): DdiaReference[] | undefined {
  const items = check.list('ddia', value, 'ddia');
  if (!items) {
    return undefined;
  }
  const result: DdiaReference[] = [];
  items.forEach((item, index) => {
    const field = `ddia[${index}]`;
    if (!isRecord(item)) {
      check.report(field, l10n.t({ message: 'expected a mapping { edition, chapter, title, topic? } but got {0}', args: [describe(item)], comment: ['edition, chapter, title and topic are field names (not translated)', '{0} describes the value found: a quoted value, or a phrase such as "nothing" or "a list"'] }));
      return;
    }
    check.unknownKeys(field, item, DDIA_KEYS);
    const { edition, chapter } = item;
    let editionOk = false;
    if (edition === undefined) {
      check.report(`${field}.edition`, l10n.t('is required but missing (1 or 2)'));
    } else if (edition !== 1 && edition !== 2) {
      check.report(`${field}.edition`, l10n.t({ message: 'expected 1 or 2 but got {0}', args: [describe(edition)], comment: ['{0} describes the value found: a quoted value, or a phrase such as "nothing" or "a list"'] }));
    } else {
      editionOk = true;
    }
    let chapterOk = false;
    if (chapter === undefined) {
      check.report(`${field}.chapter`, l10n.t('is required but missing'));
    } else if (typeof chapter !== 'number' || !Number.isInteger(chapter) || chapter < 1) {
      check.report(`${field}.chapter`, l10n.t({ message: 'expected a positive integer but got {0}', args: [describe(chapter)], comment: ['{0} describes the value found: a quoted value, or a phrase such as "nothing" or "a list"'] }));
    } else if (editionOk && chapter > DDIA_CHAPTERS[edition as 1 | 2].length) {
      check.report(
        `${field}.chapter`,
        l10n.t({ message: 'edition {0} has chapters 1-{1} but got {2}', args: [edition as number, DDIA_CHAPTERS[edition as 1 | 2].length, chapter], comment: ['{0} is the edition (1 or 2) of Designing Data-Intensive Applications, {1} its last chapter number, {2} the chapter number found'] }),
      );
    } else {
      chapterOk = true;
    }
    const title = check.nonEmptyString(`${field}.title`, item.title);
    if (title !== undefined && editionOk && chapterOk) {
      const expected = DDIA_CHAPTERS[edition as 1 | 2][(chapter as number) - 1];
      if (slugify(expected) !== slugify(title)) {
        check.report(
          `${field}.title`,
          l10n.t({ message: 'expected {0} for edition {1} chapter {2} but got {3}', args: [describe(expected), edition as number, chapter as number, describe(title)], comment: ['{0} is the chapter title of Designing Data-Intensive Applications (in English, as in the book), {1} the edition, {2} the chapter number, {3} the title found'] }),
        );
      }
    }
    let topic: string | undefined;
    if (item.topic !== undefined) {
      topic = check.nonEmptyString(`${field}.topic`, item.topic);
    }
    if (editionOk && chapterOk && title !== undefined) {
      const reference: DdiaReference = { edition: edition as 1 | 2, chapter: chapter as number, title };
      result.push(topic === undefined ? reference : { ...reference, topic });
    }
  });
  return result;
}

const SOURCE_KEYS = ['title', 'url'] as const;

function validateSources(check: FieldChecker, value: unknown): SourceLink[] | undefined {
  const items = check.list('sources', value);
  if (!items) {
    return undefined;
  }
  const result: SourceLink[] = [];
  items.forEach((item, index) => {
    const field = `sources[${index}]`;
    if (!isRecord(item)) {
      check.report(field, l10n.t({ message: 'expected a mapping { title, url } but got {0}', args: [describe(item)], comment: ['title and url are field names (not translated)', '{0} describes the value found: a quoted value, or a phrase such as "nothing" or "a list"'] }));
      return;
    }
    check.unknownKeys(field, item, SOURCE_KEYS);
    const title = check.nonEmptyString(`${field}.title`, item.title);
    let url: string | undefined;
    if (item.url === undefined) {
      check.report(`${field}.url`, l10n.t('is required but missing'));
    } else if (typeof item.url !== 'string' || !isHttpsUrl(item.url)) {
      check.report(`${field}.url`, l10n.t({ message: 'expected an https:// URL but got {0}', args: [describe(item.url)], comment: ['{0} describes the value found: a quoted value, or a phrase such as "nothing" or "a list"'] }));
    } else {
      url = item.url;
    }
    if (title !== undefined && url !== undefined) {
      result.push({ title, url });
    }
  });
  return result;
}

const QUESTION_KEYS = ['prompt', 'points'] as const;

/** `questions:` is optional; when given, a list of `{ prompt, points: [2–6 strings] }`, and the last key. */
function validateQuestions(check: FieldChecker, value: unknown, keys: readonly string[]): InterviewQuestion[] | undefined {
  if (value === undefined) return [];
  if (keys[keys.length - 1] !== 'questions') {
    check.report('questions', l10n.t('should be the last front-matter key (the shared content format puts it there)'), 'warning');
  }
  const items = check.list('questions', value);
  if (!items) return undefined;
  const result: InterviewQuestion[] = [];
  items.forEach((item, index) => {
    const field = `questions[${index}]`;
    if (!isRecord(item)) {
      check.report(field, l10n.t({ message: 'expected a mapping { prompt, points } but got {0}', args: [describe(item)], comment: ['prompt and points are field names (not translated)', '{0} describes the value found: a quoted value, or a phrase such as "nothing" or "a list"'] }));
      return;
    }
    check.unknownKeys(field, item, QUESTION_KEYS);
    const prompt = check.nonEmptyString(`${field}.prompt`, item.prompt);
    let points: string[] | undefined;
    const given = item.points;
    if (given === undefined) {
      check.report(`${field}.points`, l10n.t({ message: 'is required but missing (a list of {0} to {1} points a good answer covers)', args: [QUESTION_POINTS.min, QUESTION_POINTS.max], comment: ['{0} and {1} are whole numbers'] }));
    } else if (!Array.isArray(given) || given.length < QUESTION_POINTS.min || given.length > QUESTION_POINTS.max) {
      check.report(`${field}.points`, l10n.t({ message: 'expected a list of {0} to {1} points but got {2}', args: [QUESTION_POINTS.min, QUESTION_POINTS.max, Array.isArray(given) ? l10n.t({ message: '{0} points', args: [given.length], comment: ['{0} is a whole number'] }) : describe(given)], comment: ['{0} and {1} are whole numbers; {2} describes the value found, e.g. "7 points" or "a mapping"'] }));
    } else {
      points = check.stringList(`${field}.points`, given);
      if (points && points.length !== given.length) points = undefined;
    }
    if (prompt !== undefined && points !== undefined) result.push({ prompt, points });
  });
  return result;
}

/** True for an absolute `https://host/...` URL (the only kind of external link a note may carry). */
export function isHttpsUrl(text: string): boolean {
  if (!/^https:\/\//i.test(text)) {
    return false;
  }
  try {
    const url = new URL(text);
    return url.protocol === 'https:' && url.hostname !== '';
  } catch {
    return false;
  }
}

/**
 * Validates front-matter data (as parsed by `splitFrontMatter`) for the note at `sourcePath`. Returns the metadata
 * only when there are no errors; warnings (unknown fields, duplicate list entries) do not block it. Strings are
 * trimmed and inner whitespace collapsed (YAML folded scalars end with a newline).
 */
export function validateFrontMatter(
  data: unknown,
  sourcePath: string,
  options: ValidateFrontMatterOptions = {},
): FrontMatterValidation {
  const check = new FieldChecker(sourcePath, options.fieldLines);
  if (!isRecord(data)) {
    return {
      problems: [noteProblem(sourcePath, l10n.t({ message: 'front matter must be a YAML mapping but got {0}', args: [describe(data)], comment: ['{0} describes the value found: a quoted value, or a phrase such as "nothing" or "a list"'] }), { line: 0 })],
    };
  }
  check.unknownKeys('', data, NOTE_FIELDS);
  const id = validateId(check, data.id, options.expectedId);
  const title = check.nonEmptyString('title', data.title);
  const category = validateCategory(check, data.category);
  const priority = validatePriority(check, data.priority);
  const checked = data.checked === undefined ? undefined : validateChecked(check, data.checked);
  const summary = validateSummary(check, data.summary);
  const tags = check.stringList('tags', data.tags);
  const aliases = check.stringList('aliases', data.aliases);
  const related = validateRelated(check, data.related, id);
  const ddia = validateDdia(check, data.ddia);
  const sources = validateSources(check, data.sources);
  const questions = validateQuestions(check, data.questions, Object.keys(data));
  if (
    check.failed ||
    id === undefined ||
    title === undefined ||
    category === undefined ||
    priority === undefined ||
    summary === undefined ||
    tags === undefined ||
    aliases === undefined ||
    related === undefined ||
    ddia === undefined ||
    sources === undefined ||
    questions === undefined
  ) {
    return { problems: check.problems };
  }
  return {
    meta: { id, title, category, priority, ...(checked ? { checked } : {}), summary, tags, aliases, related, ddia, sources, ...(questions.length > 0 ? { questions } : {}) },
    problems: check.problems,
  };
}
