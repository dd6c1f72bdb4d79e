// The express-session quick fix: applied to the text, it must produce exactly the expected file.

import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createAnalyzer } from '../../src/core/analyzer/analyzer';
import { applyEdits, nodeWasmLoader } from './analyzerHelpers';

const analyzer = createAnalyzer(nodeWasmLoader);
after(() => analyzer.dispose());

async function fixed(text: string, file: string): Promise<string> {
  const { findings } = await analyzer.analyze(text, file);
  assert.equal(findings.length, 1);
  const fix = findings[0].fix;
  assert.ok(fix, 'expected a fix');
  assert.equal(fix.title, 'Store sessions in Redis (connect-redis)');
  return applyEdits(text, fix.edits);
}

describe('express-session fix', () => {
  test('CommonJS, multi-line options: require lines after the last require, store as first property', async () => {
    const before = [
      "'use strict';",
      "const express = require('express');",
      "const session = require('express-session');",
      '',
      'const app = express();',
      'app.use(',
      '  session({',
      "    secret: 'keyboard cat',",
      '    resave: false,',
      '  }),',
      ');',
      '',
    ].join('\n');
    const after = [
      "'use strict';",
      "const express = require('express');",
      "const session = require('express-session');",
      "const { RedisStore } = require('connect-redis');",
      "const { createClient } = require('redis');",
      'const redisClient = createClient(); redisClient.connect().catch(console.error);',
      '',
      'const app = express();',
      'app.use(',
      '  session({',
      '    store: new RedisStore({ client: redisClient }),',
      "    secret: 'keyboard cat',",
      '    resave: false,',
      '  }),',
      ');',
      '',
    ].join('\n');
    assert.equal(await fixed(before, 'app.js'), after);
  });

  test('ES modules in TypeScript, single-line options, double quotes', async () => {
    const before = 'import express from "express";\nimport session from "express-session";\n\nexport const app = express();\napp.use(session({ secret: "s", resave: false }));\n';
    const after =
      'import express from "express";\nimport session from "express-session";\nimport { RedisStore } from "connect-redis";\nimport { createClient } from "redis";\nconst redisClient = createClient(); redisClient.connect().catch(console.error);\n\nexport const app = express();\napp.use(session({ store: new RedisStore({ client: redisClient }), secret: "s", resave: false }));\n';
    assert.equal(await fixed(before, 'app.ts'), after);
  });

  test('no options, no semicolons: the file style is kept', async () => {
    const before = "import session from 'express-session'\nimport express from 'express'\n\nexpress().use(session())\n";
    const after =
      "import session from 'express-session'\nimport express from 'express'\nimport { RedisStore } from 'connect-redis'\nimport { createClient } from 'redis'\nconst redisClient = createClient(); redisClient.connect().catch(console.error)\n\nexpress().use(session({ store: new RedisStore({ client: redisClient }) }))\n";
    assert.equal(await fixed(before, 'app.mjs'), after);
  });

  test('an explicit MemoryStore is replaced; existing RedisStore and redisClient are reused', async () => {
    const before = [
      "const session = require('express-session');",
      "const { RedisStore } = require('connect-redis');",
      "const redisClient = require('./redis');",
      '',
      "module.exports = session({ secret: 's', store: new session.MemoryStore() });",
      '',
    ].join('\n');
    const after = [
      "const session = require('express-session');",
      "const { RedisStore } = require('connect-redis');",
      "const redisClient = require('./redis');",
      '',
      "module.exports = session({ secret: 's', store: new RedisStore({ client: redisClient }) });",
      '',
    ].join('\n');
    assert.equal(await fixed(before, 'session.js'), after);
  });

  test('options held in a variable get the store inserted into that literal', async () => {
    const before = "const session = require('express-session');\nconst options = {\n\tsecret: 's',\n};\napp.use(session(options));\n";
    const after =
      "const session = require('express-session');\nconst { RedisStore } = require('connect-redis');\nconst { createClient } = require('redis');\nconst redisClient = createClient(); redisClient.connect().catch(console.error);\nconst options = {\n\tstore: new RedisStore({ client: redisClient }),\n\tsecret: 's',\n};\napp.use(session(options));\n";
    assert.equal(await fixed(before, 'app.js'), after);
  });

  test('no fix when the session call would run before the generated client', async () => {
    const text = "const session = require('express-session');\nconst mw = session({ secret: 's' });\nconst express = require('express');\n";
    const { findings } = await analyzer.analyze(text, 'app.js');
    assert.equal(findings.length, 1);
    assert.equal(findings[0].fix, undefined);
  });
});
