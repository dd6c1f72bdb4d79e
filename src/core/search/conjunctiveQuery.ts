// AND queries that visit the common words' notes only where the rare word is. MiniSearch scores an AND query by
// scoring every note that holds each word, then intersecting: "cache stampede" at 10,000 notes scores all 10,000
// notes holding "cache" to keep the 2,900 holding "stampede" too. Here the word with the fewest notes is scored the
// usual way, and each further word is scored only on the notes still in the running (a look-up per note instead of a
// walk over its whole posting list), which is how search engines evaluate conjunctions.
//
// The scores are MiniSearch's own, computed with the same formula (BM25 with its defaults), weights (prefix and typo
// expansions), field boosts and, to the last bit, the same order of floating-point additions; the result map has the
// shape `executeQuery` returns. `test/unit/searchTopResults.test.ts` checks the hits equal the public `search()`'s.
// Anything this does not reproduce (a document removed from the index, custom BM25 parameters, `boostDocument`,
// `boostTerm`, field restrictions) makes `conjunctiveQuery` return undefined and the caller use MiniSearch's path.
import type MiniSearch from 'minisearch';
import type { SearchOptions } from 'minisearch';
import { internalsOf, type FieldPostings, type MiniSearchInternals, type RawMatch } from './miniSearchInternals';

/** MiniSearch's defaults (7.x): a search with other BM25 parameters is left to MiniSearch. */
const BM25 = { k: 1.2, b: 0.7, d: 0.5 };
const DEFAULT_WEIGHTS = { fuzzy: 0.45, prefix: 0.375 };

function isDefaultBm25(bm25: SearchOptions['bm25']): boolean {
  return bm25 === undefined || (bm25.k === BM25.k && bm25.b === BM25.b && bm25.d === BM25.d);
}

/** One index term a query word stands for (itself, a prefix completion or a typo neighbour) and its weight. */
interface DerivedTerm {
  readonly term: string;
  readonly weight: number;
  readonly postings: FieldPostings;
}

interface WordPlan {
  readonly word: string;
  readonly derived: readonly DerivedTerm[];
  /** An upper bound of the notes the word matches: the sum of its derived terms' largest field posting lists. */
  readonly estimate: number;
}

interface WordResult {
  score: number;
  readonly match: Record<string, string[]>;
}

type Options = SearchOptions & { readonly boost?: Record<string, number> };

/** The terms of `word` as MiniSearch's `executeQuerySpec` expands them, in its order. */
function plan(internals: MiniSearchInternals, word: string, index: number, words: readonly string[], options: Options): WordPlan {
  const fuzzyOption = typeof options.fuzzy === 'function' ? options.fuzzy(word, index, [...words]) : options.fuzzy || false;
  const prefix = typeof options.prefix === 'function' ? options.prefix(word, index, [...words]) : options.prefix === true;
  const weights = { ...DEFAULT_WEIGHTS, ...options.weights };
  const derived: DerivedTerm[] = [];
  const exact = internals._index.get(word);
  if (exact) derived.push({ term: word, weight: 1, postings: exact });
  let fuzzyMatches: Map<string, [FieldPostings, number]> | undefined;
  if (fuzzyOption) {
    const fuzzy = fuzzyOption === true ? 0.2 : fuzzyOption;
    const maxDistance = fuzzy < 1 ? Math.min(options.maxFuzzy ?? 6, Math.round(word.length * fuzzy)) : fuzzy;
    if (maxDistance) fuzzyMatches = internals._index.fuzzyGet(word, maxDistance);
  }
  if (prefix) {
    for (const [term, postings] of internals._index.atPrefix(word)) {
      const distance = term.length - word.length;
      if (!distance) continue;
      fuzzyMatches?.delete(term);
      derived.push({ term, weight: (weights.prefix * term.length) / (term.length + 0.3 * distance), postings });
    }
  }
  for (const [term, [postings, distance]] of fuzzyMatches ?? []) {
    if (!distance) continue;
    derived.push({ term, weight: (weights.fuzzy * term.length) / (term.length + distance), postings });
  }
  let estimate = 0;
  for (const { postings } of derived) {
    let most = 0;
    for (const documents of postings.values()) most = Math.max(most, documents.size);
    estimate += most;
  }
  return { word, derived, estimate };
}

/**
 * One word's scores (MiniSearch's `termResults` over its derived terms): over every note holding it when
 * `candidates` is undefined, else over those notes only.
 */
