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

  test('on first open of the Statecraft view the seed note is visible without expanding anything, under "Start here"', async () => {
    await openStatecraftView(workbench.page);
    // Nothing is clicked or expanded here: the first rows the view renders must already show the seed note (the
    // notes load on first use, which takes a while on a busy machine).
    await viewPane(workbench.page).locator('.monaco-list-row', { hasText: 'Statelessness & State Management' }).first().waitFor({ timeout: 60_000 });
    const rows = await treeRows(workbench.page);
    assert.match(rows[0], /^Start here ?\d+$/, `"Start here" is the first row: ${JSON.stringify(rows)}`);
    assert.match(rows[1], /^Statelessness & State Management ?P0 · \d+ min$/, `the seed note leads "Start here": ${JSON.stringify(rows)}`);
    // The categories and the two roots follow "Start here" and its notes, below the fold of the test window's side
    // bar; the integration tier checks the tree's shape (roots, categories, no single-child chain) in a real host.
    assert.ok(!rows.some((row) => /^(References|Architecture Design Basics|Pattern Taxonomy)\b/.test(row)), `no single-child folder chain: ${JSON.stringify(rows)}`);
    await workbench.screenshot('tree-light');
  });

  test('the Notes tree is walked with the keyboard alone, and what a screen reader hears names each row', async () => {
    const { page } = workbench;
    await runCommand(page, 'Focus on Notes View');
    const tree = viewPane(page).locator('[role="tree"]').first();
    await tree.waitFor({ timeout: 15_000 });
    // Down from the top to the State Placement folder (past "Start here" and its notes), Right to expand it, Down
    // to its note: the State Placement Guide, also listed under "Start here", is reached here in its category.
    const category = await moveFocusTo(page, 'State Placement', /^\d+$/);
    assert.equal(await category.getAttribute('aria-level'), '2', 'a category sits right under its root');
    if ((await category.getAttribute('aria-expanded')) === 'false') await page.keyboard.press('ArrowRight');
    await viewPane(page).locator('.monaco-list-row.focused[aria-expanded="true"]', { hasText: 'State Placement' }).waitFor({ timeout: 15_000 });
    // Down to the folder's note. The tree asks for a folder's children when it is expanded, and a Down pressed
    // before they arrive moves to the next folder: then, like a person who went one row too far, Up and Down again.
    const note = viewPane(page).locator('.monaco-list-row.focused', { hasText: 'State Placement Guide' });
    const focused = async () => (await viewPane(page).locator('.monaco-list-row.focused').allInnerTexts()).join(' ');
    for (let attempt = 1; !(await note.isVisible()); attempt++) {
      if (attempt > 6) throw new Error(`the keyboard never reached the folder's note; focused: "${await focused()}", rows: ${JSON.stringify(await treeRows(page))}`);
      // On the folder (its notes may still be arriving) Down goes into it; past it, Up comes back onto the note.
      const onFolder = /^State Placement\s*\d+$/.test((await focused()).trim());
      await page.keyboard.press(onFolder ? 'ArrowDown' : 'ArrowUp');
      await note.waitFor({ timeout: 2_000 }).catch(() => undefined);
    }
    assert.equal(await note.getAttribute('role'), 'treeitem');
    assert.match((await note.getAttribute('aria-label')) ?? '', /^State Placement Guide, P0, \d+ minute read$/, 'the accessibility label, not the raw row text, is announced');
    assert.equal(await note.getAttribute('aria-level'), '3', 'the depth is announced (root, State Placement, note)');
    await page.keyboard.press('Enter');
    const frame = await webviewFrame(page, 'Latency budget');
    assert.equal(await frame.locator('h1.sc-title').innerText(), 'State Placement Guide');
    assert.equal(await frame.locator('[role="toolbar"]').getAttribute('aria-label'), 'Note actions');
    for (const button of await frame.locator('[role="toolbar"] button').all()) {
      assert.ok(((await button.getAttribute('aria-label')) ?? (await button.innerText())).trim().length > 1, 'every toolbar button has a name');
    }
    await workbench.screenshot('tree-keyboard');
  });

  test('clicking the seed note under "Start here" opens it, with its category path as a breadcrumb', async () => {
    const { page } = workbench;
    // Back to the top of the tree first: after the keyboard walk the "Start here" header sticks over the rows below it.
    await runCommand(page, 'Focus on Notes View');
    await page.keyboard.press('Home');
    await clickTreeRow(page, 'Statelessness & State Management');
    const frame = await webviewFrame(page, 'Default to a stateless service');
    const heading = await frame.locator('h1.sc-title').innerText();
    assert.equal(heading, 'Statelessness & State Management');
    assert.deepEqual(
      (await frame.locator('nav.sc-breadcrumb li').allInnerTexts()).map((text) => text.trim()),
      ['References', 'Architecture Design Basics', 'Pattern Taxonomy', 'Fundamental Concepts'],
    );
    assert.ok(await frame.locator('table.sc-table').count() >= 1, 'the trade-off table renders as a table');
    await workbench.screenshot('viewer-light');
  });
});

/**
 * Presses Down (from the top) until the focused tree row shows `label` (followed by a description matching `rest`,
 * when given); a keyboard user's way to reach a row.
 */
async function moveFocusTo(page: Page, label: string, rest?: RegExp) {
  const focused = viewPane(page).locator('.monaco-list-row.focused').first();
  const matches = (text: string): boolean =>
    text.startsWith(label) && (rest === undefined || rest.test(text.slice(label.length).trim()));
  await page.keyboard.press('Home');
  for (let presses = 0; presses < 60; presses++) {
    if ((await focused.count()) > 0 && matches((await focused.innerText()).replace(/\s+/g, ' ').trim())) return focused;
    await page.keyboard.press('ArrowDown');
    await page.waitForTimeout(50);
  }
  throw new Error(`the keyboard never reached the tree row "${label}"`);
}
