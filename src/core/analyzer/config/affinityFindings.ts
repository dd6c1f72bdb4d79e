// AffinityHit → Finding: the sentence that says what pins and what breaks, the note section, the removal fix.
// Every message is one whole translated sentence; product names and keys are arguments.

import * as l10n from '@vscode/l10n';
import { RULES, ruleTitle } from '../rules';
import type { Finding, RuleId } from '../types';
import type { AffinityHit } from './affinityHit';

function messageFor(hit: AffinityHit): string {
  const key = hit.key ?? '';
  switch (hit.pin) {
    case 'client-ip':
      return hit.timeoutSeconds !== undefined
        ? l10n.t({ message: 'Session affinity by client IP ({0}): each client address is pinned to one instance for up to {1} seconds; state kept in that instance\'s memory is lost when it goes, and load cannot be rebalanced.', args: [hit.platform, hit.timeoutSeconds], comment: ['{0} is a product such as "Kubernetes Service", {1} a number of seconds'] })
        : l10n.t({ message: 'Session affinity by client IP ({0}): each client address is pinned to one instance; state kept in that instance\'s memory is lost when it goes, clients behind one NAT all land on the same instance, and load cannot be rebalanced.', args: [hit.platform], comment: ['{0} is a product such as "nginx" or "HAProxy"'] });
    case 'cookie':
      return l10n.t({ message: 'Cookie affinity ({0}): the load balancer pins each browser to one instance; sessions kept in that instance\'s memory are lost when it goes, and new instances only receive new users.', args: [hit.platform], comment: ['{0} is a product such as "ingress-nginx", "Traefik" or "Azure App Service"'] });
    case 'key':
      return l10n.t({ message: 'Sticky routing on {1} ({0}): requests carrying the same value always reach one instance; state kept in that instance\'s memory is lost when it goes, and load cannot be rebalanced.', args: [hit.platform, key], comment: ['{0} is a product such as "Istio", {1} the header, cookie or variable the routing is keyed on'] });
    case 'non-client-hash':
      return l10n.t({ message: 'Consistent hash on {1} ({0}): requests for the same resource go to one instance, which helps its cache; clients are not pinned, so this is not session affinity and in-memory sessions would still break.', args: [hit.platform, key], comment: ['{0} is a product such as "nginx", {1} the hash key such as "$request_uri"'] });
  }
}

/** The Finding for one hit; `instances` comes from the same file's replica count, when it has one. */
export function findingForHit(hit: AffinityHit, instances: number | undefined): Finding {
  const rule: RuleId = hit.pin === 'non-client-hash' ? 'consistent-hash-non-client-key' : 'sticky-routing-affinity';
  return {
    rule,
    severity: RULES[rule].severity,
    message: messageFor(hit),
    title: ruleTitle(rule),
    range: hit.range,
    note: `sticky-sessions#${hit.section}`,
    framework: hit.platform,
    fix: hit.removal && hit.removal.length > 0
      ? { title: l10n.t({ message: 'Remove the session affinity ({0}): review the change first', args: [hit.platform], comment: ['{0} is a product such as "Kubernetes Service"'] }), edits: hit.removal, needsConfirmation: true }
      : undefined,
    ...(instances !== undefined ? { instances } : {}),
  };
}
