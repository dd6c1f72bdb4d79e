// Renders note Markdown to the HTML the viewer webview shows. Nothing from a note may execute or navigate
// anywhere unvalidated, so:
//  - raw HTML is disabled (markdown-it escapes it as text);
//  - every link goes through `classifyHref`: note links become `<a href="#" data-note-id>` (the webview script
//    posts them to the extension), https links `<a href data-external-link>` (opened by the extension after a
//    check), `#fragment` links stay in-page, and anything else becomes a plain `<span>` with no URL at all;
//  - images never load: they render as their alt text (the webview CSP forbids remote images anyway);
//  - table alignment becomes a class rather than an inline style (the CSP has no 'unsafe-inline' for styles).
//  - a ```statecraft-sim <kind>``` fence of a known kind becomes an interactive panel (simPanelHtml.ts); any other
//    statecraft-sim fence (unknown kind, extra words, quotes) stays an ordinary, escaped code block.
// Heading ids come from the same slugger as the loader and the search index, so search hits land on anchors.

import type MarkdownIt from 'markdown-it';
import { createMarkdownParser, HeadingSlugger, headingText, inlineText } from '../notes/markdownStructure';
import type { Note } from '../notes/note';
import { classifyHref, type LinkTarget } from '../notes/noteLinks';
import { escapeHtml } from './escapeHtml';
import { renderSimPanel, simDirectiveKind } from './simPanelHtml';

export { escapeHtml };

type Token = MarkdownIt.Token;
type MarkdownRenderer = MarkdownIt.MarkdownIt;


const LANGUAGE = /^[A-Za-z0-9_+#.-]{1,40}$/;

function linkTarget(token: Token): LinkTarget {
  const target = token.meta?.target as LinkTarget | undefined;
  return target ?? { kind: 'blocked', reason: 'unclassified link' };
}

function annotateInline(inline: Token): void {
  let open: Token | undefined;
  for (const child of inline.children ?? []) {
    if (child.type === 'link_open') {
      open = child;
      child.meta = { target: classifyHref(String(child.attrGet('href') ?? '')) };
    } else if (child.type === 'link_close') {
      child.meta = open?.meta ?? null;
      open = undefined;
    }
  }
}

const ALIGN_STYLE = /^text-align:(left|center|right)$/;

function annotate(tokens: Token[]): void {
  const slugger = new HeadingSlugger();
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    switch (token.type) {
      case 'heading_open':
        token.attrSet('id', slugger.slug(headingText(tokens[i + 1])));
        break;
      case 'table_open':
        token.attrJoin('class', 'sc-table');
        break;
      case 'th_open':
      case 'td_open': {
        const align = ALIGN_STYLE.exec(String(token.attrGet('style') ?? ''));
        token.attrs = align ? [['class', `sc-align-${align[1]}`]] : null;
        break;
      }
      case 'inline':
        annotateInline(token);
        break;
      default:
        break;
    }
  }
}

/**
 * Creates a configured markdown-it renderer for notes (see the file comment for the rules). Call once and reuse:
 * {@link renderMarkdown} keeps a shared instance.
 */
export function createMarkdownRenderer(): MarkdownRenderer {
  const md = createMarkdownParser();
  md.core.ruler.push('statecraft_annotate', (state) => {
    annotate(state.tokens);
  });
  const rules = md.renderer.rules;
  rules.link_open = (tokens, idx) => {
    const target = linkTarget(tokens[idx]);
    switch (target.kind) {
      case 'note': {
        const fragment = target.fragment === undefined ? '' : ` data-note-fragment="${escapeHtml(target.fragment)}"`;
        return `<a href="#" data-note-id="${escapeHtml(target.id)}"${fragment}>`;
      }
      case 'external':
        return `<a href="${escapeHtml(target.url)}" data-external-link>`;
      case 'anchor':
        return `<a href="#${escapeHtml(encodeURIComponent(target.fragment))}">`;
      case 'blocked':
        return '<span class="sc-link-blocked">';
    }
  };
  rules.link_close = (tokens, idx) => (linkTarget(tokens[idx]).kind === 'blocked' ? '</span>' : '</a>');
  rules.image = (tokens, idx) => {
    const alt = inlineText(tokens[idx].children).trim();
    return `<span class="sc-image">${escapeHtml(alt === '' ? 'image' : alt)}</span>`;
  };
  rules.fence = (tokens, idx) => {
    const token = tokens[idx];
    const kind = simDirectiveKind(token.info);
    if (kind) return renderSimPanel(kind, idx);
    const language = token.info.trim().split(/\s+/)[0];
    const attribute = LANGUAGE.test(language) ? ` class="language-${escapeHtml(language)}"` : '';
    return `<pre><code${attribute}>${escapeHtml(token.content)}</code></pre>\n`;
  };
  return md;
}

let shared: MarkdownRenderer | undefined;

/** Renders Markdown text to safe HTML (a fragment, no `<html>`/`<body>`). */
export function renderMarkdown(text: string): string {
  shared ??= createMarkdownRenderer();
  return shared.render(text);
}

/** Renders a note's body (front matter excluded) to safe HTML. */
export function renderNoteBody(note: Pick<Note, 'body'>): string {
  return renderMarkdown(note.body);
}
