// The viewer, the wizard result, the ring simulation and a practice card in dark and high-contrast themes (the light theme is covered by the other
// files). Screenshots are for people to look at; the assertions check the theme actually applied.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { closeBrowser, noteFrame, openStatecraftView, quickInput, runCommand, startWorkbench, webviewFrame } from './harness.mjs';

for (const [name, theme, colorScheme, bodyClass] of [
  ['dark', 'Default Dark Modern', 'dark', 'vscode-dark'],
  ['high-contrast', 'Default High Contrast', 'dark', 'vscode-high-contrast'],
] as const) {
  describe(`${name} theme`, () => {
    test(`the tree, a note and a recommendation render in the ${name} theme`, async () => {
      const workbench = await startWorkbench(`e2e-${name}`, { theme, colorScheme });
      try {
        const { page } = workbench;
        await openStatecraftView(page);
        await runCommand(page, 'Statecraft: Search Notes');
        await quickInput.type(page, 'statelessness');
        await page.locator('.quick-input-list .monaco-list-row .label-name', { hasText: 'Statelessness' }).first().waitFor({ timeout: 15_000 });
        await page.keyboard.press('Enter');
        const frame = await webviewFrame(page, 'Statelessness & State Management');
        assert.ok((await frame.evaluate(() => document.body.className)).includes(bodyClass));
        await workbench.screenshot(`viewer-${name}`);
        await runCommand(page, 'Statecraft: Recommend State Placement');
        await quickInput.waitForTitle(page, 'Recommend State Placement');
        await quickInput.type(page, 'Shopping cart');
        await page.keyboard.press('Enter');
        await quickInput.acceptSteps(page, 7);
        const result = await webviewFrame(page, 'Recommended placement');
        assert.ok((await result.locator('figure.sc-chart svg').count()) === 1);
        await workbench.screenshot(`wizard-result-${name}`);

        // The consistent-hashing ring after a node joins, and an interview card with its points shown.
        await runCommand(page, 'Statecraft: Search Notes');
        await quickInput.type(page, 'consistent hashing');
        await page.locator('.quick-input-list .monaco-list-row .label-name', { hasText: 'Consistent Hashing' }).first().waitFor({ timeout: 15_000 });
        await page.keyboard.press('Enter');
        const ring = await noteFrame(page, 'Consistent Hashing');
        assert.ok((await ring.evaluate(() => document.body.className)).includes(bodyClass));
        await ring.locator('figure.sc-sim-ring [data-sim-live]', { hasText: /nodes with/ }).waitFor({ timeout: 30_000 });
        await ring.locator('figure.sc-sim-ring button[data-sim-action="add"]').click();
        await ring.locator('figure.sc-sim-ring [data-sim-headline]', { hasText: /^moved: / }).waitFor({ timeout: 30_000 });
        await ring.locator('figure.sc-sim-ring').evaluate((element) => window.scrollBy(0, element.getBoundingClientRect().top - 60));
        await workbench.screenshot(`sim-ring-${name}`);
        await runCommand(page, 'Statecraft: Practise Interview Questions');
        const practice = await webviewFrame(page, 'Interview Practice');
        assert.ok((await practice.evaluate(() => document.body.className)).includes(bodyClass));
        await practice.locator('button[data-action="reveal"]').click();
        await practice.locator('#sc-points li').first().waitFor({ timeout: 15_000 });
        await workbench.screenshot(`practice-${name}`);
      } finally {
        await workbench.stop();
        await closeBrowser();
      }
    });
  });
}
