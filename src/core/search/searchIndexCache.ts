// The combined search index (the bundled notes' prebuilt index plus the user's notes, one index so scores compare:
// see searchIndex.ts) costs seconds to build at 10,000 user notes. This module keeps that work off the extension
// host's thread and out of restarts:
// - the index is named by a content hash of everything it is built from (the index format, the bundled index, each
//   user note's indexed fields, in any order), so a saved index is reused exactly when a fresh build would be equal;
// - a saved index for the current hash is restored (parse only, no tokenising); a corrupt one is deleted and rebuilt;
// - otherwise the index is built by the host's builder (the analysis worker), and when that fails, on this thread,
//   said once in the log; either way it is saved for the next start and every other saved index is deleted.
// Storage and the worker come in through ports, so every decision here runs in a plain Node test.

import type { Logger } from '../ports';
import { loadSearchIndex, SEARCH_INDEX_FORMAT, serializeSearchIndex, type IndexedNote, type NoteSearchIndex } from './searchIndex';

/**
 * 64 bits as 16 hex digits, from two 32-bit lanes over the UTF-16 code units: FNV-1a, and a multiply-xorshift lane
 * with another constant so the lanes do not collide together. Not cryptographic (a collision only reuses a stale
 * index until the notes change again). Written for speed on megabytes of note text on the host thread: the core's
 * other 64-bit hash (`fnv1a64` in core/ci/fingerprint.ts) does BigInt arithmetic per byte, ~50× slower, and the
 * 32-bit `textHash` (core/worker/protocol.ts) has too few bits for a cache key. No node:crypto: the web host has none.
 */
export function contentHash(parts: readonly string[]): string {
  let fnv = 0x811c9dc5;
  let mix = 0x9e3779b9;
  for (const part of parts) {
    for (let index = 0; index < part.length; index++) {
      const code = part.charCodeAt(index);
      fnv = Math.imul(fnv ^ code, 0x01000193);
      mix = Math.imul(mix ^ code, 0x5bd1e995);
      mix ^= mix >>> 15;
    }
    // A separator no text produces, so ['ab', 'c'] and ['a', 'bc'] differ.
    fnv = Math.imul(fnv ^ 0x1_0000, 0x01000193);
    mix = Math.imul(mix ^ 0x1_0000, 0x5bd1e995);
    mix ^= mix >>> 15;
  }
  return (fnv >>> 0).toString(16).padStart(8, '0') + (mix >>> 0).toString(16).padStart(8, '0');
}

/** The hash of one note's indexed fields (`\u0001` cannot occur in a tag or alias a note loader accepts as one). */
function noteHash(note: IndexedNote): string {
  return contentHash([note.id, note.title, note.aliases.join('\u0001'), note.tags.join('\u0001'), note.summary, note.body]);
}

/**
 * The key of the combined index built from `bundledHash` (the {@link contentHash} of the bundled index's JSON) and
 * `userNotes`: equal for the same notes in any order, different when any indexed field of any note changes, or the
 * index format does.
 */
export function searchIndexKey(bundledHash: string, userNotes: readonly IndexedNote[]): string {
  return contentHash([SEARCH_INDEX_FORMAT, bundledHash, ...userNotes.map(noteHash).sort()]);
}

/** Only the indexed fields of each note: what crosses to the worker (a `Note` carries much more). */
export function indexedFields(notes: readonly IndexedNote[]): IndexedNote[] {
  return notes.map(({ id, title, aliases, tags, summary, body }) => ({ id, title, aliases, tags, summary, body }));
}

/** The worker's job: the bundled index with `userNotes` added, serialised (restore it with `loadSearchIndex`). */
export function buildCombinedIndexJson(bundledJson: string, userNotes: readonly IndexedNote[]): string {
  return serializeSearchIndex(loadSearchIndex(bundledJson, userNotes));
}

/** Where saved indexes live (the extension's storage folder, in memory in tests). Names are plain file names. */
export interface SearchIndexStore {
  /** The saved text, or undefined when there is none. May throw (unreadable): treated as none. */
  read(name: string): Promise<string | undefined>;
  /** Saves `text` under `name` so that a reader never sees half of it (write elsewhere, then rename). */
  write(name: string, text: string): Promise<void>;
  /** Names of everything saved. */
  list(): Promise<string[]>;
  delete(name: string): Promise<void>;
}

