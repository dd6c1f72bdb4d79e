// The Practice panel's page and the messages it may send. Pure, so the HTML is asserted exactly in unit tests; the
// adapter wraps it in the strict-CSP page. The card's points are in the page but hidden until the reader asks (the
// script only flips `hidden`); grading posts a message that `parsePracticeMessage` validates.
import * as l10n from '@vscode/l10n';
import { NOTE_ID_PATTERN } from '../notes/note';
import { escapeHtml } from '../render/escapeHtml';
import { CARD_ID_PATTERN, GRADES, type GradeName, type PracticeCard } from './practiceScheduler';

export type PracticeMessage =
  | { readonly type: 'grade'; readonly cardId: string; readonly grade: GradeName }
  | { readonly type: 'openNote'; readonly id: string };

/** Accepts only a grade for a well-formed card id or a link to a note; drops everything else. */
export function parsePracticeMessage(raw: unknown): PracticeMessage | undefined {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return undefined;
  const message = raw as Record<string, unknown>;
  if (message.type === 'grade') {
    const { cardId, grade } = message;
    if (typeof cardId !== 'string' || cardId.length > 220 || !CARD_ID_PATTERN.test(cardId)) return undefined;
    if (typeof grade !== 'string' || !(GRADES as readonly string[]).includes(grade)) return undefined;
    return { type: 'grade', cardId, grade: grade as GradeName };
  }
  if (message.type === 'openNote') {
    const { id } = message;
    return typeof id === 'string' && id.length <= 200 && NOTE_ID_PATTERN.test(id) ? { type: 'openNote', id } : undefined;
  }
  return undefined;
}

export interface PracticePageModel {
  readonly dueCount: number;
  /** The card to answer now, with what each grade would schedule ("in 10 min"). */
  readonly current?: { readonly card: PracticeCard; readonly intervals: Readonly<Record<GradeName, string>> };
  /** When nothing is due: when the next card is ("in 3 days"), if any card was ever reviewed. */
  readonly nextDue?: string;
  /** How many cards exist in all (0: no note has questions). */
  readonly total: number;
  /** The outcome of the last grade, announced in the live region. */
  readonly status?: string;
}

function gradeLabel(grade: GradeName): string {
  switch (grade) {
    case 'again':
      return l10n.t({ message: 'Again', comment: ['Self-grade: I could not answer'] });
    case 'hard':
      return l10n.t({ message: 'Hard', comment: ['Self-grade: answered with difficulty'] });
    case 'good':
      return l10n.t({ message: 'Good', comment: ['Self-grade: answered well'] });
    case 'easy':
      return l10n.t({ message: 'Easy', comment: ['Self-grade: answered without effort'] });
  }
}

function countLine(model: PracticePageModel): string {
  if (model.total === 0) return l10n.t('No note has interview questions yet.');
  if (model.dueCount === 0) {
    return model.nextDue === undefined
      ? l10n.t('No cards are due.')
      : l10n.t({ message: 'No cards are due. The next one is due {0}.', args: [model.nextDue], comment: ['{0} is a time from now such as "in 10 min" or "in 3 days"'] });
  }
  return model.dueCount === 1 ? l10n.t('1 card due') : l10n.t({ message: '{0} cards due', args: [model.dueCount], comment: ['{0} is a whole number, 2 or more'] });
}

export function renderPracticePage(model: PracticePageModel): string {
  const parts = [`<h1 class="sc-practice-title">${escapeHtml(l10n.t('Interview Practice'))}</h1>`, `<p class="sc-practice-count">${escapeHtml(countLine(model))}</p>`];
  if (model.current) {
    const { card, intervals } = model.current;
    const points = card.points.map((point) => `<li>${escapeHtml(point)}</li>`).join('');
    const grades = GRADES.map(
      (grade) => `<button type="button" class="sc-action sc-grade-${grade}" data-grade="${grade}">${escapeHtml(gradeLabel(grade))} <span class="sc-interval">${escapeHtml(intervals[grade])}</span></button>`,
    ).join('');
    parts.push(
      `<article class="sc-card" data-card-id="${escapeHtml(card.id)}" aria-labelledby="sc-card-prompt">`,
      `<p class="sc-card-note"><a href="#" data-note-id="${escapeHtml(card.noteId)}">${escapeHtml(card.noteTitle)}</a> <span class="sc-badge">${card.priority}</span></p>`,
      `<h2 id="sc-card-prompt" class="sc-card-prompt">${escapeHtml(card.prompt)}</h2>`,
      `<p class="sc-card-hint">${escapeHtml(l10n.t('Answer out loud or on paper first, then compare.'))}</p>`,
      `<button type="button" class="sc-action" data-action="reveal" aria-expanded="false" aria-controls="sc-points">${escapeHtml(l10n.t('Show Points'))}</button>`,
      '<section id="sc-points" class="sc-points" hidden>',
      `<h3>${escapeHtml(l10n.t('A good answer covers'))}</h3><ul>${points}</ul>`,
      `<div class="sc-grades" role="group" aria-label="${escapeHtml(l10n.t('How well did you answer?'))}">${grades}</div>`,
      '</section>',
      '</article>',
    );
  }
  parts.push(`<p class="sc-practice-status" role="status" aria-live="polite">${escapeHtml(model.status ?? '')}</p>`);
  return `<main class="sc-practice">${parts.join('')}</main>`;
}
