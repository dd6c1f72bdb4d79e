// The saved combined search index: its content hash, restore-equals-build, and the cache's decisions (reuse a saved
// index, rebuild a changed or corrupt one, delete stale ones, fall back to this thread when the worker fails).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Note } from '../../src/core/notes/note';
import { loadNoteCollection } from '../../src/core/notes/noteLoader';
import { buildSearchIndex, loadSearchIndex, serializeSearchIndex, type IndexedNote } from '../../src/core/search/searchIndex';
import {
  buildCombinedIndexJson,
  contentHash,
  savedIndexName,
  SearchIndexCache,
  searchIndexKey,
  type SearchIndexStore,
} from '../../src/core/search/searchIndexCache';
import type { Logger } from '../../src/core/ports';
import { noteFile } from './helpers/noteFixtures';

function notesOf(root: string, ...specs: Array<[id: string, title: string, body: string]>): readonly Note[] {
  const collection = loadNoteCollection(specs.map(([id, title, body]) => noteFile(id, { title, tags: '[sessions]', summary: `About ${title}.` }, body)), root);
  assert.deepEqual(collection.problems, []);
  return collection.notes;
}

const bundled = notesOf('bundled', ['sticky-sessions', 'Sticky Sessions', '## Mechanism\n\nA cookie names the instance.\n'], ['idempotency', 'Idempotency', '## Mechanism\n\nAn idempotency key per request.\n']);
const bundledJson = serializeSearchIndex(buildSearchIndex(bundled));
const user = notesOf(
  'user',
  ['our-session-store', 'Our Session Store', '## Mechanism\n\nRedis keeps the session; the cookie only names it.\n'],
  ['cart-service', 'Cart Service', '## Problem\n\nCarts lived in process memory and vanished on deploy.\n'],
  ['rate-limits', 'Rate Limits', '## Mechanism\n\nA token bucket per client, shared through Redis.\n'],
);
const QUERIES = ['session', 'redis cookie', 'cart deploy', 'idempotency', 'tokn bucket', 'instance'];

/** Search results of every query, to compare two indexes by what a user would see. */
const resultsOf = (index: { search(query: string): unknown }) => QUERIES.map((query) => index.search(query));

function memoryStore(): SearchIndexStore & { files: Map<string, string>; reads: number } {
  const files = new Map<string, string>();
  return {
    files,
    reads: 0,
    async read(name) {
      this.reads++;
      return files.get(name);
    },
    async write(name, text) {
      files.set(name, text);
    },
    async list() {
      return [...files.keys()];
    },
    async delete(name) {
      files.delete(name);
    },
  };
}

function recordingLogger(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  return { warnings, info: () => undefined, warn: (message) => warnings.push(message), error: (message) => warnings.push(message) };
}

describe('the content hash of a search index', () => {
  const bundledHash = contentHash([bundledJson]);

  test('is the same for the same notes in another order', () => {
    assert.equal(searchIndexKey(bundledHash, user), searchIndexKey(bundledHash, [...user].reverse()));
    assert.match(searchIndexKey(bundledHash, user), /^[0-9a-f]{16}$/);
  });

  test('changes when any indexed field of one note changes, or a note comes or goes', () => {
    const key = searchIndexKey(bundledHash, user);
    const edited = (change: Partial<IndexedNote>) => searchIndexKey(bundledHash, [{ ...user[0], ...change }, ...user.slice(1)]);
    assert.notEqual(edited({ body: `${user[0].body} ` }), key, 'body');
    assert.notEqual(edited({ title: 'Our Session Stores' }), key, 'title');
    assert.notEqual(edited({ summary: 'Other.' }), key, 'summary');
    assert.notEqual(edited({ tags: ['session'] }), key, 'tags');
    assert.notEqual(edited({ aliases: ['store'] }), key, 'aliases');
    assert.notEqual(edited({ id: 'our-session-store-2' }), key, 'id');
    assert.notEqual(searchIndexKey(bundledHash, user.slice(1)), key, 'a note removed');
  });

  test('changes with the bundled index', () => {
    assert.notEqual(searchIndexKey(contentHash([`${bundledJson} `]), user), searchIndexKey(bundledHash, user));
  });

  test('tells apart parts split differently', () => {
    assert.notEqual(contentHash(['ab', 'c']), contentHash(['a', 'bc']));
    assert.notEqual(contentHash(['']), contentHash([]));
  });
});

describe('restoring the combined index', () => {
  test('gives the same search results as building it', () => {
    const built = loadSearchIndex(bundledJson, user);
    const restored = loadSearchIndex(buildCombinedIndexJson(bundledJson, user));
    assert.equal(restored.documentCount, bundled.length + user.length);
    assert.deepEqual(resultsOf(restored), resultsOf(built));
    assert.ok(resultsOf(built).every((hits) => (hits as unknown[]).length > 0), 'every query finds something');
  });
});

