// Which code held the extension host's thread, from a CPU profile of the host taken in-process (node:inspector).
// The event-loop monitor sees the whole host: the TypeScript extension starting tsserver, code-server's port finder
// spawning processes, every other extension. A profile tells Statecraft's part apart: the longest run of consecutive
// samples whose stack holds Statecraft's code is the longest time Statecraft kept the thread without a break.
import * as inspector from 'inspector';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly children?: readonly number[];
}

export interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

export interface Attribution {
  /** CPU time of samples with the given code on the stack, in ms. */
  readonly totalMs: number;
  /** The longest run of consecutive such samples, in ms: the longest uninterrupted hold of the thread. */
  readonly longestBlockMs: number;
  /** The innermost frames at the end of that run (function file:line), to say what it was. */
  readonly longestBlockStack: string[];
  /** Samples in the profile (its resolution: a block shorter than the sampling interval is not seen). */
  readonly samples: number;
}

/** Runs `work` with the host's CPU profiler sampling every `intervalUs`; undefined profile when none can be taken. */
export async function withCpuProfile<T>(work: () => Promise<T>, intervalUs = 250): Promise<{ result: T; profile?: CpuProfile; error?: string }> {
  const session = new inspector.Session();
  const post = (method: string, params: object = {}) =>
    new Promise<unknown>((resolve, reject) => session.post(method, params, (error, value) => (error ? reject(error) : resolve(value))));
  try {
    session.connect();
    await post('Profiler.enable');
    await post('Profiler.setSamplingInterval', { interval: intervalUs });
    await post('Profiler.start');
  } catch (error) {
    session.disconnect();
    return { result: await work(), error: `no CPU profile: ${error instanceof Error ? error.message : String(error)}` };
  }
  try {
    const result = await work();
    const { profile } = (await post('Profiler.stop')) as { profile: CpuProfile };
    return { result, profile };
  } finally {
    session.disconnect();
  }
}

/** A run of Statecraft's samples survives this much time in other frames (not idle) between two of them. */
const MAX_GAP_MS = 2;

/** How much of the profile, and how long at a stretch, code loaded from URLs starting with `urlPrefix` held the thread. */
export function attribute(profile: CpuProfile, urlPrefix: string): Attribution {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const holds = new Map<number, boolean>();
  const inCode = (id: number): boolean => {
    let known = holds.get(id);
    if (known === undefined) {
      known = false;
      for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
        if (byId.get(at)!.callFrame.url.startsWith(urlPrefix)) {
          known = true;
          break;
        }
      }
      holds.set(id, known);
    }
    return known;
  };
  let total = 0;
  let run = 0;
  let gap = 0;
  let longest = 0;
  let longestEnd = -1;
  for (let index = 0; index < profile.samples.length; index++) {
    // A sample's duration is the delta to the next sample.
    const ms = (profile.timeDeltas[index + 1] ?? 0) / 1000;
    const frame = byId.get(profile.samples[index])!.callFrame.functionName;
    if (inCode(profile.samples[index])) {
      total += ms;
      // Short stretches without Statecraft's frames inside a run are the sampler losing inlined frames, V8's
      // garbage collection and its bookkeeping (filed under the root): counted as part of the hold, the safe side.
      run += gap + ms;
      gap = 0;
      if (run > longest) {
        longest = run;
        longestEnd = index;
      }
    } else if (run > 0 && frame !== '(idle)' && gap + ms <= MAX_GAP_MS) {
      gap += ms;
    } else {
      run = 0;
      gap = 0;
    }
  }
  const stack: string[] = [];
  for (let at: number | undefined = longestEnd >= 0 ? profile.samples[longestEnd] : undefined; at !== undefined && stack.length < 8; at = parent.get(at)) {
    const frame = byId.get(at)!.callFrame;
    stack.push(`${frame.functionName || '(anonymous)'} ${frame.url.split('/').slice(-1)[0]}:${frame.lineNumber + 1}`);
  }
  return { totalMs: total, longestBlockMs: longest, longestBlockStack: stack, samples: profile.samples.length };
}
