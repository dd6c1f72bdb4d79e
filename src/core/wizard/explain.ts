// The engine's words: the rules' codes and numbers (placementRules.ts) as whole translated sentences: the headline,
// each option's verdict and why, the message when nothing fits, techniques and trade-offs. Nothing here decides
// anything; change a rule in placementRules.ts and its wording here.

import * as l10n from '@vscode/l10n';
import { andList, arithmetic, costArithmetic, ms } from './explainCommon';
import {
  assess,
  externalStore,
  factsOf,
  type Assessment,
  type Decision,
  type ExternalStore,
  type Facts,
  type Placement,
  type Problem,
  type TechniqueCode,
  type TradeOffCode,
} from './placementRules';
import type { Inputs } from './inputs';

function costText(a: Pick<Assessment, 'cost'>, f: Facts): string {
  return costArithmetic(a.cost, f.n, f.latency.redis.label);
}

export function problemText(problem: Problem, f: Facts): string {
  const { inputs } = f;
  switch (problem.code) {
    case 'client-cannot-carry':
      return l10n.t('clientCanCarry=no: the state is too large or too sensitive to travel with each request');
    case 'client-copy-unshared':
      return l10n.t('shared=yes: a client-carried copy is seen only by requests that carry it; other clients and concurrent requests holding an older token never see the write, and the server cannot revoke it before it expires');
    case 'per-instance-copy-stale':
      if (inputs.runtime === 'server') {
        return l10n.t({ message: "shared=yes with {0} instances: each instance's cache is its own copy, and a write on one reaches the others only after an invalidation (pub/sub) or a TTL, so they read stale data in between", args: [inputs.instances], comment: ['{0} is the number of instances, more than one'] });
      }
      return inputs.instances === 1
        ? l10n.t("shared=yes on serverless (peak 1 instance, started and recycled by the platform): each instance's cache is its own copy, and a write on one reaches the others only after an invalidation (pub/sub) or a TTL, so they read stale data in between")
        : l10n.t({ message: "shared=yes on serverless (peak {0} instances, started and recycled by the platform): each instance's cache is its own copy, and a write on one reaches the others only after an invalidation (pub/sub) or a TTL, so they read stale data in between", args: [inputs.instances], comment: ['{0} is the peak number of instances, more than one'] });
    case 'serverless-cannot-route':
      return l10n.t('runtime=serverless: the platform cannot route requests by key and freezes and recycles instances, so memory cannot hold authoritative state');
    case 'memory-lost-on-crash':
      return l10n.t('loss=none: authoritative in-memory state is lost on a crash or deploy, and this state must survive restarts');
  }
}

function fitsText(a: Assessment, f: Facts, store: ExternalStore): string {
  const arith = costText(a, f);
  const budget = ms(f.budget);
  switch (a.placement) {
    case 'stateless':
      return l10n.t('a signed token verified on each request: {0}, within the {1} ms budget', arith, budget);
    case 'externalized': {
      const db = f.latency.database;
      if (store === 'database') {
        return l10n.t('a durable database is the source of truth: {0}, within the {1} ms budget (Redis, up to {2} ms, fits too)', arithmetic(db, f.n), budget, ms(a.cost.totalMs.high));
      }
      return db.fits
        ? l10n.t('Redis is the source of truth: {0}, within the {1} ms budget; a database (up to {2} ms) fits too', arith, budget, ms(db.totalMs.high))
        : l10n.t('Redis is the source of truth: {0}, within the {1} ms budget; a database (up to {2} ms) would not', arith, budget, ms(db.totalMs.high));
    }
    case 'in-process-cache':
      return a.cost.storeRoundTripMs === undefined
        ? l10n.t('reads hit memory ({0}, within the {1} ms budget) while the external store stays the source of truth', arith, budget)
        : l10n.t('reads hit memory in front of an external store that holds the truth, and a miss or a write pays one round trip to it ({0}, within the {1} ms budget)', arith, budget);
    case 'stateful-sticky':
      return f.inputs.instances > 1
        ? l10n.t('memory is the source of truth ({0}, within the {1} ms budget); requests are routed by key to the owning instance among {2}', arith, budget, f.inputs.instances)
        : l10n.t('memory is the source of truth ({0}, within the {1} ms budget); with one instance every request already reaches it', arith, budget);
  }
}

