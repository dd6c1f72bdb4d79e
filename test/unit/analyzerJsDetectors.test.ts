// JS/TS detectors: exact rules, ranges, messages and the stand-down cases for each.

import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createAnalyzer } from '../../src/core/analyzer/analyzer';
import { jsStateHolderDetector } from '../../src/core/analyzer/stateHolders/jsStateHolderDetector';
import type { Finding } from '../../src/core/analyzer/types';
import { nodeWasmLoader } from './analyzerHelpers';

const analyzer = createAnalyzer(nodeWasmLoader);
after(() => analyzer.dispose());

async function findings(text: string, file = 'server.js'): Promise<Finding[]> {
  const result = await analyzer.analyze(text, file);
  assert.equal(result.skipped, undefined);
  return [...result.findings];
}

/** The finding without its fix, for exact comparisons. */
function summary(finding: Finding) {
  const { rule, severity, message, title, range, note, framework } = finding;
  return { rule, severity, message, title, range, note, framework };
}

const range = (line: number, character: number, endLine: number, endCharacter: number) => ({
  start: { line, character },
  end: { line: endLine, character: endCharacter },
});

const STORE_TITLE = 'In-memory session store: lost on restart, needs sticky routing';
const CONSEQUENCE = 'sessions are lost on every restart or deploy, and a second instance needs sticky routing to find them.';

describe('expressSessionDetector', () => {
  test('session() without a store', async () => {
    const text = "const session = require('express-session');\nconst app = require('express')();\napp.use(session({ secret: 's' }));\n";
    const [finding, ...rest] = await findings(text);
    assert.deepEqual(rest, []);
    assert.deepEqual(summary(finding), {
      rule: 'session-store-in-memory',
      severity: 'warning',
      message: `express-session is configured without a \`store\`, so it keeps sessions in its in-process MemoryStore: ${CONSEQUENCE}`,
      title: STORE_TITLE,
      range: range(2, 8, 2, 32),
      note: 'externalize-sessions-node#express',
      framework: 'express-session',
    });
  });

  test('explicit MemoryStore, named import and memorystore package', async () => {
    const named = "import session, { MemoryStore } from 'express-session';\nimport express from 'express';\nexpress().use(session({ store: new MemoryStore(), secret: 's' }));\n";
    const [namedFinding] = await findings(named, 'app.mjs');
    assert.equal(namedFinding.message, `express-session uses MemoryStore, which keeps sessions in this process's memory: ${CONSEQUENCE}`);
    assert.deepEqual(namedFinding.range, range(2, 14, 2, 64));

    const factory = "import session from 'express-session';\nimport createMemoryStore from 'memorystore';\nconst MemoryStore = createMemoryStore(session);\nconst store = new MemoryStore({ checkPeriod: 1000 });\nexport const mw = session({ store, secret: 's' });\n";
    const [factoryFinding] = await findings(factory, 'session.ts');
    assert.equal(factoryFinding.framework, 'memorystore');
    assert.equal(factoryFinding.message, `express-session uses the memorystore package, which still keeps sessions in this process's memory: ${CONSEQUENCE}`);
    assert.deepEqual(factoryFinding.range, range(4, 18, 4, 49));
  });

  test('stands down for external stores, opaque options and look-alikes', async () => {
    const cases = [
      "const session = require('express-session');\nconst RedisStore = require('connect-redis')(session);\napp.use(session({ store: new RedisStore({ client }), secret: 's' }));\n",
      "const session = require('express-session');\nconst MongoStore = require('connect-mongo');\napp.use(session({ store: MongoStore.create({ mongoUrl }), secret: 's' }));\n",
      "const session = require('express-session');\nconst pgSession = require('connect-pg-simple')(session);\napp.use(session({ store: new pgSession({ pool }), secret: 's' }));\n",
      "const session = require('express-session');\napp.use(session({ ...shared, secret: 's' }));\n",
      "const session = require('express-session');\napp.use(session(loadOptions()));\n",
      "const session = require('express-session');\nconst opts = { secret: 's' };\nif (prod) opts.store = makeStore();\napp.use(session(opts));\n",
      "const session = require('express-session');\nfunction wrap(session) { return session({ secret: 's' }); }\n",
      "// app.use(session({ secret: 's' })) used MemoryStore before\nconst express = require('express');\nconst note = \"session({ secret }) with express-session\";\n",
      "const cookieSession = require('cookie-session');\napp.use(cookieSession({ keys: ['k'] }));\n",
    ];
    for (const text of cases) {
      assert.deepEqual(await findings(text), [], text);
    }
  });
});

