// Decision records and Markdown summaries from a recommendation. Output follows MADR 4
// (https://adr.github.io/madr/) headings, with Status and Date as visible list items (MADR 2 style) instead of YAML
// front matter, so they show in every Markdown preview. Notes are referred to by plain id (`session-storage`), not by
// link: a decision record lives in the user's repository, where relative links to Statecraft's content/ would
// dangle and a custom URI scheme would only work inside VS Code; an id works with Statecraft's note search everywhere.

import { slugify } from '../slug';
import {
  INPUT_FLAGS,
  INPUT_IDS,
  PLACEMENTS,
  PLACEMENT_DESCRIPTIONS,
  type InputId,
  type Inputs,
  type Recommendation,
} from './decisionEngine';
import { LATENCY_FIGURES, LATENCY_NOTE_LINK, PLACEMENT_TIERS } from './latencyFigures';
import { WIZARD_STEPS } from './wizardMachine';

export interface DecisionRecordOptions {
  /** The decision date, `YYYY-MM-DD`; the caller owns the clock. */
  readonly date: string;
  /** The whole title; defaults to {@link decisionRecordTitle}. */
  readonly title?: string;
  /** What the state is, for the default title ("login session" → "Keep login session state …"). */
  readonly subject?: string;
}

const DEFAULT_SUBJECT = 'service';

function placementPhrase(rec: Recommendation): string {
  switch (rec.placement) {
    case 'stateless':
      return 'stateless, carried by each request';
    case 'externalized':
      return rec.store === 'database' ? 'externalized in a database' : 'externalized in Redis';
    case 'in-process-cache':
      return 'in an in-process cache';
    case 'stateful-sticky':
      return 'stateful in memory, routed by key';
  }
}

/** "Keep <subject> state <placement>", with "(budget not met)" when the recommendation is not feasible. */
export function decisionRecordTitle(recommendation: Recommendation, subject: string = DEFAULT_SUBJECT): string {
  const title = `Keep ${subject.trim() || DEFAULT_SUBJECT} state ${placementPhrase(recommendation)}`;
  return recommendation.feasible ? title : `${title} (budget not met)`;
}

function answerText(inputs: Inputs, id: InputId): string {
  const value = inputs[id];
  if (id === 'latencyBudgetMs') return `${value} ms`;
  const option = WIZARD_STEPS.find((s) => s.id === id)?.options?.find((o) => o.label === value);
  return option === undefined ? String(value) : `${value} (${option.description})`;
}

function stepTitle(id: InputId): string {
  return WIZARD_STEPS.find((s) => s.id === id)?.title ?? id;
}

/** `statecraft recommend …` with the same answers, so a reader can re-run the decision. */
export function recommendCommandLine(inputs: Inputs): string {
  return ['statecraft recommend', ...INPUT_IDS.map((id) => `${INPUT_FLAGS[id]} ${inputs[id]}`)].join(' ');
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

function rangeText(r: { low: number; high: number }): string {
  return `${r.low}–${r.high}`;
}

function latencyTable(inputs: Inputs, rec: Recommendation): string[] {
  const budget = inputs.latencyBudgetMs;
  return [
    `| Tier | Per access (ms) | Accesses | Total (ms) | High total within ${budget} ms |`,
    '|---|---|---|---|---|',
    ...rec.latency.map(
      (l) =>
        `| ${l.label} | ${rangeText(l.perAccessMs)} | ${inputs.accessesPerRequest} | ${rangeText(l.totalMs)} | ${l.fits ? 'yes' : 'no'} |`,
    ),
  ];
}

function seedTable(rec: Recommendation): string[] {
  return [
    '| Approach | Scaling | Failure Recovery | Complexity |',
    '|---|---|---|---|',
    ...rec.consequences.map(
      (c) =>
        `| ${c.chosen ? `**${c.approach} (chosen)**` : c.approach} | ${c.scaling} | ${c.failureRecovery} | ${c.complexity} |`,
    ),
  ];
}

function latencySources(): string[] {
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const tier of PLACEMENT_TIERS) {
    for (const s of LATENCY_FIGURES[tier].sources) {
      if (seen.has(s.url)) continue;
      seen.add(s.url);
      lines.push(`* ${s.title}: <${s.url}>`);
    }
  }
  return lines;
}

function chosenWhy(rec: Recommendation): string {
  const why = rec.alternatives.find((a) => a.placement === rec.placement)?.why ?? '';
  return why.replace(/^fits \(chosen\): /, '').replace(/^does not fit \(closest option\): /, '');
}

/**
 * A MADR-style decision record for the recommendation: title, Status (accepted; proposed when nothing fits, so an
 * infeasible answer is never recorded as settled), Date, Context and Problem Statement, Decision Drivers (every
 * answer with its value), Considered Options (all four placements), Decision Outcome with the reasons and the
 * latency arithmetic, Consequences (good/bad and the seed table), Techniques, Confirmation, Pros and Cons of the
 * Options, More Information (note ids and latency sources). Throws a RangeError for a date not in `YYYY-MM-DD` form.
 */
