// `statecraft simulate ring|sticky`: the note viewer's simulations behind flags. Parsing and printing only; the
// figures are the core's (src/core/sim), so the CLI, the panels and the unit tests always agree.
import * as l10n from '@vscode/l10n';
import { RING_LIMITS, simulateRing, type RingChange, type RingResult } from '../core/sim/ringSimulation';
import { ROUTING_LIMITS, simulateRouting, type RoutingResult } from '../core/sim/routingSimulation';
import { percent } from '../core/sim/simPanel';
import { stateLatency, type StateLatency } from '../core/sim/stateLatency';
import { checkInputValue } from '../core/wizard/decisionEngine';
import { ExitCode, usageError, usageLine, type CliIo } from './cliIo';

const RING_SYNTAX = 'statecraft simulate ring --nodes N [--vnodes V] [--keys K] [--add A | --remove R] [--seed S] [--json]';
const STICKY_SYNTAX =
  'statecraft simulate sticky --instances N --sessions S --fail F [--requests-per-session R] [--accesses-per-request A] [--latency-budget-ms B] [--seed S] [--json]';
const SYNTAX = `${RING_SYNTAX}\n       ${STICKY_SYNTAX}`;

const SEED_LIMIT = { min: 0, max: 2 ** 32 - 1 };

/** Flags → raw values, `--json` apart. Problems are collected so one run names every bad flag. */
function readFlags(argv: readonly string[], known: readonly string[], problems: string[]): { values: Map<string, string>; json: boolean } {
  const values = new Map<string, string>();
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--json') {
      json = true;
      continue;
    }
    if (!arg.startsWith('--')) {
      problems.push(l10n.t('unexpected argument {0}: every setting is a flag', JSON.stringify(arg)));
      continue;
    }
    const eq = arg.indexOf('=');
    const flag = eq === -1 ? arg : arg.slice(0, eq);
    if (!known.includes(flag)) {
      problems.push(l10n.t('unknown flag {0}', flag));
      continue;
    }
    let value: string | undefined;
    if (eq !== -1) value = arg.slice(eq + 1);
    else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) value = argv[++i];
    if (value === undefined) problems.push(l10n.t({ message: '{0} needs a value', args: [flag], comment: ['{0} is a command-line flag such as --nodes'] }));
    else if (values.has(flag)) problems.push(l10n.t('{0} is given more than once', flag));
    else values.set(flag, value);
  }
  return { values, json };
}

/** A whole number within limits, or a problem naming the flag; `undefined` value uses the default (if any). */
function wholeNumber(values: Map<string, string>, flag: string, limits: { min: number; max: number }, problems: string[], fallback?: number): number | undefined {
  const raw = values.get(flag);
  if (raw === undefined) {
    if (fallback === undefined) problems.push(l10n.t({ message: '{0} is required: a whole number from {1} to {2}', args: [flag, limits.min, limits.max], comment: ['{0} is a command-line flag; {1} and {2} are the limits'] }));
    return fallback;
  }
  const text = raw.trim();
  const value = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(value) || value < limits.min || value > limits.max) {
    problems.push(l10n.t({ message: '{0} must be a whole number from {1} to {2} (got {3})', args: [flag, limits.min, limits.max, JSON.stringify(raw)], comment: ['{0} is a command-line flag; {1} and {2} are the limits; {3} the value given, in quotes'] }));
    return undefined;
  }
  return value;
}

function fail(problems: string[]): never {
  throw usageError(problems.join('\n'), SYNTAX);
}

