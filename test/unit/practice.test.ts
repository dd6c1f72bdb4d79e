// Interview practice: the questions schema, the cards, and the FSRS schedule with a fixed clock.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseNote } from '../../src/core/notes/noteLoader';
import { loadCatalogFromContentFolder } from '../../src/cli/contentFolder';
import {
  cardId, describeInterval, dueCards, emptyPractice, gradeCard, gradePreview, nextDue, practiceCards, readPracticeState, CARD_ID_PATTERN,
} from '../../src/core/practice/practiceScheduler';
import { noteFile } from './helpers/noteFixtures';
import { parsePracticeMessage, renderPracticePage } from '../../src/core/practice/practicePage';
import path from 'node:path';

const NOW = new Date('2026-12-02T12:00:00.000Z');
const minutes = (n: number) => new Date(NOW.getTime() + n * 60_000);

const QUESTIONS = 'questions:\n  - { prompt: "Why?", points: ["one", "two"] }\n  - { prompt: "How?", points: ["a", "b", "c"] }';

function withQuestions(yaml: string) {
  // The questions block replaces the last field's line, so it is the last key as the format asks.
  return noteFile('sticky-sessions', { sources: `[]\n${yaml}` });
}

describe('questions: front matter', () => {
  test('a valid list loads as prompt + points', () => {
    const parsed = parseNote(withQuestions(QUESTIONS), 'bundled');
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual(parsed.note?.questions, [
      { prompt: 'Why?', points: ['one', 'two'] },
      { prompt: 'How?', points: ['a', 'b', 'c'] },
    ]);
  });

  test('no questions is fine (the field is optional)', () => {
    const parsed = parseNote(noteFile('sticky-sessions'), 'bundled');
    assert.deepEqual(parsed.problems, []);
    assert.equal(parsed.note?.questions, undefined);
  });

  for (const [yaml, field, detail] of [
    ['questions: "all of them"', 'questions', 'expected a list (use [] for none) but got "all of them"'],
    ['questions:\n  - "Why?"', 'questions[0]', 'expected a mapping { prompt, points } but got "Why?"'],
    ['questions:\n  - { points: ["a", "b"] }', 'questions[0].prompt', 'is required but missing'],
    ['questions:\n  - { prompt: "Why?" }', 'questions[0].points', 'is required but missing (a list of 2 to 6 points a good answer covers)'],
    ['questions:\n  - { prompt: "Why?", points: ["only one"] }', 'questions[0].points', 'expected a list of 2 to 6 points but got 1 points'],
    ['questions:\n  - { prompt: "Why?", points: ["1", "2", "3", "4", "5", "6", "7"] }', 'questions[0].points', 'expected a list of 2 to 6 points but got 7 points'],
    ['questions:\n  - { prompt: "Why?", points: { a: 1 } }', 'questions[0].points', 'expected a list of 2 to 6 points but got a mapping'],
    ['questions:\n  - { prompt: "Why?", points: ["a", ""] }', 'questions[0].points[1]', 'expected a non-empty string but got ""'],
  ] as const) {
    test(`${JSON.stringify(yaml)} is rejected on ${field}`, () => {
      const parsed = parseNote(withQuestions(yaml), 'bundled');
      assert.equal(parsed.note, undefined);
      assert.deepEqual(parsed.problems.map((p) => [p.field, p.detail]), [[field, detail]]);
      assert.match(parsed.problems[0].message, new RegExp(`field "${field.replace(/[[\].]/g, '\\$&')}"`));
    });
  }

  test('an unknown key in a question is a warning; questions not last is a warning', () => {
    const extra = parseNote(withQuestions('questions:\n  - { prompt: "Why?", points: ["a", "b"], hint: "x" }'), 'bundled');
    assert.ok(extra.note);
    assert.deepEqual(extra.problems.map((p) => [p.field, p.severity]), [['questions[0].hint', 'warning']]);
    const early = parseNote(noteFile('sticky-sessions', { tags: `[]\n${QUESTIONS}` }), 'bundled');
    assert.ok(early.note);
    assert.deepEqual(early.problems.map((p) => [p.field, p.severity]), [['questions', 'warning']]);
  });

  test('every bundled P0 and P1 note has at least three questions', async () => {
    const catalog = await loadCatalogFromContentFolder(path.join(__dirname, '..', '..', 'content'));
    const missing = catalog.notes.filter((note) => note.priority !== 'P2' && (note.questions?.length ?? 0) < 3).map((note) => note.id);
    assert.deepEqual(missing, []);
    assert.ok(catalog.notes.filter((note) => note.priority !== 'P2').length >= 27);
  });
});

const NOTES = [
  { id: 'sticky-sessions', title: 'Sticky Sessions', priority: 'P1' as const, questions: [{ prompt: 'Why?', points: ['a', 'b'] }] },
  { id: 'session-storage', title: 'Session Storage', priority: 'P0' as const, questions: [{ prompt: 'Where?', points: ['a', 'b'] }, { prompt: 'How?', points: ['c', 'd'] }] },
  { id: 'partitioning', title: 'Partitioning', priority: 'P2' as const },
];

