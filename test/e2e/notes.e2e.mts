// A person's first minutes with Statecraft, in a real workbench with the packaged VSIX installed.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { clickTreeRow, closeBrowser, openStatecraftView, startWorkbench, treeRows, webviewFrame, type Workbench } from './harness.mjs';

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
