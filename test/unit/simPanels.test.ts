// The note viewer's simulation panels: where a directive renders, what a panel may ask (validated like every webview
// message), and what comes back (the numbers and the text alternative).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { renderMarkdown } from '../../src/core/render/markdownRenderer';
import { simDirectiveKind } from '../../src/core/render/simPanelHtml';
import { parseViewerMessage } from '../../src/core/render/viewerMessages';
import { PANEL_SIZES, parseSimRequest, runSimRequest, type RingPanelResult, type RoutingPanelResult } from '../../src/core/sim/simPanel';
import { simulateRing } from '../../src/core/sim/ringSimulation';
import { parseNote } from '../../src/core/notes/noteLoader';
import { noteFile, noteText, STANDARD_BODY } from './helpers/noteFixtures';

describe('statecraft-sim directive', () => {
  test('only "statecraft-sim <known kind>" is a directive; other statecraft-sim infos are refused; the rest is not one', () => {
    assert.equal(simDirectiveKind('statecraft-sim ring'), 'ring');
    assert.equal(simDirectiveKind('  statecraft-sim   routing  '), 'routing');
    assert.equal(simDirectiveKind('statecraft-sim'), null);
    assert.equal(simDirectiveKind('statecraft-sim ring extra'), null);
    assert.equal(simDirectiveKind('statecraft-sim Ring'), null);
    assert.equal(simDirectiveKind('statecraft-sim toString'), null);
    assert.equal(simDirectiveKind('statecraft-simulation ring'), null);
    assert.equal(simDirectiveKind('ts'), undefined);
  });

  test('a ring directive renders the panel skeleton: constant attributes, controls, an empty SVG and a live region', () => {
    const html = renderMarkdown('Text.\n\n```statecraft-sim ring\n```\n');
    assert.equal(
      html,
      '<p>Text.</p>\n' +
        '<figure class="sc-sim sc-sim-ring" data-sim="ring" id="sc-sim-3" data-min-nodes="1" data-max-nodes="32" data-initial-nodes="10" aria-labelledby="sc-sim-3-caption">' +
        '<figcaption id="sc-sim-3-caption">Try it: keys on a consistent-hash ring, against modulo hashing</figcaption>' +
        '<div class="sc-sim-controls" role="group" aria-label="Simulation controls">' +
        '<button type="button" class="sc-action" data-sim-action="add">Add node</button>' +
        '<button type="button" class="sc-action" data-sim-action="remove">Remove node</button>' +
        '<label class="sc-sim-slider">Virtual nodes per node <input type="range" min="1" max="200" value="100" data-sim-input="vnodes"> <output data-sim-output="vnodes">100</output></label></div>' +
        '<svg class="sc-sim-svg" viewBox="-120 -120 240 240" role="img" aria-label="A hash ring: virtual nodes as ticks on the circle, keys as dots coloured by their node; keys that moved are ringed." aria-describedby="sc-sim-3-live"></svg>' +
        '<p class="sc-sim-headline" data-sim-headline></p>' +
        '<p class="sc-sim-live" id="sc-sim-3-live" role="status" aria-live="polite" data-sim-live>The simulation starts when the note has loaded.</p></figure>\n',
    );
  });

  test('a routing directive has the failure, deploy and reset buttons, the instance slider, affinity and the store choice', () => {
    const html = renderMarkdown('```statecraft-sim routing\n```\n');
    for (const part of ['data-sim-action="fail"', 'data-sim-action="deploy"', 'data-sim-action="reset"', 'data-sim-input="instances"', 'type="checkbox" data-sim-input="affinity" checked', 'value="external" data-sim-input="store"', 'aria-live="polite"']) {
      assert.ok(html.includes(part), `${part} in ${html}`);
    }
    assert.doesNotMatch(html, /<script|style=|\son[a-z]+=/i);
  });

  test('an unknown or malformed directive stays an escaped code block', () => {
    assert.equal(renderMarkdown('```statecraft-sim evil\n<b>x</b>\n```\n'), '<pre><code class="language-statecraft-sim">&lt;b&gt;x&lt;/b&gt;\n</code></pre>\n');
    assert.equal(renderMarkdown('```statecraft-sim ring" onload="x\n```\n'), '<pre><code class="language-statecraft-sim"></code></pre>\n');
  });
});

