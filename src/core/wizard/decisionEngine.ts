// The state-placement decision engine: seven answers in, one placement (with every alternative, the reasons, the
// latency arithmetic and the consequences) out. Pure and deterministic; the wizard, the ADR writer and the CLI all
// call it, so the rules live here and nowhere else. The rules are explained in words in
// content/state-placement-guide.md ("The rules"); keep the two in step.

import * as l10n from '@vscode/l10n';
import {
  PLACEMENT_TIERS,
  latencyFigures,
  type LatencyFigure,
  type MsRange,
  type PlacementTierId,
} from './latencyFigures';

export type Runtime = 'server' | 'serverless';
export type Loss = 'none' | 'rebuildable' | 'acceptable';
export type YesNo = 'yes' | 'no';

/** The seven answers. Produce them with {@link validateInputs}; {@link recommend} rejects anything else. */
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

/** Where the state lives. */
export type Placement = 'stateless' | 'externalized' | 'in-process-cache' | 'stateful-sticky';

/**
 * The engine's preference, best first: the seed note's instinct ("Default to stateless with externalised state. Only
 * pull state into the process when latency requirements demand it … never as the source of truth").
 */
export const PLACEMENTS: readonly Placement[] = ['stateless', 'externalized', 'in-process-cache', 'stateful-sticky'];

/** How far a placement pulls state into the process: raising the budget alone never increases it. */
export const PLACEMENT_RANK: Readonly<Record<Placement, number>> = {
  stateless: 0,
  externalized: 0,
  'in-process-cache': 1,
  'stateful-sticky': 2,
};

/** One line describing a placement, for pickers, reports and the ADR's considered options. */
export function placementDescription(placement: Placement): string {
  switch (placement) {
    case 'stateless':
      return l10n.t('no server-side state; it travels with each request (signed cookie or token)');
    case 'externalized':
      return l10n.t('an external store (Redis, a database) is the source of truth; instances hold nothing');
    case 'in-process-cache':
      return l10n.t('an in-process cache in front of an authoritative external store');
    case 'stateful-sticky':
      return l10n.t('authoritative in-memory state, with sticky routing or consistent hashing by key');
  }
}

/** The tier whose per-access cost a placement pays on the request path. */
export const PLACEMENT_TIER: Readonly<Record<Placement, PlacementTierId>> = {
  stateless: 'client-carried',
  externalized: 'redis',
  'in-process-cache': 'in-process',
  'stateful-sticky': 'in-process',
};

export interface Alternative {
  readonly placement: Placement;
  /** Meets every answer, including the budget by its high total. */
  readonly fits: boolean;
  readonly why: string;
  readonly tier: PlacementTierId;
}

export interface Reason {
  readonly input: InputId;
  readonly text: string;
}

export interface LatencyLine {
  readonly tier: PlacementTierId;
  readonly label: string;
  readonly perAccessMs: MsRange;
  /** perAccessMs × accessesPerRequest. */
  readonly totalMs: MsRange;
  readonly budgetMs: number;
  /** The HIGH total is within the budget: the budget is a p99, so the slow end is the one that counts. */
  readonly fits: boolean;
}

/**
 * One row of the seed note's table (statelessness-and-state-management, "Mechanism"), quoted as written there (in the
 * display language: "Fully stateless", "Stateful" or "Externalised" in English).
 */
export interface ConsequenceRow {
  readonly approach: string;
  readonly scaling: string;
  readonly failureRecovery: string;
  readonly complexity: string;
  readonly chosen: boolean;
}

export type ExternalStore = 'redis' | 'database';

/** The engine's answer. Its JSON is the CLI's `--json` output. */
export interface Recommendation {
  /** The chosen placement; when `feasible` is false, the closest option (see `message`). */
  readonly placement: Placement;
  readonly feasible: boolean;
  /** Present only when `feasible` is false: why nothing fits, the closest option and what would make it fit. */
  readonly message?: string;
  readonly headline: string;
  /** All four placements, in preference order, each with fits / does not fit and why. */
  readonly alternatives: readonly Alternative[];
  /** One per input, in input order. */
  readonly reasons: readonly Reason[];
  /** One per placement tier, fastest first. */
  readonly latency: readonly LatencyLine[];
  readonly consequences: readonly ConsequenceRow[];
  /** The good and bad consequences accepted with the chosen placement, for the ADR. */
  readonly tradeOffs: { readonly good: readonly string[]; readonly bad: readonly string[] };
  /** For `externalized`: the store to use (a database when it fits and nothing may be lost); otherwise null. */
  readonly store: ExternalStore | null;
  readonly techniques: readonly string[];
  /** Ids of notes to read, most specific last. */
  readonly notes: readonly string[];
}

/** The seed table's rows, in its order. */
type SeedRowId = 'fully-stateless' | 'stateful' | 'externalised';

const SEED_ROW_IDS: readonly SeedRowId[] = ['fully-stateless', 'stateful', 'externalised'];

