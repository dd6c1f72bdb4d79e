// JSON → ConfigNode with source ranges: a small recursive-descent scanner (JSON.parse keeps no positions). Accepts
// the comments ARM templates allow (`//`, `/* */`) and trailing commas; stops with a clear problem at the first
// syntax error or past MAX_CONFIG_DEPTH, never throws. ARM expressions ("[parameters('x')]") and CloudFormation
// intrinsic-function objects are left to the rules, which only act on literal values.

import * as l10n from '@vscode/l10n';
import { LineIndex, MAX_CONFIG_DEPTH, UNKNOWN, type ConfigDocuments, type ConfigEntry, type ConfigNode } from './configTree';

class JsonSyntaxError extends Error {
  constructor(readonly offset: number, message: string) {
    super(message);
  }
}

/** Reads one JSON document; never throws. */
export function readJson(text: string, lines: LineIndex = new LineIndex(text)): ConfigDocuments {
  const scanner = new Scanner(text, lines);
  try {
    scanner.skipSpace();
    const root = scanner.value(0);
    scanner.skipSpace();
    if (scanner.offset < text.length) {
      throw new JsonSyntaxError(scanner.offset, 'unexpected text after the end');
    }
    return { documents: [root], problems: [] };
  } catch (error) {
    if (error instanceof JsonSyntaxError) {
      const where = lines.position(error.offset);
      return { documents: [], problems: [l10n.t({ message: 'JSON syntax error at line {0}: {1}', args: [where.line + 1, error.message], comment: ['{0} is a 1-based line number, {1} a short English description'] })] };
    }
    throw error;
  }
}

class Scanner {
  offset = 0;

  constructor(private readonly text: string, private readonly lines: LineIndex) {}

  skipSpace(): void {
    const text = this.text;
    for (;;) {
      const char = text.charCodeAt(this.offset);
      if (char === 0x20 || char === 0x0a || char === 0x0d || char === 0x09 || char === 0xfeff) {
        this.offset++;
      } else if (char === 0x2f && text[this.offset + 1] === '/') {
        const end = text.indexOf('\n', this.offset);
        this.offset = end < 0 ? text.length : end;
      } else if (char === 0x2f && text[this.offset + 1] === '*') {
        const end = text.indexOf('*/', this.offset + 2);
        if (end < 0) {
          throw new JsonSyntaxError(this.offset, 'unterminated comment');
        }
        this.offset = end + 2;
      } else {
        return;
      }
    }
  }

  value(depth: number): ConfigNode {
    if (depth > MAX_CONFIG_DEPTH) {
      throw new JsonSyntaxError(this.offset, `nested deeper than ${MAX_CONFIG_DEPTH} levels`);
    }
    const start = this.offset;
    const char = this.text[this.offset];
    if (char === '{') {
      return this.object(depth);
    }
    if (char === '[') {
      return this.array(depth);
    }
    if (char === '"') {
      const value = this.string();
      return { kind: 'scalar', value, range: this.lines.range(start, this.offset) };
    }
    const match = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(this.text.slice(this.offset, this.offset + 64));
    if (!match) {
      throw new JsonSyntaxError(this.offset, char === undefined ? 'unexpected end of text' : `unexpected character '${char}'`);
    }
    this.offset += match[0].length;
    const word = match[0];
    const value = word === 'true' ? true : word === 'false' ? false : word === 'null' ? null : Number(word);
    return { kind: 'scalar', value: Number.isNaN(value) ? UNKNOWN : value, range: this.lines.range(start, this.offset) };
  }

  private object(depth: number): ConfigNode {
    const start = this.offset++;
    const entries: ConfigEntry[] = [];
    for (;;) {
      this.skipSpace();
      if (this.text[this.offset] === '}') {
        this.offset++;
        return { kind: 'map', entries, range: this.lines.range(start, this.offset), labels: [] };
      }
      if (this.text[this.offset] !== '"') {
        throw new JsonSyntaxError(this.offset, 'expected a property name');
      }
      const keyStart = this.offset;
      const key = this.string();
      const keyRange = this.lines.range(keyStart, this.offset);
      this.skipSpace();
      if (this.text[this.offset] !== ':') {
        throw new JsonSyntaxError(this.offset, "expected ':'");
      }
      this.offset++;
      this.skipSpace();
      const value = this.value(depth + 1);
      entries.push({ key, keyRange, value, range: this.lines.range(keyStart, this.offset) });
      this.skipSpace();
      if (this.text[this.offset] === ',') {
        this.offset++;
      } else if (this.text[this.offset] !== '}') {
        throw new JsonSyntaxError(this.offset, "expected ',' or '}'");
      }
    }
  }

  private array(depth: number): ConfigNode {
    const start = this.offset++;
    const items: ConfigNode[] = [];
    for (;;) {
      this.skipSpace();
      if (this.text[this.offset] === ']') {
        this.offset++;
        return { kind: 'seq', items, range: this.lines.range(start, this.offset) };
      }
      items.push(this.value(depth + 1));
      this.skipSpace();
      if (this.text[this.offset] === ',') {
        this.offset++;
      } else if (this.text[this.offset] !== ']') {
        throw new JsonSyntaxError(this.offset, "expected ',' or ']'");
      }
    }
  }

  private string(): string {
    const start = this.offset;
    let end = start + 1;
    for (;;) {
      const quote = this.text.indexOf('"', end);
      if (quote < 0) {
        throw new JsonSyntaxError(start, 'unterminated string');
      }
      let backslashes = 0;
      for (let index = quote - 1; index > start && this.text[index] === '\\'; index--) {
        backslashes++;
      }
      if (backslashes % 2 === 0) {
        end = quote;
        break;
      }
      end = quote + 1;
    }
    this.offset = end + 1;
    const raw = this.text.slice(start, end + 1);
    try {
      return JSON.parse(raw) as string;
    } catch {
      throw new JsonSyntaxError(start, 'invalid string escape or control character');
    }
  }
}
