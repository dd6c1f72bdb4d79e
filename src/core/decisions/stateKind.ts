// What a decision is about: the kind of state it governs. Every analyzer rule maps to one kind, so a finding can be
// checked against the decision records for its kind (drift.ts). The switch is exhaustive over RuleId on purpose:
// adding a rule breaks the type-check until its kind is chosen here.

import * as l10n from '@vscode/l10n';
import type { RuleId } from '../analyzer/types';

export type StateKind = 'sessions' | 'connections' | 'cache' | 'rate-limits' | 'other';

/** In the order the wizard and `--state` list them; `other` is the default. */
export const STATE_KINDS: readonly StateKind[] = ['sessions', 'connections', 'cache', 'rate-limits', 'other'];

export const DEFAULT_STATE_KIND: StateKind = 'other';

export function isStateKind(value: unknown): value is StateKind {
  return typeof value === 'string' && (STATE_KINDS as readonly string[]).includes(value);
}

/**
 * The kind of state a rule's findings hold. Whether a finding reports state kept by one instance at all (a routing
 * rule may not) is ruleKeepsInstanceState's answer; drift.ts asks both.
 */
export function stateKindOfRule(rule: RuleId): StateKind {
  switch (rule) {
    case 'session-store-in-memory':
    case 'session-store-local-disk':
    case 'in-memory-session-map':
      return 'sessions';
    case 'socketio-no-adapter':
    case 'in-memory-connection-registry':
      return 'connections';
    case 'in-memory-rate-limit':
      return 'rate-limits';
    case 'decision-drift':
      // Already judged against a record: its kind is the record's, and it is never matched again.
      return 'other';
    case 'sticky-routing-affinity':
      // Affinity exists to keep per-client session state on one instance; a sessions record governs it.
      return 'sessions';
    case 'consistent-hash-non-client-key':
      // A hash on a URL keeps a cache warm on one instance: cache locality, not client state.
      return 'cache';
  }
}

/**
 * Whether a rule's findings report state kept by one instance, the premise drift.ts judges on. Code rules find the
 * state itself. Session affinity holds nothing but exists to keep per-client state on one instance, so a record about
 * where that state lives judges it the same way. A consistent hash on a URL holds nothing and keeps no client's state:
 * it only sends the same resource to the same cache, which fits any placement, so no record contradicts it.
 */
export function ruleKeepsInstanceState(rule: RuleId): boolean {
  switch (rule) {
    case 'session-store-in-memory':
    case 'session-store-local-disk':
    case 'in-memory-session-map':
    case 'socketio-no-adapter':
    case 'in-memory-connection-registry':
    case 'in-memory-rate-limit':
    case 'sticky-routing-affinity':
      return true;
    case 'decision-drift':
    case 'consistent-hash-non-client-key':
      return false;
  }
}

/** One line per kind for pickers: what state of this kind is. */
export function stateKindDescription(kind: StateKind): string {
  switch (kind) {
    case 'sessions':
      return l10n.t('who is logged in and per-user session data (session stores, session maps)');
    case 'connections':
      return l10n.t('live connections, rooms and presence (WebSocket and Socket.IO servers, connection registries)');
    case 'cache':
      return l10n.t('copies of data that lives elsewhere (memoisation, response and object caches)');
    case 'rate-limits':
      return l10n.t('counters per client and window (rate limiters, quotas)');
    case 'other':
      return l10n.t('any other state of this service');
  }
}

/** What the state is called in a record's default title, e.g. "Keep session state externalized in Redis". */
export function stateKindSubject(kind: StateKind): string | undefined {
  switch (kind) {
    case 'sessions':
      return l10n.t({ message: 'session', comment: ['What the state belongs to, as in "Keep session state externalized in Redis"'] });
    case 'connections':
      return l10n.t({ message: 'connection', comment: ['What the state belongs to, as in "Keep connection state stateful in memory, routed by key"'] });
    case 'cache':
      return l10n.t({ message: 'cache', comment: ['What the state belongs to, as in "Keep cache state in an in-process cache"'] });
    case 'rate-limits':
      return l10n.t({ message: 'rate-limit', comment: ['What the state belongs to, as in "Keep rate-limit state externalized in Redis"'] });
    case 'other':
      return undefined;
  }
}
