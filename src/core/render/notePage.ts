// The note viewer's content, as one HTML fragment: header (breadcrumb, title, priority, reading time, summary),
// the rendered body and a Related section. Pure, so its output is asserted exactly in unit tests; the webview
// adapter only wraps it in a page with the CSP and the action bar.
import * as l10n from '@vscode/l10n';
import type { Note } from '../notes/note';
import { priorityLabel } from '../notes/note';
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
  const studied = context.studied
    ? `<span class="sc-badge sc-studied" title="${escapeHtml(l10n.t('You marked this note as studied'))}">${escapeHtml(l10n.t({ message: 'Studied', comment: ['A badge on a note the reader marked as studied'] }))}</span>`
    : '';
  const readingTime = l10n.t({ message: '{0} min read', args: [note.readingMinutes], comment: ['{0} is a whole number of minutes'] });
  return [
    `<nav class="sc-breadcrumb" aria-label="${escapeHtml(l10n.t({ message: 'Category', comment: ['Accessible name of the breadcrumb showing where a note sits in the category tree'] }))}"><ol>${breadcrumb}</ol></nav>`,
    `<h1 class="sc-title">${escapeHtml(note.title)}</h1>`,
    '<p class="sc-meta">',
    `<span class="sc-badge sc-priority-${note.priority.toLowerCase()}" title="${escapeHtml(priorityLabel(note.priority))}">${note.priority}</span>`,
    `<span class="sc-reading-time">${escapeHtml(readingTime)}</span>`,
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
  return `<section class="sc-related" aria-labelledby="sc-related-heading"><h2 id="sc-related-heading">${escapeHtml(l10n.t({ message: 'Related', comment: ['Heading of the list of related notes under a note'] }))}</h2><ul>${items}</ul></section>`;
}

/** The full article: header, body and related notes. */
export function renderNotePage(note: Note, context: NotePageContext): string {
  return `<article class="sc-note">${renderNoteHeader(note, context)}<div class="sc-body">${renderNoteBody(note)}</div>${renderRelatedSection(context.related)}</article>`;
}
