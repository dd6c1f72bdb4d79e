// Small statistics helpers shared by the Node micro-benchmarks and the in-host bench: every figure is reported
// as a median with a spread, never as a single run.

/** Summary of repeated timings (or any samples). */
export interface Summary {
  readonly n: number;
  readonly median: number;
  readonly p25: number;
  readonly p75: number;
  readonly p95: number;
  readonly min: number;
  readonly max: number;
}

/** Linear-interpolated percentile (0..100) of already sorted samples. */
function percentileOfSorted(sorted: readonly number[], percent: number): number {
  if (sorted.length === 0) return Number.NaN;
  const at = ((sorted.length - 1) * percent) / 100;
  const low = Math.floor(at);
  const high = Math.ceil(at);
  return sorted[low] + (sorted[high] - sorted[low]) * (at - low);
}

export function percentile(samples: readonly number[], percent: number): number {
  return percentileOfSorted([...samples].sort((a, b) => a - b), percent);
}

export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    n: sorted.length,
    median: percentileOfSorted(sorted, 50),
    p25: percentileOfSorted(sorted, 25),
    p75: percentileOfSorted(sorted, 75),
    p95: percentileOfSorted(sorted, 95),
    min: sorted[0] ?? Number.NaN,
    max: sorted[sorted.length - 1] ?? Number.NaN,
  };
}

/** Milliseconds taken by `action` (high-resolution clock). */
export function timeMs(action: () => unknown): number {
  const start = performance.now();
  action();
  return performance.now() - start;
}

export async function timeMsAsync(action: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await action();
  return performance.now() - start;
}

/** Deterministic PRNG (the tests' mulberry32): the synthetic data must be the same in every run. */
export { prng as seededRandom } from '../test/unit/helpers/prng';

