// GitLab Code Quality report (`statecraft scan --format gitlab`), the artifact a job names under
// `artifacts:reports:codequality`; GitLab shows it in the merge request widget and diff. The format is a subset of
// the Code Climate issue spec, documented at https://docs.gitlab.com/ci/testing/code_quality/ (checked 2026-12-02):
// a JSON array of issues, each with `description`, `check_name`, `fingerprint` (unique per issue: GitLab shows only
// the first issue of a fingerprint and compares fingerprints between the source and target branch to say what is new
// or fixed), `severity` (info | minor | major | critical | blocker) and `location.path` + `location.lines.begin`.
// Our fingerprint (rule + path + construct + occurrence number) is unique per issue and stable across line moves.

import { fnv1a64 } from './fingerprint';
import { findingLevel, type ReportedFinding, type SarifLevel } from './sarif';

export type CodeQualitySeverity = 'info' | 'minor' | 'major' | 'critical' | 'blocker';

export interface CodeQualityIssue {
  readonly description: string;
  readonly check_name: string;
  readonly fingerprint: string;
  readonly severity: CodeQualitySeverity;
  readonly location: { readonly path: string; readonly lines: { readonly begin: number; readonly end: number } };
}

/** None of our findings blocks a deploy by itself (they are about scaling out), so the scale tops out at major. */
const SEVERITY: Readonly<Record<SarifLevel, CodeQualitySeverity>> = { error: 'major', warning: 'minor', note: 'info' };

export function buildCodeQualityReport(results: readonly ReportedFinding[]): CodeQualityIssue[] {
  return results.map(({ file, finding, fingerprint }) => ({
    description: finding.message,
    check_name: finding.rule,
    // Hex like the documented example (an MD5), derived from our fingerprint and namespaced by tool, so issues
    // from several tools in one pipeline never collide.
    fingerprint: fnv1a64(`statecraft\u0000${fingerprint}`),
    severity: SEVERITY[findingLevel(finding)],
    location: { path: file, lines: { begin: finding.range.start.line + 1, end: finding.range.end.line + 1 } },
  }));
}
