// Full-text search over notes with MiniSearch. Each note is indexed as several documents: its top document (the
// '' section) carries the title, aliases, tags, summary and the text before the first heading; each heading
// section is one more document with its heading and text. Keeping title/aliases/tags on one document only keeps
// their IDF honest (repeating them on every section made a tag weigh less than a heading).
//
// A query is matched per note: a note qualifies when every query word matches somewhere in it (AND, at note
// level, so "consistent hashing ring" finds the title words and the body word in different documents); when no
// note has them all, any word will do (OR). A note scores its top document plus its best section, which gives the
// ranking title > aliases > tags > headings > body, and the hit points at that best section.
//
// The bundled index is built at build time (`serializeSearchIndex`) and loaded lazily at run time
// (`loadSearchIndex`); both sides use the same MiniSearch options below, which is what MiniSearch requires.

import MiniSearch, { type Options, type SearchResult } from 'minisearch';
import { analyzeMarkdown } from '../notes/markdownStructure';
import type { Note } from '../notes/note';

/** One search hit: a note, with the section where it matched best. */
export interface SearchHit {
  /** The note id. */
  readonly id: string;
  readonly title: string;
  readonly score: number;
  /** Heading slug of the best-matching section; '' for the top of the note. */
  readonly section: string;
  /** Heading text of that section; '' for the top of the note. */
  readonly sectionTitle: string;
  /** About 160 characters of plain text around the first matched word (for the QuickPick detail). */
  readonly snippet: string;
}

/** Options for a search. */
export interface SearchOptions {
  /** At most this many notes. Default 50. */
  readonly limit?: number;
}

interface SectionDocument {
  readonly id: string;
  readonly noteId: string;
  /** Stored on every document (for hits); indexed only through `title`, which only the top document fills. */
  readonly noteTitle: string;
  readonly title: string;
  readonly aliases: string;
  readonly tags: string;
  readonly heading: string;
  readonly section: string;
  readonly text: string;
  readonly order: number;
}

/** Field boosts: the ranking contract. */
export const SEARCH_FIELD_BOOSTS: Readonly<Record<string, number>> = {
  title: 10,
  aliases: 7,
  tags: 4,
  heading: 2,
  text: 1,
};

/** Window length of a snippet, in characters. */
export const SNIPPET_LENGTH = 160;
export const DEFAULT_LIMIT = 50;
const MAX_QUERY_LENGTH = 200;
const FORMAT = 'statecraft-search-index';
const FORMAT_VERSION = 1;

// Words that match nearly every section; dropping them keeps AND queries such as "how to scale sessions" useful.
const STOP_WORDS = new Set([
  'a', 'an', 'and', 'are', 'as', 'at', 'be', 'by', 'do', 'for', 'from', 'how', 'i', 'in', 'is', 'it', 'of', 'on',
  'or', 'the', 'to', 'what', 'when', 'where', 'which', 'why', 'with',
]);

function processTerm(term: string): string | null {
  const lower = term.toLowerCase();
  return lower === '' || STOP_WORDS.has(lower) ? null : lower;
}

// Typo tolerance of 20% of the term length, but only for terms of 5+ letters: on shorter terms one edit turns
// "cap" into "can" and "lock" into "look", which floods results with noise.
function fuzzyFor(term: string): number | false {
  return term.length >= 5 ? 0.2 : false;
}

// A "## References" section is a list of source titles: dense in keywords, but a hit there is a citation, not
// an explanation, so it counts half.
const REFERENCES_SECTION = 'references';
const REFERENCES_WEIGHT = 0.5;

function boostDocument(_id: unknown, _term: string, stored?: Record<string, unknown>): number {
  return stored?.section === REFERENCES_SECTION ? REFERENCES_WEIGHT : 1;
}

const MINISEARCH_OPTIONS: Options<SectionDocument> = {
  fields: ['title', 'aliases', 'tags', 'heading', 'text'],
  storeFields: ['noteId', 'noteTitle', 'section', 'heading', 'text', 'order'],
  processTerm,
  searchOptions: {
    boost: { ...SEARCH_FIELD_BOOSTS },
    prefix: true,
    fuzzy: fuzzyFor,
    boostDocument,
  },
};

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A window of about {@link SNIPPET_LENGTH} characters of `text` around the earliest word that starts with one of
 * `terms` (case-insensitive), cut at word boundaries, with "…" where text was cut. When no term occurs in the text
 * (the match was in the title or aliases), the window starts at the beginning.
 */
export function makeSnippet(text: string, terms: readonly string[], length = SNIPPET_LENGTH): string {
  if (text.length <= length) {
    return text;
  }
  let first = -1;
  for (const term of terms) {
    if (term === '') {
      continue;
    }
    const match = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(term)}`, 'iu').exec(text);
    if (match && (first === -1 || match.index < first)) {
      first = match.index;
    }
  }
  let start = first <= 0 ? 0 : Math.max(0, Math.min(first - Math.floor(length / 4), text.length - length));
  if (start > 0) {
    const space = text.indexOf(' ', start);
    start = space === -1 || space >= first ? start : space + 1;
  }
  let end = Math.min(text.length, start + length);
  if (end < text.length) {
    const space = text.lastIndexOf(' ', end);
    end = space > Math.max(start, first) ? space : end;
  }
  return `${start > 0 ? '…' : ''}${text.slice(start, end).trim()}${end < text.length ? '…' : ''}`;
}

function sectionDocuments(note: Note): SectionDocument[] {
  const structure = analyzeMarkdown(note.body);
  // Each alias word counts once: "session affinity, session persistence" must not make "session" weigh twice as
  // much as it does in a title.
  const aliases = [...new Set(note.aliases.join(' ').toLowerCase().split(/\s+/))].join(' ');
  return structure.sections.map((section, order) => {
    const top = order === 0;
    return {
      id: `${note.id}#${section.slug}`,
      noteId: note.id,
      noteTitle: note.title,
      title: top ? note.title : '',
      aliases: top ? aliases : '',
      tags: top ? note.tags.join(' , ') : '',
      heading: section.title,
      section: section.slug,
      text: top ? `${note.summary} ${section.text}`.trim() : section.text,
      order,
    };
  });
}

