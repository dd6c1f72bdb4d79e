// Analysis sessions (incremental re-parsing after edits): after any series of edits a session reports exactly what a
// fresh analysis of the same text reports, whether the host describes its edits correctly, wrongly or not at all;
// and every syntax tree a session creates is deleted when it is replaced, when the file is skipped, and on dispose.

import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Parser, Tree } from '@vscode/tree-sitter-wasm';
import { createAnalyzer, editForChange, languageForFile, type Analyzer } from '../../src/core/analyzer/analyzer';
import { editBetween } from '../../src/core/analyzer/incremental';
import type { ContentChange, DocumentEdit } from '../../src/core/analyzer/types';
import { nodeWasmLoader } from './analyzerHelpers';
import { prng } from './helpers/prng';


/** The JS/TS fixtures (test files included, analysed under a server file name so every rule runs). */
function jsFixtures(): Array<{ name: string; text: string }> {
  const root = path.join(__dirname, '..', 'fixtures', 'analyzer');
  const result: Array<{ name: string; text: string }> = [];
  for (const directory of ['javascript', 'typescript']) {
    for (const entry of readdirSync(path.join(root, directory)).sort()) {
      const language = languageForFile(entry);
      if (language === 'javascript' || language === 'typescript' || language === 'tsx') {
        result.push({ name: `src/${entry.replace(/\.(test|spec)\./, '.')}`, text: readFileSync(path.join(root, directory, entry), 'utf8') });
      }
    }
  }
  return result;
}

/** A content change replacing `text[offset, offset + length)` with `inserted`, as VS Code reports it. */
function changeAt(text: string, offset: number, length: number, inserted: string): ContentChange {
  const position = (index: number) => {
    const before = text.slice(0, index);
    const line = before.split('\n').length - 1;
    return { line, character: index - (before.lastIndexOf('\n') + 1) };
  };
  return { rangeOffset: offset, rangeLength: length, text: inserted, range: { start: position(offset), end: position(offset + length) } };
}

function apply(text: string, change: ContentChange): string {
  return text.slice(0, change.rangeOffset) + change.text + text.slice(change.rangeOffset + change.rangeLength);
}

/** Line-level edits an editor makes: delete a line, paste a line from another file, duplicate one, cut one short. */
function randomLineChange(text: string, corpus: readonly string[], random: () => number): ContentChange {
  const lines = text.split('\n');
  const index = Math.floor(random() * lines.length);
  const offset = lines.slice(0, index).reduce((sum, line) => sum + line.length + 1, 0);
  const line = lines[index];
  const otherLines = corpus[Math.floor(random() * corpus.length)].split('\n');
  const pasted = otherLines[Math.floor(random() * otherLines.length)];
  switch (Math.floor(random() * 4)) {
    case 0:
      return changeAt(text, offset, Math.min(line.length + 1, text.length - offset), '');
    case 1:
      return changeAt(text, offset, 0, `${pasted}\n`);
    case 2:
      return changeAt(text, offset, 0, `${line}\n`);
    default: {
      const cut = Math.floor(random() * (line.length + 1));
      return changeAt(text, offset + cut, line.length - cut, '');
    }
  }
}

/** Counts the trees alive: every tree comes from Parser#parse or Tree#copy and goes with Tree#delete. */
class TreeCounter {
  private readonly live = new Set<Tree>();
  /** Parses given an old tree to reuse. */
  incrementalParses = 0;
  private readonly originals: Array<() => void> = [];

  install(): void {
    const live = this.live;
    const counted = (oldTree: unknown) => {
      if (oldTree) this.incrementalParses++;
    };
    const parse = Parser.prototype.parse;
    const copy = Tree.prototype.copy;
    const remove = Tree.prototype.delete;
    Parser.prototype.parse = function (this: Parser, ...args: Parameters<Parser['parse']>) {
      const tree = parse.apply(this, args);
      counted(args[1]);
      if (tree) live.add(tree);
      return tree;
    };
    Tree.prototype.copy = function (this: Tree) {
      const tree = copy.call(this);
      live.add(tree);
      return tree;
    };
    Tree.prototype.delete = function (this: Tree) {
      live.delete(this);
      remove.call(this);
    };
    this.originals.push(() => {
      Parser.prototype.parse = parse;
      Tree.prototype.copy = copy;
      Tree.prototype.delete = remove;
    });
  }

  get count(): number {
    return this.live.size;
  }

  uninstall(): void {
    this.originals.forEach((restore) => restore());
    this.originals.length = 0;
  }
}

