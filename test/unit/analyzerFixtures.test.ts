// Fixture harness: runs the analyzer over every language folder in test/fixtures/analyzer and scores the findings
// against `expect-finding: <rule-id>` markers (a comment on the line where the finding's range starts; a file without
// markers must produce no findings). Prints precision and recall per language and fails below 0.95 / 0.90.
// Files are analysed under their path relative to the language folder, so `__tests__/x.test.js` counts as a test.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { createAnalyzer, type Analyzer } from '../../src/core/analyzer/analyzer';
import type { Finding } from '../../src/core/analyzer/types';
import { nodeWasmLoader } from './analyzerHelpers';
import { slugify } from '../../src/core/slug';

const FIXTURE_ROOT = path.join(__dirname, '..', 'fixtures', 'analyzer');
const MIN_PRECISION = 0.95;
const MIN_RECALL = 0.9;
const MARKER = /expect-finding:\s*([a-z0-9-]+)/g;

interface Score {
  language: string;
  files: number;
  expected: number;
  truePositives: number;
  falsePositives: string[];
  falseNegatives: string[];
  findings: Array<{ file: string; finding: Finding }>;
}

function listFiles(directory: string): string[] {
  const files: string[] = [];
  const pending = [directory];
  while (pending.length > 0) {
    const current = pending.pop()!;
    for (const entry of readdirSync(current)) {
      const full = path.join(current, entry);
      if (statSync(full).isDirectory()) {
        pending.push(full);
      } else {
        files.push(full);
      }
    }
  }
  return files.sort();
}

/** `line:rule` keys (1-based lines) of the markers in a fixture. */
function expectedMarkers(text: string): string[] {
  const keys: string[] = [];
  text.split('\n').forEach((line, index) => {
    for (const match of line.matchAll(MARKER)) {
      keys.push(`${index + 1}:${match[1]}`);
    }
  });
  return keys;
}

async function score(analyzer: Analyzer, language: string): Promise<Score> {
  const directory = path.join(FIXTURE_ROOT, language);
  const result: Score = { language, files: 0, expected: 0, truePositives: 0, falsePositives: [], falseNegatives: [], findings: [] };
  for (const file of listFiles(directory)) {
    const relative = path.relative(directory, file).split(path.sep).join('/');
    const text = readFileSync(file, 'utf8');
    const expected = expectedMarkers(text);
    result.files++;
    result.expected += expected.length;
    const analysis = await analyzer.analyze(text, relative);
    const remaining = new Map<string, number>();
    for (const key of expected) {
      remaining.set(key, (remaining.get(key) ?? 0) + 1);
    }
    for (const finding of analysis.findings) {
      result.findings.push({ file: relative, finding });
      const key = `${finding.range.start.line + 1}:${finding.rule}`;
      const left = remaining.get(key) ?? 0;
      if (left > 0) {
        remaining.set(key, left - 1);
        result.truePositives++;
      } else {
        result.falsePositives.push(`${relative}:${key}`);
      }
    }
    for (const [key, left] of remaining) {
      for (let index = 0; index < left; index++) {
        result.falseNegatives.push(`${relative}:${key}`);
      }
    }
  }
  return result;
}

const precisionOf = (s: Score) => (s.truePositives + s.falsePositives.length === 0 ? 1 : s.truePositives / (s.truePositives + s.falsePositives.length));
const recallOf = (s: Score) => (s.expected === 0 ? 1 : s.truePositives / s.expected);

const languages = readdirSync(FIXTURE_ROOT)
  .filter((entry) => statSync(path.join(FIXTURE_ROOT, entry)).isDirectory())
  .sort();
const scores = new Map<string, Score>();
let analyzer: Analyzer;

describe('analyzer fixtures', () => {
  before(async () => {
    analyzer = createAnalyzer(nodeWasmLoader);
    for (const language of languages) {
      scores.set(language, await score(analyzer, language));
    }
    const rows = [...scores.values()].map((s) => ({
      language: s.language,
      files: s.files,
      expected: s.expected,
      found: s.truePositives + s.falsePositives.length,
      tp: s.truePositives,
      fp: s.falsePositives.length,
      fn: s.falseNegatives.length,
      precision: precisionOf(s).toFixed(3),
      recall: recallOf(s).toFixed(3),
    }));
    console.log('\nAnalyzer fixture scores');
    console.table(rows);
    for (const s of scores.values()) {
      for (const miss of s.falsePositives) {
        console.log(`  false positive: ${s.language}/${miss}`);
      }
      for (const miss of s.falseNegatives) {
        console.log(`  false negative: ${s.language}/${miss}`);
      }
    }
  });

  after(() => analyzer.dispose());

  for (const language of languages) {
    test(`${language}: precision >= ${MIN_PRECISION} and recall >= ${MIN_RECALL}`, () => {
      const s = scores.get(language)!;
      assert.ok(s.files > 0, `no fixture files in ${language}`);
      assert.ok(precisionOf(s) >= MIN_PRECISION, `${language} precision ${precisionOf(s).toFixed(3)}; false positives: ${s.falsePositives.join(', ')}`);
      assert.ok(recallOf(s) >= MIN_RECALL, `${language} recall ${recallOf(s).toFixed(3)}; missed: ${s.falseNegatives.join(', ')}`);
    });
  }

  test('JS/TS and Python fixtures meet the minimum corpus size (12 JS/TS files, 8 Python files)', () => {
    const jsFiles = (scores.get('javascript')?.files ?? 0) + (scores.get('typescript')?.files ?? 0);
    assert.ok(jsFiles >= 12, `only ${jsFiles} JS/TS fixtures`);
    assert.ok((scores.get('python')?.files ?? 0) >= 8, 'fewer than 8 Python fixtures');
  });

  test('every finding links to a note and heading that exist in content/, and carries a title and framework', () => {
    const contentRoot = path.join(__dirname, '..', '..', 'content');
    const headingsOf = (note: string): Set<string> =>
      new Set(
        readFileSync(path.join(contentRoot, `${note}.md`), 'utf8')
          .split('\n')
          .filter((line) => /^#{2,6}\s/.test(line))
          .map((line) => slugify(line.replace(/^#+\s*/, ''))),
      );
    for (const [language, score] of scores) {
      for (const { file, finding } of score.findings) {
        const [note, section] = finding.note.split('#');
        assert.ok(existsSync(path.join(contentRoot, `${note}.md`)), `${language}/${file}: no note ${note}`);
        if (section !== undefined) {
          assert.ok(headingsOf(note!).has(section), `${language}/${file}: note ${note} has no section #${section}`);
        }
        assert.ok(finding.title.length > 0 && finding.title.length <= 70, `${language}/${file}: title "${finding.title}"`);
        assert.ok(finding.framework.length > 0, `${language}/${file}: empty framework`);
      }
    }
  });
});
