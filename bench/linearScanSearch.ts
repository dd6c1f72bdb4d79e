// The naive search the bench compares the index against (bench/searchBench.ts): kept here, not in the core, because
// nothing ships it. Scores use the index's own field weights, so the two rank alike where both find something.
import type { Note } from '../src/core/notes/note';
import { compareHits, DEFAULT_LIMIT, SEARCH_FIELD_BOOSTS, SNIPPET_LENGTH, type SearchHit, type SearchOptions } from '../src/core/search/searchIndex';
import { slugify } from '../src/core/slug';

const HEADING_LINE = /^#{1,6}[ \t]+(.+?)[ \t#]*$/;

/**
 * A naive case-insensitive substring scan of every note for the whole query, with the same field weights as the index (title 8, aliases 6, tags 3, headings 2,
 * body 1 per occurrence). No tokenising, prefixes, typo tolerance or markdown stripping: the section is the
 * nearest heading line above the first body match (slugged, not de-duplicated) and the snippet is raw Markdown.
 */
export function linearScanSearch(notes: readonly Note[], query: string, options: SearchOptions = {}): SearchHit[] {
  const needle = query.trim().toLowerCase();
  if (needle === '') {
    return [];
  }
  const hits: SearchHit[] = [];
  for (const note of notes) {
    let score = 0;
    if (note.title.toLowerCase().includes(needle)) {
      score += SEARCH_FIELD_BOOSTS.title;
    }
    if (note.aliases.some((alias) => alias.toLowerCase().includes(needle))) {
      score += SEARCH_FIELD_BOOSTS.aliases;
    }
    if (note.tags.some((tag) => tag.toLowerCase().includes(needle))) {
      score += SEARCH_FIELD_BOOSTS.tags;
    }
    if (note.headings.some((heading) => heading.text.toLowerCase().includes(needle))) {
      score += SEARCH_FIELD_BOOSTS.heading;
    }
    const body = note.body.toLowerCase();
    const firstMatch = body.indexOf(needle);
    for (let at = firstMatch; at !== -1; at = body.indexOf(needle, at + needle.length)) {
      score += SEARCH_FIELD_BOOSTS.text;
    }
    if (score === 0) {
      continue;
    }
    let section = '';
    let sectionTitle = '';
    let snippet = note.summary;
    if (firstMatch !== -1) {
      const lineEnd = note.body.indexOf('\n', firstMatch);
      const before = note.body.slice(0, lineEnd === -1 ? undefined : lineEnd).split('\n');
      for (let i = before.length - 1; i >= 0; i--) {
        const heading = HEADING_LINE.exec(before[i]);
        if (heading) {
          sectionTitle = heading[1];
          section = slugify(sectionTitle);
          break;
        }
      }
      const start = Math.max(0, firstMatch - Math.floor(SNIPPET_LENGTH / 4));
      snippet = note.body.slice(start, start + SNIPPET_LENGTH).replace(/\s+/g, ' ').trim();
    }
    hits.push({ id: note.id, title: note.title, score, section, sectionTitle, snippet });
  }
  return hits.sort(compareHits).slice(0, options.limit ?? DEFAULT_LIMIT);
}