describe('fastifySessionDetector', () => {
  test('register(fastifySession) without a store, and with MemoryStore', async () => {
    const text = "const fastify = require('fastify')();\nconst fastifySession = require('@fastify/session');\nfastify.register(fastifySession, { secret: 'x'.repeat(32) });\n";
    const [finding] = await findings(text);
    assert.deepEqual(summary(finding), {
      rule: 'session-store-in-memory',
      severity: 'warning',
      message: `@fastify/session is registered without a \`store\`, so it keeps sessions in its in-process MemoryStore: ${CONSEQUENCE}`,
      title: STORE_TITLE,
      range: range(2, 0, 2, 60),
      note: 'externalize-sessions-node#fastify',
      framework: '@fastify/session',
    });
    const memory = "import Fastify from 'fastify';\nimport fastifySession from '@fastify/session';\nconst app = Fastify();\napp.register(fastifySession, { secret, store: new fastifySession.MemoryStore() });\n";
    const [memoryFinding] = await findings(memory, 'app.ts');
    assert.equal(memoryFinding.message, `@fastify/session uses MemoryStore, which keeps sessions in this process's memory: ${CONSEQUENCE}`);
  });

  test('stands down for a store and for @fastify/secure-session', async () => {
    assert.deepEqual(await findings("const s = require('@fastify/session');\napp.register(s, { secret, store: new RedisStore({ client }) });\n"), []);
    assert.deepEqual(await findings("const s = require('@fastify/secure-session');\napp.register(s, { key });\n"), []);
  });
});

describe('socketIoAdapterDetector', () => {
  test('a Server with no adapter is information; with cluster it is a warning', async () => {
    const text = "const { Server } = require('socket.io');\nconst io = new Server(3000);\nio.on('connection', (s) => s.emit('hi'));\n";
    const [finding] = await findings(text);
    assert.deepEqual(summary(finding), {
      rule: 'socketio-no-adapter',
      severity: 'information',
      message:
        'Socket.IO server without an adapter: rooms and broadcasts reach only the clients connected to this process, so a second instance would miss messages and clients would need sticky routing.',
      title: 'Socket.IO without adapter: broadcasts stay on this instance',
      range: range(1, 11, 1, 27),
      note: 'externalize-sessions-node#socketio',
      framework: 'socket.io',
    });
    const clustered = await findings("const cluster = require('node:cluster');\nconst io = require('socket.io')(server);\nio.on('connection', (s) => s.broadcast.emit('joined'));\n");
    assert.equal(clustered[0].severity, 'warning');
    assert.deepEqual(clustered[0].range, range(1, 11, 1, 39));
    const namespace = await findings("import * as socketio from 'socket.io';\nexport const io = new socketio.Server(httpServer);\n", 'io.ts');
    assert.deepEqual(namespace.map((f) => f.rule), ['socketio-no-adapter']);
  });

  test('stands down for a server that never fans out: it sends nothing, joins no room and is not handed on', async () => {
    const logsOnly = "const io = require('socket.io')(http);\nio.on('connection', (socket) => {\n  console.log(socket.id);\n});\n";
    assert.deepEqual(await findings(logsOnly), []);
    // The same server handed to another module, or replying with an emit, may fan out: it is reported.
    const handedOn = "const io = require('socket.io')(http);\nrequire('./chat')(io);\n";
    const replies = "const io = require('socket.io')(http);\nio.on('connection', (socket) => socket.emit('welcome'));\n";
    assert.deepEqual((await findings(handedOn)).map((f) => f.rule), ['socketio-no-adapter']);
    assert.deepEqual((await findings(replies)).map((f) => f.rule), ['socketio-no-adapter']);
  });

  test('stands down with io.adapter(...), an adapter option or an adapter import, and for clients', async () => {
    const cases = [
      "const { Server } = require('socket.io');\nconst io = new Server(server);\nio.adapter(createAdapter(pub, sub));\n",
      "const { Server } = require('socket.io');\nconst io = new Server(server, { adapter: createAdapter(pool) });\n",
      "const { Server } = require('socket.io');\nconst { createAdapter } = require('@socket.io/mongo-adapter');\nmodule.exports = new Server(server);\n",
      "const { io } = require('socket.io-client');\nconst socket = io('http://x');\n",
    ];
    for (const text of cases) {
      assert.deepEqual(await findings(text), [], text);
    }
  });
});

