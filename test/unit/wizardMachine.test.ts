import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { INPUT_IDS, INPUT_SPECS, recommend, validateInputs } from '../../src/core/wizard/decisionEngine';
import {
  answer,
  back,
  currentStep,
  goTo,
  isComplete,
  result,
  start,
  presets,
  validateStepValue,
  wizardSteps,
  type WizardState,
} from '../../src/core/wizard/wizardMachine';
import { CART } from '../shared/wizardInputs';

function walk(values: readonly (string | number)[], state: WizardState = start()): WizardState {
  return values.reduce<WizardState>((s, v) => answer(s, v), state);
}

const CART_TEXT = INPUT_IDS.map((id) => String(CART[id]));

void describe('steps', () => {
  void test('one step per input, in input order, each with a note link into the guide', () => {
    assert.deepEqual(wizardSteps().map((s) => s.id), INPUT_IDS);
    assert.deepEqual(
      wizardSteps().map((s) => s.noteLink),
      [
        'state-placement-guide#latency-budget',
        'state-placement-guide#accesses-per-request',
        'state-placement-guide#instances',
        'state-placement-guide#runtime',
        'state-placement-guide#loss',
        'state-placement-guide#shared',
        'state-placement-guide#client-can-carry',
      ],
    );
    assert.deepEqual(wizardSteps().map((s) => s.kind), ['number', 'number', 'number', 'pick', 'pick', 'pick', 'pick']);
  });

  void test('pick steps offer exactly the allowed values', () => {
    for (const step of wizardSteps()) {
      const spec = INPUT_SPECS[step.id];
      if (spec.kind === 'pick') assert.deepEqual(step.options?.map((o) => o.label), spec.values);
      else assert.equal(step.options, undefined);
    }
  });
});

void describe('walking the wizard', () => {
  void test('starts at step 1 of 7 with no answer and no error', () => {
    const view = currentStep(start());
    assert.equal(view?.id, 'latencyBudgetMs');
    assert.equal(view?.stepNumber, 1);
    assert.equal(view?.totalSteps, 7);
    assert.equal(view?.value, undefined);
    assert.equal(view?.error, undefined);
  });

  void test('a valid answer stores the value and moves to step N+1 of M', () => {
    const s = answer(start(), ' 50 ');
    assert.deepEqual(s, { stepIndex: 1, answers: { latencyBudgetMs: 50 } });
    assert.equal(currentStep(s)?.stepNumber, 2);
    assert.equal(currentStep(s)?.title, 'Accesses per request');
  });

  void test('answering every step finishes the wizard; result equals recommend(inputs)', () => {
    const s = walk(CART_TEXT);
    assert.equal(currentStep(s), undefined);
    assert.equal(isComplete(s), true);
    assert.deepEqual(s.answers, CART);
    assert.deepEqual(result(s), recommend(CART));
  });

  void test('no result until every answer is in', () => {
    const s = walk(CART_TEXT.slice(0, 6));
    assert.equal(isComplete(s), false);
    assert.equal(result(s), undefined);
  });

  void test('answering after the last step is refused with a message', () => {
    const done = walk(CART_TEXT);
    const again = answer(done, 'yes');
    assert.equal(again.error, 'Every step is answered: go back to change an answer.');
    assert.deepEqual(again.answers, done.answers);
  });

  const invalid: [number, string | number, string][] = [
    [0, 'abc', 'Latency budget must be a number greater than 0 (got "abc")'],
    [0, '0', 'Latency budget must be a number greater than 0 (got 0)'],
    [0, -3, 'Latency budget must be a number greater than 0 (got -3)'],
    [0, '', 'Latency budget is required: a number greater than 0'],
    [0, '5000000', 'Latency budget must be at most 3600000 ms, one hour (got 5000000)'],
    [1, '2.5', 'Accesses per request must be a whole number of at least 1 (got 2.5)'],
    [1, '0', 'Accesses per request must be a whole number of at least 1 (got 0)'],
    [2, '100001', 'Instances must be at most 100000 (got 100001)'],
    [2, 'ten', 'Instances must be a whole number of at least 1 (got "ten")'],
    [3, 'vm', 'Runtime must be one of server, serverless (got "vm")'],
    [4, 'some', 'Loss must be one of none, rebuildable, acceptable (got "some")'],
    [5, 'maybe', 'Shared must be one of yes, no (got "maybe")'],
    [6, 'true', 'Client can carry must be one of yes, no (got "true")'],
  ];
  for (const [index, value, message] of invalid) {
    void test(`step ${index + 1} rejects ${JSON.stringify(value)}: state unchanged, exact message`, () => {
      const before = walk(CART_TEXT.slice(0, index));
      const after = answer(before, value);
      assert.deepEqual(after, { ...before, error: message });
      assert.equal(currentStep(after)?.error, message);
      assert.equal(validateStepValue(wizardSteps()[index], String(value)), message);
    });
  }

  void test('the error clears with the next accepted answer', () => {
    const rejected = answer(start(), 'abc');
    const accepted = answer(rejected, '10');
    assert.deepEqual(accepted, { stepIndex: 1, answers: { latencyBudgetMs: 10 } });
  });

  void test('validateStepValue accepts valid text', () => {
    assert.equal(validateStepValue(wizardSteps()[0], '0.5'), undefined);
    assert.equal(validateStepValue(wizardSteps()[2], '3'), undefined);
    assert.equal(validateStepValue(wizardSteps()[3], 'serverless'), undefined);
  });
});

