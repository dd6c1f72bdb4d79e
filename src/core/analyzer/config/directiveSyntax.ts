// Readers for the two directive languages load balancers are configured in: nginx (`name args… ;` and
// `name args… { … }` blocks) and HAProxy (line-oriented `keyword args…` inside `global` / `defaults` / `frontend` /
// `backend` / `listen` sections). Both handle `#` comments, single and double quotes with backslash escapes, and
// backslash line continuations; nginx `include` is read as a plain directive and never followed. Template tags
// (`{{ }}`, `{% %}`, `{# #}`) are masked first, so Jinja/Helm/Go-template configs keep their structure and any
// argument that was a template reads as unknown (TEMPLATE_MARK). Readers never throw and run in linear time.

import * as l10n from '@vscode/l10n';
import { LineIndex } from './configTree';
import type { TextRange } from '../types';

/** Replaces template tags; an argument containing it has a value only known at render time. */
export const TEMPLATE_MARK = '\u0001';

/** Blocks nested deeper than this are not read (real configurations nest 4 or 5 levels). */
export const MAX_BLOCK_DEPTH = 64;

export interface DirectiveArg {
  readonly text: string;
  readonly range: TextRange;
}

export interface Directive {
  readonly name: string;
  readonly args: readonly DirectiveArg[];
  /** Child directives of a `{ … }` block; undefined for a simple directive. */
  readonly block?: readonly Directive[];
  /** From the name to the closing `;` or `}` (or the end of the line for HAProxy). */
  readonly range: TextRange;
}

export interface DirectiveFile {
  readonly directives: readonly Directive[];
  readonly problems: readonly string[];
}

