import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AuditResults } from '../../src/core/audit/auditResults';
import type { Finding, RuleId } from '../../src/core/analyzer/types';

function finding(rule: RuleId, line: number): Finding {
  return {
    rule, severity: 'warning', message: `${rule} at ${line}`, title: rule, note: 'externalize-sessions-node', framework: 'express',
    range: { start: { line, character: 0 }, end: { line, character: 5 } },
  };
}

describe('AuditResults', () => {
  test('groups rule → file → finding with counts, most findings first, files by path, findings by line', () => {
    const results = new AuditResults();
    results.set('file:///w/b.js', 'b.js', [finding('in-memory-session-map', 9), finding('session-store-in-memory', 2), finding('in-memory-session-map', 4)]);
    results.set('file:///w/a.js', 'a.js', [finding('in-memory-session-map', 1)]);
    const groups = results.byRule();
    assert.deepEqual(groups.map((group) => [group.rule, group.count]), [['in-memory-session-map', 3], ['session-store-in-memory', 1]]);
    assert.deepEqual(groups[0].files.map((file) => [file.relative, file.findings.map((f) => f.range.start.line)]), [['a.js', [1]], ['b.js', [4, 9]]]);
    assert.equal(results.count, 4);
    assert.deepEqual(results.asScanResults().map((result) => `${result.file}:${result.finding.range.start.line}`), ['a.js:1', 'b.js:2', 'b.js:4', 'b.js:9']);
  });

  test('a re-analysed file replaces its findings; a fixed, deleted or folder-deleted file leaves the results', () => {
    const results = new AuditResults();
    assert.equal(results.set('file:///w/src/a.js', 'src/a.js', [finding('in-memory-session-map', 1)]), true);
    assert.equal(results.set('file:///w/src/a.js', 'src/a.js', [finding('in-memory-session-map', 1)]), false, 'same findings: no change');
    assert.equal(results.set('file:///w/src/b.js', 'src/b.js', [finding('session-store-in-memory', 3)]), true);
    assert.equal(results.set('file:///w/src/a.js', 'src/a.js', []), true, 'fixed');
    assert.equal(results.get('file:///w/src/a.js'), undefined);
    assert.equal(results.deleteUnder('file:///w/src'), true);
    assert.equal(results.count, 0);
    assert.equal(results.delete('file:///w/src/b.js'), false);
  });
});
