// The decision wizard speaks through the bundle: every step's text, every validation message, the recommendation's
// headline, reasons, alternatives, trade-offs and techniques, the decision record and the recommendation page come
// out of @vscode/l10n, so a translation can change them.
//
// Two pseudo-locales:
//  - the shared one (helpers/pseudoLocale): each message becomes ⟪message⟫ with its values filled in inside the
//    brackets. Prose outside every bracket skipped the bundle.
//  - the strict one (same helper), that closes the brackets around each {0}
//    placeholder: ⟪Closest: ⟫|{0}|⟪ (⟫|{1}|⟪)…⟫. Values then sit outside the brackets, so an English phrase passed
//    in as a value (a tier name, a reason, a list of reasons) is caught too, not hidden inside the message that
//    embeds it.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { renderRecommendationPage } from '../../src/core/render/recommendationPage';
import {
  decisionRecordTitle,
  nextDecisionRecordFileName,
  renderDecisionRecord,
  toMarkdownSummary,
} from '../../src/core/decisions/adr';
import {
  INPUT_IDS,
  INPUT_SPECS,
  PLACEMENTS,
  checkInputValue,
  describeAllowed,
  placementDescription,
  recommend,
  seedTable,
  validateInputs,
  type Inputs,
  type Recommendation,
} from '../../src/core/wizard/decisionEngine';
import { latencyFigures } from '../../src/core/wizard/latencyFigures';
import { answer, presets, start, validateStepValue, wizardSteps } from '../../src/core/wizard/wizardMachine';
import { inputs } from '../shared/wizardInputs';
import { untranslatedProse, usePseudoLocale, useStrictPseudoLocale } from './helpers/pseudoLocale';

/**
 * What the checks may ignore because it is data, not prose: the titles of the published sources the latency figures
 * cite (quoted as published, like a book title) and the lists of values and input ids the engine parses ("none,
 * rebuildable, acceptable"), which are typed as they are and read like words to the prose pattern.
 */
function withoutData(text: string): string {
  let rest = text;
  const sources = Object.values(latencyFigures()).flatMap((figure) => figure.sources.map((source) => source.title));
  const values = Object.values(INPUT_SPECS).flatMap((spec) => (spec.kind === 'pick' ? [spec.values.join(', ')] : []));
  for (const literal of [...sources, ...values, INPUT_IDS.join(', ')]) rest = rest.split(literal).join(' ');
  return rest;
}

const ENTITIES: Readonly<Record<string, string>> = { '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&amp;': '&' };

/**
 * What a reader of the page sees or hears: its text nodes, one per line (so the ids in neighbouring table cells do
 * not read as a sentence), and its aria-labels, with entities decoded.
 */
