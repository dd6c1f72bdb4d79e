import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildCatalog, readCatalog } from '../../src/core/catalog/bundledCatalog';
import { buildSearchIndex, loadSearchIndex } from '../../src/core/search/searchIndex';
import { noteFile, textFile } from './helpers/noteFixtures';

test('buildCatalog → JSON → readCatalog restores notes, problems and a working search index', () => {
  const files = [noteFile('a', { title: 'Alpha Note' }), noteFile('b', { related: '[a]' }), textFile('content/c.md', '')];
  const catalog = buildCatalog(files);
  assert.equal(catalog.format, 'statecraft-catalog');
  assert.equal(catalog.version, 1);
  assert.deepEqual(catalog.notes.map((note) => [note.id, note.root]), [
    ['a', 'bundled'],
    ['b', 'bundled'],
  ]);
  assert.deepEqual(catalog.problems.map((problem) => problem.message), ['content/c.md: file is empty']);

  const restored = readCatalog(JSON.stringify(catalog));
  assert.deepEqual(restored, catalog);
  const hits = loadSearchIndex(restored.searchIndex).search('alpha');
  assert.deepEqual(hits, buildSearchIndex(catalog.notes).search('alpha'));
  assert.deepEqual(hits.map((hit) => hit.id), ['a']);
  assert.equal(buildCatalog(files, { root: 'extra' }).notes[0].root, 'extra');
});

test('readCatalog refuses files that are not a current catalog', () => {
  assert.throws(() => readCatalog('{"format":"x"}'), { message: 'not a Statecraft notes catalog' });
  assert.throws(() => readCatalog('null'), { message: 'not a Statecraft notes catalog' });
  assert.throws(() => readCatalog('{"format":"statecraft-catalog","version":2}'), {
    message: 'unsupported catalog version 2 (expected 1)',
  });
  assert.throws(() => readCatalog('{"format":"statecraft-catalog","version":1,"notes":[]}'), {
    message: 'catalog is missing its notes, problems or search index',
  });
  assert.throws(
    () => readCatalog('{"format":"statecraft-catalog","version":1,"notes":[{"id":"a"}],"problems":[],"searchIndex":""}'),
    { message: 'catalog note 0 is malformed' },
  );
});