void describe('Back', () => {
  void test('keeps every answer and shows the kept one when going back and forward again', () => {
    const at5 = walk(CART_TEXT.slice(0, 4));
    const at3 = back(back(at5));
    assert.equal(currentStep(at3)?.stepNumber, 3);
    assert.equal(currentStep(at3)?.value, '6');
    assert.deepEqual(at3.answers, walk(CART_TEXT.slice(0, 4)).answers);
    const at4 = answer(at3, currentStep(at3)?.value ?? '');
    assert.equal(currentStep(at4)?.stepNumber, 4);
    assert.equal(currentStep(at4)?.value, 'server');
  });

  void test('changing an answer after Back keeps the later answers', () => {
    const done = walk(CART_TEXT);
    const changed = answer(back(back(back(back(back(back(done)))))), '1');
    assert.deepEqual(changed.answers, { ...CART, accessesPerRequest: 1 });
    assert.deepEqual(result(changed), recommend({ ...CART, accessesPerRequest: 1 }));
  });

  void test('clears the error and stays at step 1 at the start', () => {
    const s = back(answer(start(), 'abc'));
    assert.deepEqual(s, { stepIndex: 0, answers: {} });
  });

  void test('goTo jumps to one answer, keeping all', () => {
    const s = goTo(walk(CART_TEXT), 'loss');
    assert.equal(currentStep(s)?.stepNumber, 5);
    assert.equal(currentStep(s)?.value, 'none');
    assert.deepEqual(s.answers, CART);
  });
});

void describe('presets', () => {
  const expected: Record<string, { placement: string; store: string | null }> = {
    'web-login-sessions': { placement: 'externalized', store: 'redis' },
    'shopping-cart': { placement: 'externalized', store: 'database' },
    'game-or-chat-connections': { placement: 'stateful-sticky', store: null },
    'rate-limiter-counters': { placement: 'externalized', store: 'redis' },
    'feature-flags': { placement: 'in-process-cache', store: null },
  };

  void test('the five presets, each valid', () => {
    assert.deepEqual(presets().map((p) => p.id), Object.keys(expected));
    for (const p of presets()) assert.deepEqual(validateInputs({ ...p.inputs }), { ok: true, inputs: p.inputs });
  });

  for (const preset of presets()) {
    void test(`${preset.id} fills every answer and gives ${expected[preset.id].placement}`, () => {
      const s = start(preset.inputs);
      assert.equal(isComplete(s), true);
      assert.equal(s.error, undefined);
      assert.equal(currentStep(s)?.stepNumber, 1);
      const rec = result(s);
      assert.equal(rec?.placement, expected[preset.id].placement);
      assert.equal(rec?.store, expected[preset.id].store);
      assert.equal(rec?.feasible, true);
    });
  }

  void test('a preset stays editable: each step shows its value, and a changed answer changes the result', () => {
    const preset = presets().find((p) => p.id === 'rate-limiter-counters')!;
    const s = start(preset.inputs);
    assert.deepEqual(
      wizardSteps().map((_, i) => currentStep({ ...s, stepIndex: i })?.value),
      ['5', '1', '10', 'server', 'acceptable', 'yes', 'no'],
    );
    const edited = answer(s, '2');
    assert.deepEqual(edited.answers, { ...preset.inputs, latencyBudgetMs: 2 });
    assert.equal(currentStep(edited)?.value, '1');
    assert.equal(result(edited)?.placement, 'stateful-sticky');
  });

  void test('invalid initial answers are dropped and named, not kept silently', () => {
    const s = start({ latencyBudgetMs: -1, runtime: 'server' });
    assert.deepEqual(s.answers, { runtime: 'server' });
    assert.equal(s.error, 'latencyBudgetMs must be a number greater than 0 (got -1)');
  });
});
