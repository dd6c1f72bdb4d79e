// The `build-search-index` message of the analysis worker: in process and in a real worker_threads worker (the
// Node entry, through tsx), the index the worker answers searches exactly like one built on this thread.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadNoteCollection } from '../../src/core/notes/noteLoader';
import { nullLogger } from '../../src/core/ports';
import { buildSearchIndex, loadSearchIndex, serializeSearchIndex } from '../../src/core/search/searchIndex';
import { indexedFields } from '../../src/core/search/searchIndexCache';
import { inProcessWorkerFactory } from '../../src/core/worker/inProcessWorker';
import { WorkerConnection, WorkerStoppedError, type WorkerFactory } from '../../src/core/worker/workerConnection';
import { nodeWorkerFactory } from '../../src/worker/nodeWorkerFactory';
import { noteFile } from './helpers/noteFixtures';

const bundledJson = serializeSearchIndex(
  buildSearchIndex(loadNoteCollection([noteFile('sticky-sessions', { title: 'Sticky Sessions', summary: 'Pin a client to an instance.' })], 'bundled').notes),
);
// Many user notes, so the build is real work and the answer is large.
const userNotes = loadNoteCollection(
  Array.from({ length: 300 }, (_, n) => noteFile(`user-${n}`, { title: `Runbook ${n}`, tags: `[team-${n % 7}]` }, `## Mechanism\n\nService ${n} keeps sessions in shard ${n % 13} of Redis.\n`)),
  'user',
).notes;
const QUERIES = ['runbook 42', 'shard', 'redis sessions', 'sticky', 'team-3', 'servce'];

const connectionOf = (createWorker: WorkerFactory) =>
  new WorkerConnection({ createWorker, loadWasm: () => Promise.reject(new Error('a search build reads no grammar')), logger: nullLogger });

async function assertBuildsLikeThisThread(connection: WorkerConnection): Promise<void> {
  const json = await connection.buildSearchIndex(bundledJson, indexedFields(userNotes));
  const fromWorker = loadSearchIndex(json);
  const here = loadSearchIndex(bundledJson, userNotes);
  assert.equal(fromWorker.documentCount, 301);
  for (const query of QUERIES) assert.deepEqual(fromWorker.search(query), here.search(query), query);
  assert.equal(fromWorker.search('runbook 42')[0]?.id, 'user-42');
}

describe('build-search-index in the analysis worker', () => {
  it('in process: answers the combined index', async () => {
    const connection = connectionOf(inProcessWorkerFactory());
    try {
      await assertBuildsLikeThisThread(connection);
    } finally {
      connection.dispose();
    }
  });

  it('in a real worker thread: answers the combined index, and a bad bundled index is an error, not a hang', async () => {
    const connection = connectionOf(nodeWorkerFactory());
    try {
      await assertBuildsLikeThisThread(connection);
      await assert.rejects(connection.buildSearchIndex('{"format":"other"}', []), { message: 'not a statecraft-search-index version 2 document' });
      assert.equal(connection.restartCount, 0);
    } finally {
      connection.dispose();
    }
  });

  it('a worker that dies mid-build rejects with WorkerStoppedError, and a disposed connection rejects', async () => {
    const connection = connectionOf(nodeWorkerFactory());
    const building = connection.buildSearchIndex(bundledJson, indexedFields(userNotes));
    connection.killWorker('killed by the test');
    await assert.rejects(building, (error: unknown) => error instanceof WorkerStoppedError && error.fileName === 'the search index');
    connection.dispose();
    await assert.rejects(connection.buildSearchIndex(bundledJson, []), { message: 'the search index build was cancelled' });
  });
});
