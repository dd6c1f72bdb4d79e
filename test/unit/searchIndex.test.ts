import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Note } from '../../src/core/notes/note';
import { loadNoteCollection } from '../../src/core/notes/noteLoader';
import {
  buildSearchIndex,
  loadSearchIndex,
  makeSnippet,
  serializeSearchIndex,
} from '../../src/core/search/searchIndex';
import { linearScanSearch } from '../../bench/linearScanSearch';
import { noteFile } from './helpers/noteFixtures';

const FILLER =
  'Every request carries its own context, the service keeps nothing between calls, and any instance can answer it.';

function fixtureNotes(): readonly Note[] {
  const files = [
    noteFile(
      'consistent-hashing',
      { title: 'Consistent Hashing', tags: '[partitioning, routing]', summary: 'Map keys to nodes so few keys move when nodes change.' },
      [
        '## Problem',
        '',
        'Adding a node to a modulo scheme moves almost every key.',
        '',
        '## Mechanism',
        '',
        `${FILLER} ${FILLER} Place nodes on a ring and give each node many virtual nodes so load spreads evenly. ${FILLER}`,
        '',
      ].join('\n'),
    ),
    noteFile(
      'load-balancing',
      { title: 'Load Balancing', tags: '[routing]', summary: 'Spread requests over instances.' },
      [
        '## Mechanism',
        '',
        'Round robin, least connections and random choice.',
        '',
        '### Hash-based routing',
        '',
        'Consistent hashing keeps a client on the same backend; consistent hashing also limits reshuffling.',
        '',
      ].join('\n'),
    ),
    noteFile(
      'sticky-sessions',
      {
        title: 'Sticky Sessions',
        aliases: '[session affinity, session persistence]',
        tags: '[load-balancing, sessions]',
        summary: 'Route every request of a client to the same instance.',
      },
      '## Mechanism\n\nThe balancer sets a cookie naming the instance and routes on it.\n',
    ),
    noteFile(
      'session-storage',
      { title: 'Session Storage', tags: '[sessions]', summary: 'Keep session data outside the process.' },
      '## Problem\n\nIn-memory sessions die with the process.\n\n## Key Trade-offs\n\nA shared store removes the need for session affinity at the balancer.\n',
    ),
    noteFile(
      'idempotency',
      { title: 'Idempotency', tags: '[retries]', summary: 'Make repeated requests safe.' },
      '## Mechanism\n\nClients send an idempotency key; the server stores the first response per key.\n',
    ),
    noteFile(
      'cache-invalidation',
      { title: 'Cache Invalidation', tags: '[caching]', summary: 'Decide when cached data stops being true.' },
      '## Problem\n\nStale reads.\n\n## Key Trade-offs\n\nDeletes need a tombstone so a late write does not resurrect the value.\n',
    ),
  ];
  const collection = loadNoteCollection(files, 'bundled');
  assert.deepEqual(collection.problems, []);
  return collection.notes;
}

const notes = fixtureNotes();
const index = buildSearchIndex(notes);

function ids(query: string): string[] {
  return index.search(query).map((hit) => hit.id);
}

describe('NoteSearchIndex ranking', () => {
  test('a title match beats body matches', () => {
    assert.deepEqual(ids('consistent hashing'), ['consistent-hashing', 'load-balancing']);
  });

  test('aliases: "session affinity" finds the note whose aliases include it first', () => {
    assert.deepEqual(ids('session affinity'), ['sticky-sessions', 'session-storage']);
    assert.deepEqual(ids('session persistence'), ['sticky-sessions']);
  });

  test('typo tolerance: "consistant hashing"', () => {
    assert.deepEqual(ids('consistant hashing'), ['consistent-hashing', 'load-balancing']);
  });

  test('prefix search: "idempot"', () => {
    const hits = index.search('idempot');
    assert.deepEqual(hits.map((hit) => hit.id), ['idempotency']);
    assert.equal(hits[0].title, 'Idempotency');
  });

  test('field order: title > aliases > tags > headings > body', () => {
    const files = [
      noteFile('in-body', { title: 'Alpha' }, '## Problem\n\nA quorum of replicas must answer.\n'),
      noteFile('in-heading', { title: 'Bravo' }, '## Quorum reads\n\nReplicas answer.\n'),
      noteFile('in-tags', { title: 'Charlie', tags: '[quorum]' }),
      noteFile('in-aliases', { title: 'Delta', aliases: '[quorum]' }),
      noteFile('in-title', { title: 'Quorum' }),
    ];
    const fieldIndex = buildSearchIndex(loadNoteCollection(files, 'bundled').notes);
    assert.deepEqual(
      fieldIndex.search('quorum').map((hit) => [hit.id, hit.section]),
      [
        ['in-title', ''],
        ['in-aliases', ''],
        ['in-tags', ''],
        ['in-heading', 'quorum-reads'],
        ['in-body', 'problem'],
      ],
    );
  });

  test('a section holding the word wins over the other sections of the same note', () => {
    assert.deepEqual(index.search('routing').map((hit) => [hit.id, hit.section]), [
      ['load-balancing', 'hash-based-routing'],
      ['consistent-hashing', ''],
    ]);
  });

  test('all words must match; when none matches all of them, any word may', () => {
    assert.deepEqual(ids('cookie instance'), ['sticky-sessions']);
    assert.deepEqual(ids('tombstone zebra'), ['cache-invalidation']);
  });

  test('a note matches when its words are spread over the title and a section', () => {
    assert.deepEqual(index.search('consistent hashing ring').map((hit) => [hit.id, hit.section]), [
      ['consistent-hashing', 'mechanism'],
    ]);
  });

  test('empty and stop-word-only queries find nothing; limit caps the notes', () => {
    assert.deepEqual(index.search('   '), []);
    assert.deepEqual(index.search('the of and'), []);
    assert.deepEqual(index.search('session').map((hit) => hit.id), ['session-storage', 'sticky-sessions']);
    assert.deepEqual(index.search('session', { limit: 1 }).map((hit) => hit.id), ['session-storage']);
  });
});

