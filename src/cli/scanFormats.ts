// `statecraft scan` output: text for people, JSON for scripts, SARIF 2.1.0 for code scanning. Every format reads a
// finding's level from the core's severity policy (core/analyzer/severity.ts), the same the editor's diagnostics read.

import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as l10n from '@vscode/l10n';
import { NOTES_BASE_URL, RULE_IDS, RULES, ruleDescription, ruleTitle } from '../core/analyzer/rules';
import { finalSeverity, sarifLevel, type SeverityLevel } from '../core/analyzer/severity';
import type { Finding, RuleId } from '../core/analyzer/types';

/** A finding and the path it is printed with (relative to cwd, with `/`). */
export interface ScanResult {
  readonly file: string;
  readonly finding: Finding;
}

/** The counts the text summary reports. */
export interface ScanCounts {
  readonly scanned: number;
  readonly suppressed: number;
}

/** One finding as the JSON output prints it: 1-based lines and columns, `file` relative to cwd with `/`. */
export interface ScanResultJson {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly rule: RuleId;
  readonly severity: SeverityLevel;
  readonly message: string;
  readonly note: string;
}

/** A finding's level in every output format: the core's severity policy, with no setting (each finding's own). */
function levelOf(finding: Finding): SeverityLevel {
  return finalSeverity(finding);
}

export function toJson({ file, finding }: { file: string; finding: Finding }): ScanResultJson {
  return {
    file,
    line: finding.range.start.line + 1,
    column: finding.range.start.character + 1,
    endLine: finding.range.end.line + 1,
    endColumn: finding.range.end.character + 1,
    rule: finding.rule,
    severity: levelOf(finding),
    message: finding.message,
    note: finding.note,
  };
}

export function formatText(results: readonly ScanResult[], outcome: ScanCounts): string {
  const analysed = analysedText(outcome);
  if (results.length === 0) {
    return `${l10n.t('No in-memory session state found ({0}).', analysed)}\n`;
  }
  const lines = results.map(({ file, finding }) => {
    const { line, character } = finding.range.start;
    return `${file}:${line + 1}:${character + 1}: ${levelOf(finding)} [${finding.rule}] ${finding.message}\n    ${l10n.t('why: {0}', finding.note)}\n`;
  });
  const files = new Set(results.map((result) => result.file)).size;
  const found =
    results.length === 1
      ? l10n.t('1 finding in 1 file ({0}).', analysed)
      : files === 1
        ? l10n.t('{0} findings in 1 file ({1}).', results.length, analysed)
        : l10n.t('{0} findings in {1} files ({2}).', results.length, files, analysed);
  return `${lines.join('')}\n${found}\n`;
}

/** "3 files analysed, 1 suppressed": each count and plural its own message, so translators get whole phrases. */
function analysedText(outcome: ScanCounts): string {
  const analysed = outcome.scanned === 1 ? l10n.t('1 file analysed') : l10n.t('{0} files analysed', outcome.scanned);
  return outcome.suppressed > 0 ? l10n.t('{0}, {1} suppressed', analysed, outcome.suppressed) : analysed;
}

/** A SARIF 2.1.0 log that GitHub code scanning accepts: rules with help links, results with relative locations. */
export function toSarif(results: readonly ScanResult[], cwd: string): object {
  const rules = RULE_IDS.map((id) => {
    const rule = RULES[id];
    const helpUri = `${NOTES_BASE_URL}${rule.note}.md`;
    const description = ruleDescription(id);
    return {
      id,
      name: id.replace(/-([a-z])/g, (_match: string, letter: string) => letter.toUpperCase()),
      shortDescription: { text: ruleTitle(id) },
      fullDescription: { text: description },
      help: { text: l10n.t('{0} See {1}', description, helpUri) },
      helpUri,
      defaultConfiguration: { level: sarifLevel(finalSeverity({ rule: id, severity: rule.severity })) },
      properties: { tags: ['scalability', 'state'] },
    };
  });
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'statecraft', informationUri: 'https://github.com/statecraft-dev/statecraft', rules } },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(cwd.endsWith(path.sep) ? cwd : `${cwd}${path.sep}`).href } },
        columnKind: 'utf16CodeUnits',
        results: results.map(({ file, finding }) => ({
          ruleId: finding.rule,
          ruleIndex: RULE_IDS.indexOf(finding.rule),
          level: sarifLevel(levelOf(finding)),
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
          properties: { title: finding.title, note: finding.note, framework: finding.framework },
        })),
      },
    ],
  };
}
