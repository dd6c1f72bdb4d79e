// The decision wizard as a pure state machine: the VS Code layer drives a generic multi-step QuickInput with it and
// owns nothing but the widgets. Answers are kept when the user goes Back and forward again (the TODO in
// vscode-extension-samples/quickinput-sample/src/multiStepInput.ts), and presets fill every answer while leaving
// each one editable.

import * as l10n from '@vscode/l10n';
import {
  INPUT_IDS,
  checkInputValue,
  recommend,
  type InputId,
  type Inputs,
  type Recommendation,
  unknownInputMessage,
} from './decisionEngine';

/** A choice in a pick step; `label` is the value the engine receives. */
export interface StepOption {
  readonly label: string;
  readonly description: string;
}

/** One question of the wizard. */
export interface WizardStep {
  readonly id: InputId;
  /** Short name, also how validation messages name the answer. */
  readonly title: string;
  readonly prompt: string;
  /** One line on why the answer matters. */
  readonly explanation: string;
  /** `noteId#sectionSlug` of the note section that explains this answer. */
  readonly noteLink: string;
  readonly kind: 'number' | 'pick';
  /** Present for pick steps, in display order. */
  readonly options?: readonly StepOption[];
  readonly placeholder: string;
}

const GUIDE = 'state-placement-guide';

/**
 * The steps, one per input, in {@link INPUT_IDS} order, with their text in the display language. A function, not a
 * table: the text is translated when asked for, after the host has configured @vscode/l10n.
 */
export function wizardSteps(): readonly WizardStep[] {
  return [
    {
      id: 'latencyBudgetMs',
      title: l10n.t('Latency budget'),
      prompt: l10n.t('p99 milliseconds one request may spend reading and writing this state'),
      explanation: l10n.t('The budget decides which tiers fit: memory, a signed token, Redis (1–5 ms) or a database (5–20 ms).'),
      noteLink: `${GUIDE}#latency-budget`,
      kind: 'number',
      placeholder: l10n.t('e.g. 20'),
    },
    {
      id: 'accessesPerRequest',
      title: l10n.t('Accesses per request'),
      prompt: l10n.t('How many times does one request read or write this state?'),
      explanation: l10n.t('Every per-access cost is multiplied by this count before it is compared with the budget.'),
      noteLink: `${GUIDE}#accesses-per-request`,
      kind: 'number',
      placeholder: l10n.t('e.g. 1'),
    },
    {
      id: 'instances',
      title: l10n.t('Instances'),
      prompt: l10n.t('How many instances run at peak?'),
      explanation: l10n.t('With more than one instance, in-process state is split across processes unless requests are routed by key.'),
      noteLink: `${GUIDE}#instances`,
      kind: 'number',
      placeholder: l10n.t('e.g. 4'),
    },
    {
      id: 'runtime',
      title: l10n.t('Runtime'),
      prompt: l10n.t('Where does the service run?'),
      explanation: l10n.t('Serverless instances are recycled by the platform and cannot be routed by key, so memory is only a cache there.'),
      noteLink: `${GUIDE}#runtime`,
      kind: 'pick',
      options: [
        { label: 'server', description: l10n.t('long-running processes you deploy: VMs, containers, Kubernetes pods') },
        { label: 'serverless', description: l10n.t('functions the platform starts, freezes and recycles: Lambda, Cloud Functions, Workers') },
      ],
      placeholder: l10n.t('Pick the runtime'),
    },
    {
      id: 'loss',
      title: l10n.t('Loss'),
      prompt: l10n.t('What happens if an instance loses this state?'),
      explanation: l10n.t('State that must survive restarts can never have process memory as its source of truth.'),
      noteLink: `${GUIDE}#loss`,
      kind: 'pick',
      options: [
        { label: 'none', description: l10n.t('it must survive restarts and deploys') },
        { label: 'rebuildable', description: l10n.t('it can be recomputed from an authoritative source') },
        { label: 'acceptable', description: l10n.t('it is ephemeral: losing it is fine') },
      ],
      placeholder: l10n.t('Pick how much loss is acceptable'),
    },
    {
      id: 'shared',
      title: l10n.t('Shared'),
      prompt: l10n.t('Must other instances see a write right away?'),
      explanation: l10n.t('Per-instance copies go stale; a shared write needs one store or one owner per key.'),
      noteLink: `${GUIDE}#shared`,
      kind: 'pick',
      options: [
        { label: 'yes', description: l10n.t('a write on one instance must be visible on every other at once') },
        { label: 'no', description: l10n.t('each instance may see its own copy for a while') },
      ],
      placeholder: l10n.t('Pick whether writes must be shared at once'),
    },
    {
      id: 'clientCanCarry',
      title: l10n.t('Client can carry'),
      prompt: l10n.t('Is the state small and safe enough to travel with each request?'),
      explanation: l10n.t('If it fits in a signed cookie or token, the server can keep no state at all.'),
      noteLink: `${GUIDE}#client-can-carry`,
      kind: 'pick',
      options: [
        { label: 'yes', description: l10n.t('a few KB at most, safe to hand to the client signed (or encrypted)') },
        { label: 'no', description: l10n.t('too large, too sensitive, or shared with other clients') },
      ],
      placeholder: l10n.t('Pick whether the client can carry it'),
    },
  ];
}