describe('NoteSearchIndex hits', () => {
  test('section points at the heading where the word appears; snippet shows the word', () => {
    assert.deepEqual(index.search('tombstone'), [
      {
        id: 'cache-invalidation',
        title: 'Cache Invalidation',
        score: index.search('tombstone')[0].score,
        section: 'key-trade-offs',
        sectionTitle: 'Key Trade-offs',
        snippet: 'Deletes need a tombstone so a late write does not resurrect the value.',
      },
    ]);
  });

  test('a long section gives a ~160 character window around the first matched word', () => {
    const [hit] = index.search('virtual');
    assert.equal(hit.id, 'consistent-hashing');
    assert.equal(hit.section, 'mechanism');
    assert.equal(
      hit.snippet,
      '…on a ring and give each node many virtual nodes so load spreads evenly. Every request carries its own context, the service keeps nothing between calls, and any…',
    );
    assert.ok(hit.snippet.length <= 162);
  });

  test('a title-only match points at the top of the note, with the summary as snippet', () => {
    const [hit] = index.search('invalidation');
    assert.equal(hit.id, 'cache-invalidation');
    assert.deepEqual([hit.section, hit.sectionTitle, hit.snippet], ['', '', 'Decide when cached data stops being true.']);
  });

  test('serialise then load gives identical results', () => {
    const json = serializeSearchIndex(index);
    const loaded = loadSearchIndex(json);
    assert.equal(loaded.documentCount, index.documentCount);
    for (const query of ['consistent hashing', 'session affinity', 'consistant hashing', 'idempot', 'routing', 'tombstone zebra', 'virtual']) {
      assert.deepEqual(loaded.search(query), index.search(query), query);
    }
  });

  test('loadSearchIndex refuses other JSON', () => {
    assert.throws(() => loadSearchIndex('{"format":"other"}'), { message: 'not a statecraft-search-index version 2 document' });
    assert.throws(() => loadSearchIndex('not json'), SyntaxError);
  });
});

describe('one search over bundled and user notes', () => {
  // A user note as relevant as a bundled one: same shape, same words, its own id and title.
  const twin = (id: string, title: string, root: string) =>
    loadNoteCollection([noteFile(id, { title, tags: '[locking]', summary: 'Stop two workers from doing the same job.' }, '## Mechanism\n\nA lease with a fencing token.\n')], root).notes;

  test('a user note and a bundled note of equal relevance get the same score, so neither side is favoured', () => {
    const bundledJson = serializeSearchIndex(buildSearchIndex([...notes, ...twin('bundled-lock', 'Distributed Lock A', 'bundled')]));
    const combined = loadSearchIndex(bundledJson, twin('user-lock', 'Distributed Lock B', 'user'));
    const hits = combined.search('fencing token');
    assert.deepEqual(hits.map((hit) => hit.id), ['bundled-lock', 'user-lock'], 'equal scores: ties go by title');
    assert.equal(hits[0].score, hits[1].score);
    // The same two notes searched in two separate indexes (the old design) score on different scales: the small
    // user index gives its terms a higher IDF, so merging by raw score ranked the user note first.
    const separate = [
      ...loadSearchIndex(bundledJson).search('fencing token'),
      ...buildSearchIndex(twin('user-lock', 'Distributed Lock B', 'user')).search('fencing token'),
    ];
    assert.notEqual(separate[0].score, separate[1].score);
  });

  test('a user note with an id the bundled notes already use is not indexed twice', () => {
    const bundledJson = serializeSearchIndex(buildSearchIndex(notes));
    const combined = loadSearchIndex(bundledJson, loadNoteCollection([noteFile('idempotency', { title: 'My Idempotency' })], 'user').notes);
    assert.equal(combined.documentCount, notes.length);
    assert.deepEqual(combined.search('idempotency').map((hit) => hit.title), ['Idempotency']);
  });
});

describe('makeSnippet', () => {
  test('returns short text whole, and cuts long text at word boundaries around the first match', () => {
    assert.equal(makeSnippet('Short text.', ['text']), 'Short text.');
    const text = `${'alpha '.repeat(40)}needle ${'omega '.repeat(40)}`.trim();
    const snippet = makeSnippet(text, ['needle'], 60);
    assert.equal(snippet, '…alpha alpha needle omega omega omega omega omega omega omega…');
    assert.equal(makeSnippet(text, ['absent'], 20), 'alpha alpha alpha…');
  });

  test('matches at word starts only, case-insensitively', () => {
    const text = `${'x '.repeat(100)}Caching ${'y '.repeat(100)}`.trim();
    assert.match(makeSnippet(text, ['caching'], 40), /Caching/);
    assert.equal(makeSnippet(`${'precaching '.repeat(20)}`.trim(), ['caching'], 30), 'precaching precaching…');
  });
});

describe('linearScanSearch (benchmark baseline)', () => {
  test('finds exact substrings with the same field weights, and nothing for typos', () => {
    const hits = linearScanSearch(notes, 'consistent hashing');
    assert.deepEqual(hits.map((hit) => [hit.id, hit.score, hit.section]), [
      ['consistent-hashing', 10, ''],
      ['load-balancing', 2, 'hash-based-routing'],
    ]);
    assert.deepEqual(linearScanSearch(notes, 'consistant hashing'), []);
    assert.deepEqual(linearScanSearch(notes, ''), []);
  });
});