/** "fits, but <chosen> is preferred (<why>): <how a fits>", one whole message per preferred placement. */
function fitsButPreferredText(chosen: Placement, how: string): string {
  switch (chosen) {
    case 'stateless':
      return l10n.t({ message: 'fits, but {0} is preferred (nothing to store, replicate or route server-side): {1}', args: [chosen, how], comment: ['{0} is a placement id, kept as it is; {1} says how this option would meet the answers'] });
    case 'externalized':
      return l10n.t({ message: 'fits, but {0} is preferred (the budget allows a network hop, so no per-instance copy has to be kept in sync (the seed instinct: only pull state into the process when latency demands it)): {1}', args: [chosen, how], comment: ['{0} is a placement id, kept as it is; {1} says how this option would meet the answers'] });
    case 'in-process-cache':
      return l10n.t({ message: 'fits, but {0} is preferred (same memory speed, while the external store stays the source of truth so a crash loses nothing): {1}', args: [chosen, how], comment: ['{0} is a placement id, kept as it is; {1} says how this option would meet the answers'] });
    case 'stateful-sticky':
      return l10n.t({ message: 'fits, but {0} is preferred (it is the only placement left): {1}', args: [chosen, how], comment: ['{0} is a placement id, kept as it is; {1} says how this option would meet the answers'] });
  }
}

/** Why an in-process cache that fronts a store is over the budget: it is the store round trip, not memory. */
function overBudgetText(a: Assessment, f: Facts): string {
  const over = l10n.t({ message: '{0}, over the {1} ms budget', args: [costText(a, f), ms(f.budget)], comment: ['{0} is the latency arithmetic of one tier, e.g. "Redis 1–5 ms × 2 = 2–10 ms"'] });
  if (a.cost.storeRoundTripMs === undefined || a.cost.line.totalMs.high > f.budget) return over;
  return f.inputs.loss === 'none'
    ? l10n.t({ message: 'loss=none: memory cannot be the source of truth, so a cache must front a durable store and every write goes through to it: {0}', args: [over], comment: ['{0} is the latency arithmetic with "over the budget"'] })
    : l10n.t({ message: 'loss=acceptable: nothing outside the process holds this state, so there is nothing to rebuild a cache from and a cache would have to front an external store whose misses and writes pay its round trip: {0}', args: [over], comment: ['{0} is the latency arithmetic with "over the budget"'] });
}

export function whyText(a: Assessment, decision: Decision): string {
  const f = decision.facts;
  const reasons = a.problems.map((p) => problemText(p, f));
  if (!a.cost.fits) reasons.push(overBudgetText(a, f));
  if (reasons.length > 0) {
    const list = reasons.join('; ');
    return !decision.feasible && a.placement === decision.chosen.placement
      ? l10n.t({ message: 'does not fit (closest option): {0}', args: [list], comment: ['{0} is one or more reasons, separated by semicolons'] })
      : l10n.t({ message: 'does not fit: {0}', args: [list], comment: ['{0} is one or more reasons, separated by semicolons'] });
  }
  const how = fitsText(a, f, decision.store);
  if (a.placement === decision.chosen.placement) return l10n.t({ message: 'fits (chosen): {0}', args: [how], comment: ['{0} says how the chosen option meets the answers'] });
  return fitsButPreferredText(decision.chosen.placement, how);
}

/**
 * Why a placement fits the answers (the alternative's `why` without its "fits (chosen): " lead-in), for the decision
 * record's outcome sentence. `inputs` must be valid.
 */
export function chosenFitText(inputs: Inputs, placement: Placement): string {
  const f = factsOf(inputs);
  return fitsText(assess(placement, f), f, externalStore(f));
}

