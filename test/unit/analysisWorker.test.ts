// The analysis worker protocol, its connection and the pool: with the real analyzer behind them, both in-process
// (the fallback, and fast) and in real worker_threads (the Node entry, started through tsx).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { createAnalyzer } from '../../src/core/analyzer/analyzer';
import { editForChange } from '../../src/core/analyzer/incremental';
import type { ContentChange } from '../../src/core/analyzer/types';
import { AnalysisPool } from '../../src/core/worker/analysisPool';
import { inProcessWorkerFactory } from '../../src/core/worker/inProcessWorker';
import { applyChanges, textHash } from '../../src/core/worker/protocol';
import { WorkerConnection, WorkerStoppedError, type WorkerFactory } from '../../src/core/worker/workerConnection';
import { nullLogger } from '../../src/core/ports';
import { nodeWorkerFactory } from '../../src/worker/nodeWorkerFactory';
import { nodeWasmLoader } from './analyzerHelpers';

const SERVER = `const express = require('express');
const session = require('express-session');
const app = express();
app.use(session({ secret: 's', resave: false, saveUninitialized: false }));
const cartsByUserId = new Map();
app.post('/cart', (req, res) => {
  cartsByUserId.set(req.session.userId, req.body);
  res.sendStatus(204);
});
`;

const options = (createWorker: WorkerFactory) => ({ createWorker, loadWasm: nodeWasmLoader, logger: nullLogger });

function change(text: string, offset: number, length: number, inserted: string): ContentChange {
  const position = (index: number) => {
    const before = text.slice(0, index);
    const line = before.split('\n').length - 1;
    return { line, character: index - (before.lastIndexOf('\n') + 1) };
  };
  return { rangeOffset: offset, rangeLength: length, text: inserted, range: { start: position(offset), end: position(offset + length) } };
}

describe('analysis worker protocol helpers', () => {
  it('applyChanges replays changes in order and refuses out-of-range ones', () => {
    const text = 'abc\ndef';
    const first = change(text, 4, 3, 'XYZ!');
    const afterFirst = applyChanges(text, [first]);
    assert.equal(afterFirst, 'abc\nXYZ!');
    assert.equal(applyChanges(text, [first, change(afterFirst!, 0, 1, '')]), 'bc\nXYZ!');
    assert.equal(applyChanges(text, [change(text, 6, 5, 'x')]), undefined);
  });

  it('textHash tells one-character differences apart', () => {
    assert.notEqual(textHash(SERVER), textHash(SERVER.replace('Map', 'Mop')));
    assert.equal(textHash(SERVER), textHash(`${SERVER}`));
  });
});

describe('WorkerConnection (in-process worker, real analyzer)', () => {
  it('analyses a whole file as the analyzer does', async () => {
    const connection = new WorkerConnection(options(inProcessWorkerFactory()));
    try {
      const expected = await createAnalyzer(nodeWasmLoader).analyze(SERVER, 'server.js');
      const result = await connection.analyzeFile(SERVER, 'server.js');
      assert.deepEqual(result, expected);
      assert.deepEqual(result.findings.map((finding) => finding.rule).sort(), ['in-memory-session-map', 'session-store-in-memory']);
    } finally {
      connection.dispose();
    }
  });

  it('keeps a session in the worker: later calls send only the changes, and the result matches a fresh analysis', async () => {
    const connection = new WorkerConnection(options(inProcessWorkerFactory()));
    try {
      const first = await connection.analyzeInSession('doc', 'server.js', SERVER, undefined);
      assert.equal(first.findings.length, 2);
      // Renaming the map so that it is no longer session-keyed state in a handler.
      const edit = change(SERVER, SERVER.indexOf('cartsByUserId.set'), 'cartsByUserId.set(req.session.userId, req.body);'.length, 'res.locals.cart = req.body;');
      const edited = applyChanges(SERVER, [edit])!;
      const second = await connection.analyzeInSession('doc', 'server.js', edited, [edit]);
      const fresh = await createAnalyzer(nodeWasmLoader).analyze(edited, 'server.js');
      assert.deepEqual(second, fresh);
      assert.equal(second.findings.length, 1);
      assert.ok(editForChange(edit).startIndex > 0);
    } finally {
      connection.dispose();
    }
  });

  it('resends the whole text when the changes do not rebuild the host text (need-text)', async () => {
    const connection = new WorkerConnection(options(inProcessWorkerFactory()));
    try {
      await connection.analyzeInSession('doc', 'server.js', SERVER, undefined);
      // Changes that do not describe how the text really changed: the worker's hash check catches it.
      const wrong = change(SERVER, 0, 0, '// a comment\n');
      const actual = SERVER.replace("new Map()", "new Map() // kept");
      const result = await connection.analyzeInSession('doc', 'server.js', actual, [wrong]);
      assert.deepEqual(result, await createAnalyzer(nodeWasmLoader).analyze(actual, 'server.js'));
    } finally {
      connection.dispose();
    }
  });

  it('answers a cancelled request with skipReason cancelled', async () => {
    const connection = new WorkerConnection(options(inProcessWorkerFactory()));
    try {
      const controller = new AbortController();
      const pending = connection.analyzeFile(SERVER, 'server.js', { signal: controller.signal });
      controller.abort();
      assert.equal((await pending).skipReason, 'cancelled');
    } finally {
      connection.dispose();
    }
  });
});

