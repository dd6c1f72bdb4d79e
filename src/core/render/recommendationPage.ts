// The wizard's result page as one HTML fragment: headline, why (reasons tied to answers), a latency chart of every
// tier against the budget, the consequences table with the chosen row marked, the alternatives, techniques and
// notes. Pure; the webview adapter wraps it with the CSP and the action bar.
import type { Inputs, LatencyLine, Recommendation } from '../wizard/decisionEngine';
import { PLACEMENT_DESCRIPTIONS } from '../wizard/decisionEngine';
import { escapeHtml } from './escapeHtml';

const CHART_WIDTH = 640;
const ROW_HEIGHT = 34;
const LABEL_WIDTH = 150;
const PLOT_LEFT = LABEL_WIDTH + 10;
// Room on the right for the value labels of the slowest bar.
const PLOT_WIDTH = CHART_WIDTH - PLOT_LEFT - 120;

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
    parts.push(`<rect class="sc-bar ${line.fits ? 'sc-bar-fits' : 'sc-bar-misses'}" x="${x1.toFixed(1)}" y="${y + 2}" width="${(x2 - x1).toFixed(1)}" height="18" rx="2"><title>${escapeHtml(`${line.label}: ${formatRange(line.totalMs.low, line.totalMs.high)} per request (${line.fits ? 'fits' : 'over'} the ${format(budgetMs)} budget)`)}</title></rect>`);
    parts.push(`<text class="sc-bar-value" x="${(x2 + 6).toFixed(1)}" y="${y + 15}">${escapeHtml(formatRange(line.totalMs.low, line.totalMs.high))}${line.fits ? '' : ' ✗'}</text>`);
  });
  const bx = x(budgetMs).toFixed(1);
  parts.push(`<line class="sc-budget" x1="${bx}" y1="${top - 4}" x2="${bx}" y2="${height - 24}"/>`);
  parts.push(`<text class="sc-budget-label" x="${bx}" y="${top - 8}" text-anchor="middle">budget ${escapeHtml(format(budgetMs))}</text>`);
  const description = lines
    .map((line) => `${line.label}: ${formatRange(line.totalMs.low, line.totalMs.high)}, ${line.fits ? 'within' : 'over'} the budget`)
    .join('; ');
  return `<figure class="sc-chart"><svg role="img" aria-label="${escapeHtml(`Latency per request against a ${format(budgetMs)} budget. ${description}.`)}" viewBox="0 0 ${CHART_WIDTH} ${height}" width="${CHART_WIDTH}" height="${height}" xmlns="http://www.w3.org/2000/svg">${parts.join('')}</svg><figcaption>Time per request spent on this state, per tier (accesses × cost per access, low to high), against your p99 budget. Figures: <a href="#" data-note-id="latency-numbers" data-note-fragment="the-figures">latency numbers</a>.</figcaption></figure>`;
}

const ANSWER_LABELS: Readonly<Record<keyof Inputs, string>> = {
  latencyBudgetMs: 'Latency budget (p99 ms)',
  accessesPerRequest: 'Accesses per request',
  instances: 'Peak instances',
  runtime: 'Runtime',
  loss: 'Loss on restart',
  shared: 'Writes visible to all instances at once',
  clientCanCarry: 'Client can carry it',
};

export function renderRecommendationPage(inputs: Inputs, recommendation: Recommendation, noteTitles: ReadonlyMap<string, string>): string {
  const noteLink = (id: string) => `<a href="#" data-note-id="${escapeHtml(id)}">${escapeHtml(noteTitles.get(id) ?? id)}</a>`;
  const answers = (Object.keys(ANSWER_LABELS) as (keyof Inputs)[])
    .map((key) => `<tr><th scope="row">${escapeHtml(ANSWER_LABELS[key])}</th><td>${escapeHtml(String(inputs[key]))}</td></tr>`)
    .join('');
  const reasons = recommendation.reasons.map((reason) => `<li><strong>${escapeHtml(ANSWER_LABELS[reason.input])}:</strong> ${escapeHtml(reason.text)}</li>`).join('');
  const alternatives = recommendation.alternatives
    .map((alt) => `<tr class="${alt.placement === recommendation.placement ? 'sc-chosen' : ''}"><th scope="row"><code>${escapeHtml(alt.placement)}</code>${alt.placement === recommendation.placement ? ' <span class="sc-badge">chosen</span>' : ''}</th><td>${alt.fits ? '<span class="sc-fits">✓ fits</span>' : '<span class="sc-misses">✗ does not fit</span>'}</td><td>${escapeHtml(alt.why)}</td></tr>`)
    .join('');
  const consequences = recommendation.consequences
    .map((row) => `<tr class="${row.chosen ? 'sc-chosen' : ''}"><th scope="row">${escapeHtml(row.approach)}${row.chosen ? ' <span class="sc-badge">your choice</span>' : ''}</th><td>${escapeHtml(row.scaling)}</td><td>${escapeHtml(row.failureRecovery)}</td><td>${escapeHtml(row.complexity)}</td></tr>`)
    .join('');
  const techniques = recommendation.techniques.map((t) => `<li>${escapeHtml(t)}</li>`).join('');
  const notes = recommendation.notes.map((id) => `<li>${noteLink(id)}</li>`).join('');
  const infeasible = recommendation.feasible ? '' : `<p class="sc-warning" role="alert">${escapeHtml(recommendation.message ?? 'No option meets every answer.')}</p>`;
  return `<article class="sc-recommendation">
<p class="sc-eyebrow">Recommended placement</p>
<h1 class="sc-title"><code>${escapeHtml(recommendation.placement)}</code></h1>
<p class="sc-summary">${escapeHtml(recommendation.headline)}</p>
<p class="sc-description">${escapeHtml(PLACEMENT_DESCRIPTIONS[recommendation.placement])}</p>
${infeasible}
<h2 id="why">Why</h2><ul class="sc-reasons">${reasons}</ul>
<h2 id="latency">Latency against your budget</h2>${renderLatencyChart(recommendation.latency, inputs.latencyBudgetMs)}
<h2 id="consequences">Consequences you accept</h2><table class="sc-table"><thead><tr><th>Approach</th><th>Scaling</th><th>Failure recovery</th><th>Complexity</th></tr></thead><tbody>${consequences}</tbody></table>
<h2 id="alternatives">Alternatives</h2><table class="sc-table"><thead><tr><th>Placement</th><th>Fits?</th><th>Why</th></tr></thead><tbody>${alternatives}</tbody></table>
<h2 id="techniques">Techniques to use</h2><ul>${techniques}</ul>
<h2 id="notes">Read next</h2><ul>${notes}</ul>
<h2 id="answers">Your answers</h2><table class="sc-table sc-answers"><tbody>${answers}</tbody></table>
</article>`;
}