describe('editForChange', () => {
  test('converts content changes (insertions, deletions, multi-line text) to tree-sitter edits', () => {
    const text = 'const a = 1;\nconst b = 2;\n';
    assert.deepEqual(editForChange(changeAt(text, 19, 0, 'xy')), {
      startIndex: 19, oldEndIndex: 19, newEndIndex: 21,
      startPosition: { row: 1, column: 6 }, oldEndPosition: { row: 1, column: 6 }, newEndPosition: { row: 1, column: 8 },
    });
    assert.deepEqual(editForChange(changeAt(text, 10, 9, 'q\nr\nst')), {
      startIndex: 10, oldEndIndex: 19, newEndIndex: 16,
      startPosition: { row: 0, column: 10 }, oldEndPosition: { row: 1, column: 6 }, newEndPosition: { row: 2, column: 2 },
    });
  });
});

describe('editBetween', () => {
  test('covers exactly the changed span, with or without (correct or wrong) hints, positions from the texts', () => {
    const random = prng(7);
    const base = jsFixtures()[0].text;
    for (let run = 0; run < 200; run++) {
      let after = base;
      const hints: DocumentEdit[] = [];
      for (let step = 0; step < 1 + Math.floor(random() * 4); step++) {
        const offset = Math.floor(random() * (after.length + 1));
        const change = changeAt(after, offset, Math.floor(random() * Math.min(30, after.length - offset + 1)), ['', 'x', '\n', 'a\r\nb', '😀'][Math.floor(random() * 5)]);
        hints.push(editForChange(change));
        after = apply(after, change);
      }
      const wrong = hints.map((hint) => ({ ...hint, startIndex: Math.max(0, hint.startIndex - 3) }));
      for (const given of [hints, undefined, wrong, [hints[0]]]) {
        const edit = editBetween(base, after, given);
        if (base === after) {
          assert.equal(edit, undefined);
          continue;
        }
        assert.ok(edit);
        assert.equal(base.slice(0, edit.startIndex), after.slice(0, edit.startIndex));
        assert.equal(base.slice(edit.oldEndIndex), after.slice(edit.newEndIndex));
        const point = (text: string, index: number) => {
          const before = text.slice(0, index);
          return { row: before.split('\n').length - 1, column: index - (before.lastIndexOf('\n') + 1) };
        };
        assert.deepEqual(edit.startPosition, point(base, edit.startIndex));
        assert.deepEqual(edit.oldEndPosition, point(base, edit.oldEndIndex));
        assert.deepEqual(edit.newEndPosition, point(after, edit.newEndIndex));
      }
    }
  });
});

