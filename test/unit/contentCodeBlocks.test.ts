// Every code sample in the bundled notes names its language and, where the project has a parser for it, parses:
// JS/TS/Python/Java/Go/C#/PHP/Ruby with the analyzer's tree-sitter grammars, YAML with `yaml`, JSON with JSON.parse.
// A sample that stopped compiling (or never did) fails here with the note, the line and what the parser found.

import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { displayPathFrom, readMarkdownFiles } from '../../src/cli/contentFolder';
import { ParserHost } from '../../src/core/analyzer/parserHost';
import { CODE_BLOCK_LANGUAGES, codeBlockCheck, codeBlockLanguageProblems, findCodeBlockSyntaxError } from '../../src/core/notes/codeBlocks';
import { analyzeMarkdown, type MarkdownCodeBlock } from '../../src/core/notes/markdownStructure';
import { loadNoteCollection } from '../../src/core/notes/noteLoader';
import { nodeWasmLoader } from './analyzerHelpers';

const REPO = path.resolve(__dirname, '..', '..');
const host = new ParserHost(nodeWasmLoader);
after(() => host.dispose());

function block(language: string, content: string): MarkdownCodeBlock {
  return { language, content, line: 0, fenced: true };
}

test('the fence-language table: grammar languages, data formats, and the languages listed as not parsed', () => {
  assert.deepEqual(codeBlockCheck('ts'), { kind: 'grammar', language: 'typescript' });
  assert.deepEqual(codeBlockCheck('csharp'), { kind: 'grammar', language: 'csharp' });
  assert.deepEqual(codeBlockCheck('yaml'), { kind: 'yaml' });
  for (const language of ['text', 'shell', 'nginx', 'haproxy', 'ini', 'properties', 'dotenv', 'xml', 'statecraft-sim']) {
    assert.deepEqual(codeBlockCheck(language), { kind: 'not-parsed' }, language);
  }
  assert.equal(codeBlockCheck('cobol'), undefined);
  assert.equal(codeBlockCheck('toString'), undefined, 'no Object.prototype keys');
  const grammars = new Set(Object.values(CODE_BLOCK_LANGUAGES).flatMap((check) => (check.kind === 'grammar' ? [check.language] : [])));
  assert.deepEqual([...grammars].sort(), ['csharp', 'go', 'java', 'javascript', 'php', 'python', 'ruby', 'tsx', 'typescript']);
});

test('codeBlockLanguageProblems: a fence without a language, an unknown language and an indented block are reported', () => {
  const { codeBlocks } = analyzeMarkdown('Text\n\n```\nplain\n```\n\n```cobol\nMOVE A TO B.\n```\n\n    indented\n\n```ts\nconst a = 1;\n```\n');
  const problems = codeBlockLanguageProblems(codeBlocks);
  assert.deepEqual(problems.map((problem) => problem.line), [2, 6, 10]);
  assert.match(problems[0].detail, /without a language/);
  assert.match(problems[1].detail, /unknown code block language "cobol"/);
  assert.match(problems[2].detail, /indented code block/);
});

test('findCodeBlockSyntaxError: reports the first error per language, and nothing for valid code', async () => {
  assert.equal(await findCodeBlockSyntaxError(block('ts', 'const a: number = 1;\n'), host), undefined);
  const cases: [string, string, number][] = [
    ['ts', 'const a = 1;\nconst b = (;\n', 1],
    ['python', 'def f(:\n    pass\n', 0],
    ['java', 'class A {\n  void f() { int x = ; }\n}\n', 1],
    ['go', 'package main\nfunc main() {\n  x := \n}\n', 2],
    ['csharp', 'var x = ;\n', 0],
    ['php', '<?php\n$a = ;\n', 1],
    ['ruby', 'def f(\n', 1],
    ['yaml', 'a: [1, 2\nb: 3\n', 1],
    ['json', '{ "a": }', 0],
  ];
  for (const [language, content, line] of cases) {
    const error = await findCodeBlockSyntaxError(block(language, content), host);
    assert.ok(error, `${language}: a syntax error is found in ${JSON.stringify(content)}`);
    assert.ok(Math.abs(error.line - line) <= 1, `${language}: error near line ${line}, got ${error.line} (${error.message})`);
  }
  assert.equal(await findCodeBlockSyntaxError(block('text', 'anything ( goes'), host), undefined, 'not-parsed languages are left alone');
});

test('every code block in content/ names its language and parses with the project\'s parsers', async () => {
  const files = await readMarkdownFiles(path.join(REPO, 'content'), { displayPath: displayPathFrom(REPO) });
  const collection = loadNoteCollection(files, 'bundled');
  const failures: string[] = [];
  let parsed = 0;
  for (const note of collection.notes) {
    const { codeBlocks } = analyzeMarkdown(note.body);
    const fileLine = (bodyLine: number) => (note.bodyStartLine ?? 0) + bodyLine + 1;
    for (const problem of codeBlockLanguageProblems(codeBlocks)) failures.push(`${note.sourcePath}:${fileLine(problem.line)}: ${problem.detail}`);
    for (const codeBlock of codeBlocks) {
      const check = codeBlockCheck(codeBlock.language);
      if (!check || check.kind === 'not-parsed') continue;
      parsed += 1;
      const error = await findCodeBlockSyntaxError(codeBlock, host);
      if (error) {
        // +1 for the opening fence line, +1 to make it 1-based.
        failures.push(`${note.sourcePath}:${fileLine(codeBlock.line + 1 + error.line)}:${error.column + 1}: ${codeBlock.language} block does not parse: ${error.message}`);
      }
    }
  }
  assert.deepEqual(failures, [], `${failures.length} code block problem(s):\n${failures.join('\n')}`);
  assert.ok(parsed >= 20, `the check parsed ${parsed} blocks: the bundled notes have more`);
});
