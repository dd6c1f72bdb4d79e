// The MiniSearch internals (7.x) that topResults.ts and conjunctiveQuery.ts read, in one place: what they are, and
// the check that they are there. When a MiniSearch release changes them, `internalsOf` answers undefined and search
// falls back to the public API (slower, the same hits); the unit tests compare both paths.
import type MiniSearch from 'minisearch';
import type { Options, SearchOptions } from 'minisearch';

/** A term's postings: field id → document short id → term frequency. */
export type FieldPostings = Map<number, Map<number, number>>;

/** One matching document as `executeQuery` returns it. */
export interface RawMatch {
  readonly score: number;
  readonly terms: readonly string[];
  readonly match: Record<string, string[]>;
}

export interface MiniSearchInternals {
  executeQuery(query: string, options: SearchOptions): Map<number, RawMatch>;
  readonly _documentIds: Map<number, unknown>;
  readonly _storedFields: Map<number, Record<string, unknown> | undefined>;
  readonly _index: {
    get(term: string): FieldPostings | undefined;
    atPrefix(prefix: string): Iterable<[string, FieldPostings]>;
    fuzzyGet(term: string, maxDistance: number): Map<string, [FieldPostings, number]>;
  };
  readonly _options: Required<Pick<Options<unknown>, 'fields' | 'tokenize' | 'processTerm'>> & { readonly searchOptions: SearchOptions };
  readonly _fieldIds: Record<string, number>;
  readonly _fieldLength: Map<number, number[]>;
  readonly _avgFieldLength: number[];
  readonly _documentCount: number;
  readonly _dirtCount: number;
}

export function internalsOf(miniSearch: MiniSearch<unknown>): MiniSearchInternals | undefined {
  const candidate = miniSearch as unknown as Partial<MiniSearchInternals>;
  return typeof candidate.executeQuery === 'function' &&
    candidate._documentIds instanceof Map &&
    candidate._storedFields instanceof Map &&
    candidate._fieldLength instanceof Map &&
    typeof candidate._index?.get === 'function' &&
    typeof candidate._index.atPrefix === 'function' &&
    typeof candidate._index.fuzzyGet === 'function' &&
    typeof candidate._dirtCount === 'number' &&
    Array.isArray(candidate._avgFieldLength) &&
    Array.isArray(candidate._options?.fields)
    ? (candidate as MiniSearchInternals)
    : undefined;
}

/**
 * How many documents hold `term` exactly, in their most frequent field (a lower bound of the distinct documents,
 * enough to tell a word the index knows well from a typo); undefined when the internals are not there.
 */
export function exactDocumentCount(miniSearch: MiniSearch<unknown>, term: string): number | undefined {
  const internals = internalsOf(miniSearch);
  if (!internals) return undefined;
  let most = 0;
  for (const documents of internals._index.get(term)?.values() ?? []) most = Math.max(most, documents.size);
  return most;
}
