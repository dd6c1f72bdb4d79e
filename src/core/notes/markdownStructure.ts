// One markdown-it configuration for everything that reads a note body: the loader (headings, word count), the
// validator (cross-links), the search index (sections) and the renderer (HTML). Sharing it means a heading the
// loader records is the heading the viewer renders, with the same anchor.

import MarkdownIt from 'markdown-it';
import { slugify } from '../slug';
import type { Heading } from './note';

type Token = MarkdownIt.Token;
type MarkdownParser = MarkdownIt.MarkdownIt;

/**
 * Creates the note Markdown parser: CommonMark + tables + strikethrough, raw HTML disabled (escaped as text),
 * no linkify, no typographer. `validateLink` accepts everything so every link becomes a token: the allow-list in
 * `classifyHref` is then the single gate, and the validator can report links markdown-it would silently drop.
 */
export function createMarkdownParser(): MarkdownParser {
  const md = new MarkdownIt({ html: false, linkify: false, typographer: false });
  md.validateLink = () => true;
  return md;
}

let sharedParser: MarkdownParser | undefined;

function parser(): MarkdownParser {
  sharedParser ??= createMarkdownParser();
  return sharedParser;
}

/**
 * GitHub-style unique heading slugs within one document: the second "Example" becomes `example-1`. The loader,
 * the search index and the renderer each walk headings in document order with a fresh slugger, so they agree.
 */
export class HeadingSlugger {
  private readonly used = new Map<string, number>();

  slug(text: string): string {
    const base = slugify(text);
    const next = this.used.get(base);
    if (next === undefined) {
      this.used.set(base, 1);
      return base;
    }
    let n = next;
    let candidate = `${base}-${n}`;
    while (this.used.has(candidate)) {
      n += 1;
      candidate = `${base}-${n}`;
    }
    this.used.set(base, n + 1);
    this.used.set(candidate, 1);
    return candidate;
  }
}

/** The plain text of inline tokens, as a reader sees it: link text without URLs, image alt text, code spans. */
export function inlineText(tokens: readonly Token[] | null): string {
  if (!tokens) {
    return '';
  }
  let text = '';
  for (const token of tokens) {
    switch (token.type) {
      case 'text':
      case 'code_inline':
        text += token.content;
        break;
      case 'softbreak':
      case 'hardbreak':
        text += ' ';
        break;
      case 'image':
        text += inlineText(token.children);
        break;
      default:
        break;
    }
  }
  return text;
}

/** The text of a heading's inline token, whitespace collapsed: what its slug is made from. */
export function headingText(inline: Token): string {
  return collapse(inlineText(inline.children));
}

/** A heading section of a body: the text from one heading to the next heading of any level. */
export interface MarkdownSection {
  /** The heading's unique slug; '' for the text before the first heading. */
  readonly slug: string;
  /** The heading text; '' for the text before the first heading. */
  readonly title: string;
  /** Heading level 1-6; 0 for the text before the first heading. */
  readonly level: number;
  /** 0-based body line of the heading (0 for the text before the first heading). */
  readonly line: number;
  /** Plain text of the section (markdown syntax and URLs removed, whitespace collapsed). */
  readonly text: string;
}

/** A link found in a body, with the 0-based body line it is on. */
export interface MarkdownLink {
  /** The href as markdown-it normalised it (entities decoded, percent-encoded). */
  readonly href: string;
  readonly text: string;
  readonly line: number;
}

/** A fenced (or indented) code block found in a body. */
export interface MarkdownCodeBlock {
  /** The first word of the fence's info string (```ts title → `ts`), lower-cased; '' when the fence has none. */
  readonly language: string;
  /** 0-based body line of the opening fence (of the first line, for an indented block). */
  readonly line: number;
  /** The code, without the fences. */
  readonly content: string;
  /** False for an indented code block, which cannot declare a language. */
  readonly fenced: boolean;
}

/** What the rest of the core needs to know about a body, from one parse. */
export interface MarkdownStructure {
  readonly headings: readonly Heading[];
  readonly codeBlocks: readonly MarkdownCodeBlock[];
  /** Always starts with the '' section, even when it is empty. */
  readonly sections: readonly MarkdownSection[];
  readonly links: readonly MarkdownLink[];
  readonly wordCount: number;
}

const WORD = /[\p{L}\p{N}]+(?:['’.-][\p{L}\p{N}]+)*/gu;

/** Counts words the way a reader would: runs of letters/digits, keeping "don't", "v1.2" and "read-through" whole. */
export function countWords(text: string): number {
  return text.match(WORD)?.length ?? 0;
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function collectLinks(inline: Token, fallbackLine: number, into: MarkdownLink[]): void {
  let line = inline.map?.[0] ?? fallbackLine;
  let open: { href: string; line: number; parts: Token[] } | undefined;
  for (const child of inline.children ?? []) {
    if (child.type === 'softbreak' || child.type === 'hardbreak') {
      line += 1;
    }
    if (child.type === 'link_open') {
      open = { href: String(child.attrGet('href') ?? ''), line, parts: [] };
    } else if (child.type === 'link_close') {
      if (open) {
        into.push({ href: open.href, text: collapse(inlineText(open.parts)), line: open.line });
      }
      open = undefined;
    } else if (open) {
      open.parts.push(child);
    }
  }
}

/** Parses a note body once and returns its headings, sections, links, code blocks and word count. */
export function analyzeMarkdown(body: string): MarkdownStructure {
  const tokens = parser().parse(body, {});
  const slugger = new HeadingSlugger();
  const headings: Heading[] = [];
  const links: MarkdownLink[] = [];
  const codeBlocks: MarkdownCodeBlock[] = [];
  const sections: { slug: string; title: string; level: number; line: number; parts: string[] }[] = [
    { slug: '', title: '', level: 0, line: 0, parts: [] },
  ];
  let words = 0;
  let lastLine = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.map) {
      lastLine = token.map[0];
    }
    if (token.type === 'heading_open') {
      const inline = tokens[i + 1];
      const title = headingText(inline);
      const slug = slugger.slug(title);
      const level = Number(token.tag.slice(1));
      const line = token.map?.[0] ?? lastLine;
      headings.push({ level, text: title, slug, line });
      sections.push({ slug, title, level, line, parts: [] });
      collectLinks(inline, line, links);
      words += countWords(title);
      i += 2;
      continue;
    }
    const current = sections[sections.length - 1];
    if (token.type === 'inline') {
      const text = inlineText(token.children);
      current.parts.push(text);
      words += countWords(text);
      collectLinks(token, lastLine, links);
    } else if (token.type === 'fence' || token.type === 'code_block') {
      current.parts.push(token.content);
      words += countWords(token.content);
      codeBlocks.push({
        language: token.type === 'fence' ? (token.info.trim().split(/\s+/)[0] ?? '').toLowerCase() : '',
        line: token.map?.[0] ?? lastLine,
        content: token.content,
        fenced: token.type === 'fence',
      });
    }
  }
  return {
    headings,
    codeBlocks,
    sections: sections.map(({ parts, ...rest }) => ({ ...rest, text: collapse(parts.join(' ')) })),
    links,
    wordCount: words,
  };
}
