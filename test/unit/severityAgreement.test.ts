// CLI and editor agree on severity: for every rule, and every severity a detector may give a finding of it, the
// level `statecraft scan` prints in text, JSON and SARIF is the level the editor's diagnostic gets with the default
// settings. Both go through core/analyzer/severity.ts; this test holds the two faces to it.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Analyzer } from '../../src/core/analyzer/analyzer';
import { RULE_IDS, RULES } from '../../src/core/analyzer/rules';
import { finalSeverity, sarifLevel, type SeveritySetting } from '../../src/core/analyzer/severity';
import type { Finding, FindingSeverity, RuleId } from '../../src/core/analyzer/types';
import { runScanCommand } from '../../src/cli/scanCommand';
import { diagnosticLevel } from '../../src/vscode/hints/diagnosticLevel';
import { defaultSettings } from '../../src/vscode/settingDefaults';

const SEVERITIES: readonly FindingSeverity[] = ['warning', 'information', 'hint'];

/** Every (rule, severity) pair, one per file: f0.js, f1.js, ... */
const cases: Array<{ file: string; rule: RuleId; severity: FindingSeverity }> = RULE_IDS.flatMap((rule) => SEVERITIES.map((severity) => ({ rule, severity })))
  .map((entry, index) => ({ file: `f${index}.js`, ...entry }));

function findingFor(rule: RuleId, severity: FindingSeverity): Finding {
  const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
  return { rule, severity, message: `message of ${rule}`, title: rule, range, note: RULES[rule].note, framework: 'test' };
}

/** An analyzer that reports, for fN.js, the finding of case N: the CLI's own formatting is what is under test. */
const fakeAnalyzer: Analyzer = {
  analyze: async (_text, fileName) => {
    const entry = cases.find((candidate) => fileName.endsWith(candidate.file));
    return { findings: entry ? [findingFor(entry.rule, entry.severity)] : [], suppressed: [] };
  },
  createSession: () => {
    throw new Error('not used by the CLI');
  },
  languageForFile: () => 'javascript',
  dispose: () => undefined,
};

async function scan(directory: string, format: string): Promise<string> {
  let stdout = '';
  await runScanCommand(['--format', format, '.'], { stdout: (text) => (stdout += text), stderr: () => undefined, cwd: directory }, () => fakeAnalyzer);
  return stdout;
}

describe('severity: CLI and editor agree', () => {
  test('for every rule and severity, text, JSON and SARIF print the level the editor shows by default', async () => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'statecraft-severity-'));
    try {
      for (const entry of cases) fs.writeFileSync(path.join(directory, entry.file), '// x\n');
      const json = JSON.parse(await scan(directory, 'json')) as Array<{ file: string; severity: string }>;
      const sarif = JSON.parse(await scan(directory, 'sarif')) as { runs: Array<{ results: Array<{ level: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }> }> };
      const text = await scan(directory, 'text');
      assert.equal(json.length, cases.length);
      for (const entry of cases) {
        const editor = diagnosticLevel(findingFor(entry.rule, entry.severity), defaultSettings);
        assert.ok(editor, `${entry.rule}/${entry.severity} has a diagnostic by default`);
        assert.equal(json.find((result) => result.file === entry.file)?.severity, editor, `JSON ${entry.rule}/${entry.severity}`);
        const sarifResult = sarif.runs[0].results.find((result) => result.locations[0].physicalLocation.artifactLocation.uri === entry.file);
        assert.equal(sarifResult?.level, sarifLevel(editor), `SARIF ${entry.rule}/${entry.severity}`);
        assert.match(text, new RegExp(`^${entry.file.replace('.', '\\.')}:1:1: ${editor} \\[${entry.rule}\\]`, 'm'), `text ${entry.rule}/${entry.severity}`);
      }
    } finally {
      fs.rmSync(directory, { recursive: true, force: true });
    }
  });

  test('by default a finding keeps its own severity: the rule default or the detector’s refinement', () => {
    assert.equal(defaultSettings.hintsSeverity, 'default');
    for (const rule of RULE_IDS) {
      assert.equal(finalSeverity({ rule, severity: RULES[rule].severity }), RULES[rule].severity, rule);
      assert.equal(diagnosticLevel({ rule, severity: 'warning' }, defaultSettings), 'warning', rule);
    }
  });

  test('a level set by the user applies to every rule, local-disk sessions one level lower, and off turns diagnostics off', () => {
    const expected: Record<Exclude<SeveritySetting, 'default' | 'off'>, [string, string]> = {
      error: ['error', 'warning'],
      warning: ['warning', 'information'],
      information: ['information', 'hint'],
      hint: ['hint', 'hint'],
    };
    for (const [setting, [level, localDisk]] of Object.entries(expected) as Array<[keyof typeof expected, [string, string]]>) {
      for (const rule of RULE_IDS) {
        const got = diagnosticLevel({ rule, severity: 'information' }, { hintsSeverity: setting });
        assert.equal(got, rule === 'session-store-local-disk' ? localDisk : level, `${rule} under ${setting}`);
      }
    }
    for (const rule of RULE_IDS) assert.equal(diagnosticLevel({ rule, severity: 'warning' }, { hintsSeverity: 'off' }), undefined);
  });
});
