import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadCatalogFromContentFolder } from '../../src/cli/contentFolder';
import { runSearchCommand, type CatalogLoader } from '../../src/cli/searchCommand';
import { buildCatalog, type Catalog } from '../../src/core/catalog/bundledCatalog';
import { loadSearchIndex } from '../../src/core/search/searchIndex';
import { runCli } from './helpers/cliHarness';
import { noteFile, noteText } from './helpers/noteFixtures';

const catalog: Catalog = buildCatalog([
  noteFile(
    'sticky-sessions',
    { title: 'Sticky Sessions', aliases: '[session affinity, session persistence]', summary: 'Pin a client to one instance.' },
    '## Mechanism\n\nThe balancer sets a cookie naming the instance.\n',
  ),
  noteFile(
    'session-storage',
    { title: 'Session Storage', summary: 'Keep session data outside the process.' },
    '## Key Trade-offs\n\nA shared store removes the need for session affinity.\n',
  ),
  noteFile('consistent-hashing', { title: 'Consistent Hashing', summary: 'Move few keys when nodes change.' }, '## Mechanism\n\nA ring of virtual nodes.\n'),
]);

function countingLoader(): CatalogLoader & { calls: number } {
  const loader = Object.assign(
    async () => {
      loader.calls += 1;
      return catalog;
    },
    { calls: 0 },
  );
  return loader;
}

function search(argv: string[], loader: CatalogLoader = countingLoader()) {
  return runCli((io) => runSearchCommand(argv, io, loader));
}

describe('statecraft search', () => {
  test('--json prints [{ id, title, score, section, snippet }] best first', async () => {
    const run = await search(['session affinity', '--json']);
    assert.equal(run.code, 0);
    assert.equal(run.stderr, '');
    const rows = JSON.parse(run.stdout) as Record<string, unknown>[];
    const expected = loadSearchIndex(catalog.searchIndex).search('session affinity', { limit: 10 });
    assert.deepEqual(
      rows,
      expected.map((hit) => ({
        id: hit.id,
        title: hit.title,
        score: Math.round(hit.score * 1000) / 1000,
        section: hit.section,
        snippet: hit.snippet,
      })),
    );
    assert.deepEqual(rows.map((row) => Object.keys(row)), [
      ['id', 'title', 'score', 'section', 'snippet'],
      ['id', 'title', 'score', 'section', 'snippet'],
    ]);
    assert.deepEqual(rows.map((row) => [row.id, row.section]), [
      ['sticky-sessions', ''],
      ['session-storage', 'key-trade-offs'],
    ]);
    assert.ok((rows[0].score as number) > (rows[1].score as number));
    assert.equal(run.stdout.endsWith('\n'), true);
  });

  test('text mode prints a numbered list with id#section, score and snippet', async () => {
    const run = await search(['virtual']);
    const [hit] = loadSearchIndex(catalog.searchIndex).search('virtual');
    assert.equal(run.code, 0);
    assert.equal(
      run.stdout,
      `1. Consistent Hashing › Mechanism  (consistent-hashing#mechanism, score ${Math.round(hit.score * 1000) / 1000})\n` +
        '   A ring of virtual nodes.\n',
    );
  });

  test('several words form one query; --limit caps the results', async () => {
    const joined = await search(['session', 'affinity', '--json', '--limit', '1']);
    assert.deepEqual(JSON.parse(joined.stdout).map((row: { id: string }) => row.id), ['sticky-sessions']);
    const equals = await search(['--limit=2', '--json', '--', '--session']);
    assert.equal(equals.code, 0);
    assert.deepEqual(JSON.parse(equals.stdout).map((row: { id: string }) => row.id), ['session-storage', 'sticky-sessions']);
  });

  test('no match: exit 0, a message in text mode, [] in JSON', async () => {
    assert.deepEqual(await search(['zebra']), { code: 0, stdout: 'No notes match "zebra".\n', stderr: '' });
    assert.deepEqual(await search(['zebra', '--json']), { code: 0, stdout: '[]\n', stderr: '' });
  });

  const usageCases: [string[], string][] = [
    [[], 'missing search query'],
    [['  '], 'missing search query'],
    [['x', '--jsn'], 'unknown option "--jsn" for "statecraft search"'],
    [['x', '-j'], 'unknown option "-j" for "statecraft search"'],
    [['x', '--limit'], 'option "--limit" needs a value: a whole number from 1 to 100'],
    [['x', '--limit', '0'], 'option "--limit" must be a whole number from 1 to 100, got "0"'],
    [['x', '--limit', '101'], 'option "--limit" must be a whole number from 1 to 100, got "101"'],
    [['x', '--limit', '1.5'], 'option "--limit" must be a whole number from 1 to 100, got "1.5"'],
    [['x', '--limit', '-1'], 'option "--limit" must be a whole number from 1 to 100, got "-1"'],
    [['x', '--limit=abc'], 'option "--limit" must be a whole number from 1 to 100, got "abc"'],
  ];
  for (const [argv, message] of usageCases) {
    test(`usage error for ${JSON.stringify(argv)}: exit 2, nothing on stdout, catalog not loaded`, async () => {
      const loader = countingLoader();
      const run = await search(argv, loader);
      assert.deepEqual(run, {
        code: 2,
        stdout: '',
        stderr: `${message}\nusage: statecraft search "<query>" [--json] [--limit N]\n`,
        error: 'UsageError',
      });
      assert.equal(loader.calls, 0);
    });
  }
});

describe('loadCatalogFromContentFolder', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'statecraft-search-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('builds the catalog from a folder of notes on disk', async () => {
    const content = path.join(dir, 'content');
    mkdirSync(content);
    writeFileSync(path.join(content, 'idempotency.md'), noteText('idempotency', { title: 'Idempotency' }));
    writeFileSync(path.join(content, 'broken.md'), 'no front matter');
    const built = await loadCatalogFromContentFolder(content);
    assert.deepEqual(built.notes.map((note) => [note.id, note.sourcePath, note.root]), [
      ['idempotency', 'content/idempotency.md', 'bundled'],
    ]);
    assert.deepEqual(built.problems.map((problem) => problem.sourcePath), ['content/broken.md']);
    const run = await runCli((io) => runSearchCommand(['idempot', '--json'], io, () => loadCatalogFromContentFolder(content)));
    assert.deepEqual(JSON.parse(run.stdout).map((row: { id: string }) => row.id), ['idempotency']);
  });
});