/** Where the wizard is. Treat as immutable: every transition returns a new state. */
export interface WizardState {
  /** Index into {@link wizardSteps}; equals its length once the last step is answered. */
  readonly stepIndex: number;
  /** Answers given so far, including ones kept from later steps after Back. */
  readonly answers: Partial<Inputs>;
  /** The message for the last rejected answer, cleared by the next accepted one or by Back. */
  readonly error?: string;
}

/** A step as the UI shows it: position, the kept answer as text (to prefill), and the current error. */
export interface WizardStepView extends WizardStep {
  readonly stepNumber: number;
  readonly totalSteps: number;
  readonly value?: string;
  readonly error?: string;
}

/** A named set of answers the user can start from and then edit. */
export interface Preset {
  readonly id: string;
  readonly label: string;
  readonly description: string;
  readonly inputs: Inputs;
}

/**
 * Common cases; the state-placement-guide note ("Presets") explains each answer and the resulting placement. Labels
 * and descriptions are in the display language; ids and inputs are the values the engine parses.
 */
export function presets(): readonly Preset[] {
  return [
    {
      id: 'web-login-sessions',
      label: l10n.t('Web login sessions'),
      description: l10n.t('Who is logged in, read once per request; a deploy must not log everyone out, logout must hold everywhere.'),
      inputs: {
        latencyBudgetMs: 10,
        accessesPerRequest: 1,
        instances: 4,
        runtime: 'server',
        loss: 'none',
        shared: 'yes',
        clientCanCarry: 'no',
      },
    },
    {
      id: 'shopping-cart',
      label: l10n.t('Shopping cart'),
      description: l10n.t('Items a customer collects across devices and days; losing them loses sales.'),
      inputs: {
        latencyBudgetMs: 50,
        accessesPerRequest: 2,
        instances: 6,
        runtime: 'server',
        loss: 'none',
        shared: 'yes',
        clientCanCarry: 'no',
      },
    },
    {
      id: 'game-or-chat-connections',
      label: l10n.t('Game or chat server connections'),
      description: l10n.t('Room membership and presence for live WebSocket connections, touched on every message.'),
      inputs: {
        latencyBudgetMs: 1,
        accessesPerRequest: 5,
        instances: 8,
        runtime: 'server',
        loss: 'rebuildable',
        shared: 'yes',
        clientCanCarry: 'no',
      },
    },
    {
      id: 'rate-limiter-counters',
      label: l10n.t('Rate limiter counters'),
      description: l10n.t('Requests per client per window, checked on every request against one global limit.'),
      inputs: {
        latencyBudgetMs: 5,
        accessesPerRequest: 1,
        instances: 10,
        runtime: 'server',
        loss: 'acceptable',
        shared: 'yes',
        clientCanCarry: 'no',
      },
    },
    {
      id: 'feature-flags',
      label: l10n.t('Feature flags / config'),
      description: l10n.t('Flags read many times per request, changed rarely, owned by a flag service or database.'),
      inputs: {
        latencyBudgetMs: 1,
        accessesPerRequest: 20,
        instances: 10,
        runtime: 'server',
        loss: 'rebuildable',
        shared: 'no',
        clientCanCarry: 'no',
      },
    },
  ];
}