function ringTable(result: RingResult): string {
  const row = (scheme: string, moved: number, expected: number, ratio: number) =>
    `  ${scheme.padEnd(8)}  ${percent(moved).padStart(7)}  ${percent(expected).padStart(7)}  ${ratio.toFixed(2).padStart(6)}`;
  return [
    l10n.t({ message: 'Ring: {0} to {1} nodes, {2} virtual nodes each, {3} keys, seed {4}', args: [result.nodesBefore, result.nodesAfter, result.vnodes, result.keys, result.seed], comment: ['All placeholders are whole numbers'] }),
    '',
    `  ${l10n.t('scheme').padEnd(8)}  ${l10n.t('moved').padStart(7)}  ${l10n.t('theory').padStart(7)}  ${l10n.t({ message: 'busiest ÷ mean', comment: ['Column: keys on the busiest node divided by the mean keys per node'] })}`,
    row('modulo', result.modulo.moved, result.expected.modulo, result.modulo.maxLoadRatio),
    row('ring', result.ring.moved, result.expected.ring, result.ring.maxLoadRatio),
    '',
  ].join('\n');
}

function runRing(argv: readonly string[], io: CliIo): number {
  const problems: string[] = [];
  const { values, json } = readFlags(argv, ['--nodes', '--vnodes', '--keys', '--add', '--remove', '--seed'], problems);
  const nodes = wholeNumber(values, '--nodes', RING_LIMITS.nodes, problems);
  const vnodes = wholeNumber(values, '--vnodes', RING_LIMITS.vnodes, problems, 100);
  const keys = wholeNumber(values, '--keys', RING_LIMITS.keys, problems, 100_000);
  const seed = wholeNumber(values, '--seed', SEED_LIMIT, problems, 1);
  let change: RingChange = { kind: 'add', count: 1 };
  if (values.has('--add') && values.has('--remove')) {
    problems.push(l10n.t('--add and --remove cannot be combined: pick one change'));
  } else if (values.has('--remove')) {
    const count = wholeNumber(values, '--remove', RING_LIMITS.change, problems);
    if (count !== undefined && nodes !== undefined && count >= nodes) {
      problems.push(l10n.t({ message: '--remove must be less than --nodes ({0}): at least one node must remain (got {1})', args: [nodes, count], comment: ['{0} and {1} are whole numbers'] }));
    } else if (count !== undefined) change = { kind: 'remove', count };
  } else if (values.has('--add')) {
    const count = wholeNumber(values, '--add', RING_LIMITS.change, problems);
    if (count !== undefined) change = { kind: 'add', count };
  }
  if (problems.length > 0 || nodes === undefined || vnodes === undefined || keys === undefined || seed === undefined) fail(problems);
  const result = simulateRing({ nodes, vnodes, keys, seed, change });
  io.stdout(json ? `${JSON.stringify(result, null, 2)}\n` : ringTable(result));
  return ExitCode.ok;
}

function stickyText(result: RoutingResult, latency: StateLatency, accesses: number): string {
  const count = (lost: number, fraction: number) => `${lost} (${percent(fraction)})`;
  const ms = (range: { low: number; high: number }) => `${range.low}–${range.high} ms`;
  return [
    l10n.t({ message: 'Routing: {0} instances, {1} sessions, {2} failed, {3} requests per session, seed {4}', args: [result.instances, result.sessions, result.fail, result.requestsPerSession, result.seed], comment: ['All placeholders are whole numbers'] }),
    '',
    `  ${''.padEnd(34)}  ${l10n.t('in memory').padEnd(16)}  ${l10n.t('externalized')}`,
    `  ${l10n.t({ message: 'lost when {0} of {1} fail', args: [result.fail, result.instances], comment: ['Row label: sessions lost when some instances fail; {0} {1} are whole numbers'] }).padEnd(34)}  ${count(result.failure.inMemoryLost, result.failure.inMemoryLostFraction).padEnd(16)}  ${result.failure.externalizedLost}`,
    `  ${l10n.t('lost in a rolling deploy').padEnd(34)}  ${count(result.rollingDeploy.inMemoryLost, result.rollingDeploy.inMemoryLostFraction).padEnd(16)}  ${result.rollingDeploy.externalizedLost}`,
    `  ${l10n.t('sign-outs in a rolling deploy').padEnd(34)}  ${String(result.rollingDeploy.inMemorySignOuts).padEnd(16)}  0`,
    '',
    l10n.t({ message: 'In-process cache hit rate (warm requests): {0} with affinity, {1} without (theory 1/N = {2}).', args: [percent(result.hitRate.affinity), percent(result.hitRate.noAffinity), percent(result.expected.noAffinityHitRate)], comment: ['{0} {1} {2} are percentages'] }),
    l10n.t({ message: 'Session state per request: {0} in process, {1} in Redis ({2} accesses, {3} ms budget).', args: [ms(latency.inProcess.totalMs), ms(latency.redis.totalMs), accesses, latency.redis.budgetMs], comment: ['{0} {1} are millisecond ranges, {2} a whole number, {3} milliseconds'] }),
    '',
  ].join('\n');
}