export function headlineOf(decision: Decision): string {
  const { facts: f, chosen, store } = decision;
  const budget = ms(f.budget);
  const arith = costArithmetic(decision.serving, f.n, f.latency.redis.label);
  switch (chosen.placement) {
    case 'stateless':
      return l10n.t('Stateless: carry the state with each request as a signed token ({0}), within the {1} ms budget.', arith, budget);
    case 'externalized':
      if (store === 'database') return l10n.t('Externalized: keep the state in a database as the source of truth ({0}), within the {1} ms budget.', arith, budget);
      return f.inputs.loss === 'none'
        ? l10n.t('Externalized: keep the state in Redis with persistence (AOF) and a replica as the source of truth ({0}), within the {1} ms budget.', arith, budget)
        : l10n.t('Externalized: keep the state in Redis as the source of truth ({0}), within the {1} ms budget.', arith, budget);
    case 'in-process-cache':
      return chosen.cost.storeRoundTripMs === undefined
        ? l10n.t("In-process cache: serve reads from each instance's memory ({0}) in front of an authoritative external store, within the {1} ms budget.", arith, budget)
        : l10n.t("In-process cache: serve reads from each instance's memory in front of the external store that holds the truth, a miss or a write paying one round trip to it ({0}), within the {1} ms budget.", arith, budget);
    case 'stateful-sticky':
      return f.inputs.instances > 1
        ? l10n.t('Stateful with key routing: keep authoritative state in memory ({0}) and route every request for a key to its owner instance, within the {1} ms budget.', arith, budget)
        : l10n.t('Stateful: keep authoritative state in the one instance\'s memory ({0}), within the {1} ms budget; a second instance will need every request for a key routed to its owner.', arith, budget);
  }
}

export function infeasibleMessage(decision: Decision): string {
  const { facts: f, chosen: closest, assessments } = decision;
  const inProcess = f.latency['in-process'];
  const budget = ms(f.budget);
  const parts: string[] = [];
  if (!inProcess.fits) {
    parts.push(
      f.n === 1
        ? l10n.t('Even in-process memory costs up to {0} ms for 1 access, over the {1} ms budget: no placement can meet it.', ms(inProcess.totalMs.high), budget)
        : l10n.t('Even in-process memory costs up to {0} ms for {1} accesses, over the {2} ms budget: no placement can meet it.', ms(inProcess.totalMs.high), f.n, budget),
    );
  } else {
    const ruledOut = assessments
      .filter((a) => a.problems.length > 0)
      .map((a) =>
        l10n.t({ message: '{0} is ruled out by {1}', args: [a.placement, andList(a.problems.map((p) => `${p.input}=${f.inputs[p.input]}`))], comment: ['{0} is a placement id; {1} lists answers as input=value, kept as they are'] }),
      );
    const tooSlow = assessments
      .filter((a) => a.problems.length === 0)
      .map((a) => l10n.t({ message: '{0} needs up to {1} ms', args: [a.placement, ms(a.cost.totalMs.high)], comment: ['{0} is a placement id'] }));
    parts.push(
      l10n.t({ message: 'No placement that meets the answers fits the {0} ms budget: {1}.', args: [budget, [...tooSlow, ...ruledOut].join('; ')], comment: ['{1} is a list of reasons, one per placement, separated by semicolons'] }),
    );
  }
  const arith = costText(closest, f);
  parts.push(
    f.n > 1 && closest.placement === 'externalized'
      ? l10n.t({ message: 'Closest: {0} ({1}); it fits with a budget of at least {2} ms, or {3} ms if the {4} accesses are batched into one round trip.', args: [closest.placement, arith, ms(closest.cost.totalMs.high), ms(closest.cost.line.perAccessMs.high), f.n], comment: ['{0} is a placement id; {1} its latency arithmetic'] })
      : l10n.t({ message: 'Closest: {0} ({1}); it fits with a budget of at least {2} ms.', args: [closest.placement, arith, ms(closest.cost.totalMs.high)], comment: ['{0} is a placement id; {1} its latency arithmetic'] }),
  );
  for (const a of assessments) {
    if (a.problems.length > 0 && a.cost.fits) {
      parts.push(
        l10n.t({ message: 'With {0}, {1} (up to {2} ms) would fit.', args: [andList(a.problems.map((p) => p.relax)), a.placement, ms(a.cost.totalMs.high)], comment: ['{0} lists changed answers as input=value, kept as they are; {1} is a placement id'] }),
      );
    }
  }
  return parts.join(' ');
}

