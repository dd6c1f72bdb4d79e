// The note viewer's simulation panels, as the core sees them: the closed set of requests a panel may send (parsed
// like every other webview message: untrusted, validated, anything else dropped) and the results it draws. The
// webview only draws and announces what comes back; every number and sentence is computed here, by the same
// simulations the CLI prints.
import * as l10n from '@vscode/l10n';
import { ringDrawing, simulateRing, type RingChange, type RingDrawing } from './ringSimulation';
import { pinSessions, simulateRouting } from './routingSimulation';
import { PANEL_LIMITS } from './simKinds';
import { stateLatency } from './stateLatency';

export { PANEL_LIMITS };

/** How many keys / sessions the panels simulate and how many of them they draw. */
export const PANEL_SIZES = { keys: 20_000, drawnKeys: 240, sessions: 10_000, drawnSessions: 48, requestsPerSession: 20, accessesPerRequest: 3, latencyBudgetMs: 50, seed: 1 } as const;

export type SimRequest =
  | { readonly sim: 'ring'; readonly nodes: number; readonly vnodes: number; readonly change: 'add' | 'remove' | 'none' }
  | {
      readonly sim: 'routing';
      readonly instances: number;
      readonly fail: number;
      readonly deploy: boolean;
      readonly affinity: boolean;
      readonly store: 'memory' | 'external';
    };

