// Splits `---` YAML front matter from a note body. Uses the `yaml` package directly rather than gray-matter:
// gray-matter picks a parser from the opening fence (`---js` runs the front matter through eval), and nothing in a
// note may ever execute. Here the only accepted opening line is exactly `---`, and YAML is parsed as data
// (core schema: no custom tags, so no functions, regexps or class instances).

import * as l10n from '@vscode/l10n';
import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';

/** Front matter split from a note: the YAML mapping, the body, and where each field sits in the file. */
export interface FrontMatter {
  /** The parsed YAML mapping (untrusted: validate before use). */
  readonly data: Readonly<Record<string, unknown>>;
  /** The Markdown after the closing `---` line, with line endings normalised to `\n`. */
  readonly body: string;
  /** 0-based line in the file where the body starts (the line after the closing `---`). */
  readonly bodyStartLine: number;
  /**
   * 0-based file line of every key and list item, by path: `id`, `tags[1]`, `ddia[0].chapter`. Lets the validator
   * point a problem at the exact line.
   */
  readonly fieldLines: ReadonlyMap<string, number>;
}

/** Why a file has no usable front matter, and the 0-based file line to point at. */
export interface FrontMatterError {
  readonly message: string;
  readonly line: number;
}

/** Either the split front matter or the reason there is none. */
export type FrontMatterResult =
  | { readonly ok: true; readonly frontMatter: FrontMatter }
  | { readonly ok: false; readonly error: FrontMatterError };

const FENCE = /^---[ \t]*$/;

function firstLine(message: string): string {
  return message.split('\n')[0].replace(/\s+at line \d+, column \d+:?$/, '');
}

function collectLines(node: unknown, path: string, lineOf: (offset: number) => number, into: Map<string, number>): void {
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      const keyPath = path === '' ? key : `${path}.${key}`;
      const range = isScalar(pair.key) ? pair.key.range : undefined;
      if (range) {
        into.set(keyPath, lineOf(range[0]));
      }
      collectLines(pair.value, keyPath, lineOf, into);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, index) => {
      const itemPath = `${path}[${index}]`;
      const range = (item as { range?: [number, number, number] } | null)?.range;
      if (range) {
        into.set(itemPath, lineOf(range[0]));
      }
      collectLines(item, itemPath, lineOf, into);
    });
  }
}

/**
 * Splits front matter from `text`. The file must start with a line that is exactly `---` (trailing spaces
 * allowed); the front matter ends at the next such line. Reports broken YAML with the file line of the error,
 * duplicate keys, YAML tags (`!!js/function` and friends are refused, not resolved) and non-mapping front matter.
 */
export function splitFrontMatter(text: string): FrontMatterResult {
  const normalised = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const lines = normalised.split('\n');
  if (!FENCE.test(lines[0])) {
    const message = lines[0].startsWith('---')
      ? l10n.t({ message: 'front matter must open with a line that is exactly "---" (found "{0}")', args: [lines[0].slice(0, 40)], comment: ['{0} is the first line of the file'] })
      : l10n.t('missing front matter: the file must start with a "---" line, then YAML fields, then a closing "---" line');
    return { ok: false, error: { message, line: 0 } };
  }
  const close = lines.findIndex((line, index) => index > 0 && FENCE.test(line));
  if (close === -1) {
    return { ok: false, error: { message: l10n.t('front matter is not closed: no "---" line after the opening one'), line: 0 } };
  }
  const yamlText = lines.slice(1, close).join('\n');
  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter, uniqueKeys: true, prettyErrors: false, schema: 'core' });
  // The YAML starts on file line 1 and LineCounter lines are 1-based, so they coincide with 0-based file lines.
  const lineOf = (offset: number): number => lineCounter.linePos(offset).line;
  const problem = doc.errors[0] ?? doc.warnings[0];
  if (problem) {
    const line = lineOf(problem.pos[0]);
    // The parser's own explanation comes from the yaml package, in English.
    const explanation = firstLine(problem.message);
    const message =
      doc.errors.length > 0
        ? l10n.t({ message: 'front matter is not valid YAML (line {0}): {1}', args: [line + 1, explanation], comment: ['{0} is a line number in the file, {1} the YAML parser\'s explanation (in English)'] })
        : l10n.t({ message: 'front matter uses an unsupported YAML feature (line {0}): {1}', args: [line + 1, explanation], comment: ['{0} is a line number in the file, {1} the YAML parser\'s explanation (in English)'] });
    return { ok: false, error: { message, line } };
  }
  if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) {
    return { ok: false, error: { message: l10n.t('front matter is empty'), line: 0 } };
  }
  if (!isMap(doc.contents)) {
    return { ok: false, error: { message: l10n.t('front matter must be a YAML mapping of "field: value" lines'), line: 1 } };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 50 });
  } catch (error) {
    const reason = (error as Error).message;
    return { ok: false, error: { message: l10n.t({ message: 'front matter could not be read: {0}', args: [reason], comment: ['{0} is the YAML parser\'s explanation (in English)'] }), line: 1 } };
  }
  const fieldLines = new Map<string, number>();
  collectLines(doc.contents, '', lineOf, fieldLines);
  return {
    ok: true,
    frontMatter: {
      data: data as Record<string, unknown>,
      body: lines.slice(close + 1).join('\n'),
      bodyStartLine: close + 1,
      fieldLines,
    },
  };
}
