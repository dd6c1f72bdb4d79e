// Decision records and Markdown summaries from a recommendation. Output follows MADR 4
// (https://adr.github.io/madr/) headings. Status, date, the state kind, the placement and the answers are YAML front
// matter (core/decisions/decisionRecord.ts) that `statecraft scan` and the editor read to check the code against the
// record; Status and Date are repeated as visible list items (MADR 2 style) because not every Markdown preview
// shows front matter. Notes are referred to by plain id (`session-storage`), not by
// link: a decision record lives in the user's repository, where relative links to Statecraft's content/ would
// dangle and a custom URI scheme would only work inside VS Code; an id works with Statecraft's note search everywhere.

import * as l10n from '@vscode/l10n';
import { renderRecordFrontMatter } from './decisionRecord';
import { DEFAULT_STATE_KIND, stateKindSubject, type StateKind } from './stateKind';
import { slugify } from '../slug';
import {
  INPUT_FLAGS,
  INPUT_IDS,
  PLACEMENTS,
  chosenFitText,
  placementDescription,
  type InputId,
  type Inputs,
  type Recommendation,
} from '../wizard/decisionEngine';
import { LATENCY_NOTE_LINK, PLACEMENT_TIERS, latencyFigures } from '../wizard/latencyFigures';
import { wizardSteps } from '../wizard/wizardMachine';

export interface DecisionRecordOptions {
  /** The decision date, `YYYY-MM-DD`; the caller owns the clock. */
  readonly date: string;
  /** The whole title; defaults to {@link decisionRecordTitle}. */
  readonly title?: string;
  /** What the state is, for the default title ("login session" → "Keep login session state …"). */
  readonly subject?: string;
  /** The kind of state the decision governs (default `other`); also names the default subject. */
  readonly state?: StateKind;
  /** Globs of the paths the decision governs, relative to the repository root; default: all of it. */
  readonly scope?: readonly string[];
  /** The file name of the record this one replaces; the visible list and the front matter both name it. */
  readonly supersedes?: string;
}

/** What the state is called when the caller names no subject. */
function defaultSubject(): string {
  return l10n.t({ message: 'service', comment: ['What the state belongs to when the user names nothing, as in "Keep service state externalized in Redis"'] });
}

/** "Keep <subject> state <placement>", with "(budget not met)" when the recommendation is not feasible. */
export function decisionRecordTitle(recommendation: Recommendation, subject?: string): string {
  const who = subject?.trim() || defaultSubject();
  let title: string;
  switch (recommendation.placement) {
    case 'stateless':
      title = l10n.t({ message: 'Keep {0} state stateless, carried by each request', args: [who], comment: ['{0} is what the state belongs to, e.g. "login session"'] });
      break;
    case 'externalized':
      title =
        recommendation.store === 'database'
          ? l10n.t({ message: 'Keep {0} state externalized in a database', args: [who], comment: ['{0} is what the state belongs to, e.g. "login session"'] })
          : l10n.t({ message: 'Keep {0} state externalized in Redis', args: [who], comment: ['{0} is what the state belongs to, e.g. "login session"'] });
      break;
    case 'in-process-cache':
      title = l10n.t({ message: 'Keep {0} state in an in-process cache', args: [who], comment: ['{0} is what the state belongs to, e.g. "login session"'] });
      break;
    case 'stateful-sticky':
      title = l10n.t({ message: 'Keep {0} state stateful in memory, routed by key', args: [who], comment: ['{0} is what the state belongs to, e.g. "login session"'] });
      break;
  }
  return recommendation.feasible ? title : l10n.t({ message: '{0} (budget not met)', args: [title], comment: ['{0} is a decision record title'] });
}

