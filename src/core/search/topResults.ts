// The best `limit` results of a MiniSearch query without materialising the rest. MiniSearch's `search()` builds a
// result object (id, terms, match and a copy of the stored fields) for EVERY matching document and sorts them all; at
// 10,000 notes a common word matches nearly every note, and that materialisation and sort cost as much as the
// scoring itself (issue 15: query p95 over a frame). Here the scored matches are taken as MiniSearch computes them
// (its `executeQuery`), the `limit` best are selected in one pass, and only those become result objects, exactly as
// `search()` would build them (score × number of matched query words, the same tie order as ours).
//
// `executeQuery`, `_documentIds`, `_storedFields` and `_index` are MiniSearch internals (7.x, described in
// miniSearchInternals.ts); when they are not there (another major version), `topResults` falls back to the public
// `search()`, slower and identical: `test/unit/searchTopResults.test.ts` checks both paths give the same hits.
import type MiniSearch from 'minisearch';
import type { SearchOptions, SearchResult } from 'minisearch';
import { conjunctiveQuery } from './conjunctiveQuery';
import { compareHits } from './hitOrder';
import { internalsOf } from './miniSearchInternals';

/** A scored match before it becomes a result: enough to rank it. */
interface Candidate {
  readonly shortId: number;
  readonly score: number;
  readonly title: string;
  readonly id: string;
}

/** Whether the public path is forced (tests compare both paths). */
export interface TopResultsOptions {
  readonly publicApiOnly?: boolean;
}

/**
 * The `limit` best results of `query`, best first (score, then the stored `title`, then id), each shaped as
 * MiniSearch's `search()` shapes it.
 */
export function topResults(miniSearch: MiniSearch<unknown>, query: string, searchOptions: SearchOptions, limit: number, options: TopResultsOptions = {}): SearchResult[] {
  const internals = options.publicApiOnly ? undefined : internalsOf(miniSearch);
  if (!internals) {
    const all = miniSearch.search(query, searchOptions);
    return all
      .map((result) => ({ result, candidate: { shortId: 0, score: result.score, title: String(result.title), id: String(result.id) } }))
      .sort((a, b) => compareHits(a.candidate, b.candidate))
      .slice(0, limit)
      .map(({ result }) => result);
  }
  // An AND query is evaluated rarest word first (conjunctiveQuery.ts); anything else as MiniSearch does it.
  const raw = (searchOptions.combineWith === 'AND' ? conjunctiveQuery(miniSearch, query, searchOptions) : undefined) ?? internals.executeQuery(query, searchOptions);
  // The best `limit` so far, best first; a match that does not beat the last one is dropped after one comparison
  // of scores (a title is looked up only on a tie with it).
  const best: Candidate[] = [];
  for (const [shortId, match] of raw) {
    const score = match.score * (match.terms.length || 1);
    if (best.length === limit && score < best[limit - 1].score) continue;
    const stored = internals._storedFields.get(shortId);
    const candidate: Candidate = { shortId, score, title: String(stored?.title ?? ''), id: String(internals._documentIds.get(shortId)) };
    if (best.length === limit && compareHits(candidate, best[limit - 1]) >= 0) continue;
    let low = 0;
    let high = best.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (compareHits(best[middle], candidate) <= 0) low = middle + 1;
      else high = middle;
    }
    best.splice(low, 0, candidate);
    if (best.length > limit) best.pop();
  }
  return best.map(({ shortId, score, id }) => {
    const match = raw.get(shortId)!;
    return { id, score, terms: Object.keys(match.match), queryTerms: [...match.terms], match: match.match, ...internals._storedFields.get(shortId) } as SearchResult;
  });
}