function runSticky(argv: readonly string[], io: CliIo): number {
  const problems: string[] = [];
  const { values, json } = readFlags(argv, ['--instances', '--sessions', '--fail', '--requests-per-session', '--accesses-per-request', '--latency-budget-ms', '--seed'], problems);
  const instances = wholeNumber(values, '--instances', ROUTING_LIMITS.instances, problems);
  const sessions = wholeNumber(values, '--sessions', ROUTING_LIMITS.sessions, problems);
  const failed = wholeNumber(values, '--fail', ROUTING_LIMITS.fail, problems);
  const requestsPerSession = wholeNumber(values, '--requests-per-session', ROUTING_LIMITS.requestsPerSession, problems, 20);
  const seed = wholeNumber(values, '--seed', SEED_LIMIT, problems, 1);
  // The latency answers mean what they mean in `statecraft recommend`: the wizard's own checks and messages.
  const accesses = checkInputValue('accessesPerRequest', values.get('--accesses-per-request') ?? '3', '--accesses-per-request');
  const budget = checkInputValue('latencyBudgetMs', values.get('--latency-budget-ms') ?? '50', '--latency-budget-ms');
  if (!accesses.ok) problems.push(accesses.message);
  if (!budget.ok) problems.push(budget.message);
  if (failed !== undefined && instances !== undefined && failed > instances) {
    problems.push(l10n.t({ message: '--fail cannot exceed --instances ({0}) (got {1})', args: [instances, failed], comment: ['{0} and {1} are whole numbers'] }));
  }
  if (problems.length > 0 || instances === undefined || sessions === undefined || failed === undefined || requestsPerSession === undefined || seed === undefined || !accesses.ok || !budget.ok) fail(problems);
  const result = simulateRouting({ instances, sessions, fail: failed, requestsPerSession, seed });
  const latency = stateLatency(budget.value, accesses.value, instances);
  io.stdout(json ? `${JSON.stringify({ ...result, latency }, null, 2)}\n` : stickyText(result, latency, accesses.value));
  return ExitCode.ok;
}

/**
 * Runs `statecraft simulate <ring|sticky>`. `argv` holds the arguments after `simulate`. A missing, repeated,
 * unknown or out-of-range flag throws a UsageError naming it before anything is written (exit 2, empty stdout).
 */
export async function runSimulateCommand(argv: string[], io: CliIo): Promise<number> {
  const [kind, ...rest] = argv;
  if (kind === '--help' || kind === '-h' || rest.includes('--help') || rest.includes('-h')) {
    io.stdout(`${usageLine(SYNTAX)}\n`);
    return ExitCode.ok;
  }
  switch (kind) {
    case 'ring':
      return runRing(rest, io);
    case 'sticky':
      return runSticky(rest, io);
    default:
      throw usageError(l10n.t({ message: 'unknown simulation {0}: expected ring or sticky', args: [JSON.stringify(kind ?? '')], comment: ['{0} is what the user typed, in quotes; ring and sticky are typed as they are'] }), SYNTAX);
  }
}