describe('SearchIndexCache', () => {
  const key = () => savedIndexName(searchIndexKey(contentHash([bundledJson]), user));

  test('builds in the worker once, saves, and a restart restores the saved index without building', async () => {
    const store = memoryStore();
    let builds = 0;
    const build = async (json: string, notes: readonly IndexedNote[]) => {
      builds++;
      // What crosses to the worker is the indexed fields only, not whole notes.
      assert.deepEqual(Object.keys(notes[0]).sort(), ['aliases', 'body', 'id', 'summary', 'tags', 'title']);
      return buildCombinedIndexJson(json, notes);
    };
    const beforeRestart = new SearchIndexCache({ store, build, logger: recordingLogger() });
    const first = await beforeRestart.load(bundledJson, user);
    await beforeRestart.whenSaved();
    assert.equal(first.source, 'worker');
    assert.equal(builds, 1);
    assert.deepEqual([...store.files.keys()], [key()]);
    const restored = await new SearchIndexCache({ store, build, logger: recordingLogger() }).load(bundledJson, [...user].reverse());
    assert.equal(restored.source, 'saved');
    assert.equal(builds, 1, 'no build after a restart with the same notes');
    assert.deepEqual(resultsOf(restored.index), resultsOf(first.index));
  });

  test('a changed note rebuilds, and the stale saved index is deleted', async () => {
    const store = memoryStore();
    const cache = new SearchIndexCache({ store, logger: recordingLogger() });
    await cache.load(bundledJson, user);
    await cache.whenSaved();
    const changed = [{ ...user[0], body: `${user[0].body}\nMemcached too.\n` }, ...user.slice(1)];
    const rebuilt = await cache.load(bundledJson, changed);
    await cache.whenSaved();
    assert.equal(rebuilt.source, 'in-thread');
    assert.deepEqual(rebuilt.index.search('memcached').map((hit) => hit.id), [user[0].id]);
    assert.deepEqual([...store.files.keys()], [savedIndexName(searchIndexKey(contentHash([bundledJson]), changed))]);
  });

  test('a corrupt saved index is ignored, reported, and replaced by a rebuilt one', async () => {
    const store = memoryStore();
    store.files.set(key(), '{"format":"statecraft-search-index","version":2,"index":{"documentCount":');
    const logger = recordingLogger();
    const cache = new SearchIndexCache({ store, logger });
    const result = await cache.load(bundledJson, user);
    await cache.whenSaved();
    assert.equal(result.source, 'in-thread');
    assert.deepEqual(resultsOf(result.index), resultsOf(loadSearchIndex(bundledJson, user)));
    assert.equal(logger.warnings.length, 1);
    assert.match(logger.warnings[0], /saved search index search-index-[0-9a-f]{16}\.json is unreadable/);
    assert.doesNotThrow(() => loadSearchIndex(store.files.get(key())!));
  });

  test('a failing worker falls back to this thread, said once', async () => {
    const logger = recordingLogger();
    const cache = new SearchIndexCache({ store: memoryStore(), build: () => Promise.reject(new Error('worker exited')), logger });
    const first = await cache.load(bundledJson, user);
    const second = await cache.load(bundledJson, user.slice(1));
    assert.deepEqual([first.source, second.source], ['in-thread', 'in-thread']);
    assert.deepEqual(resultsOf(first.index), resultsOf(loadSearchIndex(bundledJson, user)));
    assert.equal(logger.warnings.length, 1);
    assert.match(logger.warnings[0], /worker could not build it \(worker exited\)/);
  });

  test('without user notes the bundled index is used as it is, and saved and half-written indexes are cleaned up', async () => {
    const store = memoryStore();
    store.files.set(key(), 'stale');
    store.files.set(`${key()}.partial`, 'a crash left half of it');
    store.files.set('unrelated.txt', 'kept');
    const cache = new SearchIndexCache({ store, build: () => assert.fail('nothing to build'), logger: recordingLogger() });
    const result = await cache.load(bundledJson, []);
    await cache.whenSaved();
    assert.equal(result.source, 'bundled');
    assert.equal(result.index.documentCount, bundled.length);
    assert.deepEqual([...store.files.keys()], ['unrelated.txt']);
  });

  test('storage that fails to save is reported, and the index still works', async () => {
    const logger = recordingLogger();
    const store = { ...memoryStore(), write: () => Promise.reject(new Error('disk full')) };
    const cache = new SearchIndexCache({ store, logger });
    const result = await cache.load(bundledJson, user);
    await cache.whenSaved();
    assert.equal(result.index.search('redis').length, 2);
    assert.deepEqual(logger.warnings, ['Could not save the search index: disk full']);
  });
});