function seedRow(id: SeedRowId): Omit<ConsequenceRow, 'chosen'> {
  switch (id) {
    case 'fully-stateless':
      return {
        approach: l10n.t({ message: 'Fully stateless', comment: ['A row of the table quoted from the note statelessness-and-state-management; use the wording of its translation'] }),
        scaling: l10n.t({ message: 'Trivial (add instances)', comment: ['Scaling cell of the Fully stateless row, quoted from the note statelessness-and-state-management'] }),
        failureRecovery: l10n.t({ message: 'Trivial (any instance works)', comment: ['Failure Recovery cell of the Fully stateless row, quoted from the note statelessness-and-state-management'] }),
        complexity: l10n.t({ message: 'State access cost', comment: ['Complexity cell of the Fully stateless row, quoted from the note statelessness-and-state-management'] }),
      };
    case 'stateful':
      return {
        approach: l10n.t({ message: 'Stateful', comment: ['A row of the table quoted from the note statelessness-and-state-management; use the wording of its translation'] }),
        scaling: l10n.t({ message: 'Requires sticky routing', comment: ['Scaling cell of the Stateful row, quoted from the note statelessness-and-state-management'] }),
        failureRecovery: l10n.t({ message: 'State lost on crash', comment: ['Failure Recovery cell of the Stateful row, quoted from the note statelessness-and-state-management'] }),
        complexity: l10n.t({ message: 'Lowest latency', comment: ['Complexity cell of the Stateful row, quoted from the note statelessness-and-state-management'] }),
      };
    case 'externalised':
      return {
        approach: l10n.t({ message: 'Externalised', comment: ['A row of the table quoted from the note statelessness-and-state-management; use the wording of its translation'] }),
        scaling: l10n.t({ message: 'Near-trivial + store scales', comment: ['Scaling cell of the Externalised row, quoted from the note statelessness-and-state-management'] }),
        failureRecovery: l10n.t({ message: 'Service restarts OK', comment: ['Failure Recovery cell of the Externalised row, quoted from the note statelessness-and-state-management'] }),
        complexity: l10n.t({ message: 'Store becomes SPOF', comment: ['Complexity cell of the Externalised row, quoted from the note statelessness-and-state-management; SPOF is a single point of failure'] }),
      };
  }
}

/** The seed table, quoted, in the display language. */
export function seedTable(): readonly Omit<ConsequenceRow, 'chosen'>[] {
  return SEED_ROW_IDS.map(seedRow);
}

/** in-process-cache takes the Externalised row: the store stays the source of truth, memory is a disposable copy. */
const SEED_ROW: Readonly<Record<Placement, SeedRowId>> = {
  stateless: 'fully-stateless',
  externalized: 'externalised',
  'in-process-cache': 'externalised',
  'stateful-sticky': 'stateful',
};

/** Floating-point products such as 0.0001 × 3 come out as 0.00030000000000000003; reports and comparisons use this. */
function clean(x: number): number {
  return Number(x.toPrecision(12));
}

function ms(x: number): string {
  return String(clean(x));
}

/**
 * "a, b and c": joins items that are already whole (tier names with their cost, `input=value` answers). The comma
 * between all but the last two is the list separator; the last pair is a message a translation can change.
 */
function andList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return l10n.t({ message: '{0} and {1}', args: [items.slice(0, -1).join(', '), items[items.length - 1]], comment: ['Joins the last item of a list: {0} is the earlier items separated by commas, {1} the last one'] });
}

/** Everything derived from the inputs once, so the rule functions read like the rules. */
interface Facts {
  readonly inputs: Inputs;
  readonly n: number;
  readonly budget: number;
  /** More than one copy of the process can exist: several instances, or any serverless deployment. */
  readonly multi: boolean;
  readonly latency: Readonly<Record<PlacementTierId, LatencyLine>>;
}

function latencyLine(tier: PlacementTierId, figure: LatencyFigure, n: number, budget: number): LatencyLine {
  const totalMs = { low: clean(figure.perAccessMs.low * n), high: clean(figure.perAccessMs.high * n) };
  return { tier, label: figure.label, perAccessMs: figure.perAccessMs, totalMs, budgetMs: budget, fits: totalMs.high <= budget };
}

function factsOf(inputs: Inputs): Facts {
  const n = inputs.accessesPerRequest;
  const budget = inputs.latencyBudgetMs;
  // The figures are built (and translated) once per recommendation, not once per tier.
  const figures = latencyFigures();
  const latency = Object.fromEntries(PLACEMENT_TIERS.map((tier) => [tier, latencyLine(tier, figures[tier], n, budget)])) as Record<
    PlacementTierId,
    LatencyLine
  >;
  return { inputs, n, budget, multi: inputs.instances > 1 || inputs.runtime === 'serverless', latency };
}

function arithmetic(line: LatencyLine, n: number): string {
  return l10n.t({
    message: '{0} {1}–{2} ms × {3} = {4}–{5} ms',
    args: [line.label, ms(line.perAccessMs.low), ms(line.perAccessMs.high), n, ms(line.totalMs.low), ms(line.totalMs.high)],
    comment: ['The latency arithmetic of one tier: {0} is the tier name (e.g. Redis), {1}–{2} the milliseconds per access, {3} the accesses per request, {4}–{5} the milliseconds per request'],
  });
}

/** A tier with the high end of its total, e.g. "Redis (up to 5 ms)". */
function upTo(line: LatencyLine): string {
  return l10n.t({ message: '{0} (up to {1} ms)', args: [line.label, ms(line.totalMs.high)], comment: ['{0} is a latency tier (e.g. Redis), {1} its highest milliseconds per request'] });
}

/** A hard constraint a placement breaks, with the answer that would lift it. */
interface Problem {
  readonly input: InputId;
  readonly text: string;
  /** The changed answer that removes this problem, e.g. "shared=no". */
  readonly relax: string;
}

