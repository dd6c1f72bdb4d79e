// The state-placement rules: answers in, a decision of codes and numbers out (which placement, what each one costs,
// which hard constraints it breaks, which techniques and trade-offs come with it). No prose lives here: the words
// are explain.ts's, so every rule can be tested apart from its wording. The rules are explained in
// content/state-placement-guide.md ("The rules"); keep the two in step.

import { PLACEMENT_TIERS, latencyFigures, type LatencyFigure, type MsRange, type PlacementTierId } from './latencyFigures';
import type { InputId, Inputs } from './inputs';

/** Where the state lives. */
export type Placement = 'stateless' | 'externalized' | 'in-process-cache' | 'stateful-sticky';

/**
 * The engine's preference, best first: the seed note's instinct ("Default to stateless with externalised state. Only
 * pull state into the process when latency requirements demand it … never as the source of truth").
 */
export const PLACEMENTS: readonly Placement[] = ['stateless', 'externalized', 'in-process-cache', 'stateful-sticky'];

/** How far a placement pulls state into the process: raising the budget alone never increases it. */
export const PLACEMENT_RANK: Readonly<Record<Placement, number>> = {
  stateless: 0,
  externalized: 0,
  'in-process-cache': 1,
  'stateful-sticky': 2,
};

/** The tier whose per-access cost a placement pays on the request path. */
export const PLACEMENT_TIER: Readonly<Record<Placement, PlacementTierId>> = {
  stateless: 'client-carried',
  externalized: 'redis',
  'in-process-cache': 'in-process',
  'stateful-sticky': 'in-process',
};

export interface LatencyLine {
  readonly tier: PlacementTierId;
  readonly label: string;
  readonly perAccessMs: MsRange;
  /** perAccessMs × accessesPerRequest. */
  readonly totalMs: MsRange;
  readonly budgetMs: number;
  /** The HIGH total is within the budget: the budget is a p99, so the slow end is the one that counts. */
  readonly fits: boolean;
}

/** The seed table's rows (statelessness-and-state-management, "Mechanism"), in its order. */
export type SeedRowId = 'fully-stateless' | 'stateful' | 'externalised';

export const SEED_ROW_IDS: readonly SeedRowId[] = ['fully-stateless', 'stateful', 'externalised'];

/**
 * The row a placement accepts. in-process-cache takes the Externalised row because the rules allow it only with a
 * source of truth outside the process (see {@link CacheSource}); memory as the truth is always the Stateful row.
 */
export const SEED_ROW: Readonly<Record<Placement, SeedRowId>> = {
  stateless: 'fully-stateless',
  externalized: 'externalised',
  'in-process-cache': 'externalised',
  'stateful-sticky': 'stateful',
};

export type ExternalStore = 'redis' | 'database';

/**
 * What an in-process cache is a copy of. `authoritative-source`: loss=rebuildable, the truth lives elsewhere (a flag
 * service, reconnecting clients) and the cache is filled off the request path, so requests pay memory reads only.
 * `fronted-store`: loss=none or acceptable, nothing outside stands behind memory, so the cache must front an external
 * store that is the source of truth, and a request that misses or writes pays one store round trip.
 */
export type CacheSource = 'authoritative-source' | 'fronted-store';

/** Everything derived from the inputs once, so the rule functions read like the rules. */
export interface Facts {
  readonly inputs: Inputs;
  readonly n: number;
  readonly budget: number;
  /** More than one copy of the process can exist: several instances, or any serverless deployment. */
  readonly multi: boolean;
  readonly latency: Readonly<Record<PlacementTierId, LatencyLine>>;
}

/** Floating-point products such as 0.0001 × 3 come out as 0.00030000000000000003; reports and comparisons use this. */
export function clean(x: number): number {
  return Number(x.toPrecision(12));
}

function latencyLine(tier: PlacementTierId, figure: LatencyFigure, n: number, budget: number): LatencyLine {
  const totalMs = { low: clean(figure.perAccessMs.low * n), high: clean(figure.perAccessMs.high * n) };
  return { tier, label: figure.label, perAccessMs: figure.perAccessMs, totalMs, budgetMs: budget, fits: totalMs.high <= budget };
}

