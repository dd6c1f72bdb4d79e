// Rule metadata shared by detectors (titles, severities), the CLI's SARIF output and the editor's settings. Titles and
// descriptions are functions: the translation bundle is configured at activation, after this module has loaded.

import * as l10n from '@vscode/l10n';
import type { FindingSeverity, RuleId } from './types';

/** What the CLI and the editor need to know about a rule besides individual findings (text: {@link ruleTitle}). */
export interface RuleInfo {
  readonly id: RuleId;
  /** Default severity of the rule's findings. */
  readonly severity: FindingSeverity;
  /** The note that explains the rule in general (findings point at framework-specific sections). */
  readonly note: string;
  /**
   * The heading slug in that note that explains the rule (SARIF `helpUri` links there); without one, the note's
   * "Problem" section. A unit test checks every anchor against the note's headings, so a renamed heading fails.
   */
  readonly section?: string;
}

/** Base URL of the published notes, for SARIF helpUri (the notes also ship inside the extension). */
export const NOTES_BASE_URL = 'https://github.com/statecraft-dev/statecraft/blob/main/content/';

/** Untranslated rule metadata. The text lives in {@link ruleTitle} and {@link ruleDescription}, computed per call. */
export const RULES: Readonly<Record<RuleId, RuleInfo>> = {
  'session-store-in-memory': { id: 'session-store-in-memory', severity: 'warning', note: 'session-storage', section: 'server-side-store' },
  'session-store-local-disk': { id: 'session-store-local-disk', severity: 'hint', note: 'session-storage', section: 'server-side-store' },
  'socketio-no-adapter': { id: 'socketio-no-adapter', severity: 'information', note: 'stateful-connections', section: 'fan-out-through-a-broker' },
  'in-memory-session-map': { id: 'in-memory-session-map', severity: 'information', note: 'statelessness-and-state-management', section: 'mechanism' },
  'in-memory-connection-registry': { id: 'in-memory-connection-registry', severity: 'information', note: 'stateful-connections', section: 'keep-the-connection-externalize-the-rest' },
  // One level below the session rules: an instance-local limiter still limits, only more loosely.
  'in-memory-rate-limit': { id: 'in-memory-rate-limit', severity: 'hint', note: 'rate-limiting', section: 'local-vs-shared-counters' },
  'decision-drift': { id: 'decision-drift', severity: 'warning', note: 'state-placement-guide', section: 'the-decision-record' },
  'sticky-routing-affinity': { id: 'sticky-routing-affinity', severity: 'information', note: 'sticky-sessions', section: 'where-affinity-is-configured' },
  // Not affinity at all: only explains the difference when someone reads it as such.
  'consistent-hash-non-client-key': { id: 'consistent-hash-non-client-key', severity: 'hint', note: 'sticky-sessions', section: 'consistent-hashing-is-not-affinity' },
};

/** Where a rule is explained: the published note and the anchor of its section (SARIF `helpUri`). */
export function ruleHelpUri(id: RuleId): string {
  const rule = RULES[id];
  return `${NOTES_BASE_URL}${rule.note}.md#${rule.section ?? 'problem'}`;
}

/** The CodeLens title most findings of a rule use, in the current display language. */
export function ruleTitle(id: RuleId): string {
  switch (id) {
    case 'session-store-in-memory':
      return l10n.t('In-memory session store: lost on restart, needs sticky routing');
    case 'session-store-local-disk':
      return l10n.t('Sessions on local disk: tied to this instance');
    case 'socketio-no-adapter':
      return l10n.t('Socket.IO without adapter: broadcasts stay on this instance');
    case 'in-memory-session-map':
      return l10n.t('In-memory session state: lost on restart, needs sticky routing');
    case 'in-memory-connection-registry':
      return l10n.t('Connection registry in memory: broadcasts reach only this instance');
    case 'in-memory-rate-limit':
      return l10n.t('Rate limit counted in memory: each instance allows the full limit');
    case 'decision-drift':
      return l10n.t('Contradicts a decision record');
    case 'sticky-routing-affinity':
      return l10n.t('Sticky routing: each client pinned to one instance');
    case 'consistent-hash-non-client-key':
      return l10n.t('Consistent hash on a non-client key: not session affinity');
  }
}

/** One sentence describing a rule, for SARIF's shortDescription/fullDescription and settings UIs. */
export function ruleDescription(id: RuleId): string {
  switch (id) {
    case 'session-store-in-memory':
      return l10n.t('Session middleware or configuration keeps sessions in the memory of this process.');
    case 'session-store-local-disk':
      return l10n.t('Sessions are stored on the local disk of this instance, which other instances cannot read.');
    case 'socketio-no-adapter':
      return l10n.t('A Socket.IO server has no adapter, so rooms and broadcasts reach only clients of this instance.');
    case 'in-memory-session-map':
      return l10n.t('A module-level or singleton collection written in request handlers holds per-user state in this process.');
    case 'in-memory-connection-registry':
      return l10n.t('A process-wide collection of open connections: a broadcast or a message to one user reaches only the clients connected to this instance.');
    case 'in-memory-rate-limit':
      return l10n.t('Per-client request counters are kept in this process, so every instance counts separately and the effective limit grows with the number of instances.');
    case 'decision-drift':
      return l10n.t('The code keeps state where an accepted decision record says it must not live.');
    case 'sticky-routing-affinity':
      return l10n.t('A load balancer, ingress, proxy or Service setting pins each client to one instance (session affinity), which usually means that instance holds the client\'s state in memory.');
    case 'consistent-hash-non-client-key':
      return l10n.t('A consistent hash on a key that is not the client, such as the request URL: it improves cache locality but does not pin clients.');
  }
}

/** All rule ids in a stable order (SARIF rule indexes rely on it). */
export const RULE_IDS: readonly RuleId[] = [
  'session-store-in-memory',
  'session-store-local-disk',
  'socketio-no-adapter',
  'in-memory-session-map',
  'in-memory-connection-registry',
  'in-memory-rate-limit',
  'decision-drift',
  'sticky-routing-affinity',
  'consistent-hash-non-client-key',
];
