// The wizard's result page as one HTML fragment: headline, why (reasons tied to answers), a latency chart of every
// tier against the budget, the consequences table with the chosen row marked, the alternatives, techniques and
// notes. Pure; the webview adapter wraps it with the CSP and the action bar.
import * as l10n from '@vscode/l10n';
import type { Inputs, LatencyLine, Recommendation } from '../wizard/decisionEngine';
import { placementDescription } from '../wizard/decisionEngine';
import { escapeHtml } from './escapeHtml';

const CHART_WIDTH = 640;
const ROW_HEIGHT = 34;
const LABEL_WIDTH = 150;
const PLOT_LEFT = LABEL_WIDTH + 10;
// Room on the right for the value labels of the slowest bar.
const PLOT_WIDTH = CHART_WIDTH - PLOT_LEFT - 120;

/** Stands in for markup inside a translated message until the message is escaped; nothing a translator types. */
const LINK_SLOT = '\u0000link\u0000';

function format(ms: number): string {
  if (ms >= 100) return `${Math.round(ms)} ms`;
  if (ms >= 1) return `${Number(ms.toFixed(1))} ms`;
  if (ms >= 0.001) return `${Number((ms * 1000).toFixed(1))} µs`;
  return `${Number((ms * 1_000_000).toFixed(0))} ns`;
}

function formatRange(low: number, high: number): string {
  return low === high ? format(low) : `${format(low)}–${format(high)}`;
}

/**
 * A horizontal bar per tier on a log scale (the figures span nanoseconds to tens of milliseconds), each bar from
 * the low to the high total, with the budget as a vertical line. Colours come from CSS classes, never inline
 * styles, so the page needs no 'unsafe-inline'. Includes a text alternative for screen readers.
 */