describe('practice cards and schedule (fixed clock)', () => {
  test('cards come P0 first with stable ids (note id + prompt hash)', () => {
    const cards = practiceCards(NOTES);
    assert.deepEqual(cards.map((c) => [c.noteId, c.prompt]), [['session-storage', 'Where?'], ['session-storage', 'How?'], ['sticky-sessions', 'Why?']]);
    assert.equal(cards[0].id, cardId('session-storage', 'Where?'));
    for (const card of cards) assert.match(card.id, CARD_ID_PATTERN);
  });

  test('every new card is due; grading Good schedules it 10 minutes out (learning step) and it leaves the due list', () => {
    const cards = practiceCards(NOTES);
    assert.equal(dueCards(cards, emptyPractice, NOW).length, 3);
    const state = gradeCard(emptyPractice, cards[0].id, 'good', NOW);
    assert.equal(state.cards[cards[0].id].due, minutes(10).toISOString());
    assert.equal(state.cards[cards[0].id].reps, 1);
    assert.deepEqual(dueCards(cards, state, NOW).map((c) => c.id), [cards[1].id, cards[2].id]);
    assert.deepEqual(nextDue(cards, state, NOW), minutes(10));
    // Ten minutes later it is due again, ahead of the new cards.
    assert.equal(dueCards(cards, state, minutes(10))[0].id, cards[0].id);
  });

  test('new cards come a few a day: the allowance counts cards first graded today, reviews are never held back', () => {
    const cards = practiceCards(NOTES);
    assert.deepEqual(dueCards(cards, emptyPractice, NOW, 2).map((c) => c.id), [cards[0].id, cards[1].id]);
    const state = gradeCard(emptyPractice, cards[0].id, 'good', NOW);
    assert.equal(state.cards[cards[0].id].firstReview, NOW.toISOString());
    // One new card introduced today: one more is offered, not two.
    assert.deepEqual(dueCards(cards, state, NOW, 2).map((c) => c.id), [cards[1].id]);
    // Ten minutes later the graded card is due again as a review, and the allowance still has one new card.
    assert.deepEqual(dueCards(cards, state, minutes(10), 2).map((c) => c.id), [cards[0].id, cards[1].id]);
    // Grading it again keeps its first review date.
    const again = gradeCard(state, cards[0].id, 'good', minutes(10));
    assert.equal(again.cards[cards[0].id].firstReview, NOW.toISOString());
    // Zero new cards a day: reviews only.
    assert.deepEqual(dueCards(cards, state, minutes(10), 0).map((c) => c.id), [cards[0].id]);
    // The next day the allowance is whole again.
    assert.equal(dueCards(cards, state, new Date(NOW.getTime() + 86_400_000), 2).filter((c) => !state.cards[c.id]).length, 2);
  });

  test('a stored card with an unreadable first-review date is dropped and reported, older state without one reads', () => {
    const id = practiceCards(NOTES)[0].id;
    const stored = gradeCard(emptyPractice, id, 'good', NOW).cards[id];
    const older: { -readonly [K in keyof typeof stored]?: (typeof stored)[K] } = { ...stored };
    delete older.firstReview;
    assert.equal(readPracticeState({ version: 1, cards: { [id]: older } }).damaged, false);
    assert.equal(readPracticeState({ version: 1, cards: { [id]: { ...stored, firstReview: 'yesterday-ish' } } }).damaged, true);
  });

  test('the grade previews are ordered again ≤ hard ≤ good ≤ easy, and easy graduates a new card to days', () => {
    const id = practiceCards(NOTES)[0].id;
    const preview = gradePreview(emptyPractice, id, NOW);
    assert.deepEqual(preview.again, minutes(1));
    assert.ok(preview.again <= preview.hard && preview.hard <= preview.good && preview.good < preview.easy);
    assert.equal(describeInterval(NOW, preview.good), 'in 10 min');
    assert.equal(describeInterval(NOW, preview.easy), 'in 8 days');
    const state = gradeCard(emptyPractice, id, 'easy', NOW);
    assert.equal(state.cards[id].state, 'review');
    assert.deepEqual(new Date(state.cards[id].due), preview.easy);
  });

  test('Again after a review is a lapse and brings the card back soon', () => {
    const id = practiceCards(NOTES)[0].id;
    const reviewed = gradeCard(emptyPractice, id, 'easy', NOW);
    const later = new Date(reviewed.cards[id].due);
    const lapsed = gradeCard(reviewed, id, 'again', later);
    assert.equal(lapsed.cards[id].lapses, 1);
    assert.equal(lapsed.cards[id].state, 'relearning');
    assert.ok(Date.parse(lapsed.cards[id].due) - later.getTime() <= 10 * 60_000);
  });

  test('the schedule is deterministic: same grades, same times, same state', () => {
    const id = practiceCards(NOTES)[1].id;
    const run = () => gradeCard(gradeCard(emptyPractice, id, 'good', NOW), id, 'good', minutes(10));
    assert.deepEqual(run(), run());
  });
});

