// Baseline files (core/ci/baseline.ts), shards (core/ci/shard.ts) and the GitLab Code Quality report
// (core/ci/gitlab.ts): pure functions, so these tests check exact outputs.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BaselineError, compareWithBaseline, parseBaseline, serializeBaseline } from '../../src/core/ci/baseline';
import { buildCodeQualityReport } from '../../src/core/ci/gitlab';
import { inShard, parseShard } from '../../src/core/ci/shard';
import type { Finding } from '../../src/core/analyzer/types';

const a = { file: 'src/a.js', rule: 'session-store-in-memory', fingerprint: '00000000000000aa:1' };
const b = { file: 'src/a.js', rule: 'socketio-no-adapter', fingerprint: '00000000000000bb:1' };
const c = { file: 'lib/c.py', rule: 'session-store-in-memory', fingerprint: '00000000000000cc:1' };

describe('serializeBaseline', () => {
  test('sorts by file, rule and fingerprint, keeps only those fields, and ends with a newline', () => {
    const text = serializeBaseline([{ ...b, extra: 1 } as typeof b, a, c]);
    assert.equal(
      text,
      '{\n  "version": 1,\n  "findings": [\n' +
        '    {\n      "file": "lib/c.py",\n      "rule": "session-store-in-memory",\n      "fingerprint": "00000000000000cc:1"\n    },\n' +
        '    {\n      "file": "src/a.js",\n      "rule": "session-store-in-memory",\n      "fingerprint": "00000000000000aa:1"\n    },\n' +
        '    {\n      "file": "src/a.js",\n      "rule": "socketio-no-adapter",\n      "fingerprint": "00000000000000bb:1"\n    }\n' +
        '  ]\n}\n',
    );
    assert.equal(serializeBaseline([c, a, b]), text, 'the same findings in another order give the same bytes');
    assert.deepEqual(parseBaseline(text).findings, [c, a, b]);
  });
});

describe('parseBaseline', () => {
  test('names the problem of a malformed file', () => {
    const problem = (text: string) => {
      try {
        parseBaseline(text);
      } catch (error) {
        assert.ok(error instanceof BaselineError);
        return error.message;
      }
      assert.fail(`accepted ${text}`);
    };
    assert.match(problem('{ "version": 1, '), /^not valid JSON \(/);
    assert.equal(problem('[]'), 'expected an object with "version" and "findings"');
    assert.equal(problem('{ "version": 2, "findings": [] }'), 'unsupported version 2 (this statecraft reads version 1); re-write it with --write-baseline');
    assert.equal(problem('{ "findings": [] }'), 'unsupported version undefined (this statecraft reads version 1); re-write it with --write-baseline');
    assert.equal(problem('{ "version": 1, "findings": {} }'), '"findings" must be an array');
    assert.equal(problem('{ "version": 1, "findings": [{ "file": "a.js", "rule": "r", "fingerprint": "f" }, { "file": "a.js", "rule": "r" }] }'), 'findings[1] needs non-empty string fields "file", "rule" and "fingerprint"');
    assert.equal(problem('{ "version": 1, "findings": [null] }'), 'findings[0] needs non-empty string fields "file", "rule" and "fingerprint"');
  });
});

describe('compareWithBaseline', () => {
  test('splits new from known findings, each entry matching once, and lists stale entries', () => {
    const baseline = parseBaseline(serializeBaseline([a, a, c]));
    const newOne = { ...b, id: 'new' };
    const comparison = compareWithBaseline([{ ...a, id: 1 }, newOne, { ...a, id: 2 }, { ...a, id: 3 }], baseline);
    assert.deepEqual(comparison.fresh.map((result) => result.id), ['new', 3]);
    assert.equal(comparison.known, 2);
    assert.deepEqual(comparison.stale, [c]);
  });

  test('matches on all three fields', () => {
    const baseline = parseBaseline(serializeBaseline([a]));
    assert.equal(compareWithBaseline([{ ...a, file: 'src/b.js' }], baseline).fresh.length, 1);
    assert.equal(compareWithBaseline([{ ...a, rule: 'in-memory-session-map' }], baseline).fresh.length, 1);
    assert.equal(compareWithBaseline([{ ...a, fingerprint: '00000000000000aa:2' }], baseline).fresh.length, 1);
    assert.deepEqual(compareWithBaseline([a], baseline), { fresh: [], known: 1, stale: [] });
  });
});

describe('shards', () => {
  test('parseShard accepts i/n with 1 ≤ i ≤ n and names anything else', () => {
    assert.deepEqual(parseShard('2/4'), { index: 2, count: 4 });
    assert.deepEqual(parseShard('1/1'), { index: 1, count: 1 });
    for (const bad of ['0/4', '5/4', '1/0', '2', 'a/b', '-1/2', '1/2/3']) {
      assert.throws(() => parseShard(bad), { message: `"${bad}" is not a shard: expected i/n with 1 ≤ i ≤ n, for example 2/4` });
    }
  });

  test('every path is in exactly one shard, and the split is roughly even', () => {
    const paths = Array.from({ length: 2000 }, (_, index) => `pkg${index % 37}/src/file${index}.ts`);
    for (const count of [1, 2, 3, 7]) {
      const sizes = new Array<number>(count).fill(0);
      for (const path of paths) {
        const owners = Array.from({ length: count }, (_, index) => index + 1).filter((index) => inShard(path, { index, count }));
        assert.equal(owners.length, 1, `${path} in shards ${owners.join(', ')} of ${count}`);
        sizes[owners[0] - 1]++;
      }
      for (const size of sizes) assert.ok(Math.abs(size - paths.length / count) < (paths.length / count) * 0.2, `uneven split of ${count}: ${sizes.join(', ')}`);
    }
  });
});

describe('buildCodeQualityReport', () => {
  test('writes GitLab Code Quality issues with 1-based lines and a hex fingerprint unique per finding', () => {
    const finding: Finding = {
      rule: 'session-store-in-memory',
      severity: 'warning',
      message: 'express-session keeps sessions in memory.',
      title: 'In-memory session store',
      range: { start: { line: 3, character: 8 }, end: { line: 5, character: 2 } },
      note: 'externalize-sessions-node#express',
      framework: 'express-session',
    };
    const hint: Finding = { ...finding, rule: 'session-store-local-disk', severity: 'hint', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 4 } } };
    const report = buildCodeQualityReport([
      { file: 'src/app.js', finding, fingerprint: '1234567890abcdef:1' },
      { file: 'src/app.js', finding, fingerprint: '1234567890abcdef:2' },
      { file: 'config/session.php', finding: hint, fingerprint: 'fedcba0987654321:1' },
    ]);
    assert.deepEqual(
      report.map(({ fingerprint: _fingerprint, ...rest }) => rest),
      [
        { description: 'express-session keeps sessions in memory.', check_name: 'session-store-in-memory', severity: 'minor', location: { path: 'src/app.js', lines: { begin: 4, end: 6 } } },
        { description: 'express-session keeps sessions in memory.', check_name: 'session-store-in-memory', severity: 'minor', location: { path: 'src/app.js', lines: { begin: 4, end: 6 } } },
        { description: 'express-session keeps sessions in memory.', check_name: 'session-store-local-disk', severity: 'info', location: { path: 'config/session.php', lines: { begin: 1, end: 1 } } },
      ],
    );
    for (const issue of report) assert.match(issue.fingerprint, /^[0-9a-f]{16}$/);
    assert.equal(new Set(report.map((issue) => issue.fingerprint)).size, 3);
  });
});
