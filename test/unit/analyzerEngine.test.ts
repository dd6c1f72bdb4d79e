// The analyzer engine: languages, test-file convention, limits, prefilter, cancellation, timeouts, detector
// failures and suppressions.

import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createAnalyzer, DEFAULT_MAX_BYTES, isTestFile, languageForFile, listSuppressions } from '../../src/core/analyzer/analyzer';
import type { Detector, Finding } from '../../src/core/analyzer/types';
import { identifierWords, isSessionLikeCollectionName, isSessionLikeName } from '../../src/core/analyzer/syntax/keywords';
import { makeFinding, partitionPoint, RangeSet } from '../../src/core/analyzer/syntax/tree';
import { nodeWasmLoader } from './analyzerHelpers';

const EXPRESS_APP = `const express = require('express');
const session = require('express-session');
const app = express();
app.use(session({ secret: 'x' }));
`;

describe('languageForFile', () => {
  test('maps extensions to grammars and ignores declaration files and unknown types', () => {
    const cases: Array<[string, string | undefined]> = [
      ['server.js', 'javascript'],
      ['Button.jsx', 'javascript'],
      ['app.mjs', 'javascript'],
      ['app.cjs', 'javascript'],
      ['src/app.ts', 'typescript'],
      ['app.mts', 'typescript'],
      ['page.tsx', 'tsx'],
      ['C:\\work\\views.py', 'python'],
      ['Main.java', 'java'],
      ['main.go', 'go'],
      ['Program.cs', 'csharp'],
      ['index.php', 'php'],
      ['config/initializers/session_store.rb', 'ruby'],
      ['types.d.ts', undefined],
      ['README.md', undefined],
      ['.js', undefined],
      ['Makefile', undefined],
    ];
    for (const [file, language] of cases) {
      assert.equal(languageForFile(file), language, file);
    }
  });
});

describe('isTestFile', () => {
  test('recognises the usual test conventions and nothing else', () => {
    const tests = ['a.test.js', 'b.spec.ts', 'test_views.py', 'views_test.py', 'conftest.py', 'handler_test.go', 'UserServiceTest.java', 'SessionTests.cs', 'session_spec.rb', '__tests__/x.js', 'tests/app.py', 'src/test/java/App.java', 'spec/models/user.rb'];
    const notTests = ['server.js', 'contest.py', 'testing.py', 'latest.ts', 'attestation.go', 'src/main/java/App.java', 'protest/app.js'];
    for (const file of tests) {
      assert.equal(isTestFile(file), true, file);
    }
    for (const file of notTests) {
      assert.equal(isTestFile(file), false, file);
    }
  });
});

describe('keywords', () => {
  test('splits identifiers into words', () => {
    assert.deepEqual(identifierWords('req.sessionID'), ['req', 'session', 'id']);
    assert.deepEqual(identifierWords('user_carts-by_ID'), ['user', 'carts', 'by', 'id']);
    assert.deepEqual(identifierWords('HTTPClientPool'), ['http', 'client', 'pool']);
  });

  test('matches by word, not by substring', () => {
    assert.equal(isSessionLikeName('req.sessionID'), true);
    assert.equal(isSessionLikeName('socket.id'), true);
    assert.equal(isSessionLikeName('sid'), true);
    assert.equal(isSessionLikeName('signInAttempts'), true);
    assert.equal(isSessionLikeName('inside'), false);
    assert.equal(isSessionLikeName('considerations'), false);
    assert.equal(isSessionLikeName('req.params.id'), false);
    assert.equal(isSessionLikeCollectionName('clients'), false);
    assert.equal(isSessionLikeCollectionName('onlineUsers'), true);
  });
});

describe('partitionPoint', () => {
  test('is the first index where the predicate turns true, for every split of every length up to 9', () => {
    for (let length = 0; length <= 9; length++) {
      for (let split = 0; split <= length; split++) {
        const asked: number[] = [];
        const point = partitionPoint(length, (index) => {
          asked.push(index);
          return index >= split;
        });
        assert.equal(point, split, `length ${length}, split ${split}`);
        assert.ok(asked.every((index) => index >= 0 && index < length), 'only indexes inside the range are asked');
        assert.ok(asked.length <= Math.ceil(Math.log2(length + 1)), `binary, not linear: ${asked.length} questions for ${length}`);
      }
    }
  });

  test('finds the first start at or after a value and the last at or before it in a sorted list with repeats', () => {
    const starts = [1, 3, 3, 3, 7];
    assert.equal(partitionPoint(starts.length, (i) => starts[i] >= 3), 1);
    assert.equal(partitionPoint(starts.length, (i) => starts[i] > 3) - 1, 3);
    assert.equal(partitionPoint(starts.length, (i) => starts[i] >= 8), 5);
    assert.equal(partitionPoint(starts.length, (i) => starts[i] > 0) - 1, -1);
  });
});

