// The decision engine's inputs: the seven answers, how each is checked, and the messages that name a bad one. One
// definition serves validateInputs, the wizard's steps and the CLI's flags. The rules (placementRules.ts) and their
// wording (explain*.ts) read the answers only after they pass through here.

import * as l10n from '@vscode/l10n';

export type Runtime = 'server' | 'serverless';
export type Loss = 'none' | 'rebuildable' | 'acceptable';
export type YesNo = 'yes' | 'no';

/** The seven answers. Produce them with {@link validateInputs}; the engine's `recommend` rejects anything else. */
export interface Inputs {
  /** p99 time one request may spend on this state, in ms; > 0. */
  readonly latencyBudgetMs: number;
  /** How many times one request reads or writes this state; integer >= 1. */
  readonly accessesPerRequest: number;
  /** Peak number of instances; integer >= 1. */
  readonly instances: number;
  readonly runtime: Runtime;
  /** none: must survive restarts; rebuildable: recomputable from an authoritative source; acceptable: ephemeral. */
  readonly loss: Loss;
  /** Must other instances see a write right away? */
  readonly shared: YesNo;
  /** Small and safe enough to travel with each request (signed cookie, token)? */
  readonly clientCanCarry: YesNo;
}

export type InputId = keyof Inputs;

/** The answers in the order the wizard asks them. */
export const INPUT_IDS: readonly InputId[] = [
  'latencyBudgetMs',
  'accessesPerRequest',
  'instances',
  'runtime',
  'loss',
  'shared',
  'clientCanCarry',
];

/** The CLI flag for each answer; the ADR's "re-run" line uses them too, so they live next to the inputs. */
export const INPUT_FLAGS: Readonly<Record<InputId, string>> = {
  latencyBudgetMs: '--latency-budget-ms',
  accessesPerRequest: '--accesses-per-request',
  instances: '--instances',
  runtime: '--runtime',
  loss: '--loss',
  shared: '--shared',
  clientCanCarry: '--client-can-carry',
};

/** Upper limits that catch typos (a budget in microseconds, an extra zero) rather than real systems. */
export const MAX_LATENCY_BUDGET_MS = 3_600_000;
export const MAX_ACCESSES_PER_REQUEST = 100_000;
export const MAX_INSTANCES = 100_000;

export interface NumberInputSpec {
  readonly kind: 'number';
  readonly integer: boolean;
  readonly max: number;
}

export interface PickInputSpec {
  readonly kind: 'pick';
  readonly values: readonly string[];
}

/**
 * How each answer is checked: one definition for validateInputs, the wizard's step messages and the CLI. The
 * messages that name these limits are composed by {@link checkInputValue} and {@link describeAllowed}.
 */
export type InputSpec = NumberInputSpec | PickInputSpec;

export const INPUT_SPECS: Readonly<Record<InputId, InputSpec>> = {
  latencyBudgetMs: { kind: 'number', integer: false, max: MAX_LATENCY_BUDGET_MS },
  accessesPerRequest: { kind: 'number', integer: true, max: MAX_ACCESSES_PER_REQUEST },
  instances: { kind: 'number', integer: true, max: MAX_INSTANCES },
  runtime: { kind: 'pick', values: ['server', 'serverless'] },
  loss: { kind: 'pick', values: ['none', 'rebuildable', 'acceptable'] },
  shared: { kind: 'pick', values: ['yes', 'no'] },
  clientCanCarry: { kind: 'pick', values: ['yes', 'no'] },
};

export type CheckResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

function describeGot(raw: unknown): string {
  if (typeof raw === 'string') {
    const text = raw.trim();
    return DECIMAL.test(text) ? String(Number(text)) : JSON.stringify(raw);
  }
  if (typeof raw === 'number') return String(raw);
  return JSON.stringify(raw) ?? String(raw);
}

/** The allowed values of a pick answer, as the engine parses them (never translated). */
function valuesText(spec: PickInputSpec): string {
  return spec.values.join(', ');
}

/** What an answer accepts, e.g. "one of server, serverless" or "a whole number of at least 1". */
export function describeAllowed(id: InputId): string {
  const spec = INPUT_SPECS[id];
  if (spec.kind === 'pick') {
    return l10n.t({ message: 'one of {0}', args: [valuesText(spec)], comment: ['{0} is a comma-separated list of values to type as they are, e.g. "server, serverless"'] });
  }
  return spec.integer ? l10n.t('a whole number of at least 1') : l10n.t('a number greater than 0');
}

/** `<name> is required: <what is allowed>`, one whole message per kind of answer. */
function requiredMessage(id: InputId, name: string): string {
  const spec = INPUT_SPECS[id];
  if (spec.kind === 'pick') {
    return l10n.t({ message: '{0} is required: one of {1}', args: [name, valuesText(spec)], comment: ['{0} names the answer (a flag, an input id or a wizard step title); {1} is a comma-separated list of values to type as they are'] });
  }
  return spec.integer
    ? l10n.t({ message: '{0} is required: a whole number of at least 1', args: [name], comment: ['{0} names the answer (a flag, an input id or a wizard step title)'] })
    : l10n.t({ message: '{0} is required: a number greater than 0', args: [name], comment: ['{0} names the answer (a flag, an input id or a wizard step title)'] });
}

