// Cross-file reads through the analysis worker: the session configuration in one module, its store built in another.
// The worker cannot call the host's reader, so it asks by message; these tests check that the pool's results equal
// the in-thread analyzer's with the same reader, in real worker_threads, and that a failing, silent or greedy reader
// never wedges a worker.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createAnalyzer } from '../../src/core/analyzer/analyzer';
import type { ReadRelated } from '../../src/core/analyzer/crossFile';
import { AnalysisPool } from '../../src/core/worker/analysisPool';
import { inProcessWorkerFactory } from '../../src/core/worker/inProcessWorker';
import { MAX_RELATED_READS } from '../../src/core/worker/protocol';
import { WorkerConnection, type WorkerFactory } from '../../src/core/worker/workerConnection';
import { nullLogger } from '../../src/core/ports';
import { nodeWorkerFactory } from '../../src/worker/nodeWorkerFactory';
import { nodeWasmLoader } from './analyzerHelpers';

const APP = "const express = require('express');\nconst session = require('express-session');\nconst store = require('./sessionStore');\nconst app = express();\napp.use(session({ store, secret: 's', resave: false }));\n";
const MEMORY_STORE = "const session = require('express-session');\nmodule.exports = new session.MemoryStore();\n";
const REDIS_STORE = "const session = require('express-session');\nconst { RedisStore } = require('connect-redis');\nmodule.exports = new RedisStore({ client });\n";

/** A reader over an in-memory project, recording what was asked. */
function projectReader(files: Record<string, string>): ReadRelated & { asked: string[] } {
  const asked: string[] = [];
  const read = (async (path: string) => {
    asked.push(path);
    return files[path];
  }) as ReadRelated & { asked: string[] };
  read.asked = asked;
  return read;
}

const options = (createWorker: WorkerFactory) => ({ createWorker, loadWasm: nodeWasmLoader, logger: nullLogger });

describe('AnalysisPool with readRelated (real worker_threads)', () => {
  it('follows the store into the other module: the same result as the analyzer in this thread', async () => {
    const files = { 'src/app.js': APP, 'src/sessionStore.js': MEMORY_STORE };
    const pool = new AnalysisPool({ ...options(nodeWorkerFactory()), size: 2 });
    const analyzer = createAnalyzer(nodeWasmLoader);
    try {
      const here = await analyzer.analyze(APP, 'src/app.js', { readRelated: projectReader(files) });
      const reader = projectReader(files);
      const fromPool = await pool.analyze(APP, 'src/app.js', { readRelated: reader });
      assert.deepEqual(fromPool, here);
      const crossFile = fromPool.findings.filter((finding) => finding.rule === 'session-store-in-memory');
      assert.equal(crossFile.length, 1, 'the store option is flagged');
      assert.equal(crossFile[0].range.start.line, 4);
      assert.match(crossFile[0].message, /src\/sessionStore\.js/);
      assert.ok(reader.asked.includes('src/sessionStore.js'), 'the worker asked the host for the store module');
      // Without a reader the worker cannot know: the configuration alone is not flagged.
      const alone = await pool.analyze(APP, 'src/app.js');
      assert.equal(alone.findings.filter((finding) => finding.rule === 'session-store-in-memory').length, 0);
    } finally {
      pool.dispose();
      analyzer.dispose();
    }
  });

  it('stays quiet when the other module builds a Redis store, as the analyzer in this thread does', async () => {
    const files = { 'src/app.js': APP, 'src/sessionStore.js': REDIS_STORE };
    const pool = new AnalysisPool({ ...options(nodeWorkerFactory()), size: 1 });
    const analyzer = createAnalyzer(nodeWasmLoader);
    try {
      const reader = projectReader(files);
      const fromPool = await pool.analyze(APP, 'src/app.js', { readRelated: reader });
      assert.deepEqual(fromPool, await analyzer.analyze(APP, 'src/app.js', { readRelated: projectReader(files) }));
      assert.deepEqual(fromPool.findings.map((finding) => finding.rule), []);
      assert.ok(reader.asked.includes('src/sessionStore.js'), 'the store module was read, and judged not in-memory');
    } finally {
      pool.dispose();
      analyzer.dispose();
    }
  });
});

