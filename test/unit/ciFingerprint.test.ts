// Fingerprints (core/ci/fingerprint.ts): what keeps a finding's identity (lines inserted above, whitespace, line
// endings) and what changes it (the construct, the rule, the file), with findings from the real analyzer.

import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createAnalyzer } from '../../src/core/analyzer/analyzer';
import type { Finding } from '../../src/core/analyzer/types';
import { fingerprintFindings, fnv1a32, fnv1a64 } from '../../src/core/ci/fingerprint';
import { nodeWasmLoader } from './analyzerHelpers';

const analyzer = createAnalyzer(nodeWasmLoader);
after(() => analyzer.dispose());

const EXPRESS_MEMORY = "const express = require('express');\nconst session = require('express-session');\nconst app = express();\napp.use(session({ secret: 's' }));\n";

async function fingerprintsOf(file: string, text: string): Promise<string[]> {
  const result = await analyzer.analyze(text, file);
  assert.ok(result.findings.length > 0, `expected findings in ${file}`);
  return fingerprintFindings(file, text, result.findings);
}

describe('fingerprintFindings', () => {
  test('has the documented shape: 16 hex digits, a colon, the occurrence number', async () => {
    const [fingerprint] = await fingerprintsOf('src/app.js', EXPRESS_MEMORY);
    assert.match(fingerprint, /^[0-9a-f]{16}:1$/);
  });

  test('is kept when lines are inserted or removed above the finding', async () => {
    const [before] = await fingerprintsOf('src/app.js', EXPRESS_MEMORY);
    const inserted = EXPRESS_MEMORY.replace('const app', "// a comment\nconst port = 3000;\n\nconst app");
    const [after] = await fingerprintsOf('src/app.js', inserted);
    assert.equal(after, before);
    const removed = EXPRESS_MEMORY.replace("const express = require('express');\n", '');
    assert.equal((await fingerprintsOf('src/app.js', removed.replace('express()', "require('express')()")))[0], before);
  });

  test('is kept when the construct is re-indented, re-wrapped or gets CRLF line endings', async () => {
    const [before] = await fingerprintsOf('src/app.js', EXPRESS_MEMORY);
    const reindented = EXPRESS_MEMORY.replace("app.use(session({ secret: 's' }));", "  app.use(session({\n    secret: 's',\n  }));").replace("secret: 's',", "secret: 's'");
    assert.notEqual(reindented, EXPRESS_MEMORY);
    assert.equal((await fingerprintsOf('src/app.js', reindented))[0], before);
    assert.equal((await fingerprintsOf('src/app.js', EXPRESS_MEMORY.replace(/\n/g, '\r\n')))[0], before);
  });

  test('changes when the flagged construct, the file path or the rule changes', async () => {
    const [before] = await fingerprintsOf('src/app.js', EXPRESS_MEMORY);
    const edited = EXPRESS_MEMORY.replace("secret: 's'", "secret: process.env.SECRET");
    assert.notEqual((await fingerprintsOf('src/app.js', edited))[0], before);
    assert.notEqual((await fingerprintsOf('src/server.js', EXPRESS_MEMORY))[0], before);
    const finding = (await analyzer.analyze(EXPRESS_MEMORY, 'src/app.js')).findings[0];
    const otherRule: Finding = { ...finding, rule: 'in-memory-session-map' };
    assert.notEqual(fingerprintFindings('src/app.js', EXPRESS_MEMORY, [otherRule])[0], before);
  });

  test('numbers identical constructs in one file by position, whatever order the findings come in', async () => {
    const twice = `${EXPRESS_MEMORY}const admin = express();\napp.use(session({ secret: 's' }));\n`;
    const result = await analyzer.analyze(twice, 'src/app.js');
    assert.equal(result.findings.length, 2);
    const fingerprints = fingerprintFindings('src/app.js', twice, result.findings);
    assert.deepEqual(fingerprints.map((fingerprint) => fingerprint.slice(-2)), [':1', ':2']);
    assert.equal(fingerprints[0].slice(0, 16), fingerprints[1].slice(0, 16));
    const reversed = fingerprintFindings('src/app.js', twice, [...result.findings].reverse());
    assert.deepEqual(reversed, [...fingerprints].reverse());
  });
});

describe('FNV-1a', () => {
  test('matches the published test vectors', () => {
    // Vectors from the FNV reference (Fowler/Noll/Vo, isthe.com/chongo/tech/comp/fnv): "" and "a".
    assert.equal(fnv1a64(''), 'cbf29ce484222325');
    assert.equal(fnv1a64('a'), 'af63dc4c8601ec8c');
    assert.equal(fnv1a32(''), 0x811c9dc5);
    assert.equal(fnv1a32('a'), 0xe40c292c);
  });
});
