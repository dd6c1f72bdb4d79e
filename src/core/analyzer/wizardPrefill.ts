// What a finding already tells the decision wizard, so "Recommend placement" from a CodeLens starts pre-filled.
// Only answers the code shows are filled; the latency budget and counts are the user's to give.
import type { Inputs } from '../wizard/decisionEngine';
import type { Finding } from './types';

export function wizardPrefillFor(finding: Pick<Finding, 'rule'> & Partial<Pick<Finding, 'instances'>>): Partial<Inputs> {
  switch (finding.rule) {
    case 'session-store-in-memory':
    case 'session-store-local-disk':
      // Session middleware: a logged-in user must stay logged in across instances and deploys.
      return { runtime: 'server', loss: 'none', shared: 'yes' };
    case 'socketio-no-adapter':
      // Broadcasts and rooms must reach clients connected to other instances.
      return { runtime: 'server', shared: 'yes' };
    case 'in-memory-session-map':
      return { runtime: 'server', shared: 'yes' };
    case 'in-memory-connection-registry':
      // Every instance must be able to reach every connected user.
      return { runtime: 'server', shared: 'yes' };
    case 'in-memory-rate-limit':
      // A limit is one shared count across instances; losing it on restart is tolerable.
      return { runtime: 'server', shared: 'yes' };
    case 'decision-drift':
      // The record holds the answers; the editor re-opens the wizard from the record, not from the finding.
      return {};
    case 'sticky-routing-affinity':
    case 'consistent-hash-non-client-key':
      // Affinity exists because several server instances sit behind the balancer; the manifest may say how many.
      return finding.instances !== undefined && finding.instances >= 1 ? { runtime: 'server', instances: finding.instances } : { runtime: 'server' };
  }
}