export function techniqueText(code: TechniqueCode, f: Facts): string {
  switch (code) {
    case 'signed-token':
      return l10n.t('Signed tokens: put the state in an HMAC-signed cookie or a JWT (RFC 7519), encrypted if it is confidential, and verify it on every request.');
    case 'token-expiry':
      return l10n.t('TTLs: give every token a short expiry and re-issue it on use, because a token cannot be recalled before it expires.');
    case 'token-size':
      return l10n.t('Keep it under 4 KB (the browser cookie limit) and rotate signing keys with a key id in the token.');
    case 'client-holds-only-copy':
      return l10n.t('The client holds the only copy: if losing it (cleared cookies, another device) is not acceptable, answer clientCanCarry=no.');
    case 'store-database':
      return l10n.t('A database as the source of truth: durable by default; Redis with persistence would also fit the budget.');
    case 'store-redis-durable':
      return l10n.t('Redis as the source of truth with persistence (AOF, appendfsync chosen for how much may be lost) and a replica; a database would not fit the budget.');
    case 'store-redis':
      return l10n.t('Redis as the source of truth: in-memory speed over one network hop.');
    case 'expiry-column':
      return l10n.t('TTLs: an expires_at column and a periodic sweep, so abandoned state does not pile up.');
    case 'expiry-keys':
      return l10n.t('TTLs on every key (EXPIRE) so abandoned state (sessions, counters) expires on its own.');
    case 'atomic-writes':
      return l10n.t('Atomic operations in the store (INCR, Lua scripts, transactions, conditional writes) so writers on different instances do not overwrite each other.');
    case 'store-failover':
      return l10n.t('Replication and failover for the store (Redis Sentinel or Cluster, a managed database): it is the single point of failure now.');
    case 'serverless-connections':
      return l10n.t('Create the store client outside the handler so warm invocations reuse the connection, or use a connection proxy: serverless fan-out exhausts database connections.');
    case 'connection-pooling':
      return l10n.t('Connection pooling, so each access pays a round trip and not a connection setup.');
    case 'batch-accesses':
      return l10n.t({ message: 'Batch the {0} accesses into one round trip where the data allows (MGET, pipelining, one query): that turns {0} × the per-access cost into about one.', args: [f.n], comment: ['{0} is the number of accesses per request, more than one'] });
    case 'cache-authoritative-source':
      return l10n.t('Cache-aside or refresh-ahead in front of the authoritative store, which stays the source of truth.');
    case 'cache-fronts-store':
      return l10n.t('Cache-aside in front of an external store that is the source of truth: fill the cache on a miss and write to the store, and count that one round trip against the budget.');
    case 'cache-ttl':
      return l10n.t('TTLs on cached entries to bound how stale a copy can get.');
    case 'invalidation-fan-out':
      return l10n.t('Pub/sub fan-out of invalidations (e.g. Redis pub/sub) so other instances drop a stale copy soon after a write; the TTL is the backstop.');
    case 'write-through':
      return l10n.t("Write-through: every write goes to the durable store before it is acknowledged, so a crash loses nothing; count those writes' store round trips against the budget.");
    case 'warm-cache':
      return l10n.t('Warm the cache from the authoritative source at startup, or fill it on a miss.');
    case 'module-scope-cache':
      return l10n.t('Keep the cache in module scope, outside the handler: it survives warm invocations only, so every cold start misses.');
    case 'bounded-cache':
      return l10n.t('Bound the cache (LRU, maximum entries) so memory per instance stays predictable.');
    case 'consistent-hashing':
      return l10n.t("Consistent hashing on the state's key (user, room, counter) so each key has one owner and adding or removing an instance moves only about 1/N of the keys.");
    case 'load-balancer-affinity':
      return l10n.t("Sticky sessions at the load balancer when the key is the client's session (cookie-based affinity).");
    case 'rebuild-owner-keys':
      return l10n.t("Rebuild an owner's keys from the authoritative source after a crash or when keys move to a new owner.");
    case 'accept-owner-loss':
      return l10n.t("Accept that a crash or deploy drops the owner's keys; clients reconnect and start fresh.");
    case 'owner-fan-out':
      return l10n.t('Pub/sub fan-out between owners when one write must reach clients connected to other instances (chat rooms, game lobbies).');
    case 'graceful-handoff':
      return l10n.t('Graceful shutdown: drain connections and hand keys off before an instance stops, so deploys do not drop state.');
    case 'hot-keys':
      return l10n.t('Watch for hot keys: one owner serves all traffic for its key.');
  }
}