function intIn(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

/** Accepts only the two request shapes, with every number inside {@link PANEL_LIMITS}; anything else is undefined. */
export function parseSimRequest(raw: unknown): SimRequest | undefined {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return undefined;
  const request = raw as Record<string, unknown>;
  if (request.sim === 'ring') {
    const { nodes, vnodes, change } = request;
    if (!intIn(nodes, PANEL_LIMITS.ringNodes.min, PANEL_LIMITS.ringNodes.max) || !intIn(vnodes, PANEL_LIMITS.vnodes.min, PANEL_LIMITS.vnodes.max)) return undefined;
    if (change !== 'add' && change !== 'remove' && change !== 'none') return undefined;
    // The change must leave a ring within the limits.
    if ((change === 'add' && nodes >= PANEL_LIMITS.ringNodes.max) || (change === 'remove' && nodes <= PANEL_LIMITS.ringNodes.min)) return undefined;
    return { sim: 'ring', nodes, vnodes, change };
  }
  if (request.sim === 'routing') {
    const { instances, fail, deploy, affinity, store } = request;
    if (!intIn(instances, PANEL_LIMITS.instances.min, PANEL_LIMITS.instances.max) || !intIn(fail, 0, instances - 1)) return undefined;
    if (typeof deploy !== 'boolean' || typeof affinity !== 'boolean' || (store !== 'memory' && store !== 'external')) return undefined;
    return { sim: 'routing', instances, fail, deploy, affinity, store };
  }
  return undefined;
}

export interface RingPanelResult {
  readonly sim: 'ring';
  /** Nodes after the change: the panel's next request starts from here. */
  readonly nodes: number;
  readonly drawing: RingDrawing;
  /** Short line under the ring, e.g. "moved: 9.1% (modulo: 90.9%)". */
  readonly headline: string;
  /** The text alternative: every number the picture shows, in a sentence. */
  readonly summary: string;
}

export interface RoutingPanelResult {
  readonly sim: 'routing';
  readonly instances: readonly ('up' | 'failed')[];
  /** The drawn sessions: where each is now (or was, when lost) and whether it was lost. */
  readonly sessions: readonly { readonly instance: number; readonly lost: boolean }[];
  readonly headline: string;
  readonly summary: string;
}

export type SimResult = RingPanelResult | RoutingPanelResult;

/** "9.1%": one decimal, as the panels and the CLI table print fractions. */
export function percent(fraction: number): string {
  return `${(fraction * 100).toFixed(1)}%`;
}

function ratio(value: number): string {
  return value.toFixed(2);
}

function runRing(request: Extract<SimRequest, { sim: 'ring' }>): RingPanelResult {
  const change: RingChange = request.change === 'none' ? { kind: 'none' } : { kind: request.change, count: 1 };
  const input = { nodes: request.nodes, vnodes: request.vnodes, keys: PANEL_SIZES.keys, seed: PANEL_SIZES.seed, change };
  const result = simulateRing(input);
  const moved = percent(result.ring.moved);
  const modulo = percent(result.modulo.moved);
  const busiest = ratio(result.ring.maxLoadRatio);
  const headline =
    request.change === 'none'
      ? l10n.t({ message: 'busiest node: {0}× the mean', args: [busiest], comment: ['{0} is a ratio such as 1.12'] })
      : l10n.t({ message: 'moved: {0} (modulo: {1})', args: [moved, modulo], comment: ['{0} and {1} are percentages of keys, e.g. 9.1%; modulo is the hashing scheme'] });
  let summary: string;
  switch (request.change) {
    case 'none':
      summary = l10n.t({
        message: '{0} nodes with {1} virtual nodes each hold {2} keys; the busiest node holds {3}× the mean. Add or remove a node to see how many keys move.',
        args: [result.nodesAfter, result.vnodes, result.keys, busiest],
        comment: ['{0} and {1} are whole numbers, {2} a number of keys, {3} a ratio such as 1.12'],
      });
      break;
    case 'add':
      summary = l10n.t({
        message: 'A node joined ({0} to {1} nodes, {2} virtual nodes each): {3} of {4} keys moved on the ring ({5}; theory {6}), against {7} under modulo hashing (theory {8}). The busiest node holds {9}× the mean.',
        args: [result.nodesBefore, result.nodesAfter, result.vnodes, moved, result.keys, result.ring.movedKeys, percent(result.expected.ring), modulo, percent(result.expected.modulo), busiest],
        comment: ['{0} {1} {2} are whole numbers; {3} {6} {7} {8} percentages; {4} the number of keys and {5} the number that moved; {9} a ratio such as 1.12'],
      });
      break;
    case 'remove':
      summary = l10n.t({
        message: 'A node left ({0} to {1} nodes, {2} virtual nodes each): {3} of {4} keys moved on the ring ({5}; theory {6}), against {7} under modulo hashing (theory {8}). The busiest node holds {9}× the mean.',
        args: [result.nodesBefore, result.nodesAfter, result.vnodes, moved, result.keys, result.ring.movedKeys, percent(result.expected.ring), modulo, percent(result.expected.modulo), busiest],
        comment: ['{0} {1} {2} are whole numbers; {3} {6} {7} {8} percentages; {4} the number of keys and {5} the number that moved; {9} a ratio such as 1.12'],
      });
      break;
  }
  return { sim: 'ring', nodes: result.nodesAfter, drawing: ringDrawing(input, PANEL_SIZES.drawnKeys), headline, summary };
}

function runRouting(request: Extract<SimRequest, { sim: 'routing' }>): RoutingPanelResult {
  const { instances, fail, deploy, affinity, store } = request;
  const result = simulateRouting({ instances, sessions: PANEL_SIZES.sessions, fail, requestsPerSession: PANEL_SIZES.requestsPerSession, seed: PANEL_SIZES.seed });
  const inMemory = store === 'memory';
  const pinned = pinSessions(instances, PANEL_SIZES.drawnSessions, PANEL_SIZES.seed);
  // Drawn sessions: lost when kept in memory on a failed instance, or on any instance during a deploy. Externalized
  // sessions on a failed instance are drawn on the next surviving one (their users are routed there).
  const sessions = Array.from(pinned, (instance, index) => {
    if (instance >= fail) return { instance, lost: inMemory && deploy };
    return inMemory ? { instance, lost: true } : { instance: fail + (index % (instances - fail)), lost: false };
  });
  const parts: string[] = [];
  const hit = affinity ? result.hitRate.affinity : result.hitRate.noAffinity;
  parts.push(
    affinity
      ? l10n.t({ message: '{0} instances, {1} sessions, with session affinity: an in-process cache hits {2} of warm requests (without affinity it would hit {3}, about 1 in {0}).', args: [instances, result.sessions, percent(hit), percent(result.hitRate.noAffinity)], comment: ['{0} {1} are whole numbers, {2} {3} percentages'] })
      : l10n.t({ message: '{0} instances, {1} sessions, no session affinity: an in-process cache hits {2} of warm requests, about 1 in {0} (with affinity it would hit {3}).', args: [instances, result.sessions, percent(hit), percent(result.hitRate.affinity)], comment: ['{0} {1} are whole numbers, {2} {3} percentages'] }),
  );
  if (inMemory && !affinity) {
    parts.push(l10n.t({ message: 'Sessions kept in memory without affinity break: {0} of requests land on an instance that does not hold their session.', args: [percent(result.sessionMissWithoutAffinity)], comment: ['{0} is a percentage'] }));
  }
  if (fail > 0) {
    parts.push(
      inMemory
        ? l10n.t({ message: '{0} of {1} instances failed: {2} sessions kept in memory ({3}) were lost.', args: [fail, instances, result.failure.inMemoryLost, percent(result.failure.inMemoryLostFraction)], comment: ['{0} {1} {2} are whole numbers, {3} a percentage'] })
        : l10n.t({ message: '{0} of {1} instances failed: no session was lost, because sessions live in the shared store; their users now reach the surviving instances.', args: [fail, instances], comment: ['{0} {1} are whole numbers'] }),
    );
  }
  if (deploy) {
    parts.push(
      inMemory
        ? l10n.t({ message: 'A rolling deploy restarted every instance: {0} sessions ({1}) were lost at least once, {2} sign-outs in all.', args: [result.rollingDeploy.inMemoryLost, percent(result.rollingDeploy.inMemoryLostFraction), result.rollingDeploy.inMemorySignOuts], comment: ['{0} {2} are whole numbers, {1} a percentage'] })
        : l10n.t('A rolling deploy restarted every instance: no session was lost.'),
    );
  }
  const latency = stateLatency(PANEL_SIZES.latencyBudgetMs, PANEL_SIZES.accessesPerRequest, instances);
  const redis = latency.redis;
  parts.push(
    l10n.t({
      message: 'The price of externalizing: {0} accesses per request cost {1}–{2} ms in Redis against {3}–{4} ms in process ({5} ms budget).',
      args: [PANEL_SIZES.accessesPerRequest, redis.totalMs.low, redis.totalMs.high, latency.inProcess.totalMs.low, latency.inProcess.totalMs.high, redis.budgetMs],
      comment: ['{0} is a whole number; {1}–{2} and {3}–{4} are millisecond ranges; {5} the latency budget in milliseconds'],
    }),
  );
  const lost = sessions.filter((session) => session.lost).length;
  const headline = l10n.t({ message: 'cache hit rate: {0} · sessions lost: {1} of {2} shown', args: [percent(hit), lost, sessions.length], comment: ['{0} is a percentage, {1} {2} whole numbers'] });
  return {
    sim: 'routing',
    instances: Array.from({ length: instances }, (_, index) => (index < fail ? 'failed' : 'up')),
    sessions,
    headline,
    summary: parts.join(' '),
  };
}

export function runSimRequest(request: SimRequest): SimResult {
  return request.sim === 'ring' ? runRing(request) : runRouting(request);
}