describe('simulate messages', () => {
  const ring = { sim: 'ring', nodes: 10, vnodes: 100, change: 'add' };
  test('a well-formed request passes; the panel id and request id are checked', () => {
    assert.deepEqual(parseViewerMessage({ type: 'simulate', panel: 'sc-sim-4', requestId: 3, request: ring }), { type: 'simulate', panel: 'sc-sim-4', requestId: 3, request: ring });
    for (const bad of [
      { type: 'simulate', panel: 'sc-sim-4"><script>', requestId: 3, request: ring },
      { type: 'simulate', panel: 'other', requestId: 3, request: ring },
      { type: 'simulate', panel: 'sc-sim-4', requestId: -1, request: ring },
      { type: 'simulate', panel: 'sc-sim-4', requestId: 1.5, request: ring },
      { type: 'simulate', panel: 'sc-sim-4', requestId: 3 },
    ]) {
      assert.equal(parseViewerMessage(bad), undefined, JSON.stringify(bad));
    }
  });

  test('every number must be a whole number inside the panel limits, every choice one of the known values', () => {
    assert.deepEqual(parseSimRequest({ sim: 'routing', instances: 4, fail: 1, deploy: false, affinity: true, store: 'external' }), { sim: 'routing', instances: 4, fail: 1, deploy: false, affinity: true, store: 'external' });
    for (const bad of [
      { ...ring, nodes: 0 },
      { ...ring, nodes: 33 },
      { ...ring, nodes: 32 },
      { ...ring, nodes: 1, change: 'remove' },
      { ...ring, vnodes: 1e9 },
      { ...ring, vnodes: '100' },
      { ...ring, nodes: Number.NaN },
      { ...ring, change: 'explode' },
      { sim: 'routing', instances: 4, fail: 4, deploy: false, affinity: true, store: 'memory' },
      { sim: 'routing', instances: 13, fail: 0, deploy: false, affinity: true, store: 'memory' },
      { sim: 'routing', instances: 4, fail: 0, deploy: 'yes', affinity: true, store: 'memory' },
      { sim: 'routing', instances: 4, fail: 0, deploy: false, affinity: true, store: 'disk' },
      { sim: 'tornado' },
      [ring],
      null,
    ]) {
      assert.equal(parseSimRequest(bad), undefined, JSON.stringify(bad));
    }
  });
});

describe('panel results', () => {
  test('ring: adding an 11th node reads "moved: x% (modulo: y%)" with the figures of the same simulation', () => {
    const result = runSimRequest({ sim: 'ring', nodes: 10, vnodes: 100, change: 'add' }) as RingPanelResult;
    const figures = simulateRing({ nodes: 10, vnodes: 100, keys: PANEL_SIZES.keys, seed: PANEL_SIZES.seed, change: { kind: 'add', count: 1 } });
    const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
    assert.equal(result.nodes, 11);
    assert.equal(result.headline, `moved: ${pct(figures.ring.moved)} (modulo: ${pct(figures.modulo.moved)})`);
    assert.ok(result.summary.includes(`${pct(figures.ring.moved)} of 20000 keys moved on the ring`), result.summary);
    assert.ok(result.summary.includes('theory 9.1%') && result.summary.includes('theory 90.9%'), result.summary);
    assert.equal(result.drawing.points.length, 11 * 100);
    assert.equal(result.drawing.keys.length, PANEL_SIZES.drawnKeys);
    // Keys only move to the new node.
    for (const key of result.drawing.keys) if (key.before !== key.after) assert.equal(key.after, 10);
  });

  test('routing: a failed instance loses its in-memory sessions, none when externalized; the text says so', () => {
    const memory = runSimRequest({ sim: 'routing', instances: 4, fail: 1, deploy: false, affinity: false, store: 'memory' }) as RoutingPanelResult;
    assert.deepEqual(memory.instances, ['failed', 'up', 'up', 'up']);
    assert.ok(memory.sessions.some((session) => session.lost));
    assert.ok(memory.sessions.every((session) => session.lost === (session.instance === 0)));
    assert.match(memory.summary, /1 of 4 instances failed: \d+ sessions kept in memory \(2\d\.\d%\) were lost\./);
    assert.match(memory.summary, /no session affinity: an in-process cache hits 2\d\.\d% of warm requests, about 1 in 4/);
    assert.match(memory.summary, /3–15 ms in Redis/);
    const external = runSimRequest({ sim: 'routing', instances: 4, fail: 1, deploy: true, affinity: true, store: 'external' }) as RoutingPanelResult;
    assert.ok(external.sessions.every((session) => !session.lost && session.instance !== 0));
    assert.match(external.summary, /no session was lost, because sessions live in the shared store/);
    assert.match(external.summary, /A rolling deploy restarted every instance: no session was lost\./);
  });
});

describe('notes check: simulation blocks', () => {
  test('a statecraft-sim block that is not exactly a known kind is a warning on its line; valid ones are not', () => {
    const body = `${STANDARD_BODY}\n\`\`\`statecraft-sim ring\n\`\`\`\n\n\`\`\`statecraft-sim rings\n\`\`\`\n`;
    const parsed = parseNote(noteFile('consistent-hashing', {}, body), 'bundled');
    assert.ok(parsed.note);
    assert.deepEqual(parsed.problems.map((p) => [p.field, p.severity, p.detail]), [
      ['body', 'warning', 'simulation block "statecraft-sim rings" is shown as code: expected statecraft-sim ring, statecraft-sim routing'],
    ]);
    const line = parsed.problems[0].line!;
    assert.equal(noteText('consistent-hashing', {}, body).split('\n')[line], '```statecraft-sim rings');
  });
});
