// The state-placement decision engine: seven answers in, one placement (with every alternative, the reasons, the
// latency arithmetic and the consequences) out. Pure and deterministic; the wizard, the ADR writer and the CLI all
// call it, so the rules live here and nowhere else. The rules are explained in words in
// content/state-placement-guide.md ("The rules"); keep the two in step.

import {
  LATENCY_FIGURES,
  PLACEMENT_TIERS,
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
  /** What is allowed, completing "<name> must be …". */
  readonly allowed: string;
  /** The upper limit, completing "<name> must be …". */
  readonly maxText: string;
}

export interface PickInputSpec {
  readonly kind: 'pick';
  readonly values: readonly string[];
}

/** How each answer is checked: one definition for validateInputs, the wizard's step messages and the CLI. */
export type InputSpec = NumberInputSpec | PickInputSpec;

export const INPUT_SPECS: Readonly<Record<InputId, InputSpec>> = {
  latencyBudgetMs: {
    kind: 'number',
    integer: false,
    max: MAX_LATENCY_BUDGET_MS,
    allowed: 'a number greater than 0',
    maxText: `at most ${MAX_LATENCY_BUDGET_MS} ms, one hour`,
  },
  accessesPerRequest: {
    kind: 'number',
    integer: true,
    max: MAX_ACCESSES_PER_REQUEST,
    allowed: 'a whole number of at least 1',
    maxText: `at most ${MAX_ACCESSES_PER_REQUEST}`,
  },
  instances: {
    kind: 'number',
    integer: true,
    max: MAX_INSTANCES,
    allowed: 'a whole number of at least 1',
    maxText: `at most ${MAX_INSTANCES}`,
  },
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

/** What an answer accepts, e.g. "one of server, serverless" or "a whole number of at least 1". */
export function describeAllowed(id: InputId): string {
  const spec = INPUT_SPECS[id];
  return spec.kind === 'pick' ? `one of ${spec.values.join(', ')}` : spec.allowed;
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
  const allowed = describeAllowed(id);
  if (isMissing(raw)) return { ok: false, message: `${name} is required: ${allowed}` };
  if (spec.kind === 'pick') {
    const text = typeof raw === 'string' ? raw.trim().toLowerCase() : undefined;
    if (text === undefined || !spec.values.includes(text)) {
      return { ok: false, message: `${name} must be ${allowed} (got ${describeGot(raw)})` };
    }
    return { ok: true, value: text as Inputs[K] };
  }
  const value = typeof raw === 'number' ? raw : typeof raw === 'string' && DECIMAL.test(raw.trim()) ? Number(raw.trim()) : NaN;
  const acceptable = Number.isFinite(value) && (spec.integer ? Number.isInteger(value) && value >= 1 : value > 0);
  if (!acceptable) return { ok: false, message: `${name} must be ${allowed} (got ${describeGot(raw)})` };
  if (value > spec.max) return { ok: false, message: `${name} must be ${spec.maxText} (got ${describeGot(raw)})` };
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
      errors.push({ input: key, message: `unknown input "${key}": expected one of ${INPUT_IDS.join(', ')}` });
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

/** One line describing each placement, for pickers, reports and the ADR's considered options. */
export const PLACEMENT_DESCRIPTIONS: Readonly<Record<Placement, string>> = {
  stateless: 'no server-side state; it travels with each request (signed cookie or token)',
  externalized: 'an external store (Redis, a database) is the source of truth; instances hold nothing',
  'in-process-cache': 'an in-process cache in front of an authoritative external store',
  'stateful-sticky': 'authoritative in-memory state, with sticky routing or consistent hashing by key',
};

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

/** One row of the seed note's table (statelessness-and-state-management, "Mechanism"), quoted as written there. */
export interface ConsequenceRow {
  readonly approach: 'Fully stateless' | 'Stateful' | 'Externalised';
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

/** The seed table, quoted. */
export const SEED_TABLE: readonly Omit<ConsequenceRow, 'chosen'>[] = [
  {
    approach: 'Fully stateless',
    scaling: 'Trivial (add instances)',
    failureRecovery: 'Trivial (any instance works)',
    complexity: 'State access cost',
  },
  { approach: 'Stateful', scaling: 'Requires sticky routing', failureRecovery: 'State lost on crash', complexity: 'Lowest latency' },
  {
    approach: 'Externalised',
    scaling: 'Near-trivial + store scales',
    failureRecovery: 'Service restarts OK',
    complexity: 'Store becomes SPOF',
  },
];

/** in-process-cache takes the Externalised row: the store stays the source of truth, memory is a disposable copy. */
const SEED_ROW: Readonly<Record<Placement, ConsequenceRow['approach']>> = {
  stateless: 'Fully stateless',
  externalized: 'Externalised',
  'in-process-cache': 'Externalised',
  'stateful-sticky': 'Stateful',
};

/** Floating-point products such as 0.0001 × 3 come out as 0.00030000000000000003; reports and comparisons use this. */
function clean(x: number): number {
  return Number(x.toPrecision(12));
}

function ms(x: number): string {
  return String(clean(x));
}

function accessesText(n: number): string {
  return n === 1 ? '1 access' : `${n} accesses`;
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

function latencyLine(tier: PlacementTierId, n: number, budget: number): LatencyLine {
  const figure = LATENCY_FIGURES[tier];
  const totalMs = { low: clean(figure.perAccessMs.low * n), high: clean(figure.perAccessMs.high * n) };
  return { tier, label: figure.label, perAccessMs: figure.perAccessMs, totalMs, budgetMs: budget, fits: totalMs.high <= budget };
}

function factsOf(inputs: Inputs): Facts {
  const n = inputs.accessesPerRequest;
  const budget = inputs.latencyBudgetMs;
  const latency = Object.fromEntries(PLACEMENT_TIERS.map((tier) => [tier, latencyLine(tier, n, budget)])) as Record<
    PlacementTierId,
    LatencyLine
  >;
  return { inputs, n, budget, multi: inputs.instances > 1 || inputs.runtime === 'serverless', latency };
}

function arithmetic(line: LatencyLine, n: number): string {
  return `${line.label} ${ms(line.perAccessMs.low)}–${ms(line.perAccessMs.high)} ms × ${n} = ${ms(line.totalMs.low)}–${ms(line.totalMs.high)} ms`;
}

function instancesPhrase(f: Facts): string {
  return f.inputs.runtime === 'serverless'
    ? `on serverless (peak ${f.inputs.instances} ${f.inputs.instances === 1 ? 'instance' : 'instances'}, started and recycled by the platform)`
    : `with ${f.inputs.instances} instances`;
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
          text: 'clientCanCarry=no: the state is too large or too sensitive to travel with each request',
          relax: 'clientCanCarry=yes',
        });
      }
      if (inputs.shared === 'yes') {
        problems.push({
          input: 'shared',
          text:
            'shared=yes: a client-carried copy is seen only by requests that carry it; other clients and concurrent ' +
            'requests holding an older token never see the write, and the server cannot revoke it before it expires',
          relax: 'shared=no',
        });
      }
      break;
    case 'externalized':
      break;
    case 'in-process-cache':
      if (inputs.shared === 'yes' && f.multi) {
        problems.push({
          input: 'shared',
          text:
            `shared=yes ${instancesPhrase(f)}: each instance's cache is its own copy, and a write on one reaches the ` +
            'others only after an invalidation (pub/sub) or a TTL, so they read stale data in between',
          relax: 'shared=no',
        });
      }
      break;
    case 'stateful-sticky':
      if (inputs.runtime === 'serverless') {
        problems.push({
          input: 'runtime',
          text:
            'runtime=serverless: the platform cannot route requests by key and freezes and recycles instances, so ' +
            'memory cannot hold authoritative state',
          relax: 'runtime=server',
        });
      }
      if (inputs.loss === 'none') {
        problems.push({
          input: 'loss',
          text: 'loss=none: authoritative in-memory state is lost on a crash or deploy, and this state must survive restarts',
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
  const within = `within the ${ms(f.budget)} ms budget`;
  switch (a.placement) {
    case 'stateless':
      return `a signed token verified on each request: ${arith}, ${within}`;
    case 'externalized': {
      const db = f.latency.database;
      if (externalStore(f) === 'database') {
        return `a durable database is the source of truth: ${arithmetic(db, f.n)}, ${within} (Redis, up to ${ms(a.line.totalMs.high)} ms, fits too)`;
      }
      const dbText = db.fits
        ? `a database (up to ${ms(db.totalMs.high)} ms) fits too`
        : `a database (up to ${ms(db.totalMs.high)} ms) would not`;
      return `Redis is the source of truth: ${arith}, ${within}; ${dbText}`;
    }
    case 'in-process-cache':
      return f.inputs.loss === 'acceptable'
        ? `per-instance memory that may start empty after a restart: ${arith}, ${within}`
        : `reads hit memory (${arith}, ${within}) while the external store stays the source of truth`;
    case 'stateful-sticky':
      return f.inputs.instances > 1
        ? `memory is the source of truth (${arith}, ${within}); requests are routed by key to the owning instance among ${f.inputs.instances}`
        : `memory is the source of truth (${arith}, ${within}); with one instance every request already reaches it`;
  }
}

const PREFERRED_BECAUSE: Readonly<Record<Placement, string>> = {
  stateless: 'nothing to store, replicate or route server-side',
  externalized:
    'the budget allows a network hop, so no per-instance copy has to be kept in sync (the seed instinct: only pull state into the process when latency demands it)',
  'in-process-cache': 'same memory speed, while the external store stays the source of truth so a crash loses nothing',
  'stateful-sticky': 'it is the only placement left',
};

function whyText(a: Assessment, chosen: Placement, feasible: boolean, f: Facts): string {
  const reasons = a.problems.map((p) => p.text);
  if (!a.line.fits) {
    reasons.push(`${arithmetic(a.line, f.n)}, over the ${ms(f.budget)} ms budget`);
  }
  if (reasons.length > 0) {
    const prefix = !feasible && a.placement === chosen ? 'does not fit (closest option)' : 'does not fit';
    return `${prefix}: ${reasons.join('; ')}`;
  }
  if (a.placement === chosen) return `fits (chosen): ${fitsText(a, f)}`;
  return `fits, but ${chosen} is preferred (${PREFERRED_BECAUSE[chosen]}): ${fitsText(a, f)}`;
}

function latencyReason(f: Facts): string {
  const lines = PLACEMENT_TIERS.map((t) => f.latency[t]);
  const fitting = lines.filter((l) => l.fits).map((l) => `${l.label} (up to ${ms(l.totalMs.high)} ms)`);
  const missing = lines.filter((l) => !l.fits).map((l) => `${l.label} (up to ${ms(l.totalMs.high)} ms)`);
  const head = `A ${ms(f.budget)} ms p99 budget for ${accessesText(f.n)}`;
  if (fitting.length === 0) return `${head}: no tier fits, not even ${missing[0]}.`;
  if (missing.length === 0) return `${head}: every tier fits by the high total, even ${fitting[fitting.length - 1]}.`;
  return `${head}: ${listText(fitting)} ${fitting.length === 1 ? 'fits' : 'fit'} by the high total; ${listText(missing)} ${missing.length === 1 ? 'does' : 'do'} not.`;
}

function listText(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function accessesReason(f: Facts, serving: LatencyLine): string {
  if (f.n === 1) return 'One access per request: the per-access cost is the whole cost.';
  const redis = f.latency.redis;
  const batched =
    !redis.fits && redis.perAccessMs.high <= f.budget
      ? ` Batching them into one round trip (MGET, pipelining, one query) would bring Redis to ${ms(redis.perAccessMs.low)}–${ms(redis.perAccessMs.high)} ms, within the budget.`
      : '';
  return `${f.n} accesses per request multiply every per-access cost: ${arithmetic(serving, f.n)}.${batched}`;
}

function instancesReason(f: Facts): string {
  const { instances, runtime } = f.inputs;
  if (runtime === 'serverless') {
    return (
      `Peak ${instances} serverless ${instances === 1 ? 'instance' : 'instances'}: the platform starts, freezes and ` +
      'recycles instances on its own, so the engine treats the state as having several copies whatever the count.'
    );
  }
  if (instances === 1) {
    return (
      'One instance: its memory is the only copy, so in-process state needs no routing and nothing can disagree ' +
      'with it. A second instance changes that: answer again before scaling out.'
    );
  }
  return (
    `${instances} instances: in-process state would be split across ${instances} processes, and a request lands on ` +
    'any of them unless it is routed by key.'
  );
}

function reasonsOf(f: Facts, serving: LatencyLine): Reason[] {
  const { inputs } = f;
  const runtime =
    inputs.runtime === 'server'
      ? 'runtime=server: a long-running process keeps memory between requests and can be routed by key (sticky sessions, consistent hashing).'
      : 'runtime=serverless: instances cannot be routed by key and may be frozen or recycled between invocations, so memory is only a best-effort cache, never authoritative state (rules out stateful-sticky).';
  const loss = {
    none: 'loss=none: the state must survive restarts, so process memory can never be its source of truth (rules out stateful-sticky); the truth lives in a durable store or travels with the client.',
    rebuildable:
      'loss=rebuildable: it can be recomputed from an authoritative source, so an in-memory copy is allowed; a crash costs a rebuild, not data.',
    acceptable: 'loss=acceptable: it is ephemeral, so losing it in a crash or deploy is fine; any placement may hold it.',
  }[inputs.loss];
  let shared: string;
  if (inputs.shared === 'no') {
    shared = "shared=no: no instance needs another's write right away, so per-instance copies and client-carried state are acceptable.";
  } else if (f.multi) {
    shared =
      `shared=yes ${instancesPhrase(f)}: a write must be seen by other instances right away, so per-instance copies ` +
      '(an in-process cache goes stale until invalidation or TTL) and client-carried copies (seen only by requests ' +
      'that carry them) do not work; only a shared store, or one owner per key (consistent hashing), does.';
  } else {
    shared =
      'shared=yes on one instance: its memory is the one copy every request reads, so in-process placements meet it; ' +
      'a client-carried copy still does not (other clients and concurrent requests never see it).';
  }
  let carry: string;
  if (inputs.clientCanCarry === 'no') {
    carry = 'clientCanCarry=no: it is too large or too sensitive to travel with each request, so it lives server-side.';
  } else if (inputs.shared === 'yes') {
    carry =
      'clientCanCarry=yes, but shared=yes: a client-carried copy cannot be updated or revoked for other requests, so it cannot be the source of truth here.';
  } else {
    carry = 'clientCanCarry=yes: it can travel with each request as a signed cookie or token, leaving no server-side state.';
  }
  return [
    { input: 'latencyBudgetMs', text: latencyReason(f) },
    { input: 'accessesPerRequest', text: accessesReason(f, serving) },
    { input: 'instances', text: instancesReason(f) },
    { input: 'runtime', text: runtime },
    { input: 'loss', text: loss },
    { input: 'shared', text: shared },
    { input: 'clientCanCarry', text: carry },
  ];
}

function storeName(store: ExternalStore, loss: Loss): string {
  if (store === 'database') return 'a database';
  return loss === 'none' ? 'Redis with persistence (AOF) and a replica' : 'Redis';
}

/** The tier the chosen placement is served from: an externalized database is judged on Redis but served by SQL. */
function servingLine(a: Assessment, f: Facts, store: ExternalStore): LatencyLine {
  return a.placement === 'externalized' && store === 'database' ? f.latency.database : a.line;
}

function headlineOf(chosen: Assessment, f: Facts, store: ExternalStore): string {
  const within = `within the ${ms(f.budget)} ms budget`;
  const arith = arithmetic(servingLine(chosen, f, store), f.n);
  switch (chosen.placement) {
    case 'stateless':
      return `Stateless: carry the state with each request as a signed token (${arith}), ${within}.`;
    case 'externalized':
      return `Externalized: keep the state in ${storeName(store, f.inputs.loss)} as the source of truth (${arith}), ${within}.`;
    case 'in-process-cache':
      return f.inputs.loss === 'acceptable'
        ? `In-process cache: keep the state in each instance's memory as a disposable copy (${arith}), ${within}.`
        : `In-process cache: serve reads from each instance's memory (${arith}) in front of an authoritative external store, ${within}.`;
    case 'stateful-sticky':
      return `Stateful with key routing: keep authoritative state in memory (${arith}) and route every request for a key to its owner instance, ${within}.`;
  }
}

function infeasibleMessage(closest: Assessment, assessments: readonly Assessment[], f: Facts): string {
  const inProcess = f.latency['in-process'];
  const parts: string[] = [];
  if (!inProcess.fits) {
    parts.push(
      `Even in-process memory costs up to ${ms(inProcess.totalMs.high)} ms for ${accessesText(f.n)}, over the ` +
        `${ms(f.budget)} ms budget: no placement can meet it.`,
    );
  } else {
    const ruledOut = assessments
      .filter((a) => a.problems.length > 0)
      .map((a) => `${a.placement} is ruled out by ${a.problems.map((p) => `${p.input}=${f.inputs[p.input]}`).join(' and ')}`);
    const tooSlow = assessments
      .filter((a) => a.problems.length === 0)
      .map((a) => `${a.placement} needs up to ${ms(a.line.totalMs.high)} ms`);
    parts.push(
      `No placement that meets the answers fits the ${ms(f.budget)} ms budget: ${[...tooSlow, ...ruledOut].join('; ')}.`,
    );
  }
  const batch =
    f.n > 1 && closest.placement === 'externalized'
      ? `, or ${ms(closest.line.perAccessMs.high)} ms if the ${f.n} accesses are batched into one round trip`
      : '';
  parts.push(
    `Closest: ${closest.placement} (${arithmetic(closest.line, f.n)}); it fits with a budget of at least ` +
      `${ms(closest.line.totalMs.high)} ms${batch}.`,
  );
  for (const a of assessments) {
    if (a.problems.length > 0 && a.line.fits) {
      parts.push(
        `With ${a.problems.map((p) => p.relax).join(' and ')}, ${a.placement} (up to ${ms(a.line.totalMs.high)} ms) would fit.`,
      );
    }
  }
  return parts.join(' ');
}

function techniquesOf(p: Placement, f: Facts, store: ExternalStore): string[] {
  const { inputs, n } = f;
  const out: string[] = [];
  const batch = `Batch the ${n} accesses into one round trip where the data allows (MGET, pipelining, one query): that turns ${n} × the per-access cost into about one.`;
  switch (p) {
    case 'stateless':
      out.push('Signed tokens: put the state in an HMAC-signed cookie or a JWT (RFC 7519), encrypted if it is confidential, and verify it on every request.');
      out.push('TTLs: give every token a short expiry and re-issue it on use, because a token cannot be recalled before it expires.');
      out.push('Keep it under 4 KB (the browser cookie limit) and rotate signing keys with a key id in the token.');
      if (inputs.loss === 'none') {
        out.push('The client holds the only copy: if losing it (cleared cookies, another device) is not acceptable, answer clientCanCarry=no.');
      }
      break;
    case 'externalized':
      out.push(
        store === 'database'
          ? 'A database as the source of truth: durable by default; Redis with persistence would also fit the budget.'
          : inputs.loss === 'none'
            ? 'Redis as the source of truth with persistence (AOF, appendfsync chosen for how much may be lost) and a replica; a database would not fit the budget.'
            : 'Redis as the source of truth: in-memory speed over one network hop.',
      );
      out.push(
        store === 'database'
          ? 'TTLs: an expires_at column and a periodic sweep, so abandoned state does not pile up.'
          : 'TTLs on every key (EXPIRE) so abandoned state (sessions, counters) expires on its own.',
      );
      if (inputs.shared === 'yes') {
        out.push('Atomic operations in the store (INCR, Lua scripts, transactions, conditional writes) so writers on different instances do not overwrite each other.');
      }
      out.push('Replication and failover for the store (Redis Sentinel or Cluster, a managed database): it is the single point of failure now.');
      out.push(
        inputs.runtime === 'serverless'
          ? 'Create the store client outside the handler so warm invocations reuse the connection, or use a connection proxy: serverless fan-out exhausts database connections.'
          : 'Connection pooling, so each access pays a round trip and not a connection setup.',
      );
      if (n > 1) out.push(batch);
      break;
    case 'in-process-cache':
      out.push(
        inputs.loss === 'acceptable'
          ? 'Per-instance memory, treated as a cache: it may start empty after a restart, which loss=acceptable allows.'
          : 'Cache-aside or refresh-ahead in front of the authoritative store, which stays the source of truth.',
      );
      out.push('TTLs on cached entries to bound how stale a copy can get.');
      if (f.multi) {
        out.push('Pub/sub fan-out of invalidations (e.g. Redis pub/sub) so other instances drop a stale copy soon after a write; the TTL is the backstop.');
      }
      if (inputs.loss === 'none') {
        out.push("Write-through: every write goes to the durable store before it is acknowledged, so a crash loses nothing; count those writes' store round trips against the budget.");
      } else if (inputs.loss === 'rebuildable') {
        out.push('Warm the cache from the authoritative source at startup, or fill it on a miss.');
      }
      if (inputs.runtime === 'serverless') {
        out.push('Keep the cache in module scope, outside the handler: it survives warm invocations only, so every cold start misses.');
      }
      out.push('Bound the cache (LRU, maximum entries) so memory per instance stays predictable.');
      break;
    case 'stateful-sticky':
      if (inputs.instances > 1) {
        out.push("Consistent hashing on the state's key (user, room, counter) so each key has one owner and adding or removing an instance moves only about 1/N of the keys.");
        out.push("Sticky sessions at the load balancer when the key is the client's session (cookie-based affinity).");
      }
      out.push(
        inputs.loss === 'rebuildable'
          ? "Rebuild an owner's keys from the authoritative source after a crash or when keys move to a new owner."
          : "Accept that a crash or deploy drops the owner's keys; clients reconnect and start fresh.",
      );
      if (inputs.shared === 'yes') {
        out.push('Pub/sub fan-out between owners when one write must reach clients connected to other instances (chat rooms, game lobbies).');
      }
      out.push('Graceful shutdown: drain connections and hand keys off before an instance stops, so deploys do not drop state.');
      out.push('Watch for hot keys: one owner serves all traffic for its key.');
      break;
  }
  return out;
}

function tradeOffsOf(p: Placement, line: LatencyLine, f: Facts): { good: string[]; bad: string[] } {
  const cost = `${ms(line.totalMs.low)}–${ms(line.totalMs.high)} ms per request`;
  switch (p) {
    case 'stateless':
      return {
        good: [
          'Scaling is trivial: add instances (seed table, Fully stateless).',
          'Failure recovery is trivial: any instance serves any request.',
          'There is no store to run, replicate or pay for.',
        ],
        bad: [
          `Every request pays the state access cost: verifying the token, ${cost}, plus carrying its bytes.`,
          'A token cannot be updated or revoked for other requests before it expires.',
        ],
      };
    case 'externalized':
      return {
        good: [
          'Scaling is near-trivial: instances stay disposable while the store scales (seed table, Externalised).',
          'Service restarts are OK: nothing lives in the process.',
        ],
        bad: [
          'The store becomes a single point of failure: replicate it and plan for its outages.',
          `Every access pays a network hop: ${cost}.`,
        ],
      };
    case 'in-process-cache':
      return {
        good: [
          `Reads cost memory speed, ${cost} (the Stateful row's lowest latency).`,
          'Service restarts are OK: the external store stays the source of truth (seed table, Externalised).',
        ],
        bad: [
          'The store is still a single point of failure for misses and writes.',
          f.multi
            ? 'Each instance holds its own copy, stale until an invalidation or TTL reaches it.'
            : 'The cached copy is stale until an invalidation or TTL refreshes it.',
          'Memory per instance grows with the cached set.',
        ],
      };
    case 'stateful-sticky':
      return {
        good: [`Lowest latency: authoritative state in memory, ${cost} (seed table, Stateful).`],
        bad: [
          'Requires sticky routing: consistent hashing or affinity, and rebalancing when instances come and go.',
          f.inputs.loss === 'rebuildable'
            ? 'State lost on crash: the owner rebuilds it from the authoritative source.'
            : 'State lost on crash: accepted, because loss=acceptable.',
          'Hot keys load one instance.',
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
    : `No placement fits the ${ms(f.budget)} ms budget with these answers; closest: ${chosen.placement}.`;
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
    consequences: SEED_TABLE.map((r) => ({ ...r, chosen: r.approach === row })),
    tradeOffs: tradeOffsOf(chosen.placement, serving, f),
    store: chosen.placement === 'externalized' ? store : null,
    techniques: techniquesOf(chosen.placement, f, store),
    notes: notesOf(chosen.placement, f),
  };
}