/** The rules that do not depend on the budget. Kept separate so raising the budget can only add options. */
function constraintProblems(p: Placement, f: Facts): Problem[] {
  const { inputs } = f;
  const problems: Problem[] = [];
  switch (p) {
    case 'stateless':
      if (inputs.clientCanCarry === 'no') {
        problems.push({
          input: 'clientCanCarry',
          text: l10n.t('clientCanCarry=no: the state is too large or too sensitive to travel with each request'),
          relax: 'clientCanCarry=yes',
        });
      }
      if (inputs.shared === 'yes') {
        problems.push({
          input: 'shared',
          text: l10n.t('shared=yes: a client-carried copy is seen only by requests that carry it; other clients and concurrent requests holding an older token never see the write, and the server cannot revoke it before it expires'),
          relax: 'shared=no',
        });
      }
      break;
    case 'externalized':
      break;
    case 'in-process-cache':
      if (inputs.shared === 'yes' && f.multi) {
        let text: string;
        if (inputs.runtime === 'server') {
          text = l10n.t({ message: "shared=yes with {0} instances: each instance's cache is its own copy, and a write on one reaches the others only after an invalidation (pub/sub) or a TTL, so they read stale data in between", args: [inputs.instances], comment: ['{0} is the number of instances, more than one'] });
        } else if (inputs.instances === 1) {
          text = l10n.t("shared=yes on serverless (peak 1 instance, started and recycled by the platform): each instance's cache is its own copy, and a write on one reaches the others only after an invalidation (pub/sub) or a TTL, so they read stale data in between");
        } else {
          text = l10n.t({ message: "shared=yes on serverless (peak {0} instances, started and recycled by the platform): each instance's cache is its own copy, and a write on one reaches the others only after an invalidation (pub/sub) or a TTL, so they read stale data in between", args: [inputs.instances], comment: ['{0} is the peak number of instances, more than one'] });
        }
        problems.push({ input: 'shared', text, relax: 'shared=no' });
      }
      break;
    case 'stateful-sticky':
      if (inputs.runtime === 'serverless') {
        problems.push({
          input: 'runtime',
          text: l10n.t('runtime=serverless: the platform cannot route requests by key and freezes and recycles instances, so memory cannot hold authoritative state'),
          relax: 'runtime=server',
        });
      }
      if (inputs.loss === 'none') {
        problems.push({
          input: 'loss',
          text: l10n.t('loss=none: authoritative in-memory state is lost on a crash or deploy, and this state must survive restarts'),
          relax: 'loss=rebuildable',
        });
      }
      break;
  }
  return problems;
}

interface Assessment {
  readonly placement: Placement;
  readonly problems: readonly Problem[];
  readonly line: LatencyLine;
  readonly fits: boolean;
}

function assess(p: Placement, f: Facts): Assessment {
  const problems = constraintProblems(p, f);
  const line = f.latency[PLACEMENT_TIER[p]];
  return { placement: p, problems, line, fits: problems.length === 0 && line.fits };
}

/**
 * Nothing fits: name the option that meets every answer except the budget and comes nearest to it (lowest high
 * total; ties go to the preferred one, so in-process-cache beats stateful-sticky). externalized never breaks a
 * constraint, so there always is one.
 */
function closestOption(assessments: readonly Assessment[]): Assessment {
  const candidates = assessments.filter((a) => a.problems.length === 0);
  return candidates.reduce((best, a) => (a.line.totalMs.high < best.line.totalMs.high ? a : best));
}

function externalStore(f: Facts): ExternalStore {
  return f.inputs.loss === 'none' && f.latency.database.fits ? 'database' : 'redis';
}

function fitsText(a: Assessment, f: Facts): string {
  const arith = arithmetic(a.line, f.n);
  const budget = ms(f.budget);
  switch (a.placement) {
    case 'stateless':
      return l10n.t('a signed token verified on each request: {0}, within the {1} ms budget', arith, budget);
    case 'externalized': {
      const db = f.latency.database;
      if (externalStore(f) === 'database') {
        return l10n.t('a durable database is the source of truth: {0}, within the {1} ms budget (Redis, up to {2} ms, fits too)', arithmetic(db, f.n), budget, ms(a.line.totalMs.high));
      }
      return db.fits
        ? l10n.t('Redis is the source of truth: {0}, within the {1} ms budget; a database (up to {2} ms) fits too', arith, budget, ms(db.totalMs.high))
        : l10n.t('Redis is the source of truth: {0}, within the {1} ms budget; a database (up to {2} ms) would not', arith, budget, ms(db.totalMs.high));
    }
    case 'in-process-cache':
      return f.inputs.loss === 'acceptable'
        ? l10n.t('per-instance memory that may start empty after a restart: {0}, within the {1} ms budget', arith, budget)
        : l10n.t('reads hit memory ({0}, within the {1} ms budget) while the external store stays the source of truth', arith, budget);
    case 'stateful-sticky':
      return f.inputs.instances > 1
        ? l10n.t('memory is the source of truth ({0}, within the {1} ms budget); requests are routed by key to the owning instance among {2}', arith, budget, f.inputs.instances)
        : l10n.t('memory is the source of truth ({0}, within the {1} ms budget); with one instance every request already reaches it', arith, budget);
  }
}

