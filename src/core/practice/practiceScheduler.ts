// Interview practice: cards made from the notes' `questions:`, scheduled by FSRS (ts-fsrs, the maintained TypeScript
// implementation of the Free Spaced Repetition Scheduler). Pure: the clock is a parameter, fuzz is off, so the same
// grades at the same times always give the same schedule, and the unit tests pin it with a fixed clock. The adapter
// only stores the state (synced like study progress) and draws it.
import * as l10n from '@vscode/l10n';
import { createEmptyCard, fsrs, Rating, State, type Card, type Grade, type StateValue } from './fsrsLibrary';
import type { InterviewQuestion, Note, Priority } from '../notes/note';
import { hash32 } from '../sim/seededHash';
import { DEFAULT_NEW_CARDS_PER_DAY } from './practiceDefaults';

/** Where the adapter stores {@link PracticeState} (global state, synced by Settings Sync). */
export const PRACTICE_STATE_KEY = 'statecraft.practice';

/** The four self-grades, as the view and its messages name them. */
export const GRADES = ['again', 'hard', 'good', 'easy'] as const;
export type GradeName = (typeof GRADES)[number];

const RATING: Readonly<Record<GradeName, Grade>> = { again: Rating.Again, hard: Rating.Hard, good: Rating.Good, easy: Rating.Easy };

/** One card's FSRS memory state, as stored: dates as ISO strings so it survives JSON and Settings Sync. */
export interface StoredCard {
  readonly due: string;
  readonly stability: number;
  readonly difficulty: number;
  readonly scheduledDays: number;
  readonly learningSteps: number;
  readonly reps: number;
  readonly lapses: number;
  readonly state: 'learning' | 'review' | 'relearning';
  readonly lastReview: string;
  /** When the card was first graded: new cards are introduced a few a day (see dueCards). Absent in older state. */
  readonly firstReview?: string;
}

/** The stored shape. Cards never reviewed have no entry (they are new). */
export interface PracticeState {
  readonly version: 1;
  readonly cards: Readonly<Record<string, StoredCard>>;
}

export const emptyPractice: PracticeState = { version: 1, cards: {} };

/** A question of a note, as a card. The id survives reordering: it is the note id and a hash of the prompt. */
export interface PracticeCard extends InterviewQuestion {
  readonly id: string;
  readonly noteId: string;
  readonly noteTitle: string;
  readonly priority: Priority;
}

export const CARD_ID_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*#[0-9a-z]{1,7}$/;

export function cardId(noteId: string, prompt: string): string {
  return `${noteId}#${hash32(prompt).toString(36)}`;
}

const PRIORITY_ORDER: Readonly<Record<Priority, number>> = { P0: 0, P1: 1, P2: 2 };

/** Every card of the notes, most important notes first, in each note's question order. */
export function practiceCards(notes: Iterable<Pick<Note, 'id' | 'title' | 'priority' | 'questions'>>): PracticeCard[] {
  const cards: PracticeCard[] = [];
  const sorted = [...notes].sort((a, b) => PRIORITY_ORDER[a.priority] - PRIORITY_ORDER[b.priority] || a.id.localeCompare(b.id));
  for (const note of sorted) {
    for (const question of note.questions ?? []) {
      cards.push({ ...question, id: cardId(note.id, question.prompt), noteId: note.id, noteTitle: note.title, priority: note.priority });
    }
  }
  return cards;
}

const STATE_NAMES: Readonly<Record<StoredCard['state'], StateValue>> = { learning: State.Learning, review: State.Review, relearning: State.Relearning };