describe('WorkerConnection and AnalysisPool in real worker_threads', () => {
  it('a killed worker fails its request with WorkerStoppedError, and the next request gets a fresh worker', async () => {
    const connection = new WorkerConnection(options(nodeWorkerFactory()));
    try {
      await connection.warmUp('server.js');
      const inFlight = connection.analyzeInSession('doc', 'server.js', SERVER, undefined);
      connection.killWorker('killed by the test');
      await assert.rejects(inFlight, (error: unknown) => error instanceof WorkerStoppedError && error.fileName === 'server.js');
      assert.equal(connection.restartCount, 1);
      // The fresh worker has no text for the session: the connection sends the whole text again by itself.
      const edit = change(SERVER, 0, 0, '// edited\n');
      const again = await connection.analyzeInSession('doc', 'server.js', applyChanges(SERVER, [edit])!, [edit]);
      assert.equal(again.findings.length, 2);
    } finally {
      connection.dispose();
    }
  });

  it('the pool analyses fixture files on two workers with the same results as the analyzer in this thread', async () => {
    const folder = path.join(__dirname, '..', 'fixtures', 'analyzer', 'javascript');
    const files = ['express-memory-store.js', 'socketio-no-adapter.js', 'express-redis-store.js'].filter((name) => {
      try {
        readFileSync(path.join(folder, name));
        return true;
      } catch {
        return false;
      }
    });
    assert.ok(files.length >= 2, 'fixture files exist');
    const pool = new AnalysisPool({ ...options(nodeWorkerFactory()), size: 2 });
    const analyzer = createAnalyzer(nodeWasmLoader);
    try {
      for (const name of files) {
        const text = readFileSync(path.join(folder, name), 'utf8');
        const [fromPool, here] = await Promise.all([pool.analyze(text, name), analyzer.analyze(text, name)]);
        assert.deepEqual(fromPool, here, name);
      }
      const all = await Promise.all(files.map((name) => pool.analyze(readFileSync(path.join(folder, name), 'utf8'), name)));
      assert.equal(all.length, files.length);
      assert.equal(pool.restartCount, 0);
    } finally {
      pool.dispose();
      analyzer.dispose();
    }
  });

  it('the pool drops a queued file when its signal aborts', async () => {
    const pool = new AnalysisPool({ ...options(inProcessWorkerFactory()), size: 1 });
    try {
      const first = pool.analyze(SERVER, 'a.js');
      const controller = new AbortController();
      const second = pool.analyze(SERVER, 'b.js', { signal: controller.signal });
      assert.equal(pool.queued, 1);
      controller.abort();
      assert.equal((await second).skipReason, 'cancelled');
      assert.equal((await first).findings.length, 2);
    } finally {
      pool.dispose();
    }
  });
});