export function tradeOffText(code: TradeOffCode, decision: Decision): string {
  const low = ms(decision.serving.totalMs.low);
  const high = ms(decision.serving.totalMs.high);
  switch (code) {
    case 'scaling-trivial':
      return l10n.t('Scaling is trivial: add instances (seed table, Fully stateless).');
    case 'recovery-trivial':
      return l10n.t('Failure recovery is trivial: any instance serves any request.');
    case 'no-store':
      return l10n.t('There is no store to run, replicate or pay for.');
    case 'token-cost':
      return l10n.t('Every request pays the state access cost: verifying the token, {0}–{1} ms per request, plus carrying its bytes.', low, high);
    case 'token-not-revocable':
      return l10n.t('A token cannot be updated or revoked for other requests before it expires.');
    case 'scaling-near-trivial':
      return l10n.t('Scaling is near-trivial: instances stay disposable while the store scales (seed table, Externalised).');
    case 'restarts-ok':
      return l10n.t('Service restarts are OK: nothing lives in the process.');
    case 'store-single-point':
      return l10n.t('The store becomes a single point of failure: replicate it and plan for its outages.');
    case 'network-hop':
      return l10n.t('Every access pays a network hop: {0}–{1} ms per request.', low, high);
    case 'memory-speed-reads':
      return l10n.t("Reads cost memory speed, {0}–{1} ms per request (the Stateful row's lowest latency).", ms(decision.serving.line.totalMs.low), ms(decision.serving.line.totalMs.high));
    case 'store-stays-truth':
      return l10n.t('Service restarts are OK: the external store stays the source of truth (seed table, Externalised).');
    case 'store-single-point-for-misses':
      return l10n.t('The store is still a single point of failure for misses and writes.');
    case 'stale-copies':
      return l10n.t('Each instance holds its own copy, stale until an invalidation or TTL reaches it.');
    case 'stale-copy':
      return l10n.t('The cached copy is stale until an invalidation or TTL refreshes it.');
    case 'cache-memory-grows':
      return l10n.t('Memory per instance grows with the cached set.');
    case 'lowest-latency':
      return l10n.t('Lowest latency: authoritative state in memory, {0}–{1} ms per request (seed table, Stateful).', low, high);
    case 'requires-routing':
      return l10n.t('Requires sticky routing: consistent hashing or affinity, and rebalancing when instances come and go.');
    case 'routing-on-scale-out':
      return l10n.t('One instance needs no routing, but a second one does: consistent hashing or affinity by key before scaling out.');
    case 'lost-on-crash-rebuilt':
      return l10n.t('State lost on crash: the owner rebuilds it from the authoritative source.');
    case 'lost-on-crash-accepted':
      return l10n.t('State lost on crash: accepted, because loss=acceptable.');
    case 'hot-key-load':
      return l10n.t('Hot keys load one instance.');
  }
}
