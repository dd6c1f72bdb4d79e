// Cross-artifact hints: sticky routing and in-memory state travel together. When one workspace (a `statecraft scan`
// tree, the editor's analysed documents, the workspace audit) holds both an affinity setting and in-process session
// or connection state, each finding names the other, so the reader learns the order of the fix: externalize the
// state first, then drop the affinity. A pure function over the findings of several files, so every host pairs alike.

import * as l10n from '@vscode/l10n';
import type { Finding, RuleId } from '../types';

/** The findings of one file, by its workspace-relative path. */
export interface FileFindings {
  readonly file: string;
  readonly findings: readonly Finding[];
}

/** Rules whose state only works with affinity: per-process sessions and connections. */
const STATE_KEPT_BY_AFFINITY: ReadonlySet<RuleId> = new Set<RuleId>([
  'session-store-in-memory',
  'session-store-local-disk',
  'in-memory-session-map',
  'in-memory-connection-registry',
  'socketio-no-adapter',
]);

interface Located {
  readonly file: string;
  readonly finding: Finding;
}

function where(located: Located): string {
  return `${located.file}:${located.finding.range.start.line + 1}`;
}

/**
 * Returns the files with paired messages: every `sticky-routing-affinity` finding names the first in-memory state
 * finding (by path, then line), and every such state finding names the first affinity setting. Files and findings
 * keep their order; when the workspace lacks either side, the input comes back unchanged.
 */
export function pairAffinityWithState(files: readonly FileFindings[]): FileFindings[] {
  const ordered = [...files].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const first = (test: (finding: Finding) => boolean): Located | undefined => {
    for (const { file, findings } of ordered) {
      const finding = [...findings].sort((a, b) => a.range.start.line - b.range.start.line).find(test);
      if (finding) return { file, finding };
    }
    return undefined;
  };
  const affinity = first((finding) => finding.rule === 'sticky-routing-affinity');
  const state = first((finding) => STATE_KEPT_BY_AFFINITY.has(finding.rule));
  if (!affinity || !state) {
    return files.map((entry) => ({ file: entry.file, findings: entry.findings }));
  }
  return files.map(({ file, findings }) => ({
    file,
    findings: findings.map((finding): Finding => {
      if (finding.rule === 'sticky-routing-affinity') {
        return {
          ...finding,
          message: l10n.t({ message: '{0} This affinity is what keeps the {1} state in {2} working: externalize that state first, then drop the affinity.', args: [finding.message, state.finding.framework, where(state)], comment: ['{0} is the affinity message (whole sentences), {1} a library such as "express-session", {2} a file path with a line number'] }),
          pairedWith: { file: state.file, line: state.finding.range.start.line, rule: state.finding.rule },
        };
      }
      if (STATE_KEPT_BY_AFFINITY.has(finding.rule)) {
        return {
          ...finding,
          message: l10n.t({ message: '{0} Today the {1} affinity in {2} hides this by pinning each client to one instance: externalize this state first, then drop the affinity.', args: [finding.message, affinity.finding.framework, where(affinity)], comment: ['{0} is the state message (whole sentences), {1} a product such as "Kubernetes Service", {2} a file path with a line number'] }),
          pairedWith: { file: affinity.file, line: affinity.finding.range.start.line, rule: affinity.finding.rule },
        };
      }
      return finding;
    }),
  }));
}