describe('nestCacheDetector', () => {
  const module = (imports: string) =>
    `import { Module } from '@nestjs/common';\nimport { CacheModule } from '@nestjs/cache-manager';\nimport { SessionService } from './session.service';\n@Module({\n  imports: [${imports}],\n  providers: [SessionService],\n})\nexport class AppModule {}\n`;

  test('CacheModule.register() with the default store in a module that serves sessions', async () => {
    const [finding] = await findings(module('CacheModule.register()'), 'app.module.ts');
    assert.deepEqual(summary(finding), {
      rule: 'session-store-in-memory',
      severity: 'warning',
      message:
        "CacheModule is registered without a store, so the sessions it holds live in this process's memory: they are lost on every restart or deploy, and a second instance needs sticky routing to find them.",
      title: STORE_TITLE,
      range: range(4, 12, 4, 34),
      note: 'externalize-sessions-node#nestjs',
      framework: '@nestjs/cache-manager',
    });
    assert.equal((await findings(module("CacheModule.register({ store: 'memory', ttl: 5 })"), 'app.module.ts')).length, 1);
    assert.equal((await findings(module('CacheModule.registerAsync({ useFactory: () => ({ ttl: 5 }) })'), 'app.module.ts')).length, 1);
  });

  test('stands down with a store, a class factory, or no session in sight', async () => {
    assert.deepEqual(await findings(module('CacheModule.register({ store: redisStore, host })'), 'app.module.ts'), []);
    assert.deepEqual(await findings(module('CacheModule.registerAsync({ useFactory: async () => ({ stores: [keyv] }) })'), 'app.module.ts'), []);
    assert.deepEqual(await findings(module('CacheModule.registerAsync({ useClass: CacheConfig })'), 'app.module.ts'), []);
    const plain = "import { CacheModule } from '@nestjs/cache-manager';\n@Module({ imports: [CacheModule.register()] })\nexport class CatalogModule {}\n";
    assert.deepEqual(await findings(plain, 'catalog.module.ts'), []);
  });
});

describe('jsSessionMapDetector', () => {
  test('a module-level Map written in a route handler with a session-like key', async () => {
    const text = "const express = require('express');\nconst app = express();\nconst active = new Map();\napp.post('/login', (req, res) => {\n  active.set(req.sessionID, req.body);\n  res.end();\n});\n";
    const [finding] = await findings(text);
    assert.deepEqual(summary(finding), {
      rule: 'in-memory-session-map',
      severity: 'information',
      message:
        'The Map `active` is declared at the top level of its file, so this process keeps one copy for every request. It is written in a request handler at line 5, under the key `req.sessionID`. This per-user state is lost on restart, and each instance has its own copy, so scaling out needs sticky routing.',
      title: 'In-memory session state: lost on restart, needs sticky routing',
      range: range(2, 6, 2, 24),
      note: 'externalize-sessions-node#hand-rolled-session-maps',
      framework: 'express',
    });
  });

  test('objects, Sets, nested writes and a NestJS singleton field', async () => {
    const object = "import Koa from 'koa';\nconst carts = {};\nconst app = new Koa();\napp.use(async (ctx) => { carts[ctx.state.user.id] ??= []; });\n";
    assert.deepEqual((await findings(object, 'app.mjs')).map((f) => f.message), [
      'The object `carts` is declared at the top level of its file, so this process keeps one copy for every request. It is written in a request handler at line 4, under the key `ctx.state.user.id`. This per-user state is lost on restart, and each instance has its own copy, so scaling out needs sticky routing.',
    ]);
    const nest = "import { Injectable } from '@nestjs/common';\n@Injectable()\nexport class Presence {\n  private online = new Set<string>();\n  join(userId: string) { this.online.add(userId); }\n}\n";
    const [field] = await findings(nest, 'presence.service.ts');
    assert.equal(field.message, 'The Set `online` is a field of Presence, created once per process, so this process keeps one copy for every request. It is written in a request handler at line 5, under the key `userId`. This per-user state is lost on restart, and each instance has its own copy, so scaling out needs sticky routing.');
    assert.deepEqual(field.range, range(3, 2, 3, 36));
    assert.equal(field.framework, 'nestjs');
  });

  test('stands down for local maps, read-only tables, caches, scripts, client code and shadowing', async () => {
    const cases: Array<[string, string]> = [
      ["const express = require('express');\napp.get('/x', (req) => { const seen = new Map(); seen.set(req.user.id, 1); });\n", 'a.js'],
      ["const express = require('express');\nconst ROLES = { admin: 1 };\napp.get('/x', (req, res) => res.send(ROLES[req.user.role]));\n", 'b.js'],
      ["const express = require('express');\nconst userCache = new Map();\napp.get('/u', (req) => userCache.set(req.user.id, req.user));\n", 'c.js'],
      ["const sessions = new Map();\nfunction login(user) { sessions.set(user.id, Date.now()); }\n", 'd.js'],
      ["'use client';\nimport express from 'express';\nconst picks = new Map();\nexport const onClick = (req) => picks.set(req.user.id, 1);\n", 'e.js'],
      ["const express = require('express');\nconst sessions = new Map();\napp.post('/x', (req, sessions) => { sessions.set(req.user.id, 1); });\n", 'f.js'],
      ["const express = require('express');\nconst sessions = new Map();\nsetInterval(() => sessions.set('tick', Date.now()), 1000);\n", 'g.js'],
      ["const express = require('express');\nconst frozen = { a: 1 } as const;\napp.post('/x', (req) => { (frozen as any)[req.user.id] = 1; });\n", 'h.ts'],
    ];
    for (const [text, file] of cases) {
      assert.deepEqual(await findings(text, file), [], text);
    }
  });

  test('a local binding of the same name in any enclosing scope shadows the module collection', async () => {
    const prefix = "const express = require('express');\nconst sessions = new Map();\n";
    const shadowed = [
      "app.post('/a', (req) => { for (const sessions of groups) { sessions.set(req.user.id, 1); } });\n",
      "app.post('/b', (req) => { try { run(); } catch (sessions) { sessions.set(req.user.id, 1); } });\n",
      "app.post('/c', (req) => { if (ok) { let sessions = new Map(); sessions.set(req.user.id, 1); } });\n",
      "app.post('/d', ({ body: { sessions } }) => { sessions.set(1, 2); });\n",
      "app.post('/e', (req) => { function sessions() {} sessions.set(req.user.id, 1); });\n",
    ];
    for (const body of shadowed) {
      assert.deepEqual(await findings(prefix + body), [], body);
    }
    // A block-local binding elsewhere does not hide a write outside that block.
    const outside = await findings(`${prefix}app.post('/f', (req) => { { const sessions = 1; } sessions.set(req.user.id, 1); });\n`);
    assert.deepEqual(outside.map((f) => f.range.start.line), [1]);
  });

  test('a helper called from a handler counts as the handler', async () => {
    const text = "const express = require('express');\nconst tokens = new Map();\nfunction remember(id) { tokens.set(id, Date.now()); }\napp.post('/x', (req) => remember(req.body.id));\n";
    const [finding] = await findings(text);
    assert.deepEqual(finding.range, range(1, 6, 1, 24));
    assert.match(finding.message, /at line 3, under the key `id`\./);
  });
});