export function renderLatencyChart(lines: readonly LatencyLine[], budgetMs: number): string {
  const values = lines.flatMap((line) => [line.totalMs.low, line.totalMs.high]).concat(budgetMs).filter((v) => v > 0);
  const minLog = Math.floor(Math.log10(Math.min(...values)));
  const maxLog = Math.ceil(Math.log10(Math.max(...values))) + (Math.max(...values) === 10 ** Math.ceil(Math.log10(Math.max(...values))) ? 1 : 0);
  const span = Math.max(1, maxLog - minLog);
  const x = (ms: number) => PLOT_LEFT + ((Math.log10(Math.max(ms, 10 ** minLog)) - minLog) / span) * PLOT_WIDTH;
  const top = 22;
  const height = top + lines.length * ROW_HEIGHT + 30;
  const parts: string[] = [];
  for (let exponent = minLog; exponent <= maxLog; exponent++) {
    const gx = x(10 ** exponent).toFixed(1);
    parts.push(`<line class="sc-grid" x1="${gx}" y1="${top}" x2="${gx}" y2="${height - 24}"/>`);
    parts.push(`<text class="sc-axis" x="${gx}" y="${height - 8}" text-anchor="middle">${escapeHtml(format(10 ** exponent))}</text>`);
  }
  lines.forEach((line, index) => {
    const y = top + index * ROW_HEIGHT;
    const x1 = x(line.totalMs.low);
    const x2 = Math.max(x(line.totalMs.high), x1 + 3);
    parts.push(`<text class="sc-bar-label" x="${LABEL_WIDTH}" y="${y + 15}" text-anchor="end">${escapeHtml(line.label)}</text>`);
    const range = formatRange(line.totalMs.low, line.totalMs.high);
    const tooltip = line.fits
      ? l10n.t({ message: '{0}: {1} per request (fits the {2} budget)', args: [line.label, range, format(budgetMs)], comment: ['{0} is a latency tier; {1} a duration range and {2} a duration, with units'] })
      : l10n.t({ message: '{0}: {1} per request (over the {2} budget)', args: [line.label, range, format(budgetMs)], comment: ['{0} is a latency tier; {1} a duration range and {2} a duration, with units'] });
    parts.push(`<rect class="sc-bar ${line.fits ? 'sc-bar-fits' : 'sc-bar-misses'}" x="${x1.toFixed(1)}" y="${y + 2}" width="${(x2 - x1).toFixed(1)}" height="18" rx="2"><title>${escapeHtml(tooltip)}</title></rect>`);
    parts.push(`<text class="sc-bar-value" x="${(x2 + 6).toFixed(1)}" y="${y + 15}">${escapeHtml(range)}${line.fits ? '' : ' ✗'}</text>`);
  });
  const bx = x(budgetMs).toFixed(1);
  parts.push(`<line class="sc-budget" x1="${bx}" y1="${top - 4}" x2="${bx}" y2="${height - 24}"/>`);
  parts.push(`<text class="sc-budget-label" x="${bx}" y="${top - 8}" text-anchor="middle">${escapeHtml(l10n.t({ message: 'budget {0}', args: [format(budgetMs)], comment: ['The label of the budget line on the latency chart; {0} is a duration with its unit'] }))}</text>`);
  const description = lines
    .map((line) => {
      const range = formatRange(line.totalMs.low, line.totalMs.high);
      return line.fits
        ? l10n.t({ message: '{0}: {1}, within the budget', args: [line.label, range], comment: ['Part of the chart text for screen readers: {0} is a latency tier, {1} a duration range with units'] })
        : l10n.t({ message: '{0}: {1}, over the budget', args: [line.label, range], comment: ['Part of the chart text for screen readers: {0} is a latency tier, {1} a duration range with units'] });
    })
    .join('; ');
  const label = l10n.t({ message: 'Latency per request against a {0} budget. {1}.', args: [format(budgetMs), description], comment: ['The chart text for screen readers: {0} is a duration with its unit; {1} lists every tier against the budget, separated by semicolons'] });
  // The caption's link is markup: the message names it {0}, and the escaped text gets the element in its place.
  const link = `<a href="#" data-note-id="latency-numbers" data-note-fragment="the-figures">${escapeHtml(l10n.t('latency numbers'))}</a>`;
  const caption = escapeHtml(l10n.t({ message: 'Time per request spent on this state, per tier (accesses × cost per access, low to high), against your p99 budget. Figures: {0}.', args: [LINK_SLOT], comment: ['{0} is a link to the latency numbers note'] })).replace(LINK_SLOT, link);
  return `<figure class="sc-chart"><svg role="img" aria-label="${escapeHtml(label)}" viewBox="0 0 ${CHART_WIDTH} ${height}" width="${CHART_WIDTH}" height="${height}" xmlns="http://www.w3.org/2000/svg">${parts.join('')}</svg><figcaption>${caption}</figcaption></figure>`;
}

/** How the page names each answer, in the display language. */
function answerLabel(id: keyof Inputs): string {
  switch (id) {
    case 'latencyBudgetMs':
      return l10n.t('Latency budget (p99 ms)');
    case 'accessesPerRequest':
      return l10n.t('Accesses per request');
    case 'instances':
      return l10n.t('Peak instances');
    case 'runtime':
      return l10n.t('Runtime');
    case 'loss':
      return l10n.t('Loss on restart');
    case 'shared':
      return l10n.t('Writes visible to all instances at once');
    case 'clientCanCarry':
      return l10n.t('Client can carry it');
  }
}

const ANSWER_ORDER: readonly (keyof Inputs)[] = ['latencyBudgetMs', 'accessesPerRequest', 'instances', 'runtime', 'loss', 'shared', 'clientCanCarry'];

