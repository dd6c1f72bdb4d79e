// Full-text search over notes with MiniSearch. Each note is ONE document: title, aliases, tags, every heading and
// all its text are its fields; the sections (slug, heading, plain text) are stored with it but not indexed
// separately. A query is matched per note by MiniSearch itself: a note qualifies when every query word matches
// somewhere in it (AND), and when no note has them all, any word will do (OR). Field boosts give the ranking
// title > aliases > tags > headings > body. The section a hit points at, and its snippet, are worked out for the
// returned hits only, from the stored sections.
//
// Why one document per note (it used to be one per section): at 10,000 notes a common word matched ~30,000 section
// documents, and materialising, merging and sorting them dominated every query (p95 over 100 ms, slower than a
// linear scan). Per note there are five times fewer candidates and no merge. Terms are also expanded less: prefix
// matching only on the last word (the one being typed), typo tolerance only on words of 5+ letters and at most 2
// edits, which keeps long queries from fanning out into hundreds of index terms.
//
// Bundled and user notes are searched in ONE index (`loadSearchIndex(bundledJson, userNotes)`: the bundled index
// built at build time, with the user's notes added), so their BM25 scores share one IDF and one average field
// length and are comparable. Two separate indexes gave scores on different scales.
//
// The bundled index is built at build time (`serializeSearchIndex`) and loaded lazily at run time; both sides use the
// same MiniSearch options below, which is what MiniSearch requires.

import MiniSearch, { type Options, type SearchOptions as MiniSearchOptions, type SearchResult } from 'minisearch';
import { analyzeMarkdown } from '../notes/markdownStructure';
import type { Note } from '../notes/note';
import { exactDocumentCount } from './miniSearchInternals';
import { topResults, type TopResultsOptions } from './topResults';
export { compareHits } from './hitOrder';

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

/**
 * The parts of a note the index reads: what a worker is sent to index a note, and what the content hash of an
 * index's inputs covers (core/search/searchIndexCache.ts). A `Note` is one.
 */
export type IndexedNote = Pick<Note, 'id' | 'title' | 'aliases' | 'tags' | 'summary' | 'body'>;

/** Options for a search. */
export interface SearchOptions {
  /** At most this many notes. Default 50. */
  readonly limit?: number;
}

/** A section as stored with its note: enough to point a hit at it and cut a snippet. */
interface StoredSection {
  readonly slug: string;
  readonly heading: string;
  readonly text: string;
}

interface NoteDocument {
  readonly id: string;
  readonly title: string;
  readonly aliases: string;
  readonly tags: string;
  readonly heading: string;
  readonly text: string;
  readonly references: string;
  readonly sections: readonly StoredSection[];
}

/** Field boosts: the ranking contract. */
export const SEARCH_FIELD_BOOSTS: Readonly<Record<string, number>> = {
  title: 10,
  aliases: 7,
  tags: 4,
  heading: 2,
  text: 1,
  references: 0.5,
};

/** Window length of a snippet, in characters. */
export const SNIPPET_LENGTH = 160;
export const DEFAULT_LIMIT = 50;
const MAX_QUERY_LENGTH = 200;
const FORMAT = 'statecraft-search-index';
const FORMAT_VERSION = 2;
/** Names the serialised format: a saved index of another format version is never restored. */
export const SEARCH_INDEX_FORMAT = `${FORMAT}@${FORMAT_VERSION}`;
/** A query word held exactly by at least this many notes is taken as spelt as meant: no typo expansion. */
const KNOWN_WORD_DOCUMENTS = 3;
/** Typo tolerance never goes beyond this many edits, however long the word. */
const MAX_FUZZY_EDITS = 2;

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
// an explanation, so its text is its own field at half the body's weight (and counts half when choosing a section).
const REFERENCES_SECTION = 'references';

