// The editor's analysis worker runs below the extension host's thread (issue 15: the host never waits for it when the
// cores are busy). Observed from outside, as the kernel sees the process's threads: after a background worker
// starts, one thread of this process runs at the background nice value and this (the host's) thread keeps its own.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import { describe, it } from 'node:test';
import { nullLogger } from '../../src/core/ports';
import { WorkerConnection } from '../../src/core/worker/workerConnection';
import { nodeWorkerFactory } from '../../src/worker/nodeWorkerFactory';
import { BACKGROUND_NICE } from '../../src/worker/threadPriority';

/** The nice value of each thread of this process (field 19 of /proc/self/task/<tid>/stat, after the command name). */
function threadNiceValues(): Map<number, number> {
  const values = new Map<number, number>();
  for (const tid of fs.readdirSync('/proc/self/task')) {
    try {
      const stat = fs.readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      values.set(Number(tid), Number(fields[16]));
    } catch {
      // The thread ended between the listing and the read.
    }
  }
  return values;
}

async function lowestNiceWith(background: boolean): Promise<{ lowered: number[]; mainNice: number }> {
  const connection = new WorkerConnection({ createWorker: nodeWorkerFactory(undefined, { background }), loadWasm: () => Promise.reject(new Error('not read')), logger: nullLogger });
  try {
    // A search build is a full round trip through the worker: the thread exists and has run its start-up code.
    await connection.buildSearchIndex('{"notes":[]}', []).catch(() => undefined);
    const lowered = [...threadNiceValues().entries()].filter(([, nice]) => nice === BACKGROUND_NICE).map(([tid]) => tid);
    return { lowered, mainNice: os.getPriority(0) };
  } finally {
    connection.dispose();
  }
}

describe('the analysis worker thread priority', { skip: process.platform !== 'linux' && 'thread priorities are per process outside Linux' }, () => {
  it('a background worker runs at the background nice value; the starting thread keeps its priority', async () => {
    const before = os.getPriority(0);
    assert.notEqual(before, BACKGROUND_NICE, 'the test process itself must not already run at the background value');
    const { lowered, mainNice } = await lowestNiceWith(true);
    assert.equal(lowered.length, 1, `exactly one thread (the worker's) at nice ${BACKGROUND_NICE}: ${JSON.stringify([...threadNiceValues()])}`);
    assert.notEqual(lowered[0], process.pid, 'not the main thread');
    assert.equal(mainNice, before);
  });

  it('a worker started for the CLI (not background) keeps the normal priority', async () => {
    const { lowered } = await lowestNiceWith(false);
    assert.deepEqual(lowered, []);
  });
});