describe('js-state-holders prefilter (issue 15: a module with literals only inside functions is not parsed for it)', () => {
  // Holders written with object and array literals in each place findHolders reads: each must still be reported,
  // which needs the prefilter to pass the file.
  const writtenInHandler = (declaration: string, write: string) =>
    `const express = require('express');\nconst app = express();\n${declaration}\napp.post('/join', (req, res) => {\n  ${write}\n  res.end();\n});\napp.listen(3000);\n`;
  const kept: Array<[string, string, string]> = [
    ['a module-level object', writtenInHandler('const sessions = {};', 'sessions[req.body.id] = req.body;'), 'server.js'],
    ['a typed object (TypeScript)', writtenInHandler('const carts: Record<string, unknown> = {};', 'carts[req.body.id] = req.body;'), 'server.ts'],
    ['the second declarator', writtenInHandler('let count = 0, sessions = {};', 'sessions[req.body.id] = req.body;'), 'server.js'],
    ['a fallback literal', writtenInHandler('const sessions = globalCache || {};', 'sessions[req.body.id] = req.body;'), 'server.js'],
  ];
  for (const [what, text, file] of kept) {
    test(`keeps ${what}`, async () => {
      assert.equal(jsStateHolderDetector.prefilter?.(text), true);
      assert.ok((await findings(text, file)).length > 0, `${what} is still reported`);
    });
  }

  test('keeps class fields and connection handlers, rejects literals that only live in functions', async () => {
    const passes = (text: string) => jsStateHolderDetector.prefilter?.(text);
    assert.equal(passes('class Hub {\n  private readonly rooms: Record<string, string[]> = {};\n}\n'), true);
    assert.equal(passes('class Hub {\n  #clients = [];\n}\n'), true);
    assert.equal(passes("wss.on('connection', (ws) => {\n  const peers = [];\n  peers.push(ws);\n});\n"), true);
    assert.equal(passes("'use strict';\nfunction scale(values) {\n  const result = [];\n  for (const v of values) result.push(v * 2);\n  return result;\n}\nmodule.exports = { scale };\n"), false);
  });
});