describe('RangeSet', () => {
  test('finds an enclosing range among nested and disjoint ranges', () => {
    const set = new RangeSet();
    for (const [start, end] of [[50, 60], [0, 100], [10, 20], [120, 130], [12, 15]]) {
      set.add(start, end);
    }
    const at = (startIndex: number, endIndex: number) => ({ startIndex, endIndex }) as Parameters<RangeSet['contains']>[0];
    assert.equal(set.contains(at(13, 14)), true);
    assert.equal(set.contains(at(55, 70)), true, 'outer [0,100] contains it although [50,60] does not');
    assert.equal(set.contains(at(95, 110)), false);
    assert.equal(set.contains(at(125, 130)), true);
    assert.equal(set.contains(at(131, 132)), false);
    assert.equal(new RangeSet().contains(at(0, 0)), false);
  });

  test('answers like a linear scan when ranges are added between queries', () => {
    let state = 12345;
    const random = (limit: number) => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state % limit;
    };
    const at = (startIndex: number, endIndex: number) => ({ startIndex, endIndex }) as Parameters<RangeSet['contains']>[0];
    const set = new RangeSet();
    const ranges: Array<[number, number]> = [];
    for (let step = 0; step < 400; step++) {
      const start = random(1000);
      const range: [number, number] = [start, start + random(80)];
      ranges.push(range);
      set.add(...range);
      for (let query = 0; query < 5; query++) {
        const from = random(1100);
        const node = at(from, from + random(20));
        const expected = ranges.some(([low, high]) => low <= node.startIndex && high >= node.endIndex);
        assert.equal(set.contains(node), expected, `step ${step}, [${node.startIndex}, ${node.endIndex}]`);
      }
    }
    assert.equal(set.size, 400);
  });
});

describe('createAnalyzer', () => {
  const analyzer = createAnalyzer(nodeWasmLoader);
  after(() => analyzer.dispose());

  test('skips files it has no language for', async () => {
    const result = await analyzer.analyze(EXPRESS_APP, 'notes.md');
    assert.deepEqual(result, { findings: [], suppressed: [], skipped: 'not a language the analyzer handles', skipReason: 'unsupported' });
  });

  test('skips test files quietly, but analyses the same text given a language id', async () => {
    const skipped = await analyzer.analyze(EXPRESS_APP, 'test/app.js');
    assert.equal(skipped.skipReason, 'test-file');
    const analysed = await analyzer.analyze(EXPRESS_APP, 'javascript');
    assert.equal(analysed.findings.length, 1);
    assert.equal(analysed.findings[0].rule, 'session-store-in-memory');
  });

  test('skips files over the size cap, counting UTF-8 bytes', async () => {
    const ascii = EXPRESS_APP + '/'.repeat(DEFAULT_MAX_BYTES - EXPRESS_APP.length) + '\n';
    const tooLarge = await analyzer.analyze(ascii, 'app.js');
    assert.equal(tooLarge.skipReason, 'too-large');
    assert.equal(tooLarge.skipped, 'file is 1 MB, over the 1 MB limit');
    // 100,000 lines of "// é": 600,000 bytes, under the cap although three times the length would not be.
    const underCap = await analyzer.analyze(`${EXPRESS_APP}${'// é\n'.repeat(100_000)}`, 'app.js');
    assert.equal(underCap.skipReason, undefined);
    const overCap = await analyzer.analyze(`${EXPRESS_APP}${'// é\n'.repeat(200_000)}`, 'app.js');
    assert.equal(overCap.skipReason, 'too-large');
    assert.equal(overCap.skipped, 'file is 1.1 MB, over the 1 MB limit');
    const custom = await analyzer.analyze(EXPRESS_APP, 'app.js', { maxBytes: 100 });
    assert.equal(custom.skipped, 'file is 138 bytes, over the 100 bytes limit');
  });

  test('skips minified files: a line longer than 10,000 characters', async () => {
    const minified = await analyzer.analyze(`${EXPRESS_APP}var a=${'1'.repeat(10_000)};\n`, 'bundle.js');
    assert.equal(minified.skipReason, 'minified');
    assert.equal(minified.skipped, 'looks minified or generated (a line of 10007 characters, limit 10000)');
    const atLimit = await analyzer.analyze(`${EXPRESS_APP}//${'x'.repeat(9_998)}\n`, 'app.js');
    assert.equal(atLimit.skipReason, undefined);
    assert.equal(atLimit.findings.length, 1);
  });

  test('honours cancellation before parsing', async () => {
    const result = await analyzer.analyze(EXPRESS_APP, 'app.js', { isCancelled: () => true });
    assert.equal(result.skipReason, 'cancelled');
    assert.deepEqual(result.findings, []);
  });

  test('stops a parse that exceeds its time budget', async () => {
    const slow = createAnalyzer(nodeWasmLoader, { parseTimeoutMs: 1 });
    const text = `${EXPRESS_APP}${'const a = [1, 2, {b: 3}, "session"];\n'.repeat(20_000)}`;
    const result = await slow.analyze(text, 'app.js');
    slow.dispose();
    assert.equal(result.skipReason, 'timeout');
    assert.equal(result.skipped, 'parsing took longer than 1 ms');
  });
});

