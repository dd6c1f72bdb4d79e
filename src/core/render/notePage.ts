// The note viewer's content, as one HTML fragment: header (breadcrumb, title, priority, reading time, summary),
// the rendered body and a Related section. Pure, so its output is asserted exactly in unit tests; the webview
// adapter only wraps it in a page with the CSP and the action bar.
import type { Note } from '../notes/note';
import { PRIORITY_LABELS } from '../notes/note';
import { escapeHtml } from './escapeHtml';
import { renderNoteBody } from './markdownRenderer';

export interface NotePageContext {
  /** Related notes that exist, in the order the note lists them. */
  readonly related: readonly Pick<Note, 'id' | 'title' | 'summary'>[];
  readonly studied: boolean;
  readonly bookmarked: boolean;
}

export function renderNoteHeader(note: Note, context: Pick<NotePageContext, 'studied'>): string {
  const breadcrumb = note.category.map((part) => `<li>${escapeHtml(part)}</li>`).join('');
  const studied = context.studied ? '<span class="sc-badge sc-studied" title="You marked this note as studied">Studied</span>' : '';
  return [
    `<nav class="sc-breadcrumb" aria-label="Category"><ol>${breadcrumb}</ol></nav>`,
    `<h1 class="sc-title">${escapeHtml(note.title)}</h1>`,
    '<p class="sc-meta">',
    `<span class="sc-badge sc-priority-${note.priority.toLowerCase()}" title="${escapeHtml(PRIORITY_LABELS[note.priority])}">${note.priority}</span>`,
    `<span class="sc-reading-time">${note.readingMinutes} min read</span>`,
    studied,
    '</p>',
    `<p class="sc-summary">${escapeHtml(note.summary)}</p>`,
  ].join('');
}

export function renderRelatedSection(related: NotePageContext['related']): string {
  if (related.length === 0) return '';
  const items = related
    .map((note) => `<li><a href="#" data-note-id="${escapeHtml(note.id)}">${escapeHtml(note.title)}</a> <span class="sc-related-summary">${escapeHtml(note.summary)}</span></li>`)
    .join('');
  return `<section class="sc-related" aria-labelledby="sc-related-heading"><h2 id="sc-related-heading">Related</h2><ul>${items}</ul></section>`;
}

/** The full article: header, body and related notes. */
export function renderNotePage(note: Note, context: NotePageContext): string {
  return `<article class="sc-note">${renderNoteHeader(note, context)}<div class="sc-body">${renderNoteBody(note)}</div>${renderRelatedSection(context.related)}</article>`;
}
