// A person's first minutes with Statecraft, in a real workbench with the packaged VSIX installed.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { clickTreeRow, closeBrowser, openStatecraftView, runCommand, startWorkbench, treeRows, viewPane, webviewFrame, type Workbench } from './harness.mjs';

describe('knowledge base, as a user sees it', () => {
  let workbench: Workbench;
  before(async () => {
    workbench = await startWorkbench('e2e-notes');
  });
  after(async () => {
    await workbench?.stop();
    await closeBrowser();
  });

  test('the Statecraft icon opens the Notes tree with the bundled categories and the workspace notes folder', async () => {
    await openStatecraftView(workbench.page);
    const rows = await treeRows(workbench.page);
    assert.ok(rows.some((row) => row.startsWith('Statecraft Notes')), `rows: ${JSON.stringify(rows)}`);
    assert.ok(rows.some((row) => row.startsWith('notes')), `the workspace notes folder is a root: ${JSON.stringify(rows)}`);
    assert.ok(rows.some((row) => row.startsWith('References')), `rows: ${JSON.stringify(rows)}`);
    await workbench.screenshot('tree-light');
  });

  test('the Notes tree is walked with the keyboard alone, and what a screen reader hears names each row', async () => {
    const { page } = workbench;
    await runCommand(page, 'Focus on Notes View');
    const tree = viewPane(page).locator('[role="tree"]').first();
    await tree.waitFor({ timeout: 15_000 });
    for (const category of ['References', 'Practical Guides', 'State Placement']) {
      const row = await moveFocusTo(page, category);
      if ((await row.getAttribute('aria-expanded')) === 'false') await page.keyboard.press('ArrowRight');
      await viewPane(page).locator('.monaco-list-row.focused[aria-expanded="true"]', { hasText: category }).waitFor({ timeout: 15_000 });
    }
    const note = await moveFocusTo(page, 'State Placement Guide');
    assert.equal(await note.getAttribute('role'), 'treeitem');
    assert.match((await note.getAttribute('aria-label')) ?? '', /^State Placement Guide, P0, \d+ minute read$/, 'the accessibility label, not the raw row text, is announced');
    assert.equal(await note.getAttribute('aria-level'), '5', 'the depth is announced (root, References, Practical Guides, State Placement, note)');
    await page.keyboard.press('Enter');
    const frame = await webviewFrame(page, 'Latency budget');
    assert.equal(await frame.locator('h1.sc-title').innerText(), 'State Placement Guide');
    assert.equal(await frame.locator('[role="toolbar"]').getAttribute('aria-label'), 'Note actions');
    for (const button of await frame.locator('[role="toolbar"] button').all()) {
      assert.ok(((await button.getAttribute('aria-label')) ?? (await button.innerText())).trim().length > 1, 'every toolbar button has a name');
    }
    await workbench.screenshot('tree-keyboard');
  });

  test('drilling into the categories and clicking the seed note opens it in the viewer', async () => {
    const { page } = workbench;
    for (const label of ['References', 'Architecture Design Basics', 'Pattern Taxonomy', 'Fundamental Concepts']) {
      await clickTreeRow(page, label);
    }
    await page.locator('.monaco-list-row', { hasText: 'Statelessness & State Management' }).first().waitFor({ timeout: 15_000 });
    const rows = await treeRows(page);
    const seed = rows.find((row) => row.includes('Statelessness & State Management'));
    assert.ok(seed, `rows: ${JSON.stringify(rows)}`);
    assert.match(seed, /P0 · \d+ min/);
    await clickTreeRow(page, 'Statelessness & State Management');
    const frame = await webviewFrame(page, 'Default to a stateless service');
    const heading = await frame.locator('h1.sc-title').innerText();
    assert.equal(heading, 'Statelessness & State Management');
    assert.ok(await frame.locator('table.sc-table').count() >= 1, 'the trade-off table renders as a table');
    await workbench.screenshot('viewer-light');
  });
});

/** Presses Down (from the top) until the focused tree row shows `label`; a keyboard user's way to reach a row. */
async function moveFocusTo(page: Page, label: string) {
  const focused = viewPane(page).locator('.monaco-list-row.focused').first();
  await page.keyboard.press('Home');
  for (let presses = 0; presses < 60; presses++) {
    if ((await focused.count()) > 0 && ((await focused.innerText()).replace(/\s+/g, ' ').trim().startsWith(label))) return focused;
    await page.keyboard.press('ArrowDown');
    await page.waitForTimeout(50);
  }
  throw new Error(`the keyboard never reached the tree row "${label}"`);
}
