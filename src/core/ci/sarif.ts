// The SARIF 2.1.0 log `statecraft scan --format sarif` prints, shaped for GitHub code scanning (any SARIF consumer
// reads it): rules with a help link to the section of the note that explains them, results with relative locations,
// the finding's fingerprint in `partialFingerprints` (so an alert survives lines moving above it and is not
// duplicated), and `automationDetails.id` naming the analysis category (so shards of one repository upload side by
// side instead of replacing each other).
//
// GitHub's documented ingestion limits (docs.github.com, "SARIF results exceed limit", checked 2026-12-02): at most 20
// runs per file (we write 1), 25,000 results per run (more and the upload is rejected; only the top 5,000 by severity
// are displayed), 25,000 rules per run, 20 tags per rule (10 displayed), 1,000 locations per result (we write 1), and
// 10 MB per gzip-compressed file (docs.github.com, "Uploading a SARIF file to GitHub"). The result cap is enforced
// here (highest levels kept); the size is checked by the caller, which is the one that compresses.

import * as l10n from '@vscode/l10n';
import { RULE_IDS, RULES, ruleDescription, ruleHelpUri, ruleTitle } from '../analyzer/rules';
import { finalSeverity, sarifLevel } from '../analyzer/severity';
import type { Finding, RuleId } from '../analyzer/types';
import { FINGERPRINT_KEY } from './fingerprint';

/** GitHub rejects a run with more results than this. */
export const GITHUB_MAX_RESULTS_PER_RUN = 25_000;
/** GitHub rejects a SARIF upload whose gzip-compressed size is over this. */
export const GITHUB_MAX_GZIP_BYTES = 10 * 1024 * 1024;
/** GitHub keeps at most this many tags per rule (and displays 10). */
const GITHUB_MAX_TAGS_PER_RULE = 10;

/** One finding as the reports see it: `file` relative to the scan root with `/`, and its fingerprint. */
export interface ReportedFinding {
  readonly file: string;
  readonly finding: Finding;
  readonly fingerprint: string;
}

export type SarifLevel = ReturnType<typeof sarifLevel>;

/**
 * The SARIF level of a finding (error > warning > note), from the core's severity policy with no user setting: the
 * level the editor shows by default. Code scanning sorts alerts by it; `--fail-on` and GitLab severities derive from it.
 */
export function findingLevel(finding: Pick<Finding, 'rule' | 'severity'>): SarifLevel {
  return sarifLevel(finalSeverity(finding));
}

const LEVEL_RANK: Readonly<Record<SarifLevel, number>> = { error: 0, warning: 1, note: 2 };

export interface SarifOptions {
  /** The URI of the folder result paths are relative to (`%SRCROOT%`), ending with `/`. */
  readonly srcRootUri: string;
  /** The analysis category: `automationDetails.id` is `<category>/`. Each shard of a repository needs its own. */
  readonly category: string;
  /** The tool version, shown by code scanning. */
  readonly version: string;
  /** Results beyond this are dropped, lowest levels first (default: GitHub's hard limit). */
  readonly maxResults?: number;
}

export interface SarifReport {
  readonly log: object;
  /** How many results were dropped to stay within `maxResults`. */
  readonly dropped: number;
}

/** Tags per rule, shown as filters in code scanning; every rule is about scaling out, so every rule has that one. */
function ruleTags(id: RuleId): string[] {
  const tags = ['scalability', 'reliability', 'state'];
  if (id.startsWith('session-')) tags.push('sessions');
  if (id.startsWith('socketio') || id === 'in-memory-connection-registry') tags.push('websockets');
  if (id === 'in-memory-rate-limit') tags.push('rate-limiting');
  return tags.slice(0, GITHUB_MAX_TAGS_PER_RULE);
}

export function buildSarifReport(results: readonly ReportedFinding[], options: SarifOptions): SarifReport {
  const max = options.maxResults ?? GITHUB_MAX_RESULTS_PER_RUN;
  let kept = results;
  if (results.length > max) {
    // Keep the most severe results; among equals, the earlier ones (callers pass them sorted by file and line).
    const ranked = results.map((result, index) => ({ result, index }));
    ranked.sort((a, b) => LEVEL_RANK[findingLevel(a.result.finding)] - LEVEL_RANK[findingLevel(b.result.finding)] || a.index - b.index);
    kept = ranked.slice(0, max).sort((a, b) => a.index - b.index).map(({ result }) => result);
  }
  const rules = RULE_IDS.map((id) => {
    const description = ruleDescription(id);
    const helpUri = ruleHelpUri(id);
    return {
      id,
      name: id.replace(/-([a-z])/g, (_match: string, letter: string) => letter.toUpperCase()),
      shortDescription: { text: ruleTitle(id) },
      fullDescription: { text: description },
      help: { text: l10n.t('{0} See {1}', description, helpUri), markdown: l10n.t('{0} [Read the note]({1}).', description, helpUri) },
      helpUri,
      defaultConfiguration: { level: findingLevel({ rule: id, severity: RULES[id].severity }) },
      properties: { tags: ruleTags(id), precision: 'high' },
    };
  });
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: { name: 'statecraft', semanticVersion: options.version, informationUri: 'https://github.com/statecraft-dev/statecraft', rules },
        },
        automationDetails: { id: `${options.category}/` },
        originalUriBaseIds: { '%SRCROOT%': { uri: options.srcRootUri } },
        columnKind: 'utf16CodeUnits',
        results: kept.map(({ file, finding, fingerprint }) => ({
          ruleId: finding.rule,
          ruleIndex: RULE_IDS.indexOf(finding.rule),
          level: findingLevel(finding),
          message: { text: finding.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: file.split('/').map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' },
                region: {
                  startLine: finding.range.start.line + 1,
                  startColumn: finding.range.start.character + 1,
                  endLine: finding.range.end.line + 1,
                  endColumn: finding.range.end.character + 1,
                },
              },
            },
          ],
          partialFingerprints: { [FINGERPRINT_KEY]: fingerprint },
          properties: { title: finding.title, note: finding.note, framework: finding.framework },
        })),
      },
    ],
  };
  return { log, dropped: results.length - kept.length };
}
