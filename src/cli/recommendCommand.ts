// `statecraft recommend`: the decision wizard's engine behind flags. Parsing and printing only; every decision is
// recommend()'s, so the CLI and the editor always give the same answer for the same inputs.

import * as l10n from '@vscode/l10n';
import { renderDecisionRecord } from '../core/decisions/adr';
import {
  INPUT_FLAGS,
  INPUT_IDS,
  checkInputValue,
  describeAllowed,
  recommend,
  type InputId,
  type Inputs,
  type Recommendation,
} from '../core/wizard/decisionEngine';
import { DEFAULT_STATE_KIND, STATE_KINDS, isStateKind, type StateKind } from '../core/decisions/stateKind';
import { ExitCode, usageError, usageLine, type CliIo } from './cliIo';

const SYNTAX =
  'statecraft recommend --latency-budget-ms <n> --accesses-per-request <n> --instances <n> ' +
  '--runtime server|serverless --loss none|rebuildable|acceptable --shared yes|no --client-can-carry yes|no ' +
  '[--state sessions|connections|cache|rate-limits|other] [--scope <glob>]... [--json | --adr]';


type OutputFormat = 'text' | 'json' | 'adr';

const FLAG_TO_INPUT = new Map<string, InputId>(INPUT_IDS.map((id) => [INPUT_FLAGS[id], id]));

interface RecommendArgs {
  readonly inputs: Inputs;
  readonly format: OutputFormat;
  /** What the decision is about (default `other`): recorded in the ADR's front matter. */
  readonly state: StateKind;
  /** Globs of the paths the decision governs (default: the whole repository). */
  readonly scope: readonly string[];
}

function parseArgs(argv: readonly string[]): RecommendArgs | 'help' {
  const raw = new Map<InputId, string>();
  const problems: string[] = [];
  /** Flags already reported as malformed, so they are not reported again as missing. */
  const reported = new Set<InputId>();
  let format: OutputFormat = 'text';
  let formatFlag: string | undefined;
  let state: StateKind | undefined;
  const scope: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') return 'help';
    if (!arg.startsWith('--')) {
      problems.push(l10n.t('unexpected argument {0}: every answer is a flag', JSON.stringify(arg)));
      continue;
    }
    const eq = arg.indexOf('=');
    const flag = eq === -1 ? arg : arg.slice(0, eq);
    if (flag === '--json' || flag === '--adr') {
      if (eq !== -1) problems.push(l10n.t('{0} takes no value', flag));
      else if (formatFlag !== undefined && formatFlag !== flag) problems.push(l10n.t('{0} and {1} cannot be combined: pick one output', formatFlag, flag));
      formatFlag = flag;
      format = flag === '--json' ? 'json' : 'adr';
      continue;
    }
    if (flag === '--state' || flag === '--scope') {
      let value: string | undefined;
      if (eq !== -1) value = arg.slice(eq + 1);
      else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) value = argv[++i];
      if (value === undefined || value.trim() === '') {
        problems.push(flag === '--state' ? l10n.t('--state needs a value: one of {0}', STATE_KINDS.join(', ')) : l10n.t('--scope needs a value: a path glob such as src/web/**'));
      } else if (flag === '--scope') {
        scope.push(value.trim());
      } else if (state !== undefined) {
        problems.push(l10n.t('{0} is given more than once', flag));
      } else if (!isStateKind(value.trim().toLowerCase())) {
        problems.push(l10n.t('--state must be one of {0} (got {1})', STATE_KINDS.join(', '), JSON.stringify(value)));
      } else {
        state = value.trim().toLowerCase() as StateKind;
      }
      continue;
    }
    const id = FLAG_TO_INPUT.get(flag);
    if (id === undefined) {
      problems.push(l10n.t('unknown flag {0}', flag));
      continue;
    }
    let value: string | undefined;
    if (eq !== -1) value = arg.slice(eq + 1);
    else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) value = argv[++i];
    if (value === undefined) {
      problems.push(l10n.t('{0} needs a value: {1}', flag, describeAllowed(id)));
      reported.add(id);
    } else if (raw.has(id)) {
      problems.push(l10n.t('{0} is given more than once', flag));
      reported.add(id);
    } else {
      raw.set(id, value);
    }
  }
  const inputs: Partial<Record<InputId, unknown>> = {};
  for (const id of INPUT_IDS) {
    if (reported.has(id)) continue;
    const checked = checkInputValue(id, raw.get(id), INPUT_FLAGS[id]);
    if (checked.ok) inputs[id] = checked.value;
    else problems.push(checked.message);
  }
  if (problems.length > 0) throw usageError(problems.join('\n'), SYNTAX);
  return { inputs: inputs as unknown as Inputs, format, state: state ?? DEFAULT_STATE_KIND, scope };
}