function scoreWord(internals: MiniSearchInternals, plan: WordPlan, boosts: ReadonlyArray<readonly [string, number, number]>, candidates: ReadonlySet<number> | undefined): Map<number, WordResult> {
  const results = new Map<number, WordResult>();
  // Per (term, field): the inverse document frequency and the average length are the same for every note.
  let inverse = 0;
  let averageLength = 0;
  const add = (documentId: number, frequency: number, field: string, fieldId: number, fieldBoost: number, derived: DerivedTerm) => {
    const fieldLength = internals._fieldLength.get(documentId)![fieldId];
    const raw = inverse * (BM25.d + (frequency * (BM25.k + 1)) / (frequency + BM25.k * (1 - BM25.b + (BM25.b * fieldLength) / averageLength)));
    // The same product, in the same order, as MiniSearch: termWeight * termBoost * fieldBoost * docBoost * rawScore.
    const weighted = derived.weight * 1 * fieldBoost * 1 * raw;
    const result = results.get(documentId);
    if (result) {
      result.score += weighted;
      const fields = Object.prototype.hasOwnProperty.call(result.match, derived.term) ? result.match[derived.term] : undefined;
      if (fields) fields.push(field);
      else result.match[derived.term] = [field];
    } else {
      results.set(documentId, { score: weighted, match: { [derived.term]: [field] } });
    }
  };
  for (const derived of plan.derived) {
    for (const [field, fieldId, fieldBoost] of boosts) {
      const frequencies = derived.postings.get(fieldId);
      if (!frequencies) continue;
      const matching = frequencies.size;
      inverse = Math.log(1 + (internals._documentCount - matching + 0.5) / (matching + 0.5));
      averageLength = internals._avgFieldLength[fieldId];
      if (candidates === undefined) {
        for (const [documentId, frequency] of frequencies) add(documentId, frequency, field, fieldId, fieldBoost, derived);
      } else if (candidates.size < frequencies.size) {
        for (const documentId of candidates) {
          const frequency = frequencies.get(documentId);
          if (frequency !== undefined) add(documentId, frequency, field, fieldId, fieldBoost, derived);
        }
      } else {
        // Fewer notes hold the term here than are in the running: walking its postings is the cheaper side. The
        // postings' order differs from the candidates', which does not change any one note's sum.
        for (const [documentId, frequency] of frequencies) if (candidates.has(documentId)) add(documentId, frequency, field, fieldId, fieldBoost, derived);
      }
    }
  }
  return results;
}

/**
 * MiniSearch's `executeQuery(query, { ...options, combineWith: 'AND' })`, evaluated rarest word first; undefined
 * when the index or the options are outside what this reproduces (the caller then asks MiniSearch).
 */
export function conjunctiveQuery(miniSearch: MiniSearch<unknown>, query: string, searchOptions: SearchOptions): Map<number, RawMatch> | undefined {
  const internals = internalsOf(miniSearch);
  if (!internals || internals._dirtCount !== 0) return undefined;
  const options: Options = { ...internals._options.searchOptions, ...searchOptions };
  if (!isDefaultBm25(options.bm25) || options.boostDocument || options.boostTerm || options.fields || options.filter) return undefined;
  const tokenize = options.tokenize ?? internals._options.tokenize;
  const processTerm = options.processTerm ?? internals._options.processTerm;
  const words = tokenize(query).flatMap((token) => processTerm(token) ?? []).filter((word): word is string => typeof word === 'string' && word !== '');
  if (words.length < 2) return undefined;
  const boosts = internals._options.fields.map((field): readonly [string, number, number] => [field, internals._fieldIds[field], (options.boost ?? {})[field] || 1]);
  const plans = words.map((word, index) => plan(internals, word, index, words, options));
  const byWord = new Map<number, Map<number, WordResult>>();
  let candidates: Set<number> | undefined;
  for (const index of plans.map((_, at) => at).sort((a, b) => plans[a].estimate - plans[b].estimate)) {
    const scored = scoreWord(internals, plans[index], boosts, candidates);
    byWord.set(index, scored);
    candidates = new Set(scored.keys());
    if (candidates.size === 0) return new Map();
  }
  // Combined as MiniSearch's AND combinator does, in query order: scores added left to right, matches merged.
  const combined = new Map<number, RawMatch>();
  for (const documentId of candidates ?? []) {
    let score = 0;
    const terms: string[] = [];
    const match: Record<string, string[]> = {};
    plans.forEach((wordPlan, index) => {
      const result = byWord.get(index)!.get(documentId)!;
      score = index === 0 ? result.score : score + result.score;
      if (!terms.includes(wordPlan.word)) terms.push(wordPlan.word);
      Object.assign(match, result.match);
    });
    combined.set(documentId, { score, terms, match });
  }
  return combined;
}
