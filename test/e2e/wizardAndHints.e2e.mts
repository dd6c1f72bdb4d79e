// The decision wizard with the keyboard alone, and the session-state hints on the sample express app.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { closeBrowser, openFileFromExplorer, quickInput, runCommand, startWorkbench, webviewFrame, type Workbench } from './harness.mjs';

describe('decision wizard and session-state hints, as a user sees them', () => {
  let workbench: Workbench;
  before(async () => {
    workbench = await startWorkbench('e2e-wizard');
  });
  after(async () => {
    await workbench?.stop();
    await closeBrowser();
  });

  test('the wizard is completed with the keyboard, Back keeps answers, and invalid numbers are explained', async () => {
    const { page } = workbench;
    await runCommand(page, 'Statecraft: Recommend State Placement');
    await quickInput.waitForTitle(page, 'Recommend State Placement');
    await page.keyboard.press('Enter'); // "Answer each question"
    await quickInput.waitForTitle(page, '(1/7)');
    await quickInput.type(page, 'abc');
    await quickInput.waitForMessage(page, /Latency budget.*number/i);
    await quickInput.type(page, '0');
    await quickInput.waitForMessage(page, /greater than 0 \(got 0\)/i);
    await workbench.screenshot('wizard-validation');
    await quickInput.type(page, '20');
    await page.keyboard.press('Enter');
    await quickInput.waitForTitle(page, '(2/7)');
    await quickInput.type(page, '2');
    await page.keyboard.press('Enter');
    await quickInput.waitForTitle(page, '(3/7)');
    await quickInput.type(page, '4');
    await page.keyboard.press('Enter');
    await quickInput.waitForTitle(page, '(4/7)');
    // Back (Ctrl+Alt+- on Linux) returns to step 3 with the answer kept.
    await page.keyboard.press('Control+Alt+Minus');
    await quickInput.waitForTitle(page, '(3/7)');
    assert.equal(await quickInput.input(page).inputValue(), '4');
    await page.keyboard.press('Enter');
    await quickInput.waitForTitle(page, '(4/7)');
    for (const [step, choice] of [['(4/7)', 'server'], ['(5/7)', 'none'], ['(6/7)', 'yes'], ['(7/7)', 'no']] as const) {
      await quickInput.waitForTitle(page, step);
      await quickInput.type(page, choice);
      await page.locator('.quick-input-list .monaco-list-row', { hasText: choice }).first().waitFor();
      await page.keyboard.press('Enter');
    }
    const frame = await webviewFrame(page, 'Recommended placement');
    assert.equal(await frame.locator('h1.sc-title').innerText(), 'externalized');
    assert.ok((await frame.locator('figure.sc-chart svg rect.sc-bar').count()) >= 3, 'the chart shows a bar per tier');
    await workbench.screenshot('wizard-result-light');
    await frame.locator('button[data-action="save"]').click();
    // The last, optional question: what state the record governs (other, pre-selected, is kept).
    await quickInput.waitForTitle(page, 'Save as Decision Record');
    await page.keyboard.press('Enter');
    const adrFolder = path.join(workbench.workspace, 'docs', 'adr');
    const deadline = Date.now() + 15_000;
    while (!(fs.existsSync(adrFolder) && fs.readdirSync(adrFolder).length > 0) && Date.now() < deadline) await page.waitForTimeout(200);
    const files = fs.readdirSync(adrFolder);
    assert.equal(files.length, 1, JSON.stringify(files));
    assert.match(files[0], /^0001-.+\.md$/);
    assert.match(fs.readFileSync(path.join(adrFolder, files[0]), 'utf8'), /## Decision Outcome/);
  });

  test('opening the express app shows the CodeLens; Why? opens the Express section of the Node guide', async () => {
    const { page } = workbench;
    await page.keyboard.press('Escape');
    await openFileFromExplorer(page, ['src', 'server.js']);
    const lens = page.locator('.codelens-decoration', { hasText: 'In-memory session' }).first();
    await lens.waitFor({ timeout: 30_000 });
    const lensText = await page.locator('.codelens-decoration').first().innerText();
    assert.match(lensText, /Why\?/);
    assert.match(lensText, /Recommend placement/);
    await workbench.screenshot('codelens-light');
    await page.locator('.codelens-decoration a', { hasText: 'Why?' }).first().click();
    const frame = await webviewFrame(page, 'Externalizing Sessions in Node.js');
    await frame.locator('h3#express.sc-target').waitFor({ timeout: 15_000 });
    await workbench.screenshot('codelens-why');
  });

  test('the quick fix inserts a suppression comment', async () => {
    const { page } = workbench;
    await openFileFromExplorer(page, ['src', 'server.js']);
    const line = page.locator('.view-line', { hasText: 'app.use(session({' }).first();
    // The diagnostic arrives after a debounce: retry until the light bulb menu offers our fix.
    const fix = page.locator('.action-widget .monaco-list-row', { hasText: 'statecraft-ignore' }).first();
    for (let attempt = 1; ; attempt++) {
      await line.click();
      await page.keyboard.press('End');
      await page.keyboard.press('Control+Period');
      try {
        await fix.waitFor({ timeout: 5_000 });
        break;
      } catch (error) {
        await page.keyboard.press('Escape');
        if (attempt >= 4) throw error;
      }
    }
    await workbench.screenshot('quick-fix-menu');
    await fix.click();
    await quickInput.waitForTitle(page, 'Ignore this session-state hint');
    await page.keyboard.press('Enter');
    await page.locator('.view-line', { hasText: 'statecraft-ignore: single instance by design' }).first().waitFor({ timeout: 15_000 });
    await workbench.screenshot('quick-fix-suppressed');
  });
});