function today(clock: () => Date): string {
  const d = clock();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

function range(r: { low: number; high: number }): string {
  return `${r.low}–${r.high} ms`;
}

function textReport(inputs: Inputs, rec: Recommendation): string {
  const width = Math.max(...rec.alternatives.map((a) => a.placement.length));
  const lines: string[] = [rec.feasible ? l10n.t('Placement: {0}', rec.placement) : l10n.t('Placement: {0} (closest; no placement fits)', rec.placement), rec.headline];
  if (!rec.feasible && rec.message !== undefined) lines.push('', l10n.t('Not feasible: {0}', rec.message));
  lines.push(
    '',
    l10n.t('Answers'),
    ...INPUT_IDS.map((id) => `  ${INPUT_FLAGS[id]} ${inputs[id]}`),
    '',
    l10n.t('Options'),
    ...rec.alternatives.map((a) => `  ${a.placement.padEnd(width)}  ${a.why}`),
    '',
    l10n.t('Reasons'),
    ...rec.reasons.map((r) => `  ${r.input}: ${r.text}`),
    '',
    l10n.t('Latency (per access × {0}; the high total must be within {1} ms)', inputs.accessesPerRequest, inputs.latencyBudgetMs),
    ...rec.latency.map(
      (l) => `  ${l.label.padEnd(20)}  ${range(l.perAccessMs).padEnd(16)}  ${l10n.t('total {0}', range(l.totalMs)).padEnd(24)}  ${l.fits ? l10n.t('fits') : l10n.t('does not fit')}`,
    ),
    '',
    l10n.t('Consequences (seed table; * marks the accepted row)'),
    ...rec.consequences.map(
      (c) =>
        `  ${c.chosen ? '*' : ' '} ${l10n.t('{0}: scaling {1}; failure recovery {2}; complexity {3}', c.approach, c.scaling, c.failureRecovery, c.complexity)}`,
    ),
    '',
    l10n.t('Techniques'),
    ...rec.techniques.map((t) => `  - ${t}`),
    '',
    l10n.t('Notes to read: {0}', rec.notes.join(', ')),
    '',
  );
  return lines.join('\n');
}

/**
 * Runs `statecraft recommend`. `argv` holds the arguments after the subcommand name. Prints a text report, the
 * Recommendation as JSON (`--json`), or a decision record dated today by `clock` (`--adr`), whose front matter
 * records `--state` (default other) and any `--scope` globs. Returns 0, or 1 when no
 * placement fits (the output then names the closest option). A missing, repeated, unknown or invalid flag throws a
 * UsageError naming the flag and the allowed values, before anything is written; `--help` prints the usage line.
 */
export async function runRecommendCommand(argv: string[], io: CliIo, clock: () => Date = () => new Date()): Promise<number> {
  const parsed = parseArgs(argv);
  if (parsed === 'help') {
    io.stdout(`${usageLine(SYNTAX)}\n`);
    return ExitCode.ok;
  }
  const { inputs, format, state, scope } = parsed;
  const rec = recommend(inputs);
  if (format === 'json') io.stdout(`${JSON.stringify(rec, null, 2)}\n`);
  else if (format === 'adr') io.stdout(renderDecisionRecord(inputs, rec, { date: today(clock), state, scope }));
  else io.stdout(textReport(inputs, rec));
  return rec.feasible ? ExitCode.ok : ExitCode.findings;
}
