// Rule metadata shared by detectors (titles, severities), the CLI's SARIF output and the editor's settings.

import type { FindingSeverity, RuleId } from './types';

/** What the CLI and the editor need to know about a rule besides individual findings. */
export interface RuleInfo {
  readonly id: RuleId;
  /** Default severity of the rule's findings. */
  readonly severity: FindingSeverity;
  /** The CodeLens title most findings of this rule use. */
  readonly title: string;
  /** One sentence for SARIF's shortDescription and settings UIs. */
  readonly description: string;
  /** The note that explains the rule in general (findings point at framework-specific sections). */
  readonly note: string;
}

/** Base URL of the published notes, for SARIF helpUri (the notes also ship inside the extension). */
export const NOTES_BASE_URL = 'https://github.com/statecraft-dev/statecraft/blob/main/content/';

export const RULES: Readonly<Record<RuleId, RuleInfo>> = {
  'session-store-in-memory': {
    id: 'session-store-in-memory',
    severity: 'warning',
    title: 'In-memory session store: lost on restart, needs sticky routing',
    description: 'Session middleware or configuration keeps sessions in the memory of this process.',
    note: 'session-storage',
  },
  'session-store-local-disk': {
    id: 'session-store-local-disk',
    severity: 'hint',
    title: 'Sessions on local disk: tied to this instance',
    description: 'Sessions are stored on the local disk of this instance, which other instances cannot read.',
    note: 'session-storage',
  },
  'socketio-no-adapter': {
    id: 'socketio-no-adapter',
    severity: 'information',
    title: 'Socket.IO without adapter: broadcasts stay on this instance',
    description: 'A Socket.IO server has no adapter, so rooms and broadcasts reach only clients of this instance.',
    note: 'stateful-connections',
  },
  'in-memory-session-map': {
    id: 'in-memory-session-map',
    severity: 'information',
    title: 'In-memory session state: lost on restart, needs sticky routing',
    description: 'A module-level or singleton collection written in request handlers holds per-user state in this process.',
    note: 'statelessness-and-state-management',
  },
};

/** All rule ids in a stable order (SARIF rule indexes rely on it). */
export const RULE_IDS: readonly RuleId[] = ['session-store-in-memory', 'session-store-local-disk', 'socketio-no-adapter', 'in-memory-session-map'];
