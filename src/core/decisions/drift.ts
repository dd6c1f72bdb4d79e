// Drift: findings judged against the accepted decision records that govern them. A finding of a kind an accepted
// record in scope decided differently becomes a `decision-drift` finding naming the record; a finding the record
// accepted keeps its rule, names the record and drops in severity (shown, never silenced). The CLI and the editor
// both call applyDecisions, so they agree on every verdict.

import * as l10n from '@vscode/l10n';
import picomatch from 'picomatch';
import type { Finding, FindingSeverity } from '../analyzer/types';
import type { Placement } from '../wizard/placementRules';
import type { DecisionRecord } from './decisionRecord';
import { ruleKeepsInstanceState, stateKindOfRule, type StateKind } from './stateKind';

/** Only accepted records govern code; proposed, rejected, deprecated and superseded ones are history. */
export function governingRecords(records: readonly DecisionRecord[]): DecisionRecord[] {
  return records.filter((record) => record.status === 'accepted');
}

/**
 * Whether `relativePath` (relative to the repository root, `/`-separated) is in the record's scope. No scope means the
 * whole repository. Globs match as .gitignore-style patterns do in the CLI: one without a `/` matches a base name at
 * any depth; dot files match.
 */
export function inScope(record: Pick<DecisionRecord, 'scope'>, relativePath: string): boolean {
  if (record.scope.length === 0) return true;
  const path = relativePath.replace(/\\/g, '/').replace(/^\.\//, '');
  return record.scope.some((glob) => picomatch(glob.includes('/') ? glob.replace(/^\.?\//, '') : `**/${glob}`, { dot: true })(path));
}

/**
 * Whether a placement accepts state held by one instance, which is what the judged findings report (see
 * ruleKeepsInstanceState): memory routed by key, or a cache in front of a store, says so on purpose; a store or a
 * token says the instance holds nothing.
 */
export function placementAcceptsInstanceState(placement: Placement): boolean {
  switch (placement) {
    case 'stateful-sticky':
    case 'in-process-cache':
      return true;
    case 'stateless':
    case 'externalized':
      return false;
  }
}

/** The record that governs a finding of `kind` at `relativePath`: the newest accepted one in scope, if any. */
export function governingRecord(kind: StateKind, relativePath: string, records: readonly DecisionRecord[]): DecisionRecord | undefined {
  const candidates = governingRecords(records).filter((record) => record.state === kind && inScope(record, relativePath));
  // Newest first: by date, then by file name (NNNN- numbering); a later decision overrides an earlier one.
  candidates.sort((a, b) => (b.date ?? '').localeCompare(a.date ?? '') || b.path.localeCompare(a.path));
  return candidates[0];
}

/** "sessions are to be externalized", one whole clause per kind and placement. */
export function decidedClause(kind: StateKind, placement: Placement): string {
  switch (placement) {
    case 'externalized':
      switch (kind) {
        case 'sessions': return l10n.t('sessions are to be externalized');
        case 'connections': return l10n.t('connection state is to be externalized');
        case 'cache': return l10n.t('cached state is to be externalized');
        case 'rate-limits': return l10n.t('rate-limit counters are to be externalized');
        case 'other': return l10n.t('this state is to be externalized');
      }
      break;
    case 'stateless':
      switch (kind) {
        case 'sessions': return l10n.t('sessions are to travel with each request, signed');
        case 'connections': return l10n.t('connection state is to travel with each request, signed');
        case 'cache': return l10n.t('cached state is to travel with each request, signed');
        case 'rate-limits': return l10n.t('rate-limit counters are to travel with each request, signed');
        case 'other': return l10n.t('this state is to travel with each request, signed');
      }
      break;
    case 'in-process-cache':
      switch (kind) {
        case 'sessions': return l10n.t('sessions are to be cached in process, in front of a store');
        case 'connections': return l10n.t('connection state is to be cached in process, in front of a store');
        case 'cache': return l10n.t('cached state is to be cached in process, in front of a store');
        case 'rate-limits': return l10n.t('rate-limit counters are to be cached in process, in front of a store');
        case 'other': return l10n.t('this state is to be cached in process, in front of a store');
      }
      break;
    case 'stateful-sticky':
      switch (kind) {
        case 'sessions': return l10n.t('sessions are to stay in memory, routed by key');
        case 'connections': return l10n.t('connection state is to stay in memory, routed by key');
        case 'cache': return l10n.t('cached state is to stay in memory, routed by key');
        case 'rate-limits': return l10n.t('rate-limit counters are to stay in memory, routed by key');
        case 'other': return l10n.t('this state is to stay in memory, routed by key');
      }
      break;
  }
}

/** One step down: an accepted finding stays visible but no longer asks for attention at its rule's level. */
function lowered(severity: FindingSeverity): FindingSeverity {
  return severity === 'warning' ? 'information' : 'hint';
}

/** The severity of a drift finding: the record was written to be kept, so breaking it is a warning. */
export const DRIFT_SEVERITY: FindingSeverity = 'warning';

/**
 * Judges each finding of one file against the records. `relativePath` is the file's path relative to the root the
 * records' scopes are written against; record paths are shown as the caller named them. Findings of a kind no
 * accepted record in scope governs are returned unchanged.
 */
export function applyDecisions(findings: readonly Finding[], relativePath: string, records: readonly DecisionRecord[]): Finding[] {
  if (records.length === 0) return [...findings];
  return findings.map((finding) => {
    // Already judged, or a finding that keeps no instance state (a URL hash for cache locality): nothing to judge.
    if (finding.decision || !ruleKeepsInstanceState(finding.rule)) return finding;
    const kind = stateKindOfRule(finding.rule);
    const record = governingRecord(kind, relativePath, records);
    if (!record) return finding;
    const clause = decidedClause(kind, record.placement);
    if (placementAcceptsInstanceState(record.placement)) {
      return {
        ...finding,
        severity: lowered(finding.severity),
        message: l10n.t({ message: 'Accepted by {0} ({1}): {2}', args: [record.path, clause, finding.message], comment: ['{0} is a decision record path; {1} says what it decided, e.g. "connection state is to stay in memory, routed by key"; {2} is the finding\'s own message'] }),
        title: l10n.t({ message: 'Accepted by {0}', args: [record.path.split('/').pop() ?? record.path], comment: ['A CodeLens title; {0} is a decision record file name'] }),
        decision: { verdict: 'accepted', record: record.path, rule: finding.rule },
      };
    }
    return {
      ...finding,
      rule: 'decision-drift',
      severity: DRIFT_SEVERITY,
      message: l10n.t({ message: 'Contradicts {0}: {1}. {2}', args: [record.path, clause, finding.message], comment: ['{0} is a decision record path; {1} says what it decided, e.g. "sessions are to be externalized"; {2} is the finding\'s own message'] }),
      title: l10n.t({ message: 'Contradicts {0}', args: [record.path.split('/').pop() ?? record.path], comment: ['A CodeLens title; {0} is a decision record file name'] }),
      decision: { verdict: 'drift', record: record.path, rule: finding.rule },
      // The fix still moves the state out of the process, which is what the record asks for.
    };
  });
}

/** How many findings drift from each record, by record path: for the Decisions view. */
export function driftCounts(findings: readonly Finding[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const finding of findings) {
    if (finding.decision?.verdict === 'drift') counts.set(finding.decision.record, (counts.get(finding.decision.record) ?? 0) + 1);
  }
  return counts;
}