const MINISEARCH_OPTIONS: Options<NoteDocument> = {
  fields: ['title', 'aliases', 'tags', 'heading', 'text', 'references'],
  storeFields: ['title', 'sections'],
  processTerm,
  searchOptions: {
    boost: { ...SEARCH_FIELD_BOOSTS },
    fuzzy: fuzzyFor,
    maxFuzzy: MAX_FUZZY_EDITS,
  },
};

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Matches any of `terms` at the start of a word, case-insensitively (one pass over a text, whatever the count). */
function wordStarts(terms: readonly string[]): RegExp | undefined {
  const alternatives = terms.filter((term) => term !== '').sort((a, b) => b.length - a.length).map(escapeRegExp);
  return alternatives.length === 0 ? undefined : new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})`, 'giu');
}

/** Index of the first match of `pattern` in `text`, or -1. */
function firstMatch(pattern: RegExp | undefined, text: string): number {
  if (!pattern) return -1;
  pattern.lastIndex = 0;
  const match = pattern.exec(text);
  return match ? match.index : -1;
}

/** How many distinct terms of `pattern` occur in `text`. */
function distinctMatches(pattern: RegExp, text: string): number {
  const seen = new Set<string>();
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) seen.add(match[0].toLowerCase());
  return seen.size;
}

/**
 * A window of about {@link SNIPPET_LENGTH} characters of `text` around the earliest word that starts with one of
 * `terms` (case-insensitive), cut at word boundaries, with "…" where text was cut. When no term occurs in the text
 * (the match was in the title or aliases), the window starts at the beginning.
 */
export function makeSnippet(text: string, terms: readonly string[], length = SNIPPET_LENGTH): string {
  return snippetAround(text, text.length <= length ? undefined : wordStarts(terms), length);
}

function snippetAround(text: string, pattern: RegExp | undefined, length = SNIPPET_LENGTH): string {
  if (text.length <= length) {
    return text;
  }
  const first = firstMatch(pattern, text);
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

function noteDocument(note: IndexedNote): NoteDocument {
  const structure = analyzeMarkdown(note.body);
  // Each alias word counts once: "session affinity, session persistence" must not make "session" weigh twice as
  // much as it does in a title.
  const aliases = [...new Set(note.aliases.join(' ').toLowerCase().split(/\s+/))].join(' ');
  const sections: StoredSection[] = structure.sections.map((section, order) => ({
    slug: section.slug,
    heading: section.title,
    text: order === 0 ? `${note.summary} ${section.text}`.trim() : section.text,
  }));
  return {
    id: note.id,
    title: note.title,
    aliases,
    tags: note.tags.join(' , '),
    heading: sections.map((section) => section.heading).filter((heading) => heading !== '').join(' , '),
    text: sections.filter((section) => section.slug !== REFERENCES_SECTION).map((section) => section.text).join('\n'),
    references: sections.filter((section) => section.slug === REFERENCES_SECTION).map((section) => section.text).join('\n'),
    sections,
  };
}

const tokenize = MiniSearch.getDefault('tokenize') as (text: string) => string[];

/** The distinct query words after the same tokenising and term processing as the index (stop words dropped). */
function queryWords(query: string): string[] {
  return [...new Set(tokenize(query).flatMap((token) => processTerm(token) ?? []))];
}


/**
 * The section a hit points at: the one below a heading whose heading and text hold the most of the matched terms
 * (a heading counts twice; References half), the earliest on a tie; the top of the note when no section below a
 * heading holds any.
 */
function bestSection(sections: readonly StoredSection[], pattern: RegExp | undefined): StoredSection {
  let best = sections[0];
  let bestScore = 0;
  for (let index = 1; pattern && index < sections.length; index++) {
    const section = sections[index];
    let score = 2 * distinctMatches(pattern, section.heading) + distinctMatches(pattern, section.text);
    if (section.slug === REFERENCES_SECTION) score /= 2;
    if (score > bestScore) {
      best = section;
      bestScore = score;
    }
  }
  return best ?? { slug: '', heading: '', text: '' };
}

/** A searchable index of notes. Build with {@link buildSearchIndex} or restore with {@link loadSearchIndex}. */
export class NoteSearchIndex {
  /**
   * @internal Use the factory functions; the constructor wraps a MiniSearch built with the shared options.
   * `topResultsOptions` lets tests force MiniSearch's public path (see topResults.ts).
   */
  constructor(private readonly miniSearch: MiniSearch<NoteDocument>, private readonly topResultsOptions: TopResultsOptions = {}) {}

  /** @internal The same index answering through MiniSearch's public `search()` only (tests compare both paths). */
  withPublicApiOnly(): NoteSearchIndex {
    return new NoteSearchIndex(this.miniSearch, { publicApiOnly: true });
  }

  /** Number of indexed notes. */
  get documentCount(): number {
    return this.miniSearch.documentCount;
  }

  /**
   * Searches with typo tolerance and prefix matching on the last word; all words must match (AND), and when that
   * finds nothing, any word may (OR). Returns one hit per note, best first; ties by title. An empty query returns
   * nothing.
   */
  search(query: string, options: SearchOptions = {}): SearchHit[] {
    const text = query.trim().slice(0, MAX_QUERY_LENGTH);
    const words = queryWords(text);
    if (words.length === 0) {
      return [];
    }
    const last = words[words.length - 1];
    // Only the word being typed may be incomplete: prefix expansion of every word multiplies the index terms a
    // long query visits.
    const prefix = (term: string) => term === last;
    const limit = options.limit ?? DEFAULT_LIMIT;
    const miniSearch = this.miniSearch as MiniSearch<unknown>;
    // Typo tolerance is for words the index does not know (or barely knows): a word that several notes hold exactly
    // is what the user meant, and expanding it to its neighbours ("write" → "writes", "white") only adds noise and
    // work (at 10,000 notes each expansion of a common word scores thousands of notes).
    const fuzzy = (term: string) => ((exactDocumentCount(miniSearch, term) ?? 0) >= KNOWN_WORD_DOCUMENTS ? false : fuzzyFor(term));
    const run = (combineWith: 'AND' | 'OR') =>
      topResults(miniSearch, words.join(' '), { combineWith, prefix, fuzzy } as MiniSearchOptions, limit, this.topResultsOptions);
    let results = run('AND');
    if (results.length === 0 && words.length > 1) {
      results = run('OR');
    }
    return results.map((result) => this.hit(result, result.id as string, result.title as string, result.score));
  }

  /** Section and snippet, for a hit that is returned (a snippet costs more than a score). */
  private hit(result: SearchResult, id: string, title: string, score: number): SearchHit {
    const pattern = wordStarts([...new Set([...result.terms, ...result.queryTerms])]);
    const section = bestSection(result.sections as StoredSection[], pattern);
    return { id, title, score, section: section.slug, sectionTitle: section.heading, snippet: snippetAround(section.text, pattern) };
  }

  /** @internal For {@link serializeSearchIndex}. */
  toJSON(): unknown {
    return { format: FORMAT, version: FORMAT_VERSION, index: this.miniSearch.toJSON() };
  }
}

/** Indexes `notes` (one MiniSearch document per note). */
export function buildSearchIndex(notes: readonly IndexedNote[]): NoteSearchIndex {
  const miniSearch = new MiniSearch<NoteDocument>(MINISEARCH_OPTIONS);
  miniSearch.addAll(notes.map(noteDocument));
  return new NoteSearchIndex(miniSearch);
}

/** Serialises an index to JSON (done at build time for the bundled notes). */
export function serializeSearchIndex(index: NoteSearchIndex): string {
  return JSON.stringify(index);
}

/**
 * Restores an index serialised by {@link serializeSearchIndex}; searches give exactly the same results as the
 * original. `moreNotes` (the user's notes) are added to the same index, so that every note is scored on one scale;
 * a note whose id is already indexed is skipped (the first one wins, as in note linking). Throws when the JSON is
 * not a serialised index of this format version.
 */
export function loadSearchIndex(json: string, moreNotes: readonly IndexedNote[] = []): NoteSearchIndex {
  const parsed = JSON.parse(json) as { format?: unknown; version?: unknown; index?: unknown };
  if (parsed.format !== FORMAT || parsed.version !== FORMAT_VERSION || typeof parsed.index !== 'object' || parsed.index === null) {
    throw new Error(`not a ${FORMAT} version ${FORMAT_VERSION} document`);
  }
  const miniSearch = MiniSearch.loadJS<NoteDocument>(
    parsed.index as Parameters<typeof MiniSearch.loadJS>[0],
    MINISEARCH_OPTIONS,
  );
  miniSearch.addAll(moreNotes.filter((note) => !miniSearch.has(note.id)).map(noteDocument));
  return new NoteSearchIndex(miniSearch);
}