describe('engine with fake detectors', () => {
  const probe = (id: string, options: { prefilter: boolean; fail?: boolean }, calls: string[]): Detector => ({
    id,
    languages: ['javascript'],
    prefilter: () => options.prefilter,
    detect(context) {
      calls.push(id);
      if (options.fail) {
        throw new Error('boom');
      }
      return [
        makeFinding('in-memory-session-map', context.root.namedChildren[0]!, { message: `from ${id}`, note: 'externalize-sessions-node#express', framework: 'test' }),
      ];
    },
  });

  test('a failing prefilter on every detector means the grammar is never loaded', async () => {
    const requested: string[] = [];
    const calls: string[] = [];
    const analyzer = createAnalyzer(
      async (file) => {
        requested.push(file);
        return nodeWasmLoader(file);
      },
      { detectors: [probe('a', { prefilter: false }, calls)] },
    );
    const result = await analyzer.analyze('const x = 1;\n', 'app.js');
    analyzer.dispose();
    assert.deepEqual(result, { findings: [], suppressed: [] });
    assert.deepEqual(requested, []);
    assert.deepEqual(calls, []);
  });

  test('a throwing detector is logged and the others still report', async () => {
    const calls: string[] = [];
    const errors: string[] = [];
    const analyzer = createAnalyzer(nodeWasmLoader, {
      detectors: [probe('bad', { prefilter: true, fail: true }, calls), probe('good', { prefilter: true }, calls)],
      logger: { info: () => undefined, warn: () => undefined, error: (message) => errors.push(message) },
    });
    const result = await analyzer.analyze('const x = 1;\n', 'app.js');
    analyzer.dispose();
    assert.deepEqual(calls, ['bad', 'good']);
    assert.deepEqual(errors, ['statecraft analyzer: detector bad failed: boom']);
    assert.deepEqual(result.findings.map((finding: Finding) => finding.message), ['from good']);
  });
});

describe('suppressions', () => {
  test('listSuppressions returns comment lines with a reason, per comment syntax', () => {
    const js = [
      '// statecraft-ignore: single instance by design',
      'const a = new Map();',
      '// statecraft-ignore',
      '// statecraft-ignore:   ',
      '/* statecraft-ignore: block comment reason */',
      '  * statecraft-ignore: inside a JSDoc block',
      "const s = '// statecraft-ignore: in a string';",
      '# statecraft-ignore: hash is not a JS comment',
    ].join('\n');
    assert.deepEqual(listSuppressions(js, 'javascript'), [
      { line: 0, reason: 'single instance by design' },
      { line: 4, reason: 'block comment reason' },
      { line: 5, reason: 'inside a JSDoc block' },
    ]);
    const python = ['# statecraft-ignore: dev server only', 'x = {}', '// statecraft-ignore: not python', '    #statecraft-ignore:reason'].join('\n');
    assert.deepEqual(listSuppressions(python, 'python'), [
      { line: 0, reason: 'dev server only' },
      { line: 3, reason: 'reason' },
    ]);
    assert.deepEqual(listSuppressions('# statecraft-ignore: php hash comment\r\n', 'php'), [{ line: 0, reason: 'php hash comment' }]);
  });

  test('a reasoned comment directly above the finding moves it to suppressed; a bare one does not', async () => {
    const analyzer = createAnalyzer(nodeWasmLoader);
    const text = [
      "const session = require('express-session');",
      "const express = require('express');",
      'const app = express();',
      '// statecraft-ignore: admin tool, one instance',
      "app.use(session({ secret: 'a' }));",
      '// statecraft-ignore',
      "app.use(session({ secret: 'b' }));",
      '// statecraft-ignore: not directly above',
      '',
      "app.use(session({ secret: 'c' }));",
    ].join('\n');
    const result = await analyzer.analyze(text, 'app.js');
    analyzer.dispose();
    assert.deepEqual(result.suppressed.map((finding) => finding.range.start.line), [4]);
    assert.deepEqual(result.findings.map((finding) => finding.range.start.line), [6, 9]);
  });
});