/** Builds the combined index elsewhere (the worker) and answers its JSON, as {@link buildCombinedIndexJson} does. */
export type SearchIndexBuilder = (bundledJson: string, userNotes: readonly IndexedNote[]) => Promise<string>;

export interface SearchIndexCacheOptions {
  /** Undefined where the extension has no storage: every start builds. */
  readonly store?: SearchIndexStore;
  /** Undefined to build on this thread. */
  readonly build?: SearchIndexBuilder;
  readonly logger: Logger;
}

/** Where an index came from: the bundled one alone (no user notes), a saved file, the worker, or this thread. */
export type SearchIndexSource = 'bundled' | 'saved' | 'worker' | 'in-thread';

// Ours to delete: saved indexes, and half-written ones a crash left behind (see SearchIndexStore.write).
const SAVED_NAME = /^search-index-[0-9a-f]{16}\.json(\.partial)?$/;

/** The file name of the saved index for `key`. */
export function savedIndexName(key: string): string {
  return `search-index-${key}.json`;
}

/** Restores, builds and saves the combined index; one per notes library. */
export class SearchIndexCache {
  private bundledHash?: { readonly json: string; readonly hash: string };
  private warnedFallback = false;
  private generation = 0;
  private saving: Promise<void> = Promise.resolve();

  constructor(private readonly options: SearchIndexCacheOptions) {}

  /** The combined index of `bundledJson` and `userNotes`. Rejects only when the bundled JSON itself is unusable. */
  async load(bundledJson: string, userNotes: readonly IndexedNote[]): Promise<{ index: NoteSearchIndex; source: SearchIndexSource }> {
    const generation = ++this.generation;
    if (userNotes.length === 0) {
      this.persist(generation, undefined);
      return { index: loadSearchIndex(bundledJson), source: 'bundled' };
    }
    const name = savedIndexName(searchIndexKey(this.hashOfBundled(bundledJson), userNotes));
    const saved = await this.restore(name);
    if (saved) {
      this.persist(generation, { name });
      return { index: saved, source: 'saved' };
    }
    const built = await this.build(bundledJson, userNotes);
    this.persist(generation, { name, json: built.json });
    return { index: built.index, source: built.source };
  }

  /** Settles when the last save (and clean-up) has finished; tests wait on it. */
  whenSaved(): Promise<void> {
    return this.saving;
  }

  private hashOfBundled(json: string): string {
    if (this.bundledHash?.json !== json) this.bundledHash = { json, hash: contentHash([json]) };
    return this.bundledHash.hash;
  }

  private async restore(name: string): Promise<NoteSearchIndex | undefined> {
    const store = this.options.store;
    if (!store) return undefined;
    let text: string | undefined;
    try {
      text = await store.read(name);
    } catch {
      return undefined;
    }
    if (text === undefined) return undefined;
    try {
      return loadSearchIndex(text);
    } catch (error) {
      this.options.logger.warn(`The saved search index ${name} is unreadable (${errorMessage(error)}); it is rebuilt.`);
      await store.delete(name).catch(() => undefined);
      return undefined;
    }
  }

  private async build(bundledJson: string, userNotes: readonly IndexedNote[]): Promise<{ index: NoteSearchIndex; json: string; source: SearchIndexSource }> {
    if (this.options.build) {
      try {
        const json = await this.options.build(bundledJson, indexedFields(userNotes));
        return { index: loadSearchIndex(json), json, source: 'worker' };
      } catch (error) {
        if (!this.warnedFallback) {
          this.warnedFallback = true;
          this.options.logger.warn(`The search index is built on the extension host thread: the worker could not build it (${errorMessage(error)}).`);
        }
      }
    }
    const index = loadSearchIndex(bundledJson, userNotes);
    return { index, json: serializeSearchIndex(index), source: 'in-thread' };
  }

  /**
   * Saves the current index (when it is new) and deletes every other saved one, after any earlier save. Only the
   * latest `load` saves: an older build that finishes late must not replace the newer notes' index.
   */
  private persist(generation: number, current: { readonly name: string; readonly json?: string } | undefined): void {
    const store = this.options.store;
    if (!store) return;
    this.saving = this.saving.then(async () => {
      if (generation !== this.generation) return;
      try {
        if (current?.json !== undefined) await store.write(current.name, current.json);
        for (const name of await store.list()) {
          if (SAVED_NAME.test(name) && name !== current?.name) await store.delete(name);
        }
      } catch (error) {
        this.options.logger.warn(`Could not save the search index: ${errorMessage(error)}`);
      }
    });
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
