// The workspace audit's results: which files keep session state, by file, and the same findings grouped the way the
// "Session State" view shows them (rule → file → finding, with counts). Pure: the editor's view and diagnostics, the
// SARIF export and the unit tests all read it; files are whatever path form the host uses (URI strings in the editor).

import { ruleTitle } from '../analyzer/rules';
import type { Finding, RuleId } from '../analyzer/types';

/** One analysed file's findings: `file` is the host's path, `relative` the workspace-relative path shown to people. */
export interface AuditedFile {
  readonly file: string;
  readonly relative: string;
  readonly findings: readonly Finding[];
}

/** A rule's group in the view: its files, each with its findings, and the total. */
export interface AuditRuleGroup {
  readonly rule: RuleId;
  readonly title: string;
  readonly count: number;
  readonly files: ReadonlyArray<{ readonly file: string; readonly relative: string; readonly findings: readonly Finding[] }>;
}

/** Mutable results of a workspace audit: files are replaced as they are (re-)analysed and removed when deleted. */
export class AuditResults {
  private readonly byFile = new Map<string, AuditedFile>();

  /** Records a file's latest findings; a file without findings is dropped. Returns true when anything changed. */
  set(file: string, relative: string, findings: readonly Finding[]): boolean {
    const before = this.byFile.get(file);
    if (findings.length === 0) return this.byFile.delete(file);
    this.byFile.set(file, { file, relative, findings });
    return before === undefined || JSON.stringify(before.findings) !== JSON.stringify(findings) || before.relative !== relative;
  }

  /** Forgets a file (deleted, excluded); true when it had findings. */
  delete(file: string): boolean {
    return this.byFile.delete(file);
  }

  /** Forgets every file under a folder (a folder was deleted). */
  deleteUnder(folder: string): boolean {
    const prefix = folder.endsWith('/') ? folder : `${folder}/`;
    let changed = false;
    for (const file of [...this.byFile.keys()]) {
      if (file.startsWith(prefix)) changed = this.byFile.delete(file) || changed;
    }
    return changed;
  }

  clear(): void {
    this.byFile.clear();
  }

  get(file: string): AuditedFile | undefined {
    return this.byFile.get(file);
  }

  /** Every file with findings, by relative path. */
  files(): AuditedFile[] {
    return [...this.byFile.values()].sort((a, b) => compare(a.relative, b.relative));
  }

  /** Total number of findings. */
  get count(): number {
    let total = 0;
    for (const audited of this.byFile.values()) total += audited.findings.length;
    return total;
  }

  /** The view's tree: rules with the most findings first (then by id), files by path, findings by position. */
  byRule(): AuditRuleGroup[] {
    const groups = new Map<RuleId, Map<string, { file: string; relative: string; findings: Finding[] }>>();
    for (const audited of this.files()) {
      for (const finding of audited.findings) {
        let files = groups.get(finding.rule);
        if (!files) groups.set(finding.rule, (files = new Map()));
        let entry = files.get(audited.file);
        if (!entry) files.set(audited.file, (entry = { file: audited.file, relative: audited.relative, findings: [] }));
        entry.findings.push(finding);
      }
    }
    return [...groups.entries()]
      .map(([rule, files]) => {
        const list = [...files.values()].map((entry) => ({ ...entry, findings: [...entry.findings].sort(byPosition) }));
        return { rule, title: ruleTitle(rule), count: list.reduce((sum, entry) => sum + entry.findings.length, 0), files: list };
      })
      .sort((a, b) => b.count - a.count || compare(a.rule, b.rule));
  }

  /** Findings as the CLI's formats take them: relative path and finding, ordered by path and position. */
  asScanResults(): Array<{ file: string; finding: Finding }> {
    return this.files().flatMap((audited) => [...audited.findings].sort(byPosition).map((finding) => ({ file: audited.relative, finding })));
  }
}

function byPosition(a: Finding, b: Finding): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