/** "Title: answer" for each input, as the wizard asked it; the steps are built (and translated) once per call. */
function answerLines(inputs: Inputs, line: (title: string, id: InputId, answer: string) => string): string[] {
  const steps = wizardSteps();
  return INPUT_IDS.map((id) => {
    const step = steps.find((s) => s.id === id);
    const value = inputs[id];
    const option = step?.options?.find((o) => o.label === value);
    const answer = id === 'latencyBudgetMs' ? `${value} ms` : option === undefined ? String(value) : `${value} (${option.description})`;
    return line(step?.title ?? id, id, answer);
  });
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

function yesNo(yes: boolean): string {
  return yes
    ? l10n.t({ message: 'yes', comment: ['A table cell: the option or tier fits'] })
    : l10n.t({ message: 'no', comment: ['A table cell: the option or tier does not fit'] });
}

function latencyTable(inputs: Inputs, rec: Recommendation): string[] {
  const headers = [
    l10n.t('Tier'),
    l10n.t('Per access (ms)'),
    l10n.t('Accesses'),
    l10n.t('Total (ms)'),
    l10n.t({ message: 'High total within {0} ms', args: [inputs.latencyBudgetMs], comment: ['A table header; {0} is the latency budget in milliseconds'] }),
  ];
  return [
    `| ${headers.map(cell).join(' | ')} |`,
    '|---|---|---|---|---|',
    ...rec.latency.map(
      (l) =>
        `| ${cell(l.label)} | ${rangeText(l.perAccessMs)} | ${inputs.accessesPerRequest} | ${rangeText(l.totalMs)} | ${yesNo(l.fits)} |`,
    ),
  ];
}

function seedTable(rec: Recommendation): string[] {
  const headers = [l10n.t('Approach'), l10n.t('Scaling'), l10n.t('Failure Recovery'), l10n.t('Complexity')];
  return [
    `| ${headers.map(cell).join(' | ')} |`,
    '|---|---|---|---|',
    ...rec.consequences.map(
      (c) =>
        `| ${c.chosen ? `**${cell(l10n.t({ message: '{0} (chosen)', args: [c.approach], comment: ['{0} is a row of the seed table, e.g. Externalised'] }))}**` : cell(c.approach)} | ${cell(c.scaling)} | ${cell(c.failureRecovery)} | ${cell(c.complexity)} |`,
    ),
  ];
}

function latencySources(): string[] {
  const seen = new Set<string>();
  const lines: string[] = [];
  const figures = latencyFigures();
  for (const tier of PLACEMENT_TIERS) {
    for (const s of figures[tier].sources) {
      if (seen.has(s.url)) continue;
      seen.add(s.url);
      lines.push(`* ${s.title}: <${s.url}>`);
    }
  }
  return lines;
}

function lowerFirst(text: string): string {
  return text.replace(/^[A-Z](?=[a-z])/, (c) => c.toLowerCase());
}

/**
 * A MADR consequence line, "Good, because …" or "Bad, because …". English lower-cases the first letter of the
 * sentence it continues; a translated frame gets the sentence as its translator wrote it, because lower-casing is
 * English grammar (a German noun, for one, keeps its capital).
 */
function consequenceLine(good: boolean, sentence: string): string {
  const frame = (text: string) =>
    good ? l10n.t({ message: 'Good, because {0}', args: [text], comment: ['{0} is a whole sentence about the decision (in English its first letter is lower-cased)'] }) : l10n.t({ message: 'Bad, because {0}', args: [text], comment: ['{0} is a whole sentence about the decision (in English its first letter is lower-cased)'] });
  const english = frame('') === (good ? 'Good, because ' : 'Bad, because ');
  return frame(english ? lowerFirst(sentence) : sentence);
}

/** The second sentence of the problem statement: the budget, the accesses and the instances. */
function budgetSentence(inputs: Inputs): string {
  const { latencyBudgetMs: budget, accessesPerRequest: n, instances, runtime } = inputs;
  if (n === 1) {
    return instances === 1
      ? l10n.t({ message: 'One request may spend {0} ms (p99) on it across 1 access, on up to 1 {1} instance.', args: [budget, runtime], comment: ['{0} is the p99 budget in milliseconds; the access and instance counts are whole numbers; the runtime (server or serverless) stays as it is'] })
      : l10n.t({ message: 'One request may spend {0} ms (p99) on it across 1 access, on up to {1} {2} instances.', args: [budget, instances, runtime], comment: ['{0} is the p99 budget in milliseconds; the access and instance counts are whole numbers; the runtime (server or serverless) stays as it is'] });
  }
  return instances === 1
    ? l10n.t({ message: 'One request may spend {0} ms (p99) on it across {1} accesses, on up to 1 {2} instance.', args: [budget, n, runtime], comment: ['{0} is the p99 budget in milliseconds; the access and instance counts are whole numbers; the runtime (server or serverless) stays as it is'] })
    : l10n.t({ message: 'One request may spend {0} ms (p99) on it across {1} accesses, on up to {2} {3} instances.', args: [budget, n, instances, runtime], comment: ['{0} is the p99 budget in milliseconds; the access and instance counts are whole numbers; the runtime (server or serverless) stays as it is'] });
}

/**
 * A MADR-style decision record for the recommendation: title, Status (accepted; proposed when nothing fits, so an
 * infeasible answer is never recorded as settled), Date, Context and Problem Statement, Decision Drivers (every
 * answer with its value), Considered Options (all four placements), Decision Outcome with the reasons and the
 * latency arithmetic, Consequences (good/bad and the seed table), Techniques, Confirmation, Pros and Cons of the
 * Options, More Information (note ids and latency sources). Throws a RangeError for a date not in `YYYY-MM-DD` form.
 * Headings and prose are in the display language; ids, values, commands and source citations stay as they are.
 */
export function renderDecisionRecord(inputs: Inputs, recommendation: Recommendation, options: DecisionRecordOptions): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(options.date)) {
    throw new RangeError(`date must be YYYY-MM-DD (got ${JSON.stringify(options.date)})`);
  }
  const rec = recommendation;
  const state = options.state ?? DEFAULT_STATE_KIND;
  const subject = options.subject?.trim() || stateKindSubject(state) || defaultSubject();
  const title = options.title?.trim() || decisionRecordTitle(rec, subject);
  const status = rec.feasible ? 'accepted' : 'proposed';
  const outcome = rec.feasible
    ? l10n.t({ message: 'Chosen option: "{0}", because {1}.', args: [rec.placement, chosenFitText(inputs, rec.placement)], comment: ['{0} is a placement id, kept as it is; {1} says how it meets the answers'] })
    : `${l10n.t({ message: 'Chosen option: "{0}", the closest option: no option meets every decision driver.', args: [rec.placement], comment: ['{0} is a placement id, kept as it is'] })} ${rec.message ?? ''}`;
  const frontMatter = renderRecordFrontMatter({
    status,
    date: options.date,
    state,
    placement: rec.placement,
    answers: inputs,
    ...(options.scope && options.scope.length > 0 ? { scope: options.scope } : {}),
    ...(options.supersedes ? { supersedes: options.supersedes } : {}),
  });
  const lines: string[] = [
    frontMatter.trimEnd(),
    `# ${title}`,
    '',
    `* ${rec.feasible ? l10n.t({ message: 'Status: accepted', comment: ['A decision record status (MADR)'] }) : l10n.t({ message: 'Status: proposed', comment: ['A decision record status (MADR)'] })}`,
    `* ${l10n.t({ message: 'Date: {0}', args: [options.date], comment: ['{0} is a date as YYYY-MM-DD'] })}`,
    ...(options.supersedes ? [`* ${l10n.t({ message: 'Supersedes: [{0}]({0})', args: [options.supersedes], comment: ['{0} is a decision record file name, kept as it is (it is also the link target)'] })}`] : []),
    '',
    `## ${l10n.t('Context and Problem Statement')}`,
    '',
    `${l10n.t({ message: 'Where should {0} state live: carried by each request, in an external store, in an in-process cache in front of a store, or in memory with requests routed by key?', args: [subject], comment: ['{0} is what the state belongs to, e.g. "login session"'] })} ${budgetSentence(inputs)}`,
    '',
    `## ${l10n.t('Decision Drivers')}`,
    '',
    ...answerLines(inputs, (title, id, answer) => `* ${title} (\`${id}\`): ${answer}`),
    '',
    `## ${l10n.t('Considered Options')}`,
    '',
    ...PLACEMENTS.map((p) => `* ${p}: ${placementDescription(p)}`),
    '',
    `## ${l10n.t('Decision Outcome')}`,
    '',
    outcome,
    '',
    rec.headline,
    '',
    l10n.t('Reasons, one per decision driver:'),
    '',
    ...rec.reasons.map((r) => `* \`${r.input}\`: ${r.text}`),
    '',
    l10n.t({ message: 'Latency arithmetic (per-access cost × accesses; the high total must be within the budget; figures from `{0}`):', args: [LATENCY_NOTE_LINK], comment: ['{0} is a note id and section, kept as it is'] }),
    '',
    ...latencyTable(inputs, rec),
    '',
    `### ${l10n.t('Consequences')}`,
    '',
    ...rec.tradeOffs.good.map((g) => `* ${consequenceLine(true, g)}`),
    ...rec.tradeOffs.bad.map((b) => `* ${consequenceLine(false, b)}`),
    '',
    l10n.t({ message: 'The seed table (`{0}`), with the accepted row marked:', args: ['statelessness-and-state-management'], comment: ['{0} is a note id, kept as it is'] }),
    '',
    ...seedTable(rec),
    '',
    `### ${l10n.t('Techniques')}`,
    '',
    ...rec.techniques.map((t) => `* ${t}`),
    '',
    `### ${l10n.t('Confirmation')}`,
    '',
    l10n.t({ message: 'Re-run `{0}` when an answer changes; this decision holds while it still answers `{1}`.', args: [recommendCommandLine(inputs), rec.placement], comment: ['{0} is a command line and {1} a placement id, both kept as they are'] }),
    '',
    `## ${l10n.t('Pros and Cons of the Options')}`,
    '',
  ];
  for (const a of rec.alternatives) {
    lines.push(`### ${a.placement}`, '', placementDescription(a.placement).replace(/^./, (c) => c.toUpperCase()) + '.', '');
    lines.push(`* ${a.fits ? l10n.t({ message: 'Good, because it {0}', args: [a.why], comment: ["{0} is this option's verdict and its reasons, starting with \"fits\" or \"does not fit\""] }) : l10n.t({ message: 'Bad, because it {0}', args: [a.why], comment: ["{0} is this option's verdict and its reasons, starting with \"fits\" or \"does not fit\""] })}`, '');
  }
  lines.push(
    `## ${l10n.t('More Information')}`,
    '',
    l10n.t("Statecraft notes to read, by note id (open them with Statecraft's note search):"),
    '',
    ...rec.notes.map((n) => `* \`${n}\``),
    '',
    l10n.t({ message: 'Latency figures (`{0}`) come from:', args: [LATENCY_NOTE_LINK], comment: ['{0} is a note id and section, kept as it is; the list that follows cites published sources by their own titles'] }),
    '',
    ...latencySources(),
    '',
  );
  return lines.join('\n');
}