function pageText(html: string): string {
  const labels = [...html.matchAll(/aria-label="([^"]*)"/g)].map((m) => m[1]);
  const text = [html.replace(/<[^>]*>/g, '\n'), ...labels].join('\n');
  return text.replace(/&(?:lt|gt|quot|#39|amp);/g, (entity) => ENTITIES[entity]);
}


/**
 * Budgets from below in-process memory to above a database, one and several accesses, one and several instances,
 * and every runtime, loss, shared and clientCanCarry answer: every placement wins somewhere, and nothing fits
 * elsewhere (for the budget alone, or for the answers with suggestions to relax them).
 */
function sweep(): Inputs[] {
  const all: Inputs[] = presets().map((p) => p.inputs);
  for (const budget of [0.0005, 0.003, 0.05, 1, 3, 10, 20, 50, 1000])
    for (const n of [1, 2, 20])
      for (const instances of [1, 8])
        for (const runtime of ['server', 'serverless'] as const)
          for (const loss of ['none', 'rebuildable', 'acceptable'] as const)
            for (const shared of ['yes', 'no'] as const)
              for (const carry of ['yes', 'no'] as const) all.push(inputs(budget, n, instances, runtime, loss, shared, carry));
  return all;
}

/** Every text the wizard shows for one set of answers, by where it appears. */
function outputsFor(answers: Inputs, index: number): { where: string; text: string }[] {
  const rec = recommend(answers);
  const name = JSON.stringify(answers);
  return [
    { where: `recommendation ${name}`, text: recommendationText(rec) },
    { where: `decision record ${name}`, text: renderDecisionRecord(answers, rec, { date: '2024-05-06', ...(index % 2 ? { subject: 'login session' } : {}) }) },
    { where: `Markdown summary ${name}`, text: toMarkdownSummary(answers, rec) },
    { where: `recommendation page ${name}`, text: pageText(renderRecommendationPage(answers, rec, new Map())) },
  ];
}

/** The user-facing text of a recommendation (its JSON also holds ids and numbers, which are not prose). */
function recommendationText(rec: Recommendation): string {
  return [
    rec.headline,
    rec.message ?? '',
    ...rec.alternatives.map((a) => a.why),
    ...rec.reasons.map((r) => r.text),
    ...rec.latency.map((l) => l.label),
    ...rec.consequences.flatMap((c) => [c.approach, c.scaling, c.failureRecovery, c.complexity]),
    ...rec.tradeOffs.good,
    ...rec.tradeOffs.bad,
    ...rec.techniques,
  ].join('\n');
}

const BAD_VALUES: readonly unknown[] = ['', 'x', '0', '-1', '2.5', '3600001', '100001', 'maybe', null, 1.5, 0, true];

/** Every validation message: per answer and bad value, named by id, by flag and by step title, and the wizard's own. */
function validationMessages(): string[] {
  const messages: string[] = [];
  for (const id of INPUT_IDS) {
    messages.push(describeAllowed(id));
    for (const raw of BAD_VALUES) {
      for (const name of [undefined, '--flag']) {
        const checked = checkInputValue(id, raw, name);
        if (!checked.ok) messages.push(checked.message);
      }
    }
  }
  for (const step of wizardSteps()) {
    for (const raw of BAD_VALUES) {
      const message = validateStepValue(step, String(raw ?? ''));
      if (message !== undefined) messages.push(message);
    }
  }
  const invalid = validateInputs({ latencyBudgetMs: 'soon', extra: 1 });
  if (!invalid.ok) messages.push(...invalid.errors.map((e) => e.message));
  messages.push(start({ extra: 1, instances: 0 } as unknown as Partial<Inputs>).error ?? '');
  const finished = presets()[0].inputs;
  let state = start(finished);
  for (const id of INPUT_IDS) state = answer(state, String(finished[id]));
  messages.push(answer(state, 1).error ?? '');
  messages.push(answer(start(), 'soon').error ?? '');
  return messages;
}

void describe('the decision wizard in the pseudo-locale', () => {
  let restore: () => void = () => {};
  before(async () => {
    restore = usePseudoLocale();
  });
  after(() => restore());

  void test('the sweep reaches every branch of the recommendation', () => {
    const recs = sweep().map((answers) => ({ answers, rec: recommend(answers) }));
    const reached = new Set<string>();
    for (const { answers, rec } of recs) {
      reached.add(`${rec.feasible ? 'fits' : 'nothing fits'}: ${rec.placement}`);
      if (rec.placement === 'externalized') reached.add(`store ${rec.store} with loss=${answers.loss === 'none' ? 'none' : 'other'}`);
      if (rec.placement === 'in-process-cache' && rec.feasible) reached.add(`cache with loss=${answers.loss}`);
      if (!rec.feasible) {
        reached.add(rec.message?.includes('⟪Even in-process memory') ? 'even memory is too slow' : 'the answers rule out the fast options');
        if (rec.message?.includes('⟪With ')) reached.add('relax suggestions');
        if (rec.message?.includes('batched')) reached.add('batching suggestion');
      }
      reached.add(`${answers.runtime}, ${answers.instances === 1 ? 'one instance' : 'several instances'}`);
      reached.add(answers.accessesPerRequest === 1 ? 'n = 1' : 'n > 1');
      reached.add(`loss=${answers.loss}`);
    }
    const expected = [
      ...PLACEMENTS.map((p) => `fits: ${p}`),
      'nothing fits: externalized',
      'nothing fits: in-process-cache',
      'store database with loss=none',
      'store redis with loss=none',
      'store redis with loss=other',
      'cache with loss=acceptable',
      'cache with loss=rebuildable',
      'cache with loss=none',
      'even memory is too slow',
      'the answers rule out the fast options',
      'relax suggestions',
      'batching suggestion',
      'server, one instance',
      'server, several instances',
      'serverless, one instance',
      'serverless, several instances',
      'n = 1',
      'n > 1',
      'loss=none',
      'loss=rebuildable',
      'loss=acceptable',
    ];
    assert.deepEqual(expected.filter((branch) => !reached.has(branch)), []);
  });

  void test('recommendations, decision records, Markdown summaries and recommendation pages are all translated', () => {
    const untranslated: { where: string; prose: string[] }[] = [];
    const all = sweep();
    all.forEach((answers, index) => {
      for (const { where, text } of outputsFor(answers, index)) {
        assert.ok(text.includes('⟪'), `${where} has translated text`);
        const prose = untranslatedProse(withoutData(text));
        if (prose.length > 0) untranslated.push({ where, prose });
      }
    });
    assert.deepEqual(untranslated.slice(0, 5), []);
    assert.ok(all.length > 1000);
  });

  void test('every wizard step, option and preset is translated; values the engine parses are not', () => {
    for (const step of wizardSteps()) {
      for (const text of [step.title, step.prompt, step.explanation, step.placeholder, ...(step.options ?? []).map((o) => o.description)]) {
        assert.match(text, /^⟪[^⟪⟫]+⟫$/, `${step.id}: ${text}`);
      }
      const spec = INPUT_SPECS[step.id];
      assert.deepEqual(step.options?.map((o) => o.label), spec.kind === 'pick' ? spec.values : undefined, 'option labels stay the values');
    }
    for (const preset of presets()) {
      assert.match(preset.label, /^⟪[^⟪⟫]+⟫$/);
      assert.match(preset.description, /^⟪[^⟪⟫]+⟫$/);
      assert.doesNotMatch(preset.id, /⟪/);
    }
  });

  void test('every validation message is translated', () => {
    const messages = validationMessages();
    assert.ok(messages.length > 100);
    for (const message of messages) {
      assert.ok(message.includes('⟪'), message);
      assert.deepEqual(untranslatedProse(message), [], message);
    }
  });

  void test('latency figures, placement descriptions and the seed table are translated; source citations are not', () => {
    for (const figure of Object.values(latencyFigures())) {
      for (const text of [figure.label, figure.what, figure.basis]) assert.match(text, /^⟪[^⟪⟫]+⟫$/);
      for (const source of figure.sources) assert.doesNotMatch(`${source.title} ${source.url}`, /⟪/);
    }
    for (const p of PLACEMENTS) assert.match(placementDescription(p), /^⟪[^⟪⟫]+⟫$/);
    for (const row of seedTable()) for (const text of Object.values(row)) assert.match(text, /^⟪[^⟪⟫]+⟫$/);
  });

  void test('the decision record title is translated, and the file is named from it', () => {
    const rec = recommend(presets()[0].inputs);
    assert.match(decisionRecordTitle(rec), /^⟪Keep ⟪service⟫ state/);
    assert.equal(nextDecisionRecordFileName(['0003-x.md'], decisionRecordTitle(rec, 'login session')), '0004-keep-login-session-state-externalized-in-redis.md');
  });
});

void describe('the decision wizard in the strict pseudo-locale (values outside the brackets)', () => {
  let restore: () => void = () => {};
  before(async () => {
    restore = useStrictPseudoLocale();
  });
  after(() => restore());

  void test('no English phrase reaches a message as one of its values', () => {
    const untranslated: { where: string; prose: string[] }[] = [];
    sweep().forEach((answers, index) => {
      for (const { where, text } of outputsFor(answers, index)) {
        const prose = untranslatedProse(withoutData(text));
        if (prose.length > 0) untranslated.push({ where, prose });
      }
    });
    for (const message of validationMessages()) {
      const prose = untranslatedProse(withoutData(message));
      if (prose.length > 0) untranslated.push({ where: 'validation', prose });
    }
    assert.deepEqual(untranslated.slice(0, 5), []);
  });
});


void describe('English stays the source', () => {
  void test('without a bundle the wizard speaks English', () => {
    assert.equal(wizardSteps()[0].title, 'Latency budget');
    assert.equal(decisionRecordTitle(recommend(presets()[0].inputs)), 'Keep service state externalized in Redis');
  });
});
