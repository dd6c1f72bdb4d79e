// topResults (src/core/search/topResults.ts) selects the best hits from MiniSearch's scored matches instead of
// materialising and sorting every match. It reads MiniSearch internals, so this checks, on a collection where a
// common word matches every note and scores tie, that it answers exactly what the public `search()` path answers:
// same notes, same order, same scores, sections and snippets, for AND, OR fallback, prefix and typo queries and
// for limits below and above the number of matches.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadNoteCollection } from '../../src/core/notes/noteLoader';
import { buildSearchIndex } from '../../src/core/search/searchIndex';
import { noteFile } from './helpers/noteFixtures';

const WORDS = ['cache', 'session', 'replica', 'leader', 'lease', 'shard', 'queue', 'token', 'quorum', 'fence'];
// 400 notes; every note holds "state", many share titles (ties on score are broken by title, then id).
const notes = loadNoteCollection(
  Array.from({ length: 400 }, (_, n) =>
    noteFile(`note-${String(n).padStart(3, '0')}`, { title: `Topic ${n % 37}`, tags: `[${WORDS[n % WORDS.length]}]` },
      `## ${WORDS[(n * 7) % WORDS.length]} design\n\nThe state of ${WORDS[n % WORDS.length]} and ${WORDS[(n * 3) % WORDS.length]} in service ${n}.\n\n## Notes\n\nstate ${'state '.repeat(n % 5)}\n`)),
  'user',
).notes;
const QUERIES = ['state', 'cache', 'session lease', 'leader quorum', 'sess', 'replca', 'topic 3', 'quorum fence token', 'nothing matches this', 'state cache zzzz'];

describe('search: the best hits without materialising every match', () => {
  const index = buildSearchIndex(notes);
  const reference = index.withPublicApiOnly();

  for (const limit of [1, 5, 50, 1000]) {
    it(`answers exactly what MiniSearch's public search answers, limit ${limit}`, () => {
      for (const query of QUERIES) {
        const fast = index.search(query, { limit });
        const slow = reference.search(query, { limit });
        assert.deepEqual(fast, slow, `query "${query}"`);
      }
    });
  }

  it('a common word matching every note returns the limit, best first, ties by title then id', () => {
    const hits = index.search('state', { limit: 20 });
    assert.equal(hits.length, 20);
    for (let n = 1; n < hits.length; n++) {
      const [a, b] = [hits[n - 1], hits[n]];
      assert.ok(a.score > b.score || (a.score === b.score && (a.title < b.title || (a.title === b.title && a.id < b.id))), `${a.id} before ${b.id}`);
    }
  });
});

describe('search: typo tolerance is for words the notes do not know', () => {
  const notes = loadNoteCollection(
    [
      ...Array.from({ length: 4 }, (_, n) => noteFile(`writes-${n}`, { title: `Journal ${n}` }, `## Writes\n\nEvery write goes to the leader ${n}.\n`)),
      noteFile('paint', { title: 'Paint' }, '## Colours\n\nA white wall.\n'),
    ],
    'user',
  ).notes;
  const index = buildSearchIndex(notes);

  it('a word several notes hold is taken as meant: "write" does not reach "white"', () => {
    const ids = index.search('write').map((hit) => hit.id);
    assert.ok(ids.includes('writes-0'));
    assert.ok(!ids.includes('paint'), JSON.stringify(ids));
  });

  it('a word no note holds is still corrected: "writte" finds the notes about writes', () => {
    assert.ok(index.search('writte').some((hit) => hit.id === 'writes-1'));
    assert.ok(index.search('leadr write').some((hit) => hit.id === 'writes-2'), 'in an AND query too');
  });
});
