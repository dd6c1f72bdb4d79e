import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Note } from '../../src/core/notes/note';
import { renderNoteHeader, renderNotePage, renderRelatedSection } from '../../src/core/render/notePage';
import { renderLatencyChart, renderRecommendationPage } from '../../src/core/render/recommendationPage';
import { recommend, type Inputs } from '../../src/core/wizard/decisionEngine';
import { wizardPrefillFor } from '../../src/core/analyzer/wizardPrefill';

const note: Note = {
  id: 'sticky-sessions', title: 'Sticky <Sessions>', category: ['References', 'Scaling & Routing'], priority: 'P1',
  summary: 'Route a client to the "same" instance.', tags: [], aliases: [], related: [], ddia: [], sources: [],
  body: '## Problem\n\nText.\n', headings: [{ level: 2, text: 'Problem', slug: 'problem', line: 0 }], readingMinutes: 3, wordCount: 500,
  sourcePath: 'content/sticky-sessions.md', root: 'bundled',
};

describe('note page', () => {
  test('the header escapes every field and shows breadcrumb, priority and reading time', () => {
    assert.equal(
      renderNoteHeader(note, { studied: false }),
      '<nav class="sc-breadcrumb" aria-label="Category"><ol><li>References</li><li>Scaling &amp; Routing</li></ol></nav>' +
        '<h1 class="sc-title">Sticky &lt;Sessions&gt;</h1><p class="sc-meta"><span class="sc-badge sc-priority-p1" title="comes up often; know the trade-offs">P1</span>' +
        '<span class="sc-reading-time">3 min read</span></p><p class="sc-summary">Route a client to the &quot;same&quot; instance.</p>',
    );
    assert.match(renderNoteHeader(note, { studied: true }), /<span class="sc-badge sc-studied"[^>]*>Studied<\/span>/);
  });

  test('related notes become in-viewer links; none gives no section', () => {
    assert.equal(renderRelatedSection([]), '');
    assert.equal(
      renderRelatedSection([{ id: 'consistent-hashing', title: 'Consistent Hashing', summary: 'A ring & keys.' }]),
      '<section class="sc-related" aria-labelledby="sc-related-heading"><h2 id="sc-related-heading">Related</h2><ul><li><a href="#" data-note-id="consistent-hashing">Consistent Hashing</a> <span class="sc-related-summary">A ring &amp; keys.</span></li></ul></section>',
    );
  });

  test('the page wraps header, rendered body and related section', () => {
    const html = renderNotePage(note, { related: [], studied: false, bookmarked: false });
    assert.ok(html.startsWith('<article class="sc-note"><nav'));
    assert.ok(html.includes('<div class="sc-body"><h2 id="problem">Problem</h2>'));
  });
});

const inputs: Inputs = { latencyBudgetMs: 10, accessesPerRequest: 2, instances: 4, runtime: 'server', loss: 'none', shared: 'yes', clientCanCarry: 'no' };

describe('recommendation page', () => {
  test('the chart has one bar per tier, coloured by fit, and a budget line with a text alternative', () => {
    const recommendation = recommend(inputs);
    const svg = renderLatencyChart(recommendation.latency, inputs.latencyBudgetMs);
    assert.equal((svg.match(/<rect class="sc-bar /g) ?? []).length, recommendation.latency.length);
    assert.equal((svg.match(/sc-bar-fits/g) ?? []).length, recommendation.latency.filter((l) => l.fits).length);
    assert.equal((svg.match(/sc-bar-misses/g) ?? []).length, recommendation.latency.filter((l) => !l.fits).length);
    assert.match(svg, /<line class="sc-budget"/);
    assert.match(svg, /aria-label="Latency per request against a 10 ms budget\./);
    assert.doesNotMatch(svg, /style=/, 'no inline styles: the CSP has no unsafe-inline');
  });

  test('the page names the placement, marks the chosen consequence row and links notes by id', () => {
    const recommendation = recommend(inputs);
    const html = renderRecommendationPage(inputs, recommendation, new Map([['latency-numbers', 'Latency Numbers']]));
    assert.ok(html.includes(`<h1 class="sc-title"><code>${recommendation.placement}</code></h1>`));
    assert.equal((html.match(/your choice/g) ?? []).length, 1);
    assert.ok(html.includes('<a href="#" data-note-id="latency-numbers" data-note-fragment="the-figures">latency numbers</a>'));
    assert.doesNotMatch(html, /<script|javascript:|style=/);
  });
});

describe('wizard prefill from a finding', () => {
  test('session stores prefill the answers the code shows, and nothing about latency', () => {
    assert.deepEqual(wizardPrefillFor({ rule: 'session-store-in-memory' }), { runtime: 'server', loss: 'none', shared: 'yes' });
    assert.deepEqual(wizardPrefillFor({ rule: 'socketio-no-adapter' }), { runtime: 'server', shared: 'yes' });
    assert.equal('latencyBudgetMs' in wizardPrefillFor({ rule: 'in-memory-session-map' }), false);
  });
});
