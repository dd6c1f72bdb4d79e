// `statecraft scan` on two-file projects: the session middleware in one module, its store built in another. The scan
// follows the relative import (CommonJS, ESM, TypeScript with `.js` specifiers, `index` files, a barrel re-export) and
// flags an in-memory store — on the `store` option, naming the module, and on the construct in that module — and
// stays quiet when the other module builds a Redis store or cannot be resolved.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runScanCommand } from '../../src/cli/scanCommand';
import { createAnalyzer } from '../../src/core/analyzer/analyzer';
import { nodeWasmLoader } from './analyzerHelpers';

interface Reported {
  readonly file: string;
  readonly rule: string;
  readonly line: number;
  readonly message: string;
}

let workspace: string;
before(() => {
  workspace = mkdtempSync(path.join(os.tmpdir(), 'statecraft-xfile-'));
});
after(() => rmSync(workspace, { recursive: true, force: true }));

async function scanProject(name: string, files: Record<string, string>): Promise<{ code: number; findings: Reported[] }> {
  const root = path.join(workspace, name);
  for (const [relative, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
    writeFileSync(path.join(root, relative), content);
  }
  let stdout = '';
  const code = await runScanCommand(['.', '--format', 'json'], { stdout: (text) => (stdout += text), stderr: () => undefined, cwd: root }, () => createAnalyzer(nodeWasmLoader));
  // The JSON format lists findings with 1-based lines.
  const parsed = JSON.parse(stdout) as Array<{ file: string; rule: string; line: number; message: string }>;
  return { code, findings: parsed.map((f) => ({ file: f.file, rule: f.rule, line: f.line, message: f.message })) };
}

const MEMORY_STORE_CJS = "const session = require('express-session');\nmodule.exports = new session.MemoryStore();\n";
const REDIS_STORE_CJS = "const session = require('express-session');\nconst { RedisStore } = require('connect-redis');\nmodule.exports = new RedisStore({ client });\n";

describe('statecraft scan: a session store built in another module', () => {
  test('CommonJS: flags the MemoryStore where it is built and the store option that uses it', async () => {
    const { code, findings } = await scanProject('cjs-memory', {
      'app.js': "const express = require('express');\nconst session = require('express-session');\nconst store = require('./sessionStore');\nconst app = express();\napp.use(session({ store, secret: 's' }));\n",
      'sessionStore.js': MEMORY_STORE_CJS,
    });
    assert.equal(code, 1);
    assert.deepEqual(findings.map((f) => [f.file, f.rule, f.line]).sort(), [
      ['app.js', 'session-store-in-memory', 5],
      ['sessionStore.js', 'session-store-in-memory', 2],
    ]);
    assert.match(findings.find((f) => f.file === 'app.js')!.message, /sessionStore\.js/);
  });

  test('CommonJS: quiet for a Redis store built in the other module', async () => {
    const { code, findings } = await scanProject('cjs-redis', {
      'app.js': "const session = require('express-session');\nconst store = require('./sessionStore');\napp.use(session({ store, secret: 's' }));\n",
      'sessionStore.js': REDIS_STORE_CJS,
    });
    assert.deepEqual(findings, []);
    assert.equal(code, 0);
  });

  test('ESM through an index file and a barrel re-export: memory flagged, Redis quiet', async () => {
    const memory = await scanProject('esm-memory', {
      'src/app.mjs': "import session from 'express-session';\nimport { sessionStore } from './stores/index.mjs';\napp.use(session({ store: sessionStore, secret: 's' }));\n",
      'src/stores/index.mjs': "export { sessionStore } from './memory.mjs';\n",
      'src/stores/memory.mjs': "import session from 'express-session';\nimport createMemoryStore from 'memorystore';\nconst MemoryStore = createMemoryStore(session);\nexport const sessionStore = new MemoryStore({ checkPeriod: 86400000 });\n",
    });
    assert.deepEqual(memory.findings.map((f) => [f.file, f.line]).sort(), [['src/app.mjs', 3], ['src/stores/memory.mjs', 4]]);
    const redis = await scanProject('esm-redis', {
      'src/app.mjs': "import session from 'express-session';\nimport { sessionStore } from './stores/index.mjs';\napp.use(session({ store: sessionStore, secret: 's' }));\n",
      'src/stores/index.mjs': "export { sessionStore } from './redis.mjs';\n",
      'src/stores/redis.mjs': "import { RedisStore } from 'connect-redis';\nexport const sessionStore = new RedisStore({ client });\n",
    });
    assert.deepEqual(redis.findings, []);
  });

  test('TypeScript: a `.js` specifier names the `.ts` module; memory flagged, Redis quiet, unresolved quiet', async () => {
    const app = "import session from 'express-session';\nimport { store } from './session/store.js';\nexport const middleware = session({ store, secret: 's' });\n";
    const memory = await scanProject('ts-memory', {
      'server/app.ts': app,
      'server/session/store.ts': "import session from 'express-session';\nexport const store = new session.MemoryStore();\n",
    });
    assert.deepEqual(memory.findings.map((f) => [f.file, f.rule, f.line]).sort(), [
      ['server/app.ts', 'session-store-in-memory', 3],
      ['server/session/store.ts', 'session-store-in-memory', 2],
    ]);
    const redis = await scanProject('ts-redis', {
      'server/app.ts': app,
      'server/session/store.ts': "import { RedisStore } from 'connect-redis';\nexport const store = new RedisStore({ client });\n",
    });
    assert.deepEqual(redis.findings, []);
    const unresolved = await scanProject('ts-unresolved', { 'server/app.ts': app });
    assert.deepEqual(unresolved.findings, []);
  });

  test('Python: `from .store import sessions` written in a view is reported naming store.py; a Redis client is quiet', async () => {
    const view = 'from flask import Flask, request\nfrom .store import sessions\n\napp = Flask(__name__)\n\n@app.post("/login")\ndef login():\n    sessions[request.form["token"]] = request.form["user"]\n    return "ok"\n';
    const memory = await scanProject('py-memory', { 'shop/views.py': view, 'shop/store.py': 'sessions = {}\n' });
    assert.deepEqual(memory.findings.map((f) => [f.file, f.rule, f.line]), [['shop/views.py', 'in-memory-session-map', 8]]);
    assert.match(memory.findings[0]!.message, /shop\/store\.py/);
    const redis = await scanProject('py-redis', { 'shop/views.py': view, 'shop/store.py': 'import redis\nsessions = redis.Redis()\n' });
    assert.deepEqual(redis.findings, []);
  });
});