interface NoteMatches {
  top?: SearchResult;
  best?: SearchResult;
  readonly words: Set<string>;
}

const tokenize = MiniSearch.getDefault('tokenize') as (text: string) => string[];

/** The distinct query words after the same tokenising and term processing as the index (stop words dropped). */
function queryWords(query: string): string[] {
  return [...new Set(tokenize(query).flatMap((token) => processTerm(token) ?? []))];
}

/** Highest score first, then title and id: the one order of hits (the bench's baseline uses it too). */
export function compareHits(a: Pick<SearchHit, 'id' | 'title' | 'score'>, b: Pick<SearchHit, 'id' | 'title' | 'score'>): number {
  return b.score - a.score || (a.title < b.title ? -1 : a.title > b.title ? 1 : 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** A searchable index of notes. Build with {@link buildSearchIndex} or restore with {@link loadSearchIndex}. */
export class NoteSearchIndex {
  /** @internal Use the factory functions; the constructor wraps a MiniSearch built with the shared options. */
  constructor(private readonly miniSearch: MiniSearch<SectionDocument>) {}

  /** Number of indexed sections. */
  get documentCount(): number {
    return this.miniSearch.documentCount;
  }

  /**
   * Searches with prefix matching and typo tolerance; all words must match (AND), and when that finds nothing,
   * any word may (OR). Returns one hit per note (its best section), best first; ties by title. An empty query
   * returns nothing.
   */
  search(query: string, options: SearchOptions = {}): SearchHit[] {
    const text = query.trim().slice(0, MAX_QUERY_LENGTH);
    const words = queryWords(text);
    if (words.length === 0) {
      return [];
    }
    const byNote = new Map<string, NoteMatches>();
    for (const result of this.miniSearch.search(text, { combineWith: 'OR' })) {
      const noteId = result.noteId as string;
      let matches = byNote.get(noteId);
      if (!matches) {
        matches = { words: new Set() };
        byNote.set(noteId, matches);
      }
      for (const word of result.queryTerms) {
        matches.words.add(word);
      }
      if (result.order === 0) {
        matches.top = result;
      } else if (
        !matches.best ||
        result.score > matches.best.score ||
        (result.score === matches.best.score && (result.order as number) < (matches.best.order as number))
      ) {
        matches.best = result;
      }
    }
    const all = [...byNote.values()];
    const complete = all.filter((matches) => words.every((word) => matches.words.has(word)));
    // Rank first, then build snippets for the hits that are returned only: a snippet costs more than a score.
    const ranked = (complete.length > 0 ? complete : all)
      .map((matches) => ({ matches, shown: (matches.best ?? matches.top) as SearchResult, score: (matches.top?.score ?? 0) + (matches.best?.score ?? 0) }))
      .sort((a, b) => compareHits(
        { id: a.shown.noteId as string, title: a.shown.noteTitle as string, score: a.score },
        { id: b.shown.noteId as string, title: b.shown.noteTitle as string, score: b.score },
      ))
      .slice(0, options.limit ?? DEFAULT_LIMIT);
    return ranked.map(({ shown, score }): SearchHit => ({
      id: shown.noteId as string,
      title: shown.noteTitle as string,
      score,
      section: shown.section as string,
      sectionTitle: shown.heading as string,
      snippet: makeSnippet(shown.text as string, [...shown.terms, ...shown.queryTerms]),
    }));
  }

  /** @internal For {@link serializeSearchIndex}. */
  toJSON(): unknown {
    return { format: FORMAT, version: FORMAT_VERSION, index: this.miniSearch.toJSON() };
  }
}

/** Indexes `notes` (one MiniSearch document per heading section). */
export function buildSearchIndex(notes: readonly Note[]): NoteSearchIndex {
  const miniSearch = new MiniSearch<SectionDocument>(MINISEARCH_OPTIONS);
  miniSearch.addAll(notes.flatMap(sectionDocuments));
  return new NoteSearchIndex(miniSearch);
}

/** Serialises an index to JSON (done at build time for the bundled notes). */
export function serializeSearchIndex(index: NoteSearchIndex): string {
  return JSON.stringify(index);
}

/**
 * Restores an index serialised by {@link serializeSearchIndex}; searches give exactly the same results as the
 * original. Throws when the JSON is not a serialised index of this format version.
 */
export function loadSearchIndex(json: string): NoteSearchIndex {
  const parsed = JSON.parse(json) as { format?: unknown; version?: unknown; index?: unknown };
  if (parsed.format !== FORMAT || parsed.version !== FORMAT_VERSION || typeof parsed.index !== 'object' || parsed.index === null) {
    throw new Error(`not a ${FORMAT} version ${FORMAT_VERSION} document`);
  }
  const miniSearch = MiniSearch.loadJS<SectionDocument>(
    parsed.index as Parameters<typeof MiniSearch.loadJS>[0],
    MINISEARCH_OPTIONS,
  );
  return new NoteSearchIndex(miniSearch);
}