describe('analysis sessions', () => {
  let analyzer: Analyzer;
  const fixtures = jsFixtures();
  const corpus = fixtures.map((fixture) => fixture.text);
  const trees = new TreeCounter();

  before(() => {
    analyzer = createAnalyzer(nodeWasmLoader);
    trees.install();
  });
  afterEach(() => assert.equal(trees.count, 0, 'every tree was deleted'));
  after(() => {
    trees.uninstall();
    analyzer.dispose();
  });

  test('after random series of line edits, a session reports what a fresh analysis reports', async () => {
    const random = prng(20260611);
    let findings = 0;
    for (const fixture of fixtures) {
      for (const hints of ['editor', 'none', 'wrong'] as const) {
        const session = analyzer.createSession();
        let text = fixture.text;
        assert.deepEqual(await session.analyze(text, fixture.name), await analyzer.analyze(text, fixture.name));
        for (let step = 0; step < 12; step++) {
          // One to three changes per analysis, as when several keystrokes fall in one debounce interval.
          const edits: DocumentEdit[] = [];
          for (let change = 0; change < 1 + Math.floor(random() * 3); change++) {
            const next = randomLineChange(text, corpus, random);
            edits.push(editForChange(next));
            text = apply(text, next);
          }
          const given = hints === 'editor' ? edits : hints === 'wrong' ? edits.map((edit) => ({ ...edit, oldEndIndex: edit.oldEndIndex + 1 })) : undefined;
          const incremental = await session.analyze(text, fixture.name, { edits: given });
          const fresh = await analyzer.analyze(text, fixture.name);
          assert.deepEqual(incremental, fresh, `${fixture.name}, ${hints} hints, step ${step}`);
          findings += fresh.findings.length + fresh.suppressed.length;
        }
        session.dispose();
      }
    }
    assert.ok(findings > 100, `the edited files still produce findings (${findings})`);
  });

  test('typing a statement character by character, then deleting it, matches fresh analyses at every step', async () => {
    for (const fixture of fixtures.filter((candidate) => /express|hand-rolled|socketio/.test(candidate.name))) {
      const session = analyzer.createSession();
      let text = fixture.text;
      await session.analyze(text, fixture.name);
      const at = text.indexOf('\n', Math.floor(text.length / 2)) + 1;
      const typed = "app.post('/login', (req, res) => { sessions.set(req.sessionID, { user: req.body.user }); });\n";
      for (let index = 0; index < typed.length; index++) {
        const change = changeAt(text, at + index, 0, typed[index]);
        text = apply(text, change);
        assert.deepEqual(await session.analyze(text, fixture.name, { edits: [editForChange(change)] }), await analyzer.analyze(text, fixture.name), `${fixture.name} typed ${index + 1}`);
      }
      for (let index = typed.length - 1; index >= 0; index--) {
        const change = changeAt(text, at + index, 1, '');
        text = apply(text, change);
        assert.deepEqual(await session.analyze(text, fixture.name, { edits: [editForChange(change)] }), await analyzer.analyze(text, fixture.name), `${fixture.name} deleted to ${index}`);
      }
      assert.equal(text, fixture.text);
      session.dispose();
    }
  });

  test('keeps one tree per session, replaces it on each analysis and deletes it on dispose', async () => {
    const [first, second] = fixtures.filter((fixture) => fixture.name.endsWith('express-memory-store.js') || fixture.name.endsWith('hand-rolled-sessions.js'));
    const a = analyzer.createSession();
    const b = analyzer.createSession();
    await a.analyze(first.text, first.name);
    await b.analyze(second.text, second.name);
    assert.equal(trees.count, 2);
    assert.ok(a.hasTree && b.hasTree);
    const incremental = trees.incrementalParses;
    for (let step = 0; step < 5; step++) {
      await a.analyze(`${first.text}\n// ${step}\n`, first.name);
      assert.equal(trees.count, 2);
    }
    assert.equal(trees.incrementalParses, incremental + 5, 'each edit re-parsed incrementally');
    // Unchanged text: the tree is reused without a parse.
    await a.analyze(`${first.text}\n// 4\n`, first.name);
    assert.equal(trees.count, 2);
    a.dispose();
    assert.equal(trees.count, 1);
    assert.equal(a.hasTree, false);
    // A disposed session still analyses, keeping nothing.
    assert.deepEqual(await a.analyze(first.text, first.name), await analyzer.analyze(first.text, first.name));
    assert.equal(trees.count, 1);
    b.dispose();
  });

  test('drops its tree when a file is skipped, its language changes or a parse is cancelled', async () => {
    const fixture = fixtures.find((candidate) => candidate.name.endsWith('express-memory-store.js'))!;
    const session = analyzer.createSession();
    await session.analyze(fixture.text, fixture.name);
    assert.ok(session.hasTree);
    // Nothing a detector looks for: not parsed, and the tree would go stale.
    assert.deepEqual(await session.analyze('const x = 1;\n', fixture.name), { findings: [], suppressed: [] });
    assert.equal(session.hasTree, false);
    assert.equal(trees.count, 0);
    await session.analyze(fixture.text, fixture.name);
    assert.equal((await session.analyze(fixture.text, 'src/server.test.js')).skipReason, 'test-file');
    assert.equal(trees.count, 0);
    await session.analyze(fixture.text, fixture.name);
    const asTypeScript = await session.analyze(fixture.text, 'src/server.ts');
    assert.deepEqual(asTypeScript, await analyzer.analyze(fixture.text, 'src/server.ts'));
    assert.equal(trees.count, 1);
    // Cancelled during the parse: the edited old tree is deleted, and the next analysis starts afresh.
    const edited = `${fixture.text}\nconst later = 1;\n`;
    let polls = 0;
    const cancelled = await session.analyze(edited, 'src/server.ts', { isCancelled: () => ++polls > 1 });
    assert.equal(cancelled.skipReason, 'cancelled');
    assert.equal(trees.count, session.hasTree ? 1 : 0);
    assert.deepEqual(await session.analyze(edited, 'src/server.ts'), await analyzer.analyze(edited, 'src/server.ts'));
    session.dispose();
  });

  test('analyses started together run one after the other, each on its own text', async () => {
    const fixture = fixtures.find((candidate) => candidate.name.endsWith('hand-rolled-sessions.js'))!;
    const session = analyzer.createSession();
    const texts = [fixture.text, `${fixture.text}\n// a\n`, fixture.text.replace('new Map()', 'new Set()'), `// b\n${fixture.text}`];
    const results = await Promise.all(texts.map((text) => session.analyze(text, fixture.name)));
    for (const [index, text] of texts.entries()) {
      assert.deepEqual(results[index], await analyzer.analyze(text, fixture.name));
    }
    session.dispose();
  });

  test("disposing the analyzer deletes every session's tree", async () => {
    const own = createAnalyzer(nodeWasmLoader);
    const fixture = fixtures.find((candidate) => candidate.name.endsWith('express-memory-store.js'))!;
    const sessions = [own.createSession(), own.createSession()];
    for (const session of sessions) await session.analyze(fixture.text, fixture.name);
    assert.equal(trees.count, 2);
    own.dispose();
    assert.equal(trees.count, 0);
    assert.ok(sessions.every((session) => !session.hasTree));
  });
});
