// Python detectors: Django settings, Flask-Session, fastapi-sessions and hand-rolled maps, with exact ranges and
// messages and their stand-down cases.

import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createAnalyzer } from '../../src/core/analyzer/analyzer';
import type { Finding } from '../../src/core/analyzer/types';
import { nodeWasmLoader } from './analyzerHelpers';

const analyzer = createAnalyzer(nodeWasmLoader);
after(() => analyzer.dispose());

async function findings(text: string, file = 'app.py'): Promise<Finding[]> {
  const result = await analyzer.analyze(text, file);
  assert.equal(result.skipped, undefined);
  return [...result.findings];
}

const range = (line: number, character: number, endLine: number, endCharacter: number) => ({
  start: { line, character },
  end: { line: endLine, character: endCharacter },
});

const CACHE_ENGINE = 'SESSION_ENGINE = "django.contrib.sessions.backends.cache"';

describe('djangoSessionDetector', () => {
  test('cache engine with no CACHES (Django defaults to LocMemCache)', async () => {
    const [finding, ...rest] = await findings(`DEBUG = False\n${CACHE_ENGINE}\n`, 'settings.py');
    assert.deepEqual(rest, []);
    assert.equal(finding.rule, 'session-store-in-memory');
    assert.equal(finding.severity, 'warning');
    assert.deepEqual(finding.range, range(1, 0, 1, 57));
    assert.equal(finding.note, 'externalize-sessions-python#django');
    assert.equal(finding.framework, 'django');
    assert.equal(
      finding.message,
      'SESSION_ENGINE uses the cache backend and the "default" cache is LocMemCache (Django\'s default), so sessions live in this process\'s memory: they are lost on every restart or deploy, and a second instance or worker needs sticky routing to find them.',
    );
  });

  test('explicit LocMemCache on the session alias; FileBasedCache and the file engine are local disk', async () => {
    const alias = `CACHES = {"default": {"BACKEND": "django_redis.cache.RedisCache"}, "s": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}\nSESSION_CACHE_ALIAS = "s"\n${CACHE_ENGINE}\n`;
    const [aliasFinding] = await findings(alias, 'settings.py');
    assert.match(aliasFinding.message, /the "s" cache is LocMemCache/);
    const fileCache = `CACHES = {"default": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": "/tmp/c"}}\n${CACHE_ENGINE}\n`;
    const [fileCacheFinding] = await findings(fileCache, 'settings.py');
    assert.equal(fileCacheFinding.rule, 'session-store-local-disk');
    assert.equal(fileCacheFinding.severity, 'hint');
    const [fileEngine] = await findings('SESSION_ENGINE = "django.contrib.sessions.backends.file"\n', 'settings.py');
    assert.deepEqual([fileEngine.rule, fileEngine.severity], ['session-store-local-disk', 'hint']);
    assert.equal(fileEngine.message, "SESSION_ENGINE stores sessions as files on this server's disk: other instances cannot read them, so users lose their session when a request lands elsewhere unless routing is sticky.");
  });

  test('stands down for shared caches, db-backed engines and settings defined elsewhere', async () => {
    const cases = [
      `CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://r"}}\n${CACHE_ENGINE}\n`,
      `CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}\nSESSION_ENGINE = "django.contrib.sessions.backends.cached_db"\n`,
      'SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"\n',
      `from .base import *\n${CACHE_ENGINE}\n`,
      `CACHES = env.cache_url()\n${CACHE_ENGINE}\n`,
      `${CACHE_ENGINE}\nCACHES["default"] = redis_cache()\n`,
      'SESSION_ENGINE = os.environ["SESSION_ENGINE"]\n',
    ];
    for (const text of cases) {
      assert.deepEqual(await findings(text, 'settings.py'), [], text);
    }
  });
});

describe('flaskSessionDetector', () => {
  test('SESSION_TYPE "filesystem" in app.config, a config class and config.update()', async () => {
    const text = 'from flask import Flask\napp = Flask(__name__)\napp.config["SESSION_TYPE"] = "filesystem"\n';
    const [finding] = await findings(text);
    assert.deepEqual(
      { rule: finding.rule, severity: finding.severity, range: finding.range, note: finding.note, framework: finding.framework },
      { rule: 'session-store-local-disk', severity: 'hint', range: range(2, 0, 2, 41), note: 'externalize-sessions-python#flask', framework: 'Flask-Session' },
    );
    assert.equal(finding.title, 'Sessions on local disk: tied to this instance');
    const [update] = await findings('app.config.update(\n    SECRET_KEY="x",\n    SESSION_TYPE="filesystem",\n)\n');
    assert.deepEqual(update.range, range(2, 4, 2, 29));
    const [cls] = await findings('class Prod:\n    SESSION_TYPE = "filesystem"\n', 'config.py');
    assert.deepEqual(cls.range, range(1, 4, 1, 31));
  });

  test('cachelib SimpleCache is in memory; redis, env values and the cookie default are not reported', async () => {
    const [simple] = await findings('from cachelib import SimpleCache\nSESSION_TYPE = "cachelib"\nSESSION_CACHELIB = SimpleCache()\n', 'config.py');
    assert.deepEqual([simple.rule, simple.severity, simple.range.start.line], ['session-store-in-memory', 'warning', 2]);
    assert.deepEqual(await findings('app.config["SESSION_TYPE"] = "redis"\n'), []);
    assert.deepEqual(await findings('SESSION_TYPE = os.environ.get("SESSION_TYPE", "filesystem")\n', 'config.py'), []);
    assert.deepEqual(await findings('from flask import Flask, session\napp = Flask(__name__)\napp.secret_key = "k"\n'), []);
  });
});