/** "fits, but <chosen> is preferred (<why>): <how a fits>", one whole message per preferred placement. */
function fitsButPreferredText(chosen: Placement, how: string): string {
  switch (chosen) {
    case 'stateless':
      return l10n.t({ message: 'fits, but {0} is preferred (nothing to store, replicate or route server-side): {1}', args: [chosen, how], comment: ['{0} is a placement id, kept as it is; {1} says how this option would meet the answers'] });
    case 'externalized':
      return l10n.t({ message: 'fits, but {0} is preferred (the budget allows a network hop, so no per-instance copy has to be kept in sync (the seed instinct: only pull state into the process when latency demands it)): {1}', args: [chosen, how], comment: ['{0} is a placement id, kept as it is; {1} says how this option would meet the answers'] });
    case 'in-process-cache':
      return l10n.t({ message: 'fits, but {0} is preferred (same memory speed, while the external store stays the source of truth so a crash loses nothing): {1}', args: [chosen, how], comment: ['{0} is a placement id, kept as it is; {1} says how this option would meet the answers'] });
    case 'stateful-sticky':
      return l10n.t({ message: 'fits, but {0} is preferred (it is the only placement left): {1}', args: [chosen, how], comment: ['{0} is a placement id, kept as it is; {1} says how this option would meet the answers'] });
  }
}

function whyText(a: Assessment, chosen: Placement, feasible: boolean, f: Facts): string {
  const reasons = a.problems.map((p) => p.text);
  if (!a.line.fits) {
    reasons.push(l10n.t({ message: '{0}, over the {1} ms budget', args: [arithmetic(a.line, f.n), ms(f.budget)], comment: ['{0} is the latency arithmetic of one tier, e.g. "Redis 1–5 ms × 2 = 2–10 ms"'] }));
  }
  if (reasons.length > 0) {
    const list = reasons.join('; ');
    return !feasible && a.placement === chosen
      ? l10n.t({ message: 'does not fit (closest option): {0}', args: [list], comment: ['{0} is one or more reasons, separated by semicolons'] })
      : l10n.t({ message: 'does not fit: {0}', args: [list], comment: ['{0} is one or more reasons, separated by semicolons'] });
  }
  if (a.placement === chosen) return l10n.t({ message: 'fits (chosen): {0}', args: [fitsText(a, f)], comment: ['{0} says how the chosen option meets the answers'] });
  return fitsButPreferredText(chosen, fitsText(a, f));
}

/**
 * Why the chosen placement fits the answers (the alternative's `why` without its "fits (chosen): " lead-in), for the
 * decision record's outcome sentence. Same rules as {@link recommend}; `inputs` must pass {@link validateInputs}.
 */
export function chosenFitText(inputs: Inputs, placement: Placement): string {
  const f = factsOf(inputs);
  return fitsText(assess(placement, f), f);
}

function latencyReason(f: Facts): string {
  const lines = PLACEMENT_TIERS.map((t) => f.latency[t]);
  const fitting = lines.filter((l) => l.fits).map(upTo);
  const missing = lines.filter((l) => !l.fits).map(upTo);
  const budget = ms(f.budget);
  const one = f.n === 1;
  if (fitting.length === 0) {
    return one
      ? l10n.t({ message: 'A {0} ms p99 budget for 1 access: no tier fits, not even {1}.', args: [budget, missing[0]], comment: ['{1} is the fastest tier with its cost, e.g. "in-process memory (up to 0.001 ms)"'] })
      : l10n.t({ message: 'A {0} ms p99 budget for {1} accesses: no tier fits, not even {2}.', args: [budget, f.n, missing[0]], comment: ['{2} is the fastest tier with its cost, e.g. "in-process memory (up to 0.002 ms)"'] });
  }
  if (missing.length === 0) {
    return one
      ? l10n.t({ message: 'A {0} ms p99 budget for 1 access: every tier fits by the high total, even {1}.', args: [budget, fitting[fitting.length - 1]], comment: ['{1} is the slowest tier with its cost, e.g. "database (up to 20 ms)"'] })
      : l10n.t({ message: 'A {0} ms p99 budget for {1} accesses: every tier fits by the high total, even {2}.', args: [budget, f.n, fitting[fitting.length - 1]], comment: ['{2} is the slowest tier with its cost, e.g. "database (up to 40 ms)"'] });
  }
  const fits = andList(fitting);
  const misses = andList(missing);
  if (fitting.length === 1) {
    if (missing.length === 1) {
      return one
        ? l10n.t({ message: 'A {0} ms p99 budget for 1 access: {1} fits by the high total; {2} does not.', args: [budget, fits, misses], comment: ['{1} (or {2}) lists the tiers that fit, {2} (or {3}) the tiers that do not, each with its cost, e.g. "Redis (up to 5 ms)"'] })
        : l10n.t({ message: 'A {0} ms p99 budget for {1} accesses: {2} fits by the high total; {3} does not.', args: [budget, f.n, fits, misses], comment: ['{1} (or {2}) lists the tiers that fit, {2} (or {3}) the tiers that do not, each with its cost, e.g. "Redis (up to 5 ms)"'] });
    }
    return one
      ? l10n.t({ message: 'A {0} ms p99 budget for 1 access: {1} fits by the high total; {2} do not.', args: [budget, fits, misses], comment: ['{1} (or {2}) lists the tiers that fit, {2} (or {3}) the tiers that do not, each with its cost, e.g. "Redis (up to 5 ms)"'] })
      : l10n.t({ message: 'A {0} ms p99 budget for {1} accesses: {2} fits by the high total; {3} do not.', args: [budget, f.n, fits, misses], comment: ['{1} (or {2}) lists the tiers that fit, {2} (or {3}) the tiers that do not, each with its cost, e.g. "Redis (up to 5 ms)"'] });
  }
  if (missing.length === 1) {
    return one
      ? l10n.t({ message: 'A {0} ms p99 budget for 1 access: {1} fit by the high total; {2} does not.', args: [budget, fits, misses], comment: ['{1} (or {2}) lists the tiers that fit, {2} (or {3}) the tiers that do not, each with its cost, e.g. "Redis (up to 5 ms)"'] })
      : l10n.t({ message: 'A {0} ms p99 budget for {1} accesses: {2} fit by the high total; {3} does not.', args: [budget, f.n, fits, misses], comment: ['{1} (or {2}) lists the tiers that fit, {2} (or {3}) the tiers that do not, each with its cost, e.g. "Redis (up to 5 ms)"'] });
  }
  return one
    ? l10n.t({ message: 'A {0} ms p99 budget for 1 access: {1} fit by the high total; {2} do not.', args: [budget, fits, misses], comment: ['{1} (or {2}) lists the tiers that fit, {2} (or {3}) the tiers that do not, each with its cost, e.g. "Redis (up to 5 ms)"'] })
    : l10n.t({ message: 'A {0} ms p99 budget for {1} accesses: {2} fit by the high total; {3} do not.', args: [budget, f.n, fits, misses], comment: ['{1} (or {2}) lists the tiers that fit, {2} (or {3}) the tiers that do not, each with its cost, e.g. "Redis (up to 5 ms)"'] });
}