/**
 * The message for a value typed into a step, or undefined when it is acceptable: for the input box's as-you-type
 * validation. Same rules as {@link checkInputValue}, naming the answer by the step title.
 */
export function validateStepValue(step: WizardStep, text: string): string | undefined {
  const checked = checkInputValue(step.id, text, step.title);
  return checked.ok ? undefined : checked.message;
}

/**
 * A wizard at step 1. `initial` (a preset's inputs, or answers from an earlier run) pre-fills answers; values that
 * would not be accepted are dropped and named in `error` rather than silently kept.
 */
export function start(initial: Partial<Inputs> = {}): WizardState {
  const answers: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [key, raw] of Object.entries(initial)) {
    if (!(INPUT_IDS as readonly string[]).includes(key)) {
      problems.push(unknownInputMessage(key));
      continue;
    }
    const checked = checkInputValue(key as InputId, raw);
    if (checked.ok) answers[key] = checked.value;
    else problems.push(checked.message);
  }
  const state: WizardState = { stepIndex: 0, answers: answers as Partial<Inputs> };
  return problems.length > 0 ? { ...state, error: problems.join('\n') } : state;
}

/** The current step with its position and kept answer, or undefined once every step is answered. */
export function currentStep(state: WizardState): WizardStepView | undefined {
  const steps = wizardSteps();
  const step = steps[state.stepIndex];
  if (step === undefined) return undefined;
  const kept = state.answers[step.id];
  return {
    ...step,
    stepNumber: state.stepIndex + 1,
    totalSteps: steps.length,
    ...(kept === undefined ? {} : { value: String(kept) }),
    ...(state.error === undefined ? {} : { error: state.error }),
  };
}

/**
 * Answers the current step with typed text, a picked label, or a number. An accepted value is stored and the wizard
 * moves on; a rejected one returns the same step and answers with `error` set.
 */
export function answer(state: WizardState, value: string | number): WizardState {
  const step = wizardSteps()[state.stepIndex];
  if (step === undefined) {
    return { ...state, error: l10n.t('Every step is answered: go back to change an answer.') };
  }
  const checked = checkInputValue(step.id, value, step.title);
  if (!checked.ok) return { ...state, error: checked.message };
  return { stepIndex: state.stepIndex + 1, answers: { ...state.answers, [step.id]: checked.value } };
}

/** One step back, keeping every answer (so going forward again shows them). Step 1 stays at step 1. */
export function back(state: WizardState): WizardState {
  return { stepIndex: Math.max(0, state.stepIndex - 1), answers: state.answers };
}

/** Jumps to the step for one answer, e.g. to change it from the result page; answers are kept. */
export function goTo(state: WizardState, id: InputId): WizardState {
  return { stepIndex: INPUT_IDS.indexOf(id), answers: state.answers };
}

/** Whether every answer is present (a preset fills them all before any step is visited). */
export function isComplete(state: WizardState): boolean {
  return INPUT_IDS.every((id) => state.answers[id] !== undefined);
}

/** The recommendation for the answers once all are present, else undefined. Same as `recommend(answers)`. */
export function result(state: WizardState): Recommendation | undefined {
  return isComplete(state) ? recommend(state.answers as Inputs) : undefined;
}
