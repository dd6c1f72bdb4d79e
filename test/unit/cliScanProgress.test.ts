// The progress line of `statecraft scan` (cli/scanProgress.ts): drawn on a TTY only, at most every 200 ms, with the
// rate and time left; cleared before other messages and at the end. A clock is injected, so the figures are exact.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createScanProgress } from '../../src/cli/scanProgress';

function recorder(stderrIsTTY: boolean) {
  const writes: string[] = [];
  return { writes, io: { stdout: () => undefined, stderr: (text: string) => writes.push(text), cwd: '/', stderrIsTTY } };
}

describe('scan progress', () => {
  test('on a TTY: files done, files/s and time left, redrawn at most every 200 ms, cleared around messages and at the end', () => {
    let clock = 0;
    const { writes, io } = recorder(true);
    const progress = createScanProgress(io, 1000, () => clock);
    clock = 1000;
    progress.fileDone(); // first draw: 1 file in 1 s
    for (let file = 0; file < 99; file++) progress.fileDone(); // same instant: no redraw
    clock = 2000;
    progress.fileDone(); // 101 files in 2 s
    progress.stderr('statecraft scan: skipped big.js: binary file\n');
    clock = 70_000;
    progress.fileDone(); // 102 files in 70 s: 1.46 files/s, 898 left: 617 s
    progress.finish();
    progress.finish();
    assert.deepEqual(writes, [
      '\r\u001b[K1 of 1,000 files, 1 files/s, about 16 min 39 s left',
      '\r\u001b[K101 of 1,000 files, 51 files/s, about 18 s left',
      '\r\u001b[K',
      'statecraft scan: skipped big.js: binary file\n',
      '\r\u001b[K102 of 1,000 files, 1 files/s, about 10 min 17 s left',
      '\r\u001b[K',
    ]);
  });

  test('not a TTY (CI logs, pipes): silence, messages pass through', () => {
    const { writes, io } = recorder(false);
    const progress = createScanProgress(io, 1000, () => 5000);
    progress.fileDone();
    progress.stderr('message\n');
    progress.finish();
    assert.deepEqual(writes, ['message\n']);
  });
});
