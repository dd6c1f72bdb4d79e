// Issue 18 as a person sees it: the consistent-hashing note's ring panel (add a node, read the moved percentage in
// the panel and in its live text alternative, keyboard only for the second change), the routing panel on the
// sticky-sessions note, and one interview card practised and rescheduled. Light, dark and high-contrast screenshots.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { closeBrowser, quickInput, runCommand, startWorkbench, webviewFrame } from './harness.mjs';

async function openNote(page: Page, query: string, title: string) {
  await runCommand(page, 'Statecraft: Search Notes');
  await quickInput.type(page, query);
  await page.locator('.quick-input-list .monaco-list-row .label-name', { hasText: title }).first().waitFor({ timeout: 15_000 });
  await page.keyboard.press('Enter');
  return webviewFrame(page, title);
}

async function waitForText(read: () => Promise<string>, pattern: RegExp, what: string): Promise<string> {
  const deadline = Date.now() + 20_000;
  let text = '';
  while (Date.now() < deadline) {
    text = await read().catch(() => '');
    if (pattern.test(text)) return text;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${what} never matched ${pattern}; last: "${text}"`);
}

for (const [name, theme, colorScheme] of [
  ['light', 'Default Light Modern', 'light'],
  ['dark', 'Default Dark Modern', 'dark'],
  ['high-contrast', 'Default High Contrast', 'dark'],
] as const) {
  describe(`simulations and practice, ${name} theme`, () => {
    test(`ring panel, routing panel and one practised card (${name})`, async () => {
      const workbench = await startWorkbench(`e2e-sim-${name}`, { theme, colorScheme });
      try {
        const { page } = workbench;
        // The ring panel: starts at 10 nodes, then a node joins.
        let frame = await openNote(page, 'consistent hashing', 'Consistent Hashing');
        const live = frame.locator('#sc-sim-0 [data-sim-live], figure.sc-sim-ring [data-sim-live]').first();
        await waitForText(() => live.innerText(), /^10 nodes with 100 virtual nodes each/, 'the initial text alternative');
        assert.equal(await frame.locator('figure.sc-sim-ring svg line.sc-sim-tick').count(), 1000, '10 nodes × 100 virtual nodes drawn');
        await frame.locator('figure.sc-sim-ring button[data-sim-action="add"]').click();
        const headline = await waitForText(() => frame.locator('figure.sc-sim-ring [data-sim-headline]').innerText(), /^moved: \d+\.\d% \(modulo: \d+\.\d%\)$/, 'the panel headline');
        const [, ring, modulo] = /moved: (\d+\.\d)% \(modulo: (\d+\.\d)%\)/.exec(headline)!.map(Number);
        assert.ok(Math.abs(ring - 100 / 11) <= 3, `ring moved ${ring}% ≈ 9.1%`);
        assert.ok(Math.abs(modulo - 1000 / 11) <= 3, `modulo moved ${modulo}% ≈ 90.9%`);
        const spoken = await waitForText(() => live.innerText(), /^A node joined \(10 to 11 nodes/, 'the live text alternative');
        assert.ok(spoken.includes(`${ring.toFixed(1)}% of 20000 keys moved on the ring`), spoken);
        assert.ok(spoken.includes(`against ${modulo.toFixed(1)}% under modulo hashing`), spoken);
        assert.equal(await live.getAttribute('aria-live'), 'polite');
        assert.ok((await frame.locator('figure.sc-sim-ring circle.sc-sim-moved').count()) > 0, 'moved keys are marked');
        await workbench.screenshot(`sim-ring-${name}`);

        if (name === 'light') {
          // Keyboard only: focus "Remove node" and press Enter.
          await frame.locator('figure.sc-sim-ring button[data-sim-action="remove"]').focus();
          await page.keyboard.press('Enter');
          await waitForText(() => live.innerText(), /^A node left \(11 to 10 nodes/, 'the text after a keyboard removal');
          // The routing panel on the sticky-sessions note: kill an instance with sessions in memory.
          frame = await openNote(page, 'sticky sessions', 'Sticky Sessions');
          const routing = frame.locator('figure.sc-sim-routing');
          await waitForText(() => routing.locator('[data-sim-live]').innerText(), /^4 instances, 10000 sessions, with session affinity/, 'the routing text');
          await routing.locator('button[data-sim-action="fail"]').click();
          const lost = await waitForText(() => routing.locator('[data-sim-live]').innerText(), /1 of 4 instances failed: \d+ sessions kept in memory \(\d+\.\d%\) were lost\./, 'the failure text');
          assert.ok((await routing.locator('rect.sc-sim-down').count()) === 1, lost);
          assert.ok((await routing.locator('circle.sc-sim-lost').count()) > 0, 'lost sessions are drawn hollow');
          await routing.locator('input[data-sim-input="store"][value="external"]').check();
          await waitForText(() => routing.locator('[data-sim-live]').innerText(), /no session was lost, because sessions live in the shared store/, 'the externalized text');
          await workbench.screenshot('sim-routing-light');
        }

        // Practise one card: reveal the points, grade Good, see it rescheduled and the due count drop.
        await runCommand(page, 'Statecraft: Practise Interview Questions');
        let practice = await webviewFrame(page, 'Interview Practice');
        const countText = await waitForText(() => practice.locator('.sc-practice-count').innerText(), /^\d+ cards due$/, 'the due count');
        const due = Number(/^(\d+)/.exec(countText)![1]);
        assert.ok(due >= 81, `every question starts due: ${countText}`);
        const prompt = await practice.locator('.sc-card-prompt').innerText();
        await practice.locator('button[data-action="reveal"]').click();
        assert.ok(await practice.locator('#sc-points li').first().isVisible(), 'the points show');
        const goodInterval = (await practice.locator('button[data-grade="good"] .sc-interval').innerText()).trim();
        assert.equal(goodInterval, 'in 10 min');
        await workbench.screenshot(`practice-${name}`);
        await practice.locator('button[data-grade="good"]').click();
        practice = await webviewFrame(page, 'Rescheduled');
        const status = await practice.locator('.sc-practice-status').innerText();
        assert.equal(status, `Rescheduled "${prompt}": next review in 10 min.`);
        assert.equal(await practice.locator('.sc-practice-count').innerText(), `${due - 1} cards due`);
        assert.notEqual(await practice.locator('.sc-card-prompt').innerText(), prompt, 'the next card is shown');
        if (name === 'light') await workbench.screenshot('practice-rescheduled-light');
      } finally {
        await workbench.stop();
        await closeBrowser();
      }
    });
  });
}
