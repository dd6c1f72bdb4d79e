// Routing requests over N instances, with and without session affinity, and what happens to sessions kept in
// process memory when an instance fails or a rolling deploy restarts every instance. Pure and seeded; the CLI
// (`statecraft simulate sticky`), the note viewer's routing panel and the unit tests share `simulateRouting`.
//
// Model (stated so the numbers can be checked):
//  - A session is pinned to a uniformly random instance when it starts (what a cookie- or hash-based balancer does).
//  - In-process cache: every request reads the session's data and updates it, so only the instance that served the
//    previous request holds a current copy. With affinity that is always the pinned instance (hit); without it, each
//    request goes to a uniformly random instance and hits only when it lands where the previous one did: 1/N. The
//    first request of each session is a cold miss either way and is left out of both rates.
//  - Without affinity, in-memory session state is found only on the instance that created it: (N-1)/N of requests
//    find no session.
//  - A failure takes down the first F instances: sessions pinned there are lost if kept in memory (about F/N of
//    them), none if externalized.
//  - A rolling deploy restarts instances one at a time, in order. Sessions in memory on the restarting instance are
//    lost; their users sign in again and are pinned to one of the other instances, where a later restart can lose
//    them again. Externalized sessions survive every restart.
import { pick, seededRandom } from './seededHash';

export const ROUTING_LIMITS = {
  instances: { min: 1, max: 1000 },
  sessions: { min: 1, max: 1_000_000 },
  /** Failed instances: 0 up to every instance. */
  fail: { min: 0, max: 1000 },
  requestsPerSession: { min: 2, max: 1000 },
} as const;

export interface RoutingInput {
  readonly instances: number;
  readonly sessions: number;
  /** Instances that fail (the first `fail` of them). */
  readonly fail: number;
  readonly requestsPerSession: number;
  readonly seed: number;
}

export interface RoutingResult {
  readonly instances: number;
  readonly sessions: number;
  readonly fail: number;
  readonly requestsPerSession: number;
  readonly seed: number;
  /** Warm-request hit rate of an in-process cache of session data (see the model above). */
  readonly hitRate: { readonly affinity: number; readonly noAffinity: number };
  /** Without affinity, the fraction of requests that find no in-memory session where they land. */
  readonly sessionMissWithoutAffinity: number;
  /** Sessions pinned to each instance at the start, in instance order. */
  readonly sessionsPerInstance: readonly number[];
  readonly failure: {
    readonly inMemoryLost: number;
    readonly inMemoryLostFraction: number;
    readonly externalizedLost: number;
  };
  readonly rollingDeploy: {
    /** Sessions lost at least once (in memory). */
    readonly inMemoryLost: number;
    readonly inMemoryLostFraction: number;
    /** Sign-outs in all, counting a session each time it is lost. */
    readonly inMemorySignOuts: number;
    readonly externalizedLost: number;
  };
  /** What the model predicts on a large number of sessions: F/N lost, 1/N hit rate without affinity. */
  readonly expected: { readonly failureLostFraction: number; readonly noAffinityHitRate: number };
}

/** Each session's pinned instance: the placement the routing panel draws and the failure counts come from. */
export function pinSessions(instances: number, sessions: number, seed: number): Uint32Array {
  const random = seededRandom(seed);
  const pinned = new Uint32Array(sessions);
  for (let s = 0; s < sessions; s++) pinned[s] = pick(random, instances);
  return pinned;
}

function hitRates(input: RoutingInput): RoutingResult['hitRate'] {
  const { instances, sessions, requestsPerSession, seed } = input;
  // A separate stream from the pinning, so changing the request count does not re-pin the sessions.
  const random = seededRandom(seed ^ 0x27d4eb2f);
  let warm = 0;
  let hits = 0;
  for (let s = 0; s < sessions; s++) {
    let previous = pick(random, instances);
    for (let r = 1; r < requestsPerSession; r++) {
      const next = pick(random, instances);
      warm++;
      if (next === previous) hits++;
      previous = next;
    }
  }
  // With affinity every warm request lands where the previous one did.
  return { affinity: warm === 0 ? 0 : 1, noAffinity: warm === 0 ? 0 : hits / warm };
}

/** Restarts instance 0, 1, … in turn; returns sessions lost at least once and sign-outs in all. */
function rollingDeploy(pinned: Uint32Array, instances: number, seed: number): { lost: number; signOuts: number } {
  const random = seededRandom(seed ^ 0x165667b1);
  const placement = Uint32Array.from(pinned);
  const lostOnce = new Uint8Array(placement.length);
  let signOuts = 0;
  if (instances === 1) {
    // One instance restarting loses everything, and there is nowhere else to sign in meanwhile.
    return { lost: placement.length, signOuts: placement.length };
  }
  for (let restarting = 0; restarting < instances; restarting++) {
    for (let s = 0; s < placement.length; s++) {
      if (placement[s] !== restarting) continue;
      signOuts++;
      lostOnce[s] = 1;
      // Re-pinned to one of the other N-1 instances (the restarting one is down).
      const other = pick(random, instances - 1);
      placement[s] = other >= restarting ? other + 1 : other;
    }
  }
  return { lost: lostOnce.reduce((sum, flag) => sum + flag, 0), signOuts };
}

/** Runs the model above. The caller checks the input against {@link ROUTING_LIMITS} (fail ≤ instances). */
export function simulateRouting(input: RoutingInput): RoutingResult {
  const { instances, sessions, fail, requestsPerSession, seed } = input;
  if (fail > instances) throw new RangeError(`fail (${fail}) cannot exceed instances (${instances})`);
  const pinned = pinSessions(instances, sessions, seed);
  const sessionsPerInstance = new Array<number>(instances).fill(0);
  for (const instance of pinned) sessionsPerInstance[instance]++;
  const failureLost = sessionsPerInstance.slice(0, fail).reduce((sum, count) => sum + count, 0);
  const hitRate = hitRates(input);
  const deploy = rollingDeploy(pinned, instances, seed);
  return {
    instances,
    sessions,
    fail,
    requestsPerSession,
    seed,
    hitRate,
    sessionMissWithoutAffinity: 1 - hitRate.noAffinity,
    sessionsPerInstance,
    failure: { inMemoryLost: failureLost, inMemoryLostFraction: failureLost / sessions, externalizedLost: 0 },
    rollingDeploy: { inMemoryLost: deploy.lost, inMemoryLostFraction: deploy.lost / sessions, inMemorySignOuts: deploy.signOuts, externalizedLost: 0 },
    expected: { failureLostFraction: fail / instances, noAffinityHitRate: 1 / instances },
  };
}