describe('stored practice state', () => {
  test('nothing stored starts fresh without complaint; a stored state round-trips through JSON', () => {
    assert.deepEqual(readPracticeState(undefined), { state: emptyPractice, damaged: false });
    const id = practiceCards(NOTES)[0].id;
    const state = gradeCard(emptyPractice, id, 'good', NOW);
    assert.deepEqual(readPracticeState(JSON.parse(JSON.stringify(state))), { state, damaged: false });
  });

  test('corrupted storage falls back to fresh (or keeps the readable cards) and says it was damaged', () => {
    for (const raw of ['garbage', 42, [], { version: 9, cards: {} }, { version: 1, cards: 'x' }, { version: 1 }]) {
      assert.deepEqual(readPracticeState(raw), { state: emptyPractice, damaged: true }, JSON.stringify(raw));
    }
    const id = practiceCards(NOTES)[0].id;
    const good = gradeCard(emptyPractice, id, 'good', NOW).cards[id];
    const mixed = readPracticeState({ version: 1, cards: { [id]: good, 'bad id': good, 'sticky-sessions#abc': { ...good, due: 'yesterday' }, 'session-storage#zz': { ...good, reps: -1 } } });
    assert.equal(mixed.damaged, true);
    assert.deepEqual(Object.keys(mixed.state.cards), [id]);
  });
});

describe('practice page and messages', () => {
  const card = practiceCards(NOTES)[2];
  const intervals = { again: 'in 1 min', hard: 'in 6 min', good: 'in 10 min', easy: 'in 8 days' };

  test('the page shows the card with its points hidden, the grade buttons with their intervals and a live status', () => {
    const html = renderPracticePage({ dueCount: 3, total: 3, current: { card, intervals }, status: 'Done <b>.' });
    assert.equal(
      html,
      '<main class="sc-practice"><h1 class="sc-practice-title">Interview Practice</h1><p class="sc-practice-count">3 cards due</p>' +
        `<article class="sc-card" data-card-id="${card.id}" aria-labelledby="sc-card-prompt">` +
        '<p class="sc-card-note"><a href="#" data-note-id="sticky-sessions">Sticky Sessions</a> <span class="sc-badge">P1</span></p>' +
        '<h2 id="sc-card-prompt" class="sc-card-prompt">Why?</h2>' +
        '<p class="sc-card-hint">Answer out loud or on paper first, then compare.</p>' +
        '<button type="button" class="sc-action" data-action="reveal" aria-expanded="false" aria-controls="sc-points">Show Points</button>' +
        '<section id="sc-points" class="sc-points" hidden><h3>A good answer covers</h3><ul><li>a</li><li>b</li></ul>' +
        '<div class="sc-grades" role="group" aria-label="How well did you answer?">' +
        '<button type="button" class="sc-action sc-grade-again" data-grade="again">Again <span class="sc-interval">in 1 min</span></button>' +
        '<button type="button" class="sc-action sc-grade-hard" data-grade="hard">Hard <span class="sc-interval">in 6 min</span></button>' +
        '<button type="button" class="sc-action sc-grade-good" data-grade="good">Good <span class="sc-interval">in 10 min</span></button>' +
        '<button type="button" class="sc-action sc-grade-easy" data-grade="easy">Easy <span class="sc-interval">in 8 days</span></button>' +
        '</div></section></article><p class="sc-practice-status" role="status" aria-live="polite">Done &lt;b&gt;.</p></main>',
    );
  });

  test('nothing due says when the next card is; no questions at all says so', () => {
    assert.match(renderPracticePage({ dueCount: 0, total: 4, nextDue: 'in 3 days' }), /No cards are due\. The next one is due in 3 days\./);
    assert.match(renderPracticePage({ dueCount: 0, total: 0 }), /No note has interview questions yet\./);
    assert.match(renderPracticePage({ dueCount: 1, total: 1 }), />1 card due</);
  });

  test('only a grade for a well-formed card id, or a link to a note id, is accepted', () => {
    assert.deepEqual(parsePracticeMessage({ type: 'grade', cardId: card.id, grade: 'good' }), { type: 'grade', cardId: card.id, grade: 'good' });
    assert.deepEqual(parsePracticeMessage({ type: 'openNote', id: 'sticky-sessions' }), { type: 'openNote', id: 'sticky-sessions' });
    for (const bad of [
      { type: 'grade', cardId: card.id, grade: 'perfect' },
      { type: 'grade', cardId: 'sticky-sessions', grade: 'good' },
      { type: 'grade', cardId: '../x#1', grade: 'good' },
      { type: 'grade', cardId: 42, grade: 'good' },
      { type: 'openNote', id: 'javascript:alert(1)' },
      { type: 'openExternal', url: 'https://example.com' },
      null,
      'grade',
    ]) {
      assert.equal(parsePracticeMessage(bad), undefined, JSON.stringify(bad));
    }
  });
});