function accessesReason(f: Facts, serving: LatencyLine): string {
  if (f.n === 1) return l10n.t('One access per request: the per-access cost is the whole cost.');
  const multiplied = l10n.t({ message: '{0} accesses per request multiply every per-access cost: {1}.', args: [f.n, arithmetic(serving, f.n)], comment: ['{0} is a number greater than 1; {1} is the latency arithmetic of the serving tier'] });
  const redis = f.latency.redis;
  if (redis.fits || redis.perAccessMs.high > f.budget) return multiplied;
  const batched = l10n.t('Batching them into one round trip (MGET, pipelining, one query) would bring Redis to {0}–{1} ms, within the budget.', ms(redis.perAccessMs.low), ms(redis.perAccessMs.high));
  return `${multiplied} ${batched}`;
}

function instancesReason(f: Facts): string {
  const { instances, runtime } = f.inputs;
  if (runtime === 'serverless') {
    return instances === 1
      ? l10n.t('Peak 1 serverless instance: the platform starts, freezes and recycles instances on its own, so the engine treats the state as having several copies whatever the count.')
      : l10n.t({ message: 'Peak {0} serverless instances: the platform starts, freezes and recycles instances on its own, so the engine treats the state as having several copies whatever the count.', args: [instances], comment: ['{0} is a whole number of instances, more than one'] });
  }
  if (instances === 1) {
    return l10n.t('One instance: its memory is the only copy, so in-process state needs no routing and nothing can disagree with it. A second instance changes that: answer again before scaling out.');
  }
  return l10n.t({ message: '{0} instances: in-process state would be split across {0} processes, and a request lands on any of them unless it is routed by key.', args: [instances], comment: ['{0} is a whole number of instances, more than one'] });
}

function sharedReason(f: Facts): string {
  const { inputs } = f;
  if (inputs.shared === 'no') {
    return l10n.t("shared=no: no instance needs another's write right away, so per-instance copies and client-carried state are acceptable.");
  }
  if (!f.multi) {
    return l10n.t('shared=yes on one instance: its memory is the one copy every request reads, so in-process placements meet it; a client-carried copy still does not (other clients and concurrent requests never see it).');
  }
  if (inputs.runtime === 'server') {
    return l10n.t({ message: 'shared=yes with {0} instances: a write must be seen by other instances right away, so per-instance copies (an in-process cache goes stale until invalidation or TTL) and client-carried copies (seen only by requests that carry them) do not work; only a shared store, or one owner per key (consistent hashing), does.', args: [inputs.instances], comment: ['{0} is the number of instances, more than one'] });
  }
  return inputs.instances === 1
    ? l10n.t('shared=yes on serverless (peak 1 instance, started and recycled by the platform): a write must be seen by other instances right away, so per-instance copies (an in-process cache goes stale until invalidation or TTL) and client-carried copies (seen only by requests that carry them) do not work; only a shared store, or one owner per key (consistent hashing), does.')
    : l10n.t({ message: 'shared=yes on serverless (peak {0} instances, started and recycled by the platform): a write must be seen by other instances right away, so per-instance copies (an in-process cache goes stale until invalidation or TTL) and client-carried copies (seen only by requests that carry them) do not work; only a shared store, or one owner per key (consistent hashing), does.', args: [inputs.instances], comment: ['{0} is the peak number of instances, more than one'] });
}

function carryReason(inputs: Inputs): string {
  if (inputs.clientCanCarry === 'no') {
    return l10n.t('clientCanCarry=no: it is too large or too sensitive to travel with each request, so it lives server-side.');
  }
  return inputs.shared === 'yes'
    ? l10n.t('clientCanCarry=yes, but shared=yes: a client-carried copy cannot be updated or revoked for other requests, so it cannot be the source of truth here.')
    : l10n.t('clientCanCarry=yes: it can travel with each request as a signed cookie or token, leaving no server-side state.');
}

