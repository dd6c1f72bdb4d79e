// What keeping session state outside the process costs per request, stated with the wizard's own latency
// arithmetic: the decision engine computes the lines (figures × accesses against the budget), this module only
// picks the two the routing simulation compares. One home for the arithmetic; nothing is recomputed here.
import { recommend, type LatencyLine } from '../wizard/decisionEngine';

export interface StateLatency {
  /** State in the process's own memory (what sticky sessions keep). */
  readonly inProcess: LatencyLine;
  /** State in a shared Redis (what externalized sessions pay). */
  readonly redis: LatencyLine;
}

/**
 * The latency lines for `accessesPerRequest` reads/writes of session state within `latencyBudgetMs`. The other
 * answers do not change the arithmetic; they are fixed to a multi-instance server service.
 */
export function stateLatency(latencyBudgetMs: number, accessesPerRequest: number, instances: number): StateLatency {
  const { latency } = recommend({
    latencyBudgetMs,
    accessesPerRequest,
    instances,
    runtime: 'server',
    loss: 'none',
    shared: 'yes',
    clientCanCarry: 'no',
  });
  const line = (tier: LatencyLine['tier']) => {
    const found = latency.find((candidate) => candidate.tier === tier);
    if (!found) throw new Error(`the decision engine reported no ${tier} latency line`);
    return found;
  };
  return { inProcess: line('in-process'), redis: line('redis') };
}