/** `<name> must be <what is allowed> (got <value>)`, one whole message per kind of answer. */
function notAllowedMessage(id: InputId, name: string, got: string): string {
  const spec = INPUT_SPECS[id];
  if (spec.kind === 'pick') {
    return l10n.t({ message: '{0} must be one of {1} (got {2})', args: [name, valuesText(spec), got], comment: ['{0} names the answer (a flag, an input id or a wizard step title); {1} is a comma-separated list of values to type as they are; {2} is the value given'] });
  }
  return spec.integer
    ? l10n.t({ message: '{0} must be a whole number of at least 1 (got {1})', args: [name, got], comment: ['{0} names the answer (a flag, an input id or a wizard step title); {1} is the value given'] })
    : l10n.t({ message: '{0} must be a number greater than 0 (got {1})', args: [name, got], comment: ['{0} names the answer (a flag, an input id or a wizard step title); {1} is the value given'] });
}

/** `<name> must be at most <max> (got <value>)`; the latency budget's limit is also said as a duration. */
function overMaxMessage(id: InputId, spec: NumberInputSpec, name: string, got: string): string {
  return id === 'latencyBudgetMs'
    ? l10n.t({ message: '{0} must be at most {1} ms, one hour (got {2})', args: [name, spec.max, got], comment: ['{0} names the answer (a flag, an input id or a wizard step title); {1} is the limit in milliseconds; {2} is the value given'] })
    : l10n.t({ message: '{0} must be at most {1} (got {2})', args: [name, spec.max, got], comment: ['{0} names the answer (a flag, an input id or a wizard step title); {1} is the limit; {2} is the value given'] });
}

/** The message for a key that is not one of the answers. */
export function unknownInputMessage(key: string): string {
  return l10n.t({ message: 'unknown input "{0}": expected one of {1}', args: [key, INPUT_IDS.join(', ')], comment: ['{0} is the key given; {1} is a comma-separated list of input ids, which stay as they are'] });
}

function isMissing(raw: unknown): boolean {
  return raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '');
}

/**
 * Checks one answer. `raw` may be a number or text (CLI flags and input boxes give text); `name` is how the message
 * names the answer: the input id by default, a flag (`--instances`) in the CLI, a step title in the wizard.
 * Messages always say what is allowed and what was given, e.g. `instances must be a whole number of at least 1 (got 2.5)`.
 */
export function checkInputValue<K extends InputId>(id: K, raw: unknown, name: string = id): CheckResult<Inputs[K]> {
  const spec = INPUT_SPECS[id];
  if (isMissing(raw)) return { ok: false, message: requiredMessage(id, name) };
  if (spec.kind === 'pick') {
    const text = typeof raw === 'string' ? raw.trim().toLowerCase() : undefined;
    if (text === undefined || !spec.values.includes(text)) {
      return { ok: false, message: notAllowedMessage(id, name, describeGot(raw)) };
    }
    return { ok: true, value: text as Inputs[K] };
  }
  const value = typeof raw === 'number' ? raw : typeof raw === 'string' && DECIMAL.test(raw.trim()) ? Number(raw.trim()) : NaN;
  const acceptable = Number.isFinite(value) && (spec.integer ? Number.isInteger(value) && value >= 1 : value > 0);
  if (!acceptable) return { ok: false, message: notAllowedMessage(id, name, describeGot(raw)) };
  if (value > spec.max) return { ok: false, message: overMaxMessage(id, spec, name, describeGot(raw)) };
  return { ok: true, value: value as Inputs[K] };
}

/** A problem with one answer; `input` is the input id, or the unknown key that was given. */
export interface InputError {
  readonly input: string;
  readonly message: string;
}

export type ValidationResult =
  | { readonly ok: true; readonly inputs: Inputs }
  | { readonly ok: false; readonly errors: readonly InputError[] };

/**
 * Turns loosely typed answers (JSON, settings, parsed flags) into {@link Inputs}, or lists every problem in input
 * order, unknown keys last. Numbers may be given as numbers or decimal text; picks as text (trimmed, any case).
 */
export function validateInputs(raw: Record<string, unknown>): ValidationResult {
  const errors: InputError[] = [];
  const values: Partial<Record<InputId, unknown>> = {};
  for (const id of INPUT_IDS) {
    const checked = checkInputValue(id, raw[id]);
    if (checked.ok) values[id] = checked.value;
    else errors.push({ input: id, message: checked.message });
  }
  for (const key of Object.keys(raw)) {
    if (!(INPUT_IDS as readonly string[]).includes(key)) {
      errors.push({ input: key, message: unknownInputMessage(key) });
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, inputs: values as unknown as Inputs };
}