function lossReason(loss: Loss): string {
  switch (loss) {
    case 'none':
      return l10n.t('loss=none: the state must survive restarts, so process memory can never be its source of truth (rules out stateful-sticky); the truth lives in a durable store or travels with the client.');
    case 'rebuildable':
      return l10n.t('loss=rebuildable: it can be recomputed from an authoritative source, so an in-memory copy is allowed; a crash costs a rebuild, not data.');
    case 'acceptable':
      return l10n.t('loss=acceptable: it is ephemeral, so losing it in a crash or deploy is fine; any placement may hold it.');
  }
}

function reasonsOf(f: Facts, serving: LatencyLine): Reason[] {
  const { inputs } = f;
  const runtime =
    inputs.runtime === 'server'
      ? l10n.t('runtime=server: a long-running process keeps memory between requests and can be routed by key (sticky sessions, consistent hashing).')
      : l10n.t('runtime=serverless: instances cannot be routed by key and may be frozen or recycled between invocations, so memory is only a best-effort cache, never authoritative state (rules out stateful-sticky).');
  return [
    { input: 'latencyBudgetMs', text: latencyReason(f) },
    { input: 'accessesPerRequest', text: accessesReason(f, serving) },
    { input: 'instances', text: instancesReason(f) },
    { input: 'runtime', text: runtime },
    { input: 'loss', text: lossReason(inputs.loss) },
    { input: 'shared', text: sharedReason(f) },
    { input: 'clientCanCarry', text: carryReason(inputs) },
  ];
}

/** The tier the chosen placement is served from: an externalized database is judged on Redis but served by SQL. */
function servingLine(a: Assessment, f: Facts, store: ExternalStore): LatencyLine {
  return a.placement === 'externalized' && store === 'database' ? f.latency.database : a.line;
}

function headlineOf(chosen: Assessment, f: Facts, store: ExternalStore): string {
  const budget = ms(f.budget);
  const arith = arithmetic(servingLine(chosen, f, store), f.n);
  switch (chosen.placement) {
    case 'stateless':
      return l10n.t('Stateless: carry the state with each request as a signed token ({0}), within the {1} ms budget.', arith, budget);
    case 'externalized':
      if (store === 'database') return l10n.t('Externalized: keep the state in a database as the source of truth ({0}), within the {1} ms budget.', arith, budget);
      return f.inputs.loss === 'none'
        ? l10n.t('Externalized: keep the state in Redis with persistence (AOF) and a replica as the source of truth ({0}), within the {1} ms budget.', arith, budget)
        : l10n.t('Externalized: keep the state in Redis as the source of truth ({0}), within the {1} ms budget.', arith, budget);
    case 'in-process-cache':
      return f.inputs.loss === 'acceptable'
        ? l10n.t("In-process cache: keep the state in each instance's memory as a disposable copy ({0}), within the {1} ms budget.", arith, budget)
        : l10n.t("In-process cache: serve reads from each instance's memory ({0}) in front of an authoritative external store, within the {1} ms budget.", arith, budget);
    case 'stateful-sticky':
      return l10n.t('Stateful with key routing: keep authoritative state in memory ({0}) and route every request for a key to its owner instance, within the {1} ms budget.', arith, budget);
  }
}

function infeasibleMessage(closest: Assessment, assessments: readonly Assessment[], f: Facts): string {
  const inProcess = f.latency['in-process'];
  const budget = ms(f.budget);
  const parts: string[] = [];
  if (!inProcess.fits) {
    parts.push(
      f.n === 1
        ? l10n.t('Even in-process memory costs up to {0} ms for 1 access, over the {1} ms budget: no placement can meet it.', ms(inProcess.totalMs.high), budget)
        : l10n.t('Even in-process memory costs up to {0} ms for {1} accesses, over the {2} ms budget: no placement can meet it.', ms(inProcess.totalMs.high), f.n, budget),
    );
  } else {
    const ruledOut = assessments
      .filter((a) => a.problems.length > 0)
      .map((a) =>
        l10n.t({ message: '{0} is ruled out by {1}', args: [a.placement, andList(a.problems.map((p) => `${p.input}=${f.inputs[p.input]}`))], comment: ['{0} is a placement id; {1} lists answers as input=value, kept as they are'] }),
      );
    const tooSlow = assessments
      .filter((a) => a.problems.length === 0)
      .map((a) => l10n.t({ message: '{0} needs up to {1} ms', args: [a.placement, ms(a.line.totalMs.high)], comment: ['{0} is a placement id'] }));
    parts.push(
      l10n.t({ message: 'No placement that meets the answers fits the {0} ms budget: {1}.', args: [budget, [...tooSlow, ...ruledOut].join('; ')], comment: ['{1} is a list of reasons, one per placement, separated by semicolons'] }),
    );
  }
  parts.push(
    f.n > 1 && closest.placement === 'externalized'
      ? l10n.t({ message: 'Closest: {0} ({1}); it fits with a budget of at least {2} ms, or {3} ms if the {4} accesses are batched into one round trip.', args: [closest.placement, arithmetic(closest.line, f.n), ms(closest.line.totalMs.high), ms(closest.line.perAccessMs.high), f.n], comment: ['{0} is a placement id; {1} its latency arithmetic'] })
      : l10n.t({ message: 'Closest: {0} ({1}); it fits with a budget of at least {2} ms.', args: [closest.placement, arithmetic(closest.line, f.n), ms(closest.line.totalMs.high)], comment: ['{0} is a placement id; {1} its latency arithmetic'] }),
  );
  for (const a of assessments) {
    if (a.problems.length > 0 && a.line.fits) {
      parts.push(
        l10n.t({ message: 'With {0}, {1} (up to {2} ms) would fit.', args: [andList(a.problems.map((p) => p.relax)), a.placement, ms(a.line.totalMs.high)], comment: ['{0} lists changed answers as input=value, kept as they are; {1} is a placement id'] }),
      );
    }
  }
  return parts.join(' ');
}