export function factsOf(inputs: Inputs): Facts {
  const n = inputs.accessesPerRequest;
  const budget = inputs.latencyBudgetMs;
  // The figures are built (and translated) once per recommendation, not once per tier.
  const figures = latencyFigures();
  const latency = Object.fromEntries(PLACEMENT_TIERS.map((tier) => [tier, latencyLine(tier, figures[tier], n, budget)])) as Record<
    PlacementTierId,
    LatencyLine
  >;
  return { inputs, n, budget, multi: inputs.instances > 1 || inputs.runtime === 'serverless', latency };
}

/** A hard constraint a placement breaks (independent of the budget). Worded by explain.ts. */
export type ProblemCode =
  /** stateless: clientCanCarry=no. */
  | 'client-cannot-carry'
  /** stateless: shared=yes; a client-carried copy is seen only by the requests that carry it. */
  | 'client-copy-unshared'
  /** in-process-cache: shared=yes with more than one copy of the process. */
  | 'per-instance-copy-stale'
  /** stateful-sticky: runtime=serverless cannot route by key nor keep memory. */
  | 'serverless-cannot-route'
  /** stateful-sticky: loss=none, and memory dies with the process. */
  | 'memory-lost-on-crash';

export interface Problem {
  readonly code: ProblemCode;
  readonly input: InputId;
  /** The changed answer that removes this problem, as `input=value` (never translated). */
  readonly relax: string;
}

/** What one request pays at p99 for a placement. */
export interface Cost {
  /** The placement's tier: per access × accesses. */
  readonly line: LatencyLine;
  /** in-process-cache fronting a store only: the one store round trip (Redis, per access) a miss or a write pays. */
  readonly storeRoundTripMs?: MsRange;
  /** line.totalMs plus the store round trip, if any. */
  readonly totalMs: MsRange;
  /** The high total is within the budget. */
  readonly fits: boolean;
}

export interface Assessment {
  readonly placement: Placement;
  readonly problems: readonly Problem[];
  readonly cost: Cost;
  /** No problem and the cost fits. */
  readonly fits: boolean;
}

/** The rules that do not depend on the budget. Kept separate so raising the budget can only add options. */
export function constraintProblems(p: Placement, f: Facts): Problem[] {
  const { inputs } = f;
  const problems: Problem[] = [];
  switch (p) {
    case 'stateless':
      if (inputs.clientCanCarry === 'no') problems.push({ code: 'client-cannot-carry', input: 'clientCanCarry', relax: 'clientCanCarry=yes' });
      if (inputs.shared === 'yes') problems.push({ code: 'client-copy-unshared', input: 'shared', relax: 'shared=no' });
      break;
    case 'externalized':
      break;
    case 'in-process-cache':
      if (inputs.shared === 'yes' && f.multi) problems.push({ code: 'per-instance-copy-stale', input: 'shared', relax: 'shared=no' });
      break;
    case 'stateful-sticky':
      if (inputs.runtime === 'serverless') problems.push({ code: 'serverless-cannot-route', input: 'runtime', relax: 'runtime=server' });
      if (inputs.loss === 'none') problems.push({ code: 'memory-lost-on-crash', input: 'loss', relax: 'loss=rebuildable' });
      break;
  }
  return problems;
}

/** What an in-process cache would be a copy of, given how much loss the answers accept. */
export function cacheSourceOf(inputs: Inputs): CacheSource {
  return inputs.loss === 'rebuildable' ? 'authoritative-source' : 'fronted-store';
}

function costOf(p: Placement, f: Facts): Cost {
  const line = f.latency[PLACEMENT_TIER[p]];
  if (p !== 'in-process-cache' || cacheSourceOf(f.inputs) === 'authoritative-source') {
    return { line, totalMs: line.totalMs, fits: line.fits };
  }
  // The cache fronts the store that holds the truth: at p99 a request misses or writes, and pays one round trip to
  // it (misses batched into one read, or one write-through write) on top of its memory reads.
  const store = f.latency.redis.perAccessMs;
  const totalMs = { low: clean(line.totalMs.low + store.low), high: clean(line.totalMs.high + store.high) };
  return { line, storeRoundTripMs: store, totalMs, fits: totalMs.high <= f.budget };
}

export function assess(p: Placement, f: Facts): Assessment {
  const problems = constraintProblems(p, f);
  const cost = costOf(p, f);
  return { placement: p, problems, cost, fits: problems.length === 0 && cost.fits };
}

/**
 * Nothing fits: name the option that meets every answer except the budget and comes nearest to it (lowest high
 * total; ties go to the preferred one, so in-process-cache beats stateful-sticky). externalized never breaks a
 * constraint, so there always is one.
 */
