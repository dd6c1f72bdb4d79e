// Code samples in notes: every fenced block declares its language, and the languages we have a parser for are
// parsed, so a sample that no longer compiles is caught before a reader copies it. One table says which fence
// languages exist and how each is checked; the validator reports unknown or missing languages, and
// `findCodeBlockSyntaxError` parses a block (the unit tier runs it over every bundled note).

import * as l10n from '@vscode/l10n';
import { parseDocument } from 'yaml';
import type { ParserHost } from '../analyzer/parserHost';
import type { AnalyzerLanguage } from '../analyzer/types';
import type { MarkdownCodeBlock } from './markdownStructure';

/** How a fence language is checked: by a tree-sitter grammar of the analyzer, by a data parser, or not at all. */
export type CodeBlockCheck =
  | { readonly kind: 'grammar'; readonly language: AnalyzerLanguage }
  | { readonly kind: 'yaml' }
  | { readonly kind: 'json' }
  | { readonly kind: 'not-parsed' };

const grammar = (language: AnalyzerLanguage): CodeBlockCheck => ({ kind: 'grammar', language });
const NOT_PARSED: CodeBlockCheck = { kind: 'not-parsed' };

/**
 * Every fence language a note may use. The analyzer's grammars (the ones VS Code ships) cover JS/TS, Python, Java,
 * Go, C#, PHP and Ruby; YAML and JSON are parsed as data. The rest have no grammar in the project and are listed
 * here on purpose, so "not parsed" is a decision, not an accident: shell sessions, server and proxy configuration
 * formats, diagrams and plain text, and `statecraft-sim` (simulation blocks, validated by the simulation code).
 */
export const CODE_BLOCK_LANGUAGES: Readonly<Record<string, CodeBlockCheck>> = {
  javascript: grammar('javascript'),
  js: grammar('javascript'),
  jsx: grammar('javascript'),
  typescript: grammar('typescript'),
  ts: grammar('typescript'),
  tsx: grammar('tsx'),
  python: grammar('python'),
  py: grammar('python'),
  java: grammar('java'),
  go: grammar('go'),
  csharp: grammar('csharp'),
  cs: grammar('csharp'),
  php: grammar('php'),
  ruby: grammar('ruby'),
  rb: grammar('ruby'),
  yaml: { kind: 'yaml' },
  yml: { kind: 'yaml' },
  json: { kind: 'json' },
  text: NOT_PARSED,
  shell: NOT_PARSED,
  sh: NOT_PARSED,
  bash: NOT_PARSED,
  console: NOT_PARSED,
  nginx: NOT_PARSED,
  haproxy: NOT_PARSED,
  apache: NOT_PARSED,
  hcl: NOT_PARSED,
  terraform: NOT_PARSED,
  dockerfile: NOT_PARSED,
  sql: NOT_PARSED,
  ini: NOT_PARSED,
  toml: NOT_PARSED,
  properties: NOT_PARSED,
  dotenv: NOT_PARSED,
  xml: NOT_PARSED,
  'statecraft-sim': NOT_PARSED,
};

/** How a block of `language` is checked, or undefined for a language the table does not know. */
export function codeBlockCheck(language: string): CodeBlockCheck | undefined {
  return Object.prototype.hasOwnProperty.call(CODE_BLOCK_LANGUAGES, language) ? CODE_BLOCK_LANGUAGES[language] : undefined;
}

/** A problem with one code block, at a 0-based body line. */
export interface CodeBlockProblem {
  readonly line: number;
  readonly detail: string;
}

/** Blocks that declare no language, or one the table does not know. */
export function codeBlockLanguageProblems(blocks: readonly MarkdownCodeBlock[]): CodeBlockProblem[] {
  return blocks.flatMap((block): CodeBlockProblem[] => {
    if (!block.fenced) {
      return [{ line: block.line, detail: l10n.t('indented code block: use a fenced block (```) that names its language, such as ```ts or ```text') }];
    }
    if (block.language === '') {
      return [{ line: block.line, detail: l10n.t('code block without a language: name it after the opening fence, such as ```ts, ```yaml or ```text') }];
    }
    if (!codeBlockCheck(block.language)) {
      const known = Object.keys(CODE_BLOCK_LANGUAGES).join(', ');
      return [{ line: block.line, detail: l10n.t({ message: 'unknown code block language "{0}"; known: {1}', args: [block.language, known], comment: ['{0} is the language named after a code fence, {1} lists the known ones (not translated)'] }) }];
    }
    return [];
  });
}

/** Where a block fails to parse: 0-based line and column within the block, and what was found. */
export interface CodeBlockSyntaxError {
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

interface SyntaxNode {
  readonly type: string;
  readonly isError: boolean;
  readonly isMissing: boolean;
  readonly hasError: boolean;
  readonly startPosition: { row: number; column: number };
  readonly children: readonly (SyntaxNode | null)[];
}

/** The first ERROR or MISSING node in document order, descending only into subtrees that contain one. */
function firstErrorNode(node: SyntaxNode): SyntaxNode | undefined {
  if (node.isError || node.isMissing) return node;
  if (!node.hasError) return undefined;
  for (const child of node.children) {
    const found = child ? firstErrorNode(child) : undefined;
    if (found) return found;
  }
  return undefined;
}

/**
 * Parses one block with the checker its language names: undefined when it parses (or is not parsed), else the
 * first error. Grammar languages need `host` (the analyzer's parser host, which loads the grammar on first use).
 */
export async function findCodeBlockSyntaxError(block: MarkdownCodeBlock, host: ParserHost): Promise<CodeBlockSyntaxError | undefined> {
  const check = codeBlockCheck(block.language);
  if (!check || check.kind === 'not-parsed') return undefined;
  if (check.kind === 'yaml') {
    const doc = parseDocument(block.content, { prettyErrors: true });
    const error = doc.errors[0];
    if (!error) return undefined;
    const position = error.linePos?.[0];
    return { line: (position?.line ?? 1) - 1, column: (position?.col ?? 1) - 1, message: error.message.split('\n')[0] };
  }
  if (check.kind === 'json') {
    try {
      JSON.parse(block.content);
      return undefined;
    } catch (error) {
      return { line: 0, column: 0, message: (error as Error).message };
    }
  }
  await host.prepare(check.language);
  const tree = await host.parse(check.language, block.content, { timeoutMs: 5_000 });
  if (typeof tree === 'string') return { line: 0, column: 0, message: tree };
  try {
    const error = firstErrorNode(tree.rootNode as unknown as SyntaxNode);
    if (!error) return undefined;
    const { row, column } = error.startPosition;
    const found = error.isMissing ? `missing ${error.type}` : `unexpected "${block.content.split('\n')[row]?.slice(column, column + 30) ?? ''}"`;
    return { line: row, column, message: found };
  } finally {
    tree.delete();
  }
}