const MAX_SLUG_LENGTH = 80;

/**
 * The file name for a new decision record: `NNNN-<slug>.md`, numbered one past the highest `NNNN-` prefix among
 * `existingFileNames` (bare names or paths; others are ignored), `0001` when there is none. Gaps are not refilled,
 * so the result never equals an existing name. The slug is {@link slugify}'s, with runs of hyphens collapsed; a title
 * with no letters slugify keeps gives `NNNN-decision.md`.
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
  const heading = rec.feasible
    ? l10n.t({ message: 'State placement: {0}', args: [rec.placement], comment: ['{0} is a placement id, kept as it is'] })
    : l10n.t({ message: 'State placement: {0} (closest; nothing fits)', args: [rec.placement], comment: ['{0} is a placement id, kept as it is'] });
  const lines: string[] = [`### ${heading}`, '', rec.headline, ''];
  if (!rec.feasible && rec.message !== undefined) lines.push(`**${l10n.t('Not feasible:')}** ${rec.message}`, '');
  lines.push(
    `| ${cell(l10n.t('Answer'))} | ${cell(l10n.t('Value'))} |`,
    '|---|---|',
    ...answerLines(inputs, (title, _id, answer) => `| ${cell(title)} | ${cell(answer)} |`),
    '',
    `| ${cell(l10n.t('Option'))} | ${cell(l10n.t('Fits'))} | ${cell(l10n.t('Why'))} |`,
    '|---|---|---|',
    ...rec.alternatives.map((a) => `| ${a.placement} | ${yesNo(a.fits)} | ${cell(a.why)} |`),
    '',
    ...latencyTable(inputs, rec),
    '',
    `**${l10n.t('Techniques')}**`,
    '',
    ...rec.techniques.map((t) => `- ${t}`),
    '',
    `**${l10n.t('Notes:')}** ${rec.notes.map((n) => `\`${n}\``).join(', ')}`,
    '',
  );
  return lines.join('\n');
}
