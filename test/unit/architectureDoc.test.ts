// docs/architecture.md says where each decision lives; this keeps it true of the tree. Every backticked path under
// `src/` it names (a glob such as `src/core/**` names its folder) and every backticked `.ts` file name in its tables
// must exist, so a rename or a move that forgets the document fails here instead of misleading the next reader.

import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';

const ROOT = path.join(__dirname, '..', '..');
const DOC = path.join(ROOT, 'docs', 'architecture.md');

/** The backticked `src/...` paths of a Markdown text, globs cut back to their folder (`src/core/**` → `src/core`). */
function srcPathsOf(markdown: string): string[] {
  const paths = new Set<string>();
  for (const match of markdown.matchAll(/`(src\/[^`\s]*)`/g)) {
    const cut = match[1].replace(/\/\*\*.*$/, '').replace(/\/$/, '');
    paths.add(cut);
  }
  return [...paths].sort();
}

test('architecture doc: the path extractor reads backticked src paths and cuts globs', () => {
  assert.deepEqual(srcPathsOf('see `src/core/**` and `src/cli/scanArgs.ts`, not `npm test` or src/plain'), ['src/cli/scanArgs.ts', 'src/core']);
});

test('architecture doc: every src path it names exists', () => {
  const paths = srcPathsOf(readFileSync(DOC, 'utf8'));
  assert.ok(paths.length >= 30, `only ${paths.length} paths found: the extractor no longer reads the document`);
  assert.deepEqual(paths.filter((relative) => !existsSync(path.join(ROOT, relative))), []);
});