export function renderDecisionRecord(inputs: Inputs, recommendation: Recommendation, options: DecisionRecordOptions): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(options.date)) {
    throw new RangeError(`date must be YYYY-MM-DD (got ${JSON.stringify(options.date)})`);
  }
  const rec = recommendation;
  const subject = options.subject?.trim() || DEFAULT_SUBJECT;
  const title = options.title?.trim() || decisionRecordTitle(rec, subject);
  const runtimeText = inputs.runtime === 'serverless' ? 'serverless' : 'server';
  const outcome = rec.feasible
    ? `Chosen option: "${rec.placement}", because ${chosenWhy(rec)}.`
    : `Chosen option: "${rec.placement}", the closest option: no option meets every decision driver. ${rec.message ?? ''}`;
  const lines: string[] = [
    `# ${title}`,
    '',
    `* Status: ${rec.feasible ? 'accepted' : 'proposed'}`,
    `* Date: ${options.date}`,
    '',
    '## Context and Problem Statement',
    '',
    `Where should ${subject} state live: carried by each request, in an external store, in an in-process cache in ` +
      `front of a store, or in memory with requests routed by key? One request may spend ${inputs.latencyBudgetMs} ms ` +
      `(p99) on it across ${inputs.accessesPerRequest} ${inputs.accessesPerRequest === 1 ? 'access' : 'accesses'}, ` +
      `on up to ${inputs.instances} ${runtimeText} ${inputs.instances === 1 ? 'instance' : 'instances'}.`,
    '',
    '## Decision Drivers',
    '',
    ...INPUT_IDS.map((id) => `* ${stepTitle(id)} (\`${id}\`): ${answerText(inputs, id)}`),
    '',
    '## Considered Options',
    '',
    ...PLACEMENTS.map((p) => `* ${p}: ${PLACEMENT_DESCRIPTIONS[p]}`),
    '',
    '## Decision Outcome',
    '',
    outcome,
    '',
    rec.headline,
    '',
    'Reasons, one per decision driver:',
    '',
    ...rec.reasons.map((r) => `* \`${r.input}\`: ${r.text}`),
    '',
    `Latency arithmetic (per-access cost × accesses; the high total must be within the budget; figures from \`${LATENCY_NOTE_LINK}\`):`,
    '',
    ...latencyTable(inputs, rec),
    '',
    '### Consequences',
    '',
    ...rec.tradeOffs.good.map((g) => `* Good, because ${lowerFirst(g)}`),
    ...rec.tradeOffs.bad.map((b) => `* Bad, because ${lowerFirst(b)}`),
    '',
    'The seed table (`statelessness-and-state-management`), with the accepted row marked:',
    '',
    ...seedTable(rec),
    '',
    '### Techniques',
    '',
    ...rec.techniques.map((t) => `* ${t}`),
    '',
    '### Confirmation',
    '',
    `Re-run \`${recommendCommandLine(inputs)}\` when an answer changes; this decision holds while it still answers \`${rec.placement}\`.`,
    '',
    '## Pros and Cons of the Options',
    '',
  ];
  for (const a of rec.alternatives) {
    lines.push(`### ${a.placement}`, '', PLACEMENT_DESCRIPTIONS[a.placement].replace(/^./, (c) => c.toUpperCase()) + '.', '');
    lines.push(`* ${a.fits ? 'Good' : 'Bad'}, because it ${a.why}`, '');
  }
  lines.push(
    '## More Information',
    '',
    'Statecraft notes to read, by note id (open them with Statecraft\'s note search):',
    '',
    ...rec.notes.map((n) => `* \`${n}\``),
    '',
    `Latency figures (\`${LATENCY_NOTE_LINK}\`) come from:`,
    '',
    ...latencySources(),
    '',
  );
  return lines.join('\n');
}

function lowerFirst(text: string): string {
  return text.replace(/^[A-Z](?=[a-z])/, (c) => c.toLowerCase());
}

const MAX_SLUG_LENGTH = 80;

/**
 * The file name for a new decision record: `NNNN-<slug>.md`, numbered one past the highest `NNNN-` prefix among
 * `existingFileNames` (bare names or paths; others are ignored), `0001` when there is none. Gaps are not refilled,
 * so the result never equals an existing name. The slug is {@link slugify}'s, with runs of hyphens collapsed.
 */
export function nextDecisionRecordFileName(existingFileNames: readonly string[], title: string): string {
  let highest = 0;
  for (const name of existingFileNames) {
    const base = name.split(/[\\/]/).pop() ?? '';
    const match = /^(\d{4,})-/.exec(base);
    if (match) highest = Math.max(highest, Number(match[1]));
  }
  const slug =
    slugify(title)
      .replace(/-+/g, '-')
      .slice(0, MAX_SLUG_LENGTH)
      .replace(/^[-_]+|[-_]+$/g, '') || 'decision';
  return `${String(highest + 1).padStart(4, '0')}-${slug}.md`;
}

/** A compact Markdown summary for "Copy as Markdown": answers, placement, every option, arithmetic, techniques, notes. */
export function toMarkdownSummary(inputs: Inputs, recommendation: Recommendation): string {
  const rec = recommendation;
  const lines: string[] = [
    `### State placement: ${rec.placement}${rec.feasible ? '' : ' (closest; nothing fits)'}`,
    '',
    rec.headline,
    '',
  ];
  if (!rec.feasible && rec.message !== undefined) lines.push(`**Not feasible:** ${rec.message}`, '');
  lines.push(
    '| Answer | Value |',
    '|---|---|',
    ...INPUT_IDS.map((id) => `| ${stepTitle(id)} | ${cell(answerText(inputs, id))} |`),
    '',
    '| Option | Fits | Why |',
    '|---|---|---|',
    ...rec.alternatives.map((a) => `| ${a.placement} | ${a.fits ? 'yes' : 'no'} | ${cell(a.why)} |`),
    '',
    ...latencyTable(inputs, rec),
    '',
    '**Techniques**',
    '',
    ...rec.techniques.map((t) => `- ${t}`),
    '',
    `**Notes:** ${rec.notes.map((n) => `\`${n}\``).join(', ')}`,
    '',
  );
  return lines.join('\n');
}