describe('fastapiSessionDetector', () => {
  test('InMemoryBackend from fastapi-sessions', async () => {
    const text = 'from uuid import UUID\nfrom fastapi_sessions.backends.implementations import InMemoryBackend\nbackend = InMemoryBackend[UUID, dict]()\n';
    const [finding] = await findings(text);
    assert.deepEqual([finding.rule, finding.note, finding.framework], ['session-store-in-memory', 'externalize-sessions-python#fastapi', 'fastapi-sessions']);
    assert.deepEqual(finding.range, range(2, 10, 2, 39));
    assert.deepEqual(await findings('class InMemoryBackend:\n    pass\nbackend = InMemoryBackend()\n'), []);
  });
});

describe('pythonSessionMapDetector', () => {
  test('a module-level dict written in a Flask view with a session key', async () => {
    const text = 'from flask import Flask, session\napp = Flask(__name__)\nonline = {}\n\n@app.route("/login", methods=["POST"])\ndef login_view():\n    online[session["uid"]] = True\n    return "ok"\n';
    const [finding, ...rest] = await findings(text);
    assert.deepEqual(rest, []);
    assert.deepEqual(
      { rule: finding.rule, severity: finding.severity, range: finding.range, note: finding.note, framework: finding.framework, message: finding.message },
      {
        rule: 'in-memory-session-map',
        severity: 'information',
        range: range(2, 0, 2, 11),
        note: 'externalize-sessions-python#hand-rolled-session-maps',
        framework: 'flask',
        message:
          'The dict `online` is declared at the top level of its file, so this process keeps one copy for every request. It is written in a request handler at line 7, under the key `session["uid"]`. This per-user state is lost on restart, and each instance has its own copy, so scaling out needs sticky routing. Each worker process of the server keeps its own copy as well.',
      },
    );
  });

  test('defaultdict appends, setdefault, sets, Django views and python-socketio handlers', async () => {
    const defaultdict = 'from collections import defaultdict\nfrom fastapi import FastAPI\napp = FastAPI()\ncarts = defaultdict(list)\n@app.post("/cart")\nasync def add(user_id: str, sku: str):\n    carts[user_id].append(sku)\n';
    assert.deepEqual((await findings(defaultdict)).map((f) => [f.range.start.line, f.framework]), [[3, 'fastapi']]);
    const django = 'from django.http import JsonResponse\nSEEN = set()\ndef track(request):\n    SEEN.add(request.session.session_key)\n    return JsonResponse({})\n';
    assert.deepEqual((await findings(django, 'views.py')).map((f) => [f.range.start.line, f.framework]), [[1, 'django']]);
    const socketio = 'import socketio\nsio = socketio.Server()\nusers = dict()\n@sio.on("hello")\ndef hello(sid, data):\n    users.setdefault(sid, []).append(data)\n';
    assert.deepEqual((await findings(socketio)).map((f) => f.range.start.line), [2]);
    const global = 'from flask import Flask\napp = Flask(__name__)\ntokens = {}\n@app.post("/t")\ndef issue():\n    global tokens\n    tokens[new_token()] = 1\n';
    assert.deepEqual((await findings(global)).map((f) => f.range.start.line), [2]);
  });

  test('stands down for local dicts, shadowing, caches, constant tables and scripts', async () => {
    const cases: Array<[string, string]> = [
      ['from flask import Flask, request\napp = Flask(__name__)\n@app.get("/r")\ndef r():\n    seen = {}\n    seen[request.args["user"]] = 1\n    return seen\n', 'a.py'],
      ['from flask import Flask, request\napp = Flask(__name__)\nsessions = {}\n@app.get("/r")\ndef r():\n    sessions = {}\n    sessions[request.args["user"]] = 1\n    return sessions\n', 'b.py'],
      ['from flask import Flask, request\nuser_cache = {}\n@app.get("/u")\ndef u():\n    user_cache[request.args["user_id"]] = load()\n', 'c.py'],
      ['from django.http import JsonResponse\nPRICES = {"a": 1}\ndef price(request, sku):\n    return JsonResponse({"p": PRICES[sku]})\n', 'd.py'],
      ['import csv\nsessions = {}\ndef ingest(row):\n    sessions[row["session_id"]] = row\n', 'e.py'],
      ['from flask import Flask\nsessions = {}\ndef warm():\n    sessions["boot"] = 1\nwarm()\n', 'f.py'],
    ];
    for (const [text, file] of cases) {
      assert.deepEqual(await findings(text, file), [], text);
    }
  });
});
