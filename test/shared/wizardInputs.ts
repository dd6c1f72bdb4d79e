// Wizard answers the tests share. They match presets on purpose (a shopping cart, web login sessions) but are spelled
// out here, so a change to a preset's numbers does not silently change what the tests check.
import type { Inputs, Loss, Runtime, YesNo } from '../../src/core/wizard/decisionEngine';

/** The seven answers in the wizard's order, so a table of cases stays one line per case. */
export function inputs(
  latencyBudgetMs: number,
  accessesPerRequest: number,
  instances: number,
  runtime: Runtime,
  loss: Loss,
  shared: YesNo,
  clientCanCarry: YesNo,
): Inputs {
  return { latencyBudgetMs, accessesPerRequest, instances, runtime, loss, shared, clientCanCarry };
}

/** A shopping cart: 50 ms for 2 accesses on 6 server instances, nothing may be lost, shared, not client-carried. */
export const CART: Inputs = inputs(50, 2, 6, 'server', 'none', 'yes', 'no');

/** Web login sessions: 10 ms for 1 access on 4 server instances, nothing may be lost, shared, not client-carried. */
export const LOGIN_SESSIONS: Inputs = inputs(10, 1, 4, 'server', 'none', 'yes', 'no');
