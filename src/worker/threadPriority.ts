// The editor's analysis worker yields the CPU to the extension host's thread. On a machine with two cores, the host
// thread, the TypeScript server and the worker's first parse all want a core at the moment a file opens; the host's
// event loop then stalls because it is not scheduled, although it has little to do. A lower priority for the worker
// thread alone (Linux: setpriority on the thread id, which affects that thread only) keeps the host responsive and
// costs the hints only when the CPU is contended. Elsewhere (macOS, Windows) priorities are per process, and lowering
// it would slow the whole extension host, so nothing is done there.
import * as fs from 'node:fs';
import * as os from 'node:os';

/** The nice value the editor's worker runs at: below the host (0), above batch work (19). */
export const BACKGROUND_NICE = 10;

export interface PriorityChange {
  readonly threadId: number;
  readonly nice: number;
}

/**
 * Lowers the calling thread's scheduling priority to `nice` when the platform allows it per thread. Returns what was
 * set, or a reason it was not (never throws: a worker that cannot lower its priority still analyses).
 */
export function lowerThisThreadsPriority(nice: number = BACKGROUND_NICE): PriorityChange | { readonly skipped: string } {
  if (process.platform !== 'linux') return { skipped: `thread priorities are per process on ${process.platform}` };
  try {
    // "/proc/thread-self" links to "<pid>/task/<tid>": the kernel's id of this very thread.
    const threadId = Number(fs.readlinkSync('/proc/thread-self').split('/').pop());
    if (!Number.isInteger(threadId) || threadId <= 0) return { skipped: 'no thread id in /proc/thread-self' };
    os.setPriority(threadId, nice);
    return { threadId, nice: os.getPriority(threadId) };
  } catch (error) {
    return { skipped: error instanceof Error ? error.message : String(error) };
  }
}
