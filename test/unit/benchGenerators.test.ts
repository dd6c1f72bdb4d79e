// The bench's generated sources are real programs: V8 compiles each one (never runs it), and the sizes are what the
// bench's row names say. Until 2026-12-03 the 2,000-line Express server was cut inside its last function, so
// tree-sitter read the whole file as one ERROR node and every editor-latency row timed error recovery.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Script } from 'node:vm';
import { expressServerSource, prefilterRejectedSource } from '../../bench/generators';

/** Throws a SyntaxError naming the line when `source` is not valid JavaScript; compiling runs nothing. */
function compile(source: string, name: string): void {
  new Script(source, { filename: name });
}

const lineCount = (source: string) => source.split('\n').length - 1;

describe('bench generators', () => {
  for (const lines of [120, 300, 1999, 2000, 2001]) {
    for (const seed of [7, 100, 103]) {
      test(`the Express server of ${lines} lines (seed ${seed}) compiles and has ${lines} lines`, () => {
        const source = expressServerSource(lines, seed);
        compile(source, `server-${lines}-${seed}.js`);
        assert.equal(lineCount(source), lines);
        assert.match(source, /module\.exports = app;\n$/);
      });
    }
  }

  test('the module the prefilter rejects compiles and has 2,000 lines', () => {
    const source = prefilterRejectedSource(2000);
    compile(source, 'utilities.js');
    assert.equal(lineCount(source), 2000);
  });
});
