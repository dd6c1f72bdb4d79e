// The one order of search hits, shared by the index (searchIndex.ts), the top-k selection (topResults.ts) and the
// bench's linear-scan baseline.
import type { SearchHit } from './searchIndex';

/** Highest score first, then title and id: the one order of hits (the bench's baseline uses it too). */
export function compareHits(a: Pick<SearchHit, 'id' | 'title' | 'score'>, b: Pick<SearchHit, 'id' | 'title' | 'score'>): number {
  return b.score - a.score || (a.title < b.title ? -1 : a.title > b.title ? 1 : 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