export function closestOption(assessments: readonly Assessment[]): Assessment {
  const candidates = assessments.filter((a) => a.problems.length === 0);
  return candidates.reduce((best, a) => (a.cost.totalMs.high < best.cost.totalMs.high ? a : best));
}

export function externalStore(f: Facts): ExternalStore {
  return f.inputs.loss === 'none' && f.latency.database.fits ? 'database' : 'redis';
}

/** A technique that comes with a placement, worded by explain.ts. */
export type TechniqueCode =
  | 'signed-token'
  | 'token-expiry'
  | 'token-size'
  | 'client-holds-only-copy'
  | 'store-database'
  | 'store-redis-durable'
  | 'store-redis'
  | 'expiry-column'
  | 'expiry-keys'
  | 'atomic-writes'
  | 'store-failover'
  | 'serverless-connections'
  | 'connection-pooling'
  | 'batch-accesses'
  | 'cache-authoritative-source'
  | 'cache-fronts-store'
  | 'cache-ttl'
  | 'invalidation-fan-out'
  | 'write-through'
  | 'warm-cache'
  | 'module-scope-cache'
  | 'bounded-cache'
  | 'consistent-hashing'
  | 'load-balancer-affinity'
  | 'rebuild-owner-keys'
  | 'accept-owner-loss'
  | 'owner-fan-out'
  | 'graceful-handoff'
  | 'hot-keys';

export function techniquesOf(p: Placement, f: Facts, store: ExternalStore): TechniqueCode[] {
  const { inputs, n } = f;
  const out: TechniqueCode[] = [];
  switch (p) {
    case 'stateless':
      out.push('signed-token', 'token-expiry', 'token-size');
      if (inputs.loss === 'none') out.push('client-holds-only-copy');
      break;
    case 'externalized':
      out.push(store === 'database' ? 'store-database' : inputs.loss === 'none' ? 'store-redis-durable' : 'store-redis');
      out.push(store === 'database' ? 'expiry-column' : 'expiry-keys');
      if (inputs.shared === 'yes') out.push('atomic-writes');
      out.push('store-failover', inputs.runtime === 'serverless' ? 'serverless-connections' : 'connection-pooling');
      if (n > 1) out.push('batch-accesses');
      break;
    case 'in-process-cache':
      out.push(cacheSourceOf(inputs) === 'authoritative-source' ? 'cache-authoritative-source' : 'cache-fronts-store', 'cache-ttl');
      // Other instances cache the same keys from the same store, so a write must reach their copies.
      if (f.multi) out.push('invalidation-fan-out');
      if (inputs.loss === 'none') out.push('write-through');
      else if (inputs.loss === 'rebuildable') out.push('warm-cache');
      if (inputs.runtime === 'serverless') out.push('module-scope-cache');
      out.push('bounded-cache');
      break;
    case 'stateful-sticky':
      if (inputs.instances > 1) out.push('consistent-hashing', 'load-balancer-affinity');
      out.push(inputs.loss === 'rebuildable' ? 'rebuild-owner-keys' : 'accept-owner-loss');
      // Only state other instances must see needs fan-out; a key's owner is otherwise its only reader.
      if (inputs.shared === 'yes' && inputs.instances > 1) out.push('owner-fan-out');
      if (inputs.instances > 1) out.push('graceful-handoff', 'hot-keys');
      break;
  }
  return out;
}

/** A consequence accepted with a placement, worded by explain.ts (which adds the serving cost where it is named). */
export type TradeOffCode =
  | 'scaling-trivial'
  | 'recovery-trivial'
  | 'no-store'
  | 'token-cost'
  | 'token-not-revocable'
  | 'scaling-near-trivial'
  | 'restarts-ok'
  | 'store-single-point'
  | 'network-hop'
  | 'memory-speed-reads'
  | 'store-stays-truth'
  | 'store-single-point-for-misses'
  | 'stale-copies'
  | 'stale-copy'
  | 'cache-memory-grows'
  | 'lowest-latency'
  | 'requires-routing'
  | 'routing-on-scale-out'
  | 'lost-on-crash-rebuilt'
  | 'lost-on-crash-accepted'
  | 'hot-key-load';

