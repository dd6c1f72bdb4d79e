// Python cross-file session holders: a module-level collection built in one module and written per user in another
// through a relative import (`from .store import sessions`, `from . import store`, `from ..store import x`, a package
// re-export one hop further). Pure: the reader is a small in-memory map of files.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { crossFilePythonHolders, pythonCandidates } from '../../src/core/analyzer/crossFilePython';

function reader(files: Record<string, string>) {
  return async (path: string) => files[path];
}

const VIEW = [
  'from flask import Flask, request',
  'from .store import sessions',
  '',
  'app = Flask(__name__)',
  '',
  '@app.post("/login")',
  'def login():',
  '    token = make_token()',
  '    sessions[token] = request.form["user"]',
  '    return token',
  '',
].join('\n');

describe('crossFilePythonHolders', () => {
  test('from .store import sessions: the write is reported, naming the module that builds the dict', async () => {
    const findings = await crossFilePythonHolders(VIEW, 'app/views.py', reader({ 'app/store.py': 'sessions = {}\n' }));
    assert.deepEqual(findings.map((f) => [f.rule, f.range.start.line, f.range.start.character]), [['in-memory-session-map', 8, 4]]);
    assert.match(findings[0]!.message, /`sessions` is a module-level collection built in app\/store\.py/);
  });

  test('from . import store, then store.active_users[...] = ...: the module alias is followed', async () => {
    const text = 'from . import store\n\ndef remember(uid, user):\n    store.active_users[uid] = user\n';
    const findings = await crossFilePythonHolders(text, 'svc/api.py', reader({ 'svc/store.py': 'active_users: dict[str, dict] = dict()\n' }));
    assert.deepEqual(findings.map((f) => f.rule), ['in-memory-session-map']);
    assert.match(findings[0]!.message, /svc\/store\.py/);
  });

  test('two hops: a package re-exports the name from a sibling; `..` climbs one package', async () => {
    const text = 'from ..auth import user_sessions\n\nasync def login(sid, user):\n    user_sessions[sid] = user\n';
    const files = { 'web/auth/__init__.py': 'from .memory import user_sessions\n', 'web/auth/memory.py': 'user_sessions = {}\n' };
    const findings = await crossFilePythonHolders(text, 'web/routes/login.py', reader(files));
    assert.match(findings[0]?.message ?? '', /web\/auth\/memory\.py/);
  });

  test('quiet: an external store, an unresolved module, literal keys, other names, writes at import time', async () => {
    const redis = await crossFilePythonHolders(VIEW, 'app/views.py', reader({ 'app/store.py': 'import redis\nsessions = redis.Redis()\n' }));
    const unresolved = await crossFilePythonHolders(VIEW, 'app/views.py', reader({}));
    const literal = await crossFilePythonHolders('from .store import sessions\n\ndef f():\n    sessions["mode"] = 1\n', 'a/v.py', reader({ 'a/store.py': 'sessions = {}\n' }));
    const otherName = await crossFilePythonHolders('from .store import counters\n\ndef f(ip):\n    counters[ip] += 1\n', 'a/v.py', reader({ 'a/store.py': 'counters = {}\n' }));
    const atImport = await crossFilePythonHolders('from .store import sessions\nsessions[KEY] = 1\n', 'a/v.py', reader({ 'a/store.py': 'sessions = {}\n' }));
    assert.deepEqual([redis, unresolved, literal, otherName, atImport].map((findings) => findings.length), [0, 0, 0, 0, 0]);
  });

  test('a WebSocket file adding connections to an imported registry is a connection registry', async () => {
    const text = 'from fastapi import WebSocket\nfrom .hub import clients\n\nasync def join(websocket: WebSocket):\n    clients.append(websocket)\n';
    const findings = await crossFilePythonHolders(text, 'rt/ws.py', reader({ 'rt/hub.py': 'clients = []\n' }));
    assert.deepEqual(findings.map((f) => f.rule), ['in-memory-connection-registry']);
  });

  test('candidate paths: a module, a package, a parent package, the package itself', () => {
    assert.deepEqual(pythonCandidates('a/b/c.py', 1, 'store'), ['a/b/store.py', 'a/b/store/__init__.py']);
    assert.deepEqual(pythonCandidates('a/b/c.py', 2, 'x.y'), ['a/x/y.py', 'a/x/y/__init__.py']);
    assert.deepEqual(pythonCandidates('a/b/c.py', 1, ''), ['a/b/__init__.py']);
  });
});
