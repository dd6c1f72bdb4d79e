// The same VSIX forced into the web worker extension host (what vscode.dev and github.dev use), via the
// `remote.extensionKind` user setting: tree, search, viewer, wizard and hints must all work with no Node APIs.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  closeBrowser, openFileFromExplorer, openStatecraftView, quickInput, runCommand, startWorkbench, treeRows, webviewFrame, type Workbench,
} from './harness.mjs';

describe('in the web worker extension host', () => {
  let workbench: Workbench;
  before(async () => {
    workbench = await startWorkbench('e2e-web', { userSettings: { 'remote.extensionKind': { 'statecraft.statecraft': ['web'] } } });
  });
  after(async () => {
    await workbench?.stop();
    await closeBrowser();
  });

  test('Statecraft runs in the web worker host, as Running Extensions shows', async () => {
    const { page } = workbench;
    await openStatecraftView(page);
    await runCommand(page, 'Developer: Show Running Extensions');
    // The list is sorted by activation time and virtualised: scroll until our row is rendered.
    const row = page.locator('.monaco-list-row', { hasText: 'Statecraft: System Design Notes' }).first();
    await page.locator('.runtime-extensions-editor .monaco-list-row, .monaco-list-row:has(.activation-time)').first().waitFor({ timeout: 30_000 }).catch(() => undefined);
    for (let attempt = 0; attempt < 20 && !(await row.isVisible()); attempt++) {
      await page.mouse.move(800, 500);
      await page.mouse.wheel(0, 300);
      await page.waitForTimeout(300);
    }
    await row.waitFor({ timeout: 10_000 });
    const text = await row.innerText();
    assert.match(text, /web worker/i, text);
    await workbench.screenshot('web-worker-running-extensions');
    await page.keyboard.press('Escape');
  });

  test('tree, search, viewer, wizard and CodeLens work there', async () => {
    const { page } = workbench;
    await openStatecraftView(page);
    const rows = await treeRows(page);
    assert.ok(rows.some((row) => row.startsWith('Statelessness & State Management')), JSON.stringify(rows));
    await runCommand(page, 'Statecraft: Search Notes');
    await quickInput.type(page, 'session persistence');
    await page.locator('.quick-input-list .monaco-list-row .label-name', { hasText: 'Sticky Sessions' }).first().waitFor({ timeout: 15_000 });
    await page.keyboard.press('Enter');
    const viewer = await webviewFrame(page, 'Sticky Sessions');
    assert.equal(await viewer.locator('h1.sc-title').innerText(), 'Sticky Sessions');
    await runCommand(page, 'Statecraft: Recommend State Placement');
    await quickInput.waitForTitle(page, 'Recommend State Placement');
    await quickInput.type(page, 'Web login sessions');
    await page.keyboard.press('Enter');
    await quickInput.acceptSteps(page, 7);
    const result = await webviewFrame(page, 'Recommended placement');
    assert.equal(await result.locator('figure.sc-chart svg').count(), 1);
    await openFileFromExplorer(page, ['src', 'server.js']);
    await page.locator('.codelens-decoration', { hasText: 'In-memory session' }).first().waitFor({ timeout: 30_000 });
    await workbench.screenshot('web-worker-codelens');
  });
});