export function tradeOffsOf(p: Placement, f: Facts): { good: TradeOffCode[]; bad: TradeOffCode[] } {
  switch (p) {
    case 'stateless':
      return { good: ['scaling-trivial', 'recovery-trivial', 'no-store'], bad: ['token-cost', 'token-not-revocable'] };
    case 'externalized':
      return { good: ['scaling-near-trivial', 'restarts-ok'], bad: ['store-single-point', 'network-hop'] };
    case 'in-process-cache':
      return {
        good: ['memory-speed-reads', 'store-stays-truth'],
        bad: ['store-single-point-for-misses', f.multi ? 'stale-copies' : 'stale-copy', 'cache-memory-grows'],
      };
    case 'stateful-sticky':
      return {
        good: ['lowest-latency'],
        bad: [
          f.inputs.instances > 1 ? 'requires-routing' : 'routing-on-scale-out',
          f.inputs.loss === 'rebuildable' ? 'lost-on-crash-rebuilt' : 'lost-on-crash-accepted',
          ...(f.inputs.instances > 1 ? (['hot-key-load'] as const) : []),
        ],
      };
  }
}

export function notesOf(p: Placement, f: Facts): string[] {
  const notes = ['state-placement-guide', 'statelessness-and-state-management', 'latency-numbers'];
  const specific: Record<Placement, string[]> = {
    stateless: ['session-storage'],
    externalized: ['session-storage', 'replication', 'connection-pooling'],
    'in-process-cache': ['caching-patterns', 'cache-invalidation'],
    'stateful-sticky': ['sticky-sessions', 'consistent-hashing', 'stateful-connections', 'graceful-shutdown'],
  };
  notes.push(...specific[p]);
  if (f.inputs.runtime === 'serverless') notes.push('serverless-state');
  return notes;
}

/** The rules' whole answer: codes and numbers only. */
export interface Decision {
  readonly facts: Facts;
  /** All four placements, in preference order. */
  readonly assessments: readonly Assessment[];
  /** The first that fits, or the closest option when none does. */
  readonly chosen: Assessment;
  readonly feasible: boolean;
  /** The store an externalized answer uses (computed for every answer; reported for externalized only). */
  readonly store: ExternalStore;
  /** What a request pays for the chosen placement: for an externalized database, the database line. */
  readonly serving: Cost;
  readonly seedRow: SeedRowId;
  readonly techniques: readonly TechniqueCode[];
  readonly tradeOffs: { readonly good: readonly TradeOffCode[]; readonly bad: readonly TradeOffCode[] };
  readonly notes: readonly string[];
}

/**
 * The rules, in order:
 * 1. Hard constraints (independent of the budget): stateless needs clientCanCarry=yes and shared=no;
 *    in-process-cache cannot meet shared=yes when more than one copy of the process exists (instances > 1 or
 *    serverless); stateful-sticky needs runtime=server and loss other than none; externalized meets every answer.
 * 2. Source of truth: an in-process cache is a copy of something. With loss=rebuildable it is refilled from the
 *    authoritative source off the request path; otherwise it fronts an external store, and the store round trip a
 *    miss or a write pays counts against the budget. So with loss=acceptable and a budget under a store round trip,
 *    memory is the source of truth: stateful-sticky (routed by key), never an "in-process cache".
 * 3. Budget: a placement fits when its high total (per-access cost × accesses, plus any store round trip) is within
 *    the budget.
 * 4. The first placement in {@link PLACEMENTS} that fits wins. When none fits, `feasible` is false and the placement
 *    is the closest option: the one meeting every answer but the budget with the lowest high total.
 * `inputs` must already be valid (see validateInputs).
 */
export function decide(inputs: Inputs): Decision {
  const facts = factsOf(inputs);
  const assessments = PLACEMENTS.map((p) => assess(p, facts));
  const winner = assessments.find((a) => a.fits);
  const chosen = winner ?? closestOption(assessments);
  const store = externalStore(facts);
  const database = facts.latency.database;
  const serving: Cost =
    chosen.placement === 'externalized' && store === 'database' ? { line: database, totalMs: database.totalMs, fits: database.fits } : chosen.cost;
  return {
    facts,
    assessments,
    chosen,
    feasible: winner !== undefined,
    store,
    serving,
    seedRow: SEED_ROW[chosen.placement],
    techniques: techniquesOf(chosen.placement, facts, store),
    tradeOffs: tradeOffsOf(chosen.placement, facts),
    notes: notesOf(chosen.placement, facts),
  };
}