export function renderRecommendationPage(inputs: Inputs, recommendation: Recommendation, noteTitles: ReadonlyMap<string, string>): string {
  const noteLink = (id: string) => `<a href="#" data-note-id="${escapeHtml(id)}">${escapeHtml(noteTitles.get(id) ?? id)}</a>`;
  const answers = ANSWER_ORDER
    .map((key) => `<tr><th scope="row">${escapeHtml(answerLabel(key))}</th><td>${escapeHtml(String(inputs[key]))}</td></tr>`)
    .join('');
  const reasons = recommendation.reasons.map((reason) => `<li><strong>${escapeHtml(answerLabel(reason.input))}:</strong> ${escapeHtml(reason.text)}</li>`).join('');
  const chosenBadge = ` <span class="sc-badge">${escapeHtml(l10n.t({ message: 'chosen', comment: ['A badge on the chosen placement'] }))}</span>`;
  const fits = `<span class="sc-fits">${escapeHtml(l10n.t('✓ fits'))}</span>`;
  const misses = `<span class="sc-misses">${escapeHtml(l10n.t('✗ does not fit'))}</span>`;
  const alternatives = recommendation.alternatives
    .map((alt) => `<tr class="${alt.placement === recommendation.placement ? 'sc-chosen' : ''}"><th scope="row"><code>${escapeHtml(alt.placement)}</code>${alt.placement === recommendation.placement ? chosenBadge : ''}</th><td>${alt.fits ? fits : misses}</td><td>${escapeHtml(alt.why)}</td></tr>`)
    .join('');
  const yourChoice = ` <span class="sc-badge">${escapeHtml(l10n.t('your choice'))}</span>`;
  const consequences = recommendation.consequences
    .map((row) => `<tr class="${row.chosen ? 'sc-chosen' : ''}"><th scope="row">${escapeHtml(row.approach)}${row.chosen ? yourChoice : ''}</th><td>${escapeHtml(row.scaling)}</td><td>${escapeHtml(row.failureRecovery)}</td><td>${escapeHtml(row.complexity)}</td></tr>`)
    .join('');
  const techniques = recommendation.techniques.map((t) => `<li>${escapeHtml(t)}</li>`).join('');
  const notes = recommendation.notes.map((id) => `<li>${noteLink(id)}</li>`).join('');
  const infeasible = recommendation.feasible ? '' : `<p class="sc-warning" role="alert">${escapeHtml(recommendation.message ?? l10n.t('No option meets every answer.'))}</p>`;
  return `<article class="sc-recommendation">
<p class="sc-eyebrow">${escapeHtml(l10n.t('Recommended placement'))}</p>
<h1 class="sc-title"><code>${escapeHtml(recommendation.placement)}</code></h1>
<p class="sc-summary">${escapeHtml(recommendation.headline)}</p>
<p class="sc-description">${escapeHtml(placementDescription(recommendation.placement))}</p>
${infeasible}
<h2 id="why">${escapeHtml(l10n.t('Why'))}</h2><ul class="sc-reasons">${reasons}</ul>
<h2 id="latency">${escapeHtml(l10n.t('Latency against your budget'))}</h2>${renderLatencyChart(recommendation.latency, inputs.latencyBudgetMs)}
<h2 id="consequences">${escapeHtml(l10n.t('Consequences you accept'))}</h2><table class="sc-table"><thead><tr><th>${escapeHtml(l10n.t('Approach'))}</th><th>${escapeHtml(l10n.t('Scaling'))}</th><th>${escapeHtml(l10n.t('Failure recovery'))}</th><th>${escapeHtml(l10n.t('Complexity'))}</th></tr></thead><tbody>${consequences}</tbody></table>
<h2 id="alternatives">${escapeHtml(l10n.t('Alternatives'))}</h2><table class="sc-table"><thead><tr><th>${escapeHtml(l10n.t('Placement'))}</th><th>${escapeHtml(l10n.t('Fits?'))}</th><th>${escapeHtml(l10n.t('Why'))}</th></tr></thead><tbody>${alternatives}</tbody></table>
<h2 id="techniques">${escapeHtml(l10n.t('Techniques to use'))}</h2><ul>${techniques}</ul>
<h2 id="notes">${escapeHtml(l10n.t('Read next'))}</h2><ul>${notes}</ul>
<h2 id="answers">${escapeHtml(l10n.t('Your answers'))}</h2><table class="sc-table sc-answers"><tbody>${answers}</tbody></table>
</article>`;
}
