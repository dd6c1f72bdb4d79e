// The severity policy: the one place that decides how loud a finding is. A finding arrives with its rule's default
// severity (rules.ts), refined by its detector where the code says more (a Socket.IO server that is scaled out is a
// warning, not information). The user's `statecraft.hints.severity` setting then applies here and only here; the
// CLI's text, JSON and SARIF output and the editor's diagnostics all read `finalSeverity`, so they cannot disagree.

import type { Finding } from './types';

/** How loud a finding is, in the editor's four levels (SARIF folds information and hint into `note`). */
export type SeverityLevel = 'error' | 'warning' | 'information' | 'hint';

/**
 * The `statecraft.hints.severity` setting: `default` keeps each finding's own severity (what `statecraft scan`
 * reports), a level applies to every finding, `off` turns diagnostics off.
 */
export type SeveritySetting = SeverityLevel | 'default' | 'off';

/** What the policy reads from a finding. */
export type SeverityInput = Pick<Finding, 'rule' | 'severity' | 'decision'>;

const LEVELS: readonly SeverityLevel[] = ['error', 'warning', 'information', 'hint'];

/**
 * The severity a finding is reported with under a setting, or undefined when the setting turns diagnostics off.
 * With a level set, sessions on local disk and findings a decision record accepts stay one level below it: they are tied to one instance but survive a
 * restart, a lesser problem than state in memory (their rule default is already lower for the same reason).
 */
export function finalSeverity(finding: SeverityInput, setting?: Exclude<SeveritySetting, 'off'>): SeverityLevel;
export function finalSeverity(finding: SeverityInput, setting: SeveritySetting): SeverityLevel | undefined;
export function finalSeverity(finding: SeverityInput, setting: SeveritySetting = 'default'): SeverityLevel | undefined {
  if (setting === 'off') {
    return undefined;
  }
  if (setting === 'default') {
    return finding.severity;
  }
  // A finding an accepted decision record allows (core/decisions/drift.ts) stays one level below too: it is shown,
  // with the record's name, but it is a decision, not a problem.
  const downgrade = (finding.rule === 'session-store-local-disk' ? 1 : 0) + (finding.decision?.verdict === 'accepted' ? 1 : 0);
  return LEVELS[Math.min(LEVELS.indexOf(setting) + downgrade, LEVELS.length - 1)];
}

/** SARIF's `level` for a severity: information and hint are both `note`. */
export function sarifLevel(level: SeverityLevel): 'error' | 'warning' | 'note' {
  return level === 'error' || level === 'warning' ? level : 'note';
}