function isDate(text: unknown): text is string {
  return typeof text === 'string' && !Number.isNaN(Date.parse(text));
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

function readCard(raw: unknown): StoredCard | undefined {
  if (raw === null || typeof raw !== 'object') return undefined;
  const c = raw as Record<string, unknown>;
  if (!isDate(c.due) || !isDate(c.lastReview) || !(typeof c.state === 'string' && c.state in STATE_NAMES)) return undefined;
  if (c.firstReview !== undefined && !isDate(c.firstReview)) return undefined;
  for (const key of ['stability', 'difficulty', 'scheduledDays', 'learningSteps', 'reps', 'lapses']) if (!isCount(c[key])) return undefined;
  return {
    due: c.due,
    stability: c.stability as number,
    difficulty: c.difficulty as number,
    scheduledDays: c.scheduledDays as number,
    learningSteps: c.learningSteps as number,
    reps: c.reps as number,
    lapses: c.lapses as number,
    state: c.state as StoredCard['state'],
    lastReview: c.lastReview,
    ...(c.firstReview === undefined ? {} : { firstReview: c.firstReview as string }),
  };
}

/**
 * Reads what was stored. Nothing stored is a fresh start; anything unreadable (not our shape, a card with a bad
 * field) is dropped, keeping every card that can be read, and `damaged` says so, so the adapter can tell the user
 * once rather than fail or silently forget.
 */
export function readPracticeState(raw: unknown): { readonly state: PracticeState; readonly damaged: boolean } {
  if (raw === undefined || raw === null) return { state: emptyPractice, damaged: false };
  if (typeof raw !== 'object' || (raw as Record<string, unknown>).version !== 1) return { state: emptyPractice, damaged: true };
  const stored = (raw as Record<string, unknown>).cards;
  if (stored === null || typeof stored !== 'object' || Array.isArray(stored)) return { state: emptyPractice, damaged: true };
  const cards: Record<string, StoredCard> = {};
  let damaged = false;
  for (const [id, value] of Object.entries(stored as Record<string, unknown>)) {
    const card = CARD_ID_PATTERN.test(id) ? readCard(value) : undefined;
    if (card) cards[id] = card;
    else damaged = true;
  }
  return { state: { version: 1, cards }, damaged };
}

function toFsrs(stored: StoredCard | undefined, now: Date): Card {
  if (!stored) return createEmptyCard(now);
  return {
    due: new Date(stored.due),
    stability: stored.stability,
    difficulty: stored.difficulty,
    elapsed_days: 0,
    scheduled_days: stored.scheduledDays,
    learning_steps: stored.learningSteps,
    reps: stored.reps,
    lapses: stored.lapses,
    state: STATE_NAMES[stored.state],
    last_review: new Date(stored.lastReview),
  };
}

function fromFsrs(card: Card, now: Date): StoredCard {
  const state = card.state === State.Review ? 'review' : card.state === State.Relearning ? 'relearning' : 'learning';
  return {
    due: card.due.toISOString(),
    stability: card.stability,
    difficulty: card.difficulty,
    scheduledDays: card.scheduled_days,
    learningSteps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    state,
    lastReview: (card.last_review ?? now).toISOString(),
  };
}

/** Fuzz off: the schedule is a function of the grades and the times alone. */
const scheduler = fsrs({ enable_fuzz: false });

/** When the card is due; a new card is due now. */
export function dueDate(state: PracticeState, id: string, now: Date): Date {
  const stored = state.cards[id];
  return stored ? new Date(stored.due) : now;
}

export { DEFAULT_NEW_CARDS_PER_DAY } from './practiceDefaults';

function sameLocalDay(a: Date, b: Date): boolean {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
}

/** How many cards were graded for the first time on `now`'s (local) day. */
export function introducedOn(state: PracticeState, now: Date): number {
  let count = 0;
  for (const card of Object.values(state.cards)) if (card.firstReview !== undefined && sameLocalDay(new Date(card.firstReview), now)) count++;
  return count;
}

/**
 * Cards due at `now`: reviews that came due (earliest first), then new cards in note order, as many as today's
 * allowance of new cards has left (`newPerDay` minus the cards first graded today).
 */
export function dueCards(cards: readonly PracticeCard[], state: PracticeState, now: Date, newPerDay = DEFAULT_NEW_CARDS_PER_DAY): PracticeCard[] {
  const seen = cards.filter((card) => state.cards[card.id] !== undefined && Date.parse(state.cards[card.id].due) <= now.getTime());
  seen.sort((a, b) => Date.parse(state.cards[a.id].due) - Date.parse(state.cards[b.id].due));
  const allowance = Math.max(0, newPerDay - introducedOn(state, now));
  const fresh = cards.filter((card) => state.cards[card.id] === undefined).slice(0, allowance);
  return [...seen, ...fresh];
}

/** The earliest due date among cards not due yet, if any. */
export function nextDue(cards: readonly PracticeCard[], state: PracticeState, now: Date): Date | undefined {
  let next: number | undefined;
  for (const card of cards) {
    const stored = state.cards[card.id];
    if (!stored) continue;
    const due = Date.parse(stored.due);
    if (due > now.getTime() && (next === undefined || due < next)) next = due;
  }
  return next === undefined ? undefined : new Date(next);
}

/** Records a self-grade: the new state (the card rescheduled by FSRS). */
export function gradeCard(state: PracticeState, id: string, grade: GradeName, now: Date): PracticeState {
  const previous = state.cards[id];
  const next = scheduler.next(toFsrs(previous, now), now, RATING[grade]).card;
  const firstReview = previous ? previous.firstReview : now.toISOString();
  return { version: 1, cards: { ...state.cards, [id]: { ...fromFsrs(next, now), ...(firstReview === undefined ? {} : { firstReview }) } } };
}

/** What each grade would schedule, for the buttons ("Good · 10 min"). */
export function gradePreview(state: PracticeState, id: string, now: Date): Readonly<Record<GradeName, Date>> {
  const preview = scheduler.repeat(toFsrs(state.cards[id], now), now);
  return { again: preview[Rating.Again].card.due, hard: preview[Rating.Hard].card.due, good: preview[Rating.Good].card.due, easy: preview[Rating.Easy].card.due };
}

/** "in 10 min", "in 3 h", "in 8 days": how long until `due`, rounded as a reader wants it. */
export function describeInterval(now: Date, due: Date): string {
  const minutes = Math.max(0, Math.round((due.getTime() - now.getTime()) / 60_000));
  if (minutes < 1) return l10n.t('now');
  if (minutes < 60) return l10n.t({ message: 'in {0} min', args: [minutes], comment: ['{0} is a whole number of minutes until the card is due'] });
  const hours = Math.round(minutes / 60);
  if (hours < 24) return l10n.t({ message: 'in {0} h', args: [hours], comment: ['{0} is a whole number of hours until the card is due'] });
  const days = Math.round(hours / 24);
  return days === 1 ? l10n.t('in 1 day') : l10n.t({ message: 'in {0} days', args: [days], comment: ['{0} is a whole number of days (2 or more) until the card is due'] });
}