function techniquesOf(p: Placement, f: Facts, store: ExternalStore): string[] {
  const { inputs, n } = f;
  const out: string[] = [];
  switch (p) {
    case 'stateless':
      out.push(l10n.t('Signed tokens: put the state in an HMAC-signed cookie or a JWT (RFC 7519), encrypted if it is confidential, and verify it on every request.'));
      out.push(l10n.t('TTLs: give every token a short expiry and re-issue it on use, because a token cannot be recalled before it expires.'));
      out.push(l10n.t('Keep it under 4 KB (the browser cookie limit) and rotate signing keys with a key id in the token.'));
      if (inputs.loss === 'none') {
        out.push(l10n.t('The client holds the only copy: if losing it (cleared cookies, another device) is not acceptable, answer clientCanCarry=no.'));
      }
      break;
    case 'externalized':
      out.push(
        store === 'database'
          ? l10n.t('A database as the source of truth: durable by default; Redis with persistence would also fit the budget.')
          : inputs.loss === 'none'
            ? l10n.t('Redis as the source of truth with persistence (AOF, appendfsync chosen for how much may be lost) and a replica; a database would not fit the budget.')
            : l10n.t('Redis as the source of truth: in-memory speed over one network hop.'),
      );
      out.push(
        store === 'database'
          ? l10n.t('TTLs: an expires_at column and a periodic sweep, so abandoned state does not pile up.')
          : l10n.t('TTLs on every key (EXPIRE) so abandoned state (sessions, counters) expires on its own.'),
      );
      if (inputs.shared === 'yes') {
        out.push(l10n.t('Atomic operations in the store (INCR, Lua scripts, transactions, conditional writes) so writers on different instances do not overwrite each other.'));
      }
      out.push(l10n.t('Replication and failover for the store (Redis Sentinel or Cluster, a managed database): it is the single point of failure now.'));
      out.push(
        inputs.runtime === 'serverless'
          ? l10n.t('Create the store client outside the handler so warm invocations reuse the connection, or use a connection proxy: serverless fan-out exhausts database connections.')
          : l10n.t('Connection pooling, so each access pays a round trip and not a connection setup.'),
      );
      if (n > 1) {
        out.push(l10n.t({ message: 'Batch the {0} accesses into one round trip where the data allows (MGET, pipelining, one query): that turns {0} × the per-access cost into about one.', args: [n], comment: ['{0} is the number of accesses per request, more than one'] }));
      }
      break;
    case 'in-process-cache':
      out.push(
        inputs.loss === 'acceptable'
          ? l10n.t('Per-instance memory, treated as a cache: it may start empty after a restart, which loss=acceptable allows.')
          : l10n.t('Cache-aside or refresh-ahead in front of the authoritative store, which stays the source of truth.'),
      );
      out.push(l10n.t('TTLs on cached entries to bound how stale a copy can get.'));
      if (f.multi) {
        out.push(l10n.t('Pub/sub fan-out of invalidations (e.g. Redis pub/sub) so other instances drop a stale copy soon after a write; the TTL is the backstop.'));
      }
      if (inputs.loss === 'none') {
        out.push(l10n.t("Write-through: every write goes to the durable store before it is acknowledged, so a crash loses nothing; count those writes' store round trips against the budget."));
      } else if (inputs.loss === 'rebuildable') {
        out.push(l10n.t('Warm the cache from the authoritative source at startup, or fill it on a miss.'));
      }
      if (inputs.runtime === 'serverless') {
        out.push(l10n.t('Keep the cache in module scope, outside the handler: it survives warm invocations only, so every cold start misses.'));
      }
      out.push(l10n.t('Bound the cache (LRU, maximum entries) so memory per instance stays predictable.'));
      break;
    case 'stateful-sticky':
      if (inputs.instances > 1) {
        out.push(l10n.t("Consistent hashing on the state's key (user, room, counter) so each key has one owner and adding or removing an instance moves only about 1/N of the keys."));
        out.push(l10n.t("Sticky sessions at the load balancer when the key is the client's session (cookie-based affinity)."));
      }
      out.push(
        inputs.loss === 'rebuildable'
          ? l10n.t("Rebuild an owner's keys from the authoritative source after a crash or when keys move to a new owner.")
          : l10n.t("Accept that a crash or deploy drops the owner's keys; clients reconnect and start fresh."),
      );
      if (inputs.shared === 'yes') {
        out.push(l10n.t('Pub/sub fan-out between owners when one write must reach clients connected to other instances (chat rooms, game lobbies).'));
      }
      out.push(l10n.t('Graceful shutdown: drain connections and hand keys off before an instance stops, so deploys do not drop state.'));
      out.push(l10n.t('Watch for hot keys: one owner serves all traffic for its key.'));
      break;
  }
  return out;
}

