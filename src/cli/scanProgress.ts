// Progress of `statecraft scan` on stderr, for a person watching a terminal: one line rewritten in place with the
// files done, the rate and the time left. Only when stderr is a TTY (a CI log or a pipe gets nothing: a line per
// redraw would bury the findings), redrawn at most every 200 ms, cleared before any other message and at the end,
// so it never mixes with what the scan reports.

import * as l10n from '@vscode/l10n';
import type { CliIo } from './cliIo';

const REDRAW_MS = 200;

export interface ScanProgress {
  /** One more file finished (analysed or skipped). */
  fileDone(): void;
  /** Writes a message to stderr without mixing it into the progress line. */
  stderr(text: string): void;
  /** Clears the line; nothing is drawn afterwards. */
  finish(): void;
}

/** The progress of scanning `total` files; `now` is injectable for tests (milliseconds). */
export function createScanProgress(io: CliIo, total: number, now: () => number = () => performance.now()): ScanProgress {
  if (!io.stderrIsTTY || total === 0) {
    return { fileDone: () => undefined, stderr: (text) => io.stderr(text), finish: () => undefined };
  }
  const started = now();
  let done = 0;
  let lastDraw = -Infinity;
  let drawn = false;
  const clear = () => {
    if (drawn) io.stderr('\r\u001b[K');
    drawn = false;
  };
  const draw = () => {
    const elapsed = (now() - started) / 1000;
    const rate = elapsed > 0 ? done / elapsed : 0;
    const left = rate > 0 ? Math.ceil((total - done) / rate) : undefined;
    const line =
      left === undefined
        ? l10n.t('{0} of {1} files', done.toLocaleString('en-US'), total.toLocaleString('en-US'))
        : l10n.t('{0} of {1} files, {2} files/s, about {3} left', done.toLocaleString('en-US'), total.toLocaleString('en-US'), Math.round(rate).toLocaleString('en-US'), formatDuration(left));
    io.stderr(`\r\u001b[K${line}`);
    drawn = true;
    lastDraw = now();
  };
  return {
    fileDone: () => {
      done++;
      if (now() - lastDraw >= REDRAW_MS) draw();
    },
    stderr: (text) => {
      clear();
      io.stderr(text);
    },
    finish: clear,
  };
}

/** "45 s", "3 min 5 s": short enough for one terminal line. */
function formatDuration(seconds: number): string {
  if (seconds < 60) return l10n.t('{0} s', seconds);
  return l10n.t('{0} min {1} s', Math.floor(seconds / 60), seconds % 60);
}
