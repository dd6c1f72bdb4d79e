// The SARIF log for code scanning (core/ci/sarif.ts): valid against the official 2.1.0 schema, fingerprints in
// partialFingerprints, automationDetails, help links to headings that exist in the bundled notes, tags within
// GitHub's limits, and the result cap that keeps an upload from being rejected.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { RULE_IDS, ruleHelpUri, NOTES_BASE_URL } from '../../src/core/analyzer/rules';
import type { Finding } from '../../src/core/analyzer/types';
import { FINGERPRINT_KEY } from '../../src/core/ci/fingerprint';
import { buildSarifReport, type ReportedFinding } from '../../src/core/ci/sarif';
import { analyzeMarkdown } from '../../src/core/notes/markdownStructure';
import { splitFrontMatter } from '../../src/core/notes/frontMatter';

const schema = JSON.parse(readFileSync(path.join(__dirname, '..', 'fixtures', 'sarif', 'sarif-schema-2.1.0.json'), 'utf8'));
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
const validate = ajv.compile(schema);

function finding(line: number, severity: Finding['severity'] = 'warning'): Finding {
  return {
    rule: severity === 'warning' ? 'session-store-in-memory' : 'socketio-no-adapter',
    severity,
    message: `finding on line ${line + 1}`,
    title: 'title',
    range: { start: { line, character: 2 }, end: { line, character: 9 } },
    note: 'externalize-sessions-node#express',
    framework: 'express-session',
  };
}

const options = { srcRootUri: 'file:///work/project/', category: 'statecraft', version: '1.2.3' };

interface SarifRun {
  automationDetails: { id: string };
  tool: { driver: { semanticVersion: string; rules: Array<{ id: string; helpUri: string; properties: { tags: string[] } }> } };
  results: Array<{ message: { text: string }; level: string; partialFingerprints: Record<string, string> }>;
}

describe('buildSarifReport', () => {
  test('is valid SARIF 2.1.0 with fingerprints, automation details, version and tags', () => {
    const results: ReportedFinding[] = [
      { file: 'src/app.js', finding: finding(3), fingerprint: 'aaaaaaaaaaaaaaaa:1' },
      { file: 'my dir/io.js', finding: finding(0, 'information'), fingerprint: 'bbbbbbbbbbbbbbbb:1' },
    ];
    const { log, dropped } = buildSarifReport(results, { ...options, category: 'statecraft/shard-2-of-3' });
    assert.equal(dropped, 0);
    assert.equal(validate(log), true, JSON.stringify(validate.errors, null, 2));
    const run = (log as { runs: SarifRun[] }).runs[0];
    assert.equal(run.automationDetails.id, 'statecraft/shard-2-of-3/');
    assert.equal(run.tool.driver.semanticVersion, '1.2.3');
    assert.deepEqual(run.results.map((result) => [result.level, result.partialFingerprints]), [
      ['warning', { [FINGERPRINT_KEY]: 'aaaaaaaaaaaaaaaa:1' }],
      ['note', { [FINGERPRINT_KEY]: 'bbbbbbbbbbbbbbbb:1' }],
    ]);
    for (const rule of run.tool.driver.rules) {
      assert.ok(rule.properties.tags.length > 0 && rule.properties.tags.length <= 10, `${rule.id} tags: ${rule.properties.tags.join(', ')}`);
      assert.ok(rule.properties.tags.includes('scalability'));
    }
  });

  test('keeps at most maxResults, dropping the lowest levels first and keeping file order', () => {
    const results: ReportedFinding[] = [0, 1, 2, 3, 4].map((line) => ({ file: 'a.js', finding: finding(line, line % 2 === 0 ? 'information' : 'warning'), fingerprint: `${line}` }));
    const { log, dropped } = buildSarifReport(results, { ...options, maxResults: 3 });
    assert.equal(dropped, 2);
    const run = (log as { runs: SarifRun[] }).runs[0];
    assert.deepEqual(run.results.map((result) => [result.message.text, result.level]), [
      ['finding on line 1', 'note'],
      ['finding on line 2', 'warning'],
      ['finding on line 4', 'warning'],
    ]);
  });
});

describe('rule help links', () => {
  test('every rule links to a heading that exists in its bundled note', () => {
    for (const id of RULE_IDS) {
      const uri = ruleHelpUri(id);
      assert.ok(uri.startsWith(NOTES_BASE_URL), uri);
      const [file, anchor] = uri.slice(NOTES_BASE_URL.length).split('#');
      const text = readFileSync(path.join(__dirname, '..', '..', 'content', file), 'utf8');
      const split = splitFrontMatter(text);
      assert.ok(split.ok, `content/${file} has no front matter`);
      const slugs = analyzeMarkdown(split.frontMatter.body).headings.map((heading) => heading.slug);
      assert.ok(slugs.includes(anchor), `${id}: no heading "#${anchor}" in content/${file} (headings: ${slugs.join(', ')})`);
    }
  });
});