describe('readRelated through a worker connection: bounds and failures (in-process worker)', () => {
  it('a reader that throws or rejects counts as "no such file", and the worker goes on', async () => {
    const connection = new WorkerConnection(options(inProcessWorkerFactory()));
    try {
      const throwing: ReadRelated = () => {
        throw new Error('disk on fire');
      };
      const rejecting: ReadRelated = () => Promise.reject(new Error('permission denied'));
      for (const reader of [throwing, rejecting]) {
        const result = await connection.analyzeFile(APP, 'src/app.js', { readRelated: reader });
        assert.deepEqual(result.findings, []);
        assert.equal(result.skipReason, undefined);
      }
      const healthy = await connection.analyzeFile(APP, 'src/app.js', { readRelated: projectReader({ 'src/sessionStore.js': MEMORY_STORE }) });
      assert.deepEqual(healthy.findings.map((finding) => finding.rule), ['session-store-in-memory']);
      assert.equal(connection.restartCount, 0);
    } finally {
      connection.dispose();
    }
  });

  it('a reader that never answers costs one read timeout; the analysis finishes and the next file is analysed', async () => {
    const connection = new WorkerConnection({ ...options(inProcessWorkerFactory()), relatedReadTimeoutMs: 20 });
    try {
      let calls = 0;
      const silent: ReadRelated = () => {
        calls++;
        return new Promise<string | undefined>(() => undefined);
      };
      const result = await connection.analyzeFile(APP, 'src/app.js', { readRelated: silent });
      assert.deepEqual(result.findings, []);
      assert.equal(calls, 1, 'after one unanswered read the analysis asks nothing more');
      // The worker is not wedged: the next file is analysed. (Whether its read beats the 20 ms timeout on a loaded
      // machine is not this test's business, so only completion is checked.)
      const next = await connection.analyzeFile(APP, 'src/app.js', { readRelated: projectReader({ 'src/sessionStore.js': MEMORY_STORE }) });
      assert.equal(next.skipReason, undefined);
      assert.equal(connection.restartCount, 0);
    } finally {
      connection.dispose();
    }
  });

  it('answers at most MAX_RELATED_READS reads per analysis, and texts over the size cap are not passed on', async () => {
    const connection = new WorkerConnection(options(inProcessWorkerFactory()));
    try {
      // Twenty stores from extension-less specifiers: 17 candidate paths each, far more reads than the bound.
      const names = Array.from({ length: 20 }, (_, index) => `store${index}`);
      const many = `const session = require('express-session');\n${names.map((name) => `const ${name} = require('./${name}');\napp.use(session({ store: ${name} }));`).join('\n')}\n`;
      const reader = projectReader({});
      const result = await connection.analyzeFile(many, 'many.js', { readRelated: reader });
      assert.equal(result.skipReason, undefined);
      assert.equal(reader.asked.length, MAX_RELATED_READS);
      // The store module is over the 200-byte cap of this analysis: the worker never sees it.
      const padded = `${MEMORY_STORE}${'// padding\n'.repeat(30)}`;
      const capped = await connection.analyzeFile(APP, 'src/app.js', { maxBytes: 200, readRelated: projectReader({ 'src/sessionStore.js': padded }) });
      assert.deepEqual(capped.findings, []);
      const uncapped = await connection.analyzeFile(APP, 'src/app.js', { readRelated: projectReader({ 'src/sessionStore.js': padded }) });
      assert.deepEqual(uncapped.findings.map((finding) => finding.rule), ['session-store-in-memory']);
    } finally {
      connection.dispose();
    }
  });

  it('editor sessions read related files too', async () => {
    const connection = new WorkerConnection(options(inProcessWorkerFactory()));
    try {
      const result = await connection.analyzeInSession('doc', 'src/app.js', APP, undefined, { readRelated: projectReader({ 'src/sessionStore.js': MEMORY_STORE }) });
      assert.deepEqual(result.findings.map((finding) => finding.rule), ['session-store-in-memory']);
    } finally {
      connection.dispose();
    }
  });
});