function tradeOffsOf(p: Placement, line: LatencyLine, f: Facts): { good: string[]; bad: string[] } {
  const low = ms(line.totalMs.low);
  const high = ms(line.totalMs.high);
  switch (p) {
    case 'stateless':
      return {
        good: [
          l10n.t('Scaling is trivial: add instances (seed table, Fully stateless).'),
          l10n.t('Failure recovery is trivial: any instance serves any request.'),
          l10n.t('There is no store to run, replicate or pay for.'),
        ],
        bad: [
          l10n.t('Every request pays the state access cost: verifying the token, {0}–{1} ms per request, plus carrying its bytes.', low, high),
          l10n.t('A token cannot be updated or revoked for other requests before it expires.'),
        ],
      };
    case 'externalized':
      return {
        good: [
          l10n.t('Scaling is near-trivial: instances stay disposable while the store scales (seed table, Externalised).'),
          l10n.t('Service restarts are OK: nothing lives in the process.'),
        ],
        bad: [
          l10n.t('The store becomes a single point of failure: replicate it and plan for its outages.'),
          l10n.t('Every access pays a network hop: {0}–{1} ms per request.', low, high),
        ],
      };
    case 'in-process-cache':
      return {
        good: [
          l10n.t("Reads cost memory speed, {0}–{1} ms per request (the Stateful row's lowest latency).", low, high),
          l10n.t('Service restarts are OK: the external store stays the source of truth (seed table, Externalised).'),
        ],
        bad: [
          l10n.t('The store is still a single point of failure for misses and writes.'),
          f.multi
            ? l10n.t('Each instance holds its own copy, stale until an invalidation or TTL reaches it.')
            : l10n.t('The cached copy is stale until an invalidation or TTL refreshes it.'),
          l10n.t('Memory per instance grows with the cached set.'),
        ],
      };
    case 'stateful-sticky':
      return {
        good: [l10n.t('Lowest latency: authoritative state in memory, {0}–{1} ms per request (seed table, Stateful).', low, high)],
        bad: [
          l10n.t('Requires sticky routing: consistent hashing or affinity, and rebalancing when instances come and go.'),
          f.inputs.loss === 'rebuildable'
            ? l10n.t('State lost on crash: the owner rebuilds it from the authoritative source.')
            : l10n.t('State lost on crash: accepted, because loss=acceptable.'),
          l10n.t('Hot keys load one instance.'),
        ],
      };
  }
}

function notesOf(p: Placement, f: Facts): string[] {
  const notes = ['state-placement-guide', 'statelessness-and-state-management', 'latency-numbers'];
  const specific: Record<Placement, string[]> = {
    stateless: ['session-storage'],
    externalized: ['session-storage', 'replication', 'connection-pooling'],
    'in-process-cache': ['caching-patterns', 'cache-invalidation'],
    'stateful-sticky': ['sticky-sessions', 'consistent-hashing', 'stateful-connections', 'graceful-shutdown'],
  };
  notes.push(...specific[p]);
  if (f.inputs.runtime === 'serverless') notes.push('serverless-state');
  return notes;
}

/**
 * Recommends where the state lives. The rules, in order:
 * 1. Hard constraints (independent of the budget): stateless needs clientCanCarry=yes and shared=no;
 *    in-process-cache cannot meet shared=yes when more than one copy of the process exists (instances > 1 or
 *    serverless); stateful-sticky needs runtime=server and loss other than none; externalized meets every answer.
 * 2. Budget: a placement fits when its tier's HIGH total (per-access cost × accesses) is within the budget.
 * 3. The first placement in {@link PLACEMENTS} that fits wins. When none fits, `feasible` is false and the placement
 *    is the closest option: the one meeting every answer but the budget with the lowest high total.
 * Throws a RangeError when `inputs` would not pass {@link validateInputs}.
 */
export function recommend(inputs: Inputs): Recommendation {
  const checked = validateInputs(inputs as unknown as Record<string, unknown>);
  if (!checked.ok) throw new RangeError(checked.errors.map((e) => e.message).join('\n'));
  const f = factsOf(checked.inputs);
  const assessments = PLACEMENTS.map((p) => assess(p, f));
  const winner = assessments.find((a) => a.fits);
  const chosen = winner ?? closestOption(assessments);
  const feasible = winner !== undefined;
  const store = externalStore(f);
  const message = feasible ? undefined : infeasibleMessage(chosen, assessments, f);
  const headline = feasible
    ? headlineOf(chosen, f, store)
    : l10n.t({ message: 'No placement fits the {0} ms budget with these answers; closest: {1}.', args: [ms(f.budget), chosen.placement], comment: ['{1} is a placement id, kept as it is'] });
  const row = SEED_ROW[chosen.placement];
  const serving = servingLine(chosen, f, store);
  return {
    placement: chosen.placement,
    feasible,
    ...(message === undefined ? {} : { message }),
    headline,
    alternatives: assessments.map((a) => ({
      placement: a.placement,
      fits: a.fits,
      why: whyText(a, chosen.placement, feasible, f),
      tier: a.line.tier,
    })),
    reasons: reasonsOf(f, serving),
    latency: PLACEMENT_TIERS.map((t) => f.latency[t]),
    consequences: SEED_ROW_IDS.map((id) => ({ ...seedRow(id), chosen: id === row })),
    tradeOffs: tradeOffsOf(chosen.placement, serving, f),
    store: chosen.placement === 'externalized' ? store : null,
    techniques: techniquesOf(chosen.placement, f, store),
    notes: notesOf(chosen.placement, f),
  };
}