/** Masks template tags with TEMPLATE_MARK, keeping offsets and line breaks. */
export function maskTemplates(text: string): string {
  if (!/\{[{%#]/.test(text)) {
    return text;
  }
  return text.replace(/\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}|\{#[\s\S]*?#\}/g, (tag) => tag.replace(/[^\n]/g, TEMPLATE_MARK));
}

/**
 * Template masking for HAProxy, whose directives are lines, so a template's line structure decides which directive a
 * word belongs to. Statement and comment tags (`{% … %}`, `{# … #}`) render no text and become blanks; expression tags
 * (`{{ … }}`) become TEMPLATE_MARK, an unknown value. Whitespace control is applied as the renderer applies it:
 * `{%-` / `{{-` eat the whitespace before the tag, `-%}` / `-}}` the whitespace after it, and the line break right after
 * a statement tag goes (`trim_blocks`, on by default in Ansible, where most `haproxy.cfg.j2` files are rendered), so a
 * `server` line that a template splits over several source lines reads as one line. Offsets never move: a removed line
 * break becomes a space. https://jinja.palletsprojects.com/en/stable/templates/#whitespace-control
 */
export function maskLineTemplates(text: string): string {
  if (!/\{[{%#]/.test(text)) {
    return text;
  }
  const out = text.split('');
  for (const match of text.matchAll(/\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}|\{#[\s\S]*?#\}/g)) {
    const tag = match[0];
    const start = match.index;
    const end = start + tag.length;
    const statement = tag[1] !== '{';
    for (let index = start; index < end; index++) {
      if (out[index] !== '\n') out[index] = statement ? ' ' : TEMPLATE_MARK;
    }
    if (tag[2] === '-') {
      for (let index = start - 1; index >= 0 && /\s/.test(text[index]); index--) out[index] = ' ';
    }
    if (tag[tag.length - 3] === '-') {
      for (let index = end; index < text.length && /\s/.test(text[index]); index++) out[index] = ' ';
    } else if (tag[1] === '%') {
      const lineBreak = text[end] === '\r' && text[end + 1] === '\n' ? 2 : text[end] === '\n' ? 1 : 0;
      for (let index = end; index < end + lineBreak; index++) out[index] = ' ';
    }
  }
  return out.join('');
}

interface Token {
  readonly text: string;
  readonly start: number;
  readonly end: number;
  /** `{`, `}` or `;` outside quotes. */
  readonly punct: boolean;
}

/** nginx tokens: words (quotes removed, escapes kept as written), `{`, `}`, `;`; comments and space skipped. */
function* nginxTokens(text: string): Generator<Token> {
  let offset = 0;
  const length = text.length;
  while (offset < length) {
    const char = text[offset];
    if (char === ' ' || char === '\t' || char === '\r' || char === '\n') {
      offset++;
    } else if (char === '#') {
      const end = text.indexOf('\n', offset);
      offset = end < 0 ? length : end;
    } else if (char === '{' || char === '}' || char === ';') {
      yield { text: char, start: offset, end: offset + 1, punct: true };
      offset++;
    } else {
      const start = offset;
      let word = '';
      while (offset < length) {
        const current = text[offset];
        if (current === '"' || current === "'") {
          const close = findClosingQuote(text, offset);
          word += text.slice(offset + 1, close);
          offset = Math.min(close + 1, length);
        } else if (current === '\\' && offset + 1 < length) {
          word += text[offset + 1] === '\n' ? '' : text.slice(offset, offset + 2);
          offset += 2;
        } else if (current === '$' && text[offset + 1] === '{') {
          // `${name}` is an nginx variable, not a block.
          const close = text.indexOf('}', offset);
          const end = close < 0 ? length : close + 1;
          word += text.slice(offset, end);
          offset = end;
        } else if (' \t\r\n;{}'.includes(current) || (current === '#' && offset === start)) {
          break;
        } else {
          word += current;
          offset++;
        }
      }
      yield { text: word, start, end: offset, punct: false };
    }
  }
}

function findClosingQuote(text: string, open: number): number {
  const quote = text[open];
  for (let index = open + 1; index < text.length; index++) {
    if (text[index] === '\\') {
      index++;
    } else if (text[index] === quote) {
      return index;
    }
  }
  return text.length;
}

/** Reads an nginx configuration into its directive tree. */
export function readNginx(source: string, lines: LineIndex = new LineIndex(source)): DirectiveFile {
  const text = maskTemplates(source);
  const problems: string[] = [];
  const root: Directive[] = [];
  interface Frame { readonly list: Directive[]; readonly name: Token; readonly args: DirectiveArg[]; readonly parent?: Frame }
  let frame: Frame | undefined;
  let depth = 0;
  let skippedDepth = 0;
  let pending: { name: Token; args: DirectiveArg[] } | undefined;
  const current = () => frame?.list ?? root;
  for (const token of nginxTokens(text)) {
    if (skippedDepth > 0) {
      // Inside a block past MAX_BLOCK_DEPTH: count braces only.
      if (token.punct && token.text === '{') skippedDepth++;
      if (token.punct && token.text === '}') skippedDepth--;
      continue;
    }
    if (!token.punct) {
      if (pending) {
        pending.args.push({ text: token.text, range: lines.range(token.start, token.end) });
      } else {
        pending = { name: token, args: [] };
      }
      continue;
    }
    if (token.text === ';') {
      if (pending) {
        current().push({ name: pending.name.text, args: pending.args, range: lines.range(pending.name.start, token.end) });
        pending = undefined;
      }
    } else if (token.text === '{') {
      if (depth >= MAX_BLOCK_DEPTH) {
        problems.push(l10n.t({ message: 'blocks nested deeper than {0} levels were not read', args: [MAX_BLOCK_DEPTH], comment: ['{0} is a number of nesting levels'] }));
        skippedDepth = 1;
        pending = undefined;
        continue;
      }
      const name = pending?.name ?? { text: '', start: token.start, end: token.start, punct: false };
      frame = { list: [], name, args: pending?.args ?? [], parent: frame };
      depth++;
      pending = undefined;
    } else if (frame) {
      const closed = frame;
      frame = closed.parent;
      depth--;
      current().push({ name: closed.name.text, args: closed.args, block: closed.list, range: lines.range(closed.name.start, token.end) });
      pending = undefined;
    } else {
      const where = lines.position(token.start);
      problems.push(l10n.t({ message: 'unexpected "}" at line {0}', args: [where.line + 1], comment: ['{0} is a 1-based line number'] }));
    }
  }
  if (frame) {
    const where = lines.position(frame.name.start);
    problems.push(l10n.t({ message: 'the block opened at line {0} is never closed', args: [where.line + 1], comment: ['{0} is a 1-based line number'] }));
    // Keep what the unclosed blocks hold, so a truncated file still reports what it shows.
    while (frame) {
      const closed: Frame = frame;
      frame = closed.parent;
      current().push({ name: closed.name.text, args: closed.args, block: closed.list, range: lines.range(closed.name.start, text.length) });
    }
  }
  return { directives: root, problems };
}

/** HAProxy section keywords: a line starting with one opens a section (the directive's `block`). */
export const HAPROXY_SECTIONS = new Set(['global', 'defaults', 'frontend', 'backend', 'listen', 'peers', 'resolvers', 'userlist', 'program', 'mailers', 'cache', 'http-errors', 'ring', 'crt-store', 'traces', 'log-forward']);

/** Reads an HAProxy configuration: one directive per section, holding the section's lines as its block. */
export function readHaproxy(source: string, lines: LineIndex = new LineIndex(source)): DirectiveFile {
  const text = maskLineTemplates(source);
  const sections: Directive[] = [];
  let section: { name: string; args: DirectiveArg[]; start: number; list: Directive[] } | undefined;
  let sectionEnd = 0;
  const closeSection = () => {
    if (section) sections.push({ name: section.name, args: section.args, block: section.list, range: lines.range(section.start, sectionEnd) });
  };
  let offset = 0;
  while (offset < text.length) {
    // One logical line: physical lines joined by a trailing backslash.
    const words: { text: string; start: number; end: number }[] = [];
    let word: { text: string; start: number } | undefined;
    let lineEnd = offset;
    for (; lineEnd < text.length; lineEnd++) {
      const char = text[lineEnd];
      if (char === '\\' && (text[lineEnd + 1] === '\n' || (text[lineEnd + 1] === '\r' && text[lineEnd + 2] === '\n'))) {
        lineEnd += text[lineEnd + 1] === '\r' ? 2 : 1;
        continue;
      }
      if (char === '\n') break;
      if (char === '#' && !word) {
        const end = text.indexOf('\n', lineEnd);
        lineEnd = end < 0 ? text.length : end;
        break;
      }
      if (char === ' ' || char === '\t' || char === '\r') {
        if (word) words.push({ ...word, end: lineEnd });
        word = undefined;
        continue;
      }
      word ??= { text: '', start: lineEnd };
      if (char === '"' || char === "'") {
        const close = findClosingQuote(text.slice(0, text.indexOf('\n', lineEnd) < 0 ? text.length : text.indexOf('\n', lineEnd)), lineEnd);
        word.text += text.slice(lineEnd + 1, close);
        lineEnd = close;
      } else if (char === '\\' && lineEnd + 1 < text.length && text[lineEnd + 1] !== '\n') {
        word.text += text[lineEnd + 1];
        lineEnd++;
      } else {
        word.text += char;
      }
    }
    if (word) words.push({ ...word, end: Math.min(lineEnd, text.length) });
    if (words.length > 0) {
      const [name, ...rest] = words;
      // Indentation as written on the keyword's own source line: a joined template line starts with blanked tags.
      const physicalStart = source.lastIndexOf('\n', name.start - 1) + 1;
      const indented = /^[ \t]+$/.test(source.slice(physicalStart, name.start));
      const args = rest.map((arg) => ({ text: arg.text, range: lines.range(arg.start, arg.end) }));
      const lastEnd = words[words.length - 1].end;
      if (!indented && HAPROXY_SECTIONS.has(name.text)) {
        closeSection();
        section = { name: name.text, args, start: name.start, list: [] };
      } else if (section) {
        section.list.push({ name: name.text, args, range: lines.range(name.start, lastEnd) });
      }
      sectionEnd = lastEnd;
    }
    offset = lineEnd + 1;
  }
  closeSection();
  return { directives: sections, problems: [] };
}
