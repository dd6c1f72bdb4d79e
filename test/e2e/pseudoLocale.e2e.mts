// Localisation, proven in a real VS Code: the workbench runs in a pseudo display language whose bundles turn every
// message Statecraft ships into ⟪message⟫ (pseudoTranslations.mts). Prose a user sees outside the brackets would
// stay English for every translator, so each surface is read and checked for it. Note content is not translated
// (notes are written in one language), so only the chrome around a note is checked.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { untranslatedProse } from '../shared/pseudoText.js';
import { closeBrowser, openFileFromExplorer, revealTreeRow, viewPane, openStatecraftView, quickInput, runCommand, startWorkbench, webviewFrame, type Workbench } from './harness.mjs';

describe('Statecraft in another display language', () => {
  let workbench: Workbench;
  before(async () => {
    workbench = await startWorkbench('e2e-pseudo-locale', { pseudoLocale: true });
  });
  after(async () => {
    await workbench?.stop();
    await closeBrowser();
  });

  test('the side bar: container, views, counts and the empty-bookmarks text are translated', async () => {
    const { page } = workbench;
    await openStatecraftView(page, { container: '⟪Statecraft⟫', view: '⟪Notes⟫' });
    // The Start here group opens the tree; the team notes folder's count is further down (revealTreeRow scrolls).
    await revealTreeRow(page, '⟪Start here⟫', '⟪Notes⟫');
    await revealTreeRow(page, '⟪1 note⟫', '⟪Notes⟫');
    // The view headers and the Notes tree are Statecraft's chrome; the Practice view below shows questions taken
    // from the notes, which are content and stay in the notes' language.
    const headers = (await page.locator('.sidebar .pane-header').allInnerTexts()).join('\n');
    const sidebar = `${headers}\n${await viewPane(page, '⟪Notes⟫').innerText()}`;
    for (const text of ['⟪Notes⟫', '⟪Bookmarks⟫']) assert.ok(sidebar.includes(text), `${text} in ${JSON.stringify(sidebar)}`);
    assert.deepEqual(untranslatedProse(sidebar), []);
  });

  test('hints: CodeLens titles and Problems-panel messages (composed by the core) are translated', async () => {
    const { page } = workbench;
    await openFileFromExplorer(page, ['src', 'server.js']);
    const lens = page.locator('.codelens-decoration', { hasText: '⟪Why?⟫' }).first();
    await lens.waitFor({ timeout: 30_000 });
    const lensText = await lens.innerText();
    assert.match(lensText, /⟪In-memory session store/);
    assert.deepEqual(untranslatedProse(lensText), []);
    await page.keyboard.press('Control+Shift+M');
    const problems = page.locator('.markers-panel .monaco-list-row', { hasText: '⟪' }).first();
    await problems.waitFor({ timeout: 30_000 });
    const problemText = await page.locator('.markers-panel').innerText();
    assert.deepEqual(untranslatedProse(problemText), []);
    await workbench.screenshot('pseudo-locale-hints');
  });

  test("the note viewer's toolbar, metadata and navigation are translated", async () => {
    const { page } = workbench;
    await page.locator('.codelens-decoration a', { hasText: '⟪Why?⟫' }).first().click();
    const frame = await webviewFrame(page, '⟪Mark Studied⟫');
    const chrome = [
      await frame.locator('[role="toolbar"]').innerText(),
      (await frame.locator('[role="toolbar"]').getAttribute('aria-label')) ?? '',
      await frame.locator('.sc-meta').innerText(),
      (await frame.locator('.sc-breadcrumb').getAttribute('aria-label')) ?? '',
    ];
    assert.ok(chrome.every((text) => text.includes('⟪')), JSON.stringify(chrome));
    assert.deepEqual(untranslatedProse(chrome.join('\n')), []);
  });

  test('the wizard: steps, the recommendation page and its chart are translated', async () => {
    const { page } = workbench;
    await runCommand(page, '⟪Recommend State Placement…⟫');
    await quickInput.waitForTitle(page, '⟪Recommend State Placement⟫');
    const pickerText = await quickInputText(page);
    assert.deepEqual(untranslatedProse(pickerText), []);
    // Down to the first preset. A Down pressed before the list takes keys leaves "Answer each question" selected,
    // whose first step is empty (Enter then only shows "required"): press until a preset has the focus.
    const focusedItem = page.locator('.quick-input-list .monaco-list-row.focused').first();
    for (let attempt = 1; ; attempt++) {
      // From the second try on, the box gets the focus back first (a webview can take it as it finishes loading).
      if (attempt > 1) await quickInput.focus(page);
      await page.keyboard.press('ArrowDown');
      await page.waitForTimeout(300);
      const text = await focusedItem.innerText().catch(() => '');
      if (text !== '' && !text.includes('Answer each question')) break;
      if (attempt === 10) throw new Error(`no preset took the focus; focused: "${text}"`);
      await page.keyboard.press('Home');
    }
    await page.keyboard.press('Enter');
    await quickInput.acceptSteps(page, 7, async (step) => {
      const stepText = await quickInputText(page);
      assert.ok(stepText.includes('⟪'), `step ${step}: ${stepText}`);
      assert.deepEqual(untranslatedProse(stepText), [], `step ${step}`);
    });
    const frame = await webviewFrame(page, '⟪Recommended placement⟫');
    const pageText = await frame.locator('main').innerText();
    const chartLabel = (await frame.locator('figure.sc-chart svg').getAttribute('aria-label')) ?? '';
    assert.deepEqual(untranslatedProse(`${pageText}\n${chartLabel}`), []);
    await workbench.screenshot('pseudo-locale-recommendation');
  });
});

/**
 * Everything the quick input shows, with the input's placeholder, minus the one hint VS Code itself appends to an
 * input box's prompt (the empty pseudo language pack leaves VS Code's own strings in English).
 */
async function quickInputText(page: Page): Promise<string> {
  const widget = page.locator('.quick-input-widget');
  const placeholder = (await widget.locator('input.input').getAttribute('placeholder')) ?? '';
  return `${await widget.innerText()}\n${placeholder}`.replace(/\(?Press 'Enter' to confirm or 'Escape' to cancel\)?/g, '');
}
