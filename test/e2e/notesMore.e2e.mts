// Search by alias to the right section, study progress across a window reload, and hostile notes rendered inert.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { repoRoot } from '../../scripts/lib/codeServer.mjs';
import { clickTreeRow, closeBrowser, revealTreeRow, openStatecraftView, quickInput, runCommand, startWorkbench, treeRows, waitInWebview, webviewFrame, type Workbench } from './harness.mjs';

describe('search, progress and security, as a user sees them', () => {
  let workbench: Workbench;
  const dialogs: string[] = [];
  before(async () => {
    workbench = await startWorkbench('e2e-more');
    fs.copyFileSync(path.join(repoRoot, 'test/fixtures/xss/xss-payloads.md'), path.join(workbench.workspace, 'notes', 'xss-payloads.md'));
    workbench.page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
  });
  after(async () => {
    await workbench?.stop();
    await closeBrowser();
  });

  test('the seven notes added for issue 19 are found by Search Notes, each in the first three hits', async () => {
    const { page } = workbench;
    await runCommand(page, 'Statecraft: Search Notes');
    await quickInput.waitForTitle(page, 'Search Statecraft Notes');
    for (const [query, title] of [
      ['scaling websockets', 'Scaling WebSockets Out'],
      ['active-active multi-region', 'Multi-Region State'],
      ['event sourcing', 'Event Sourcing and CQRS'],
      ['fencing token lease', 'Leader Election and Leases'],
      ['conflict-free replicated', 'CRDTs (Conflict-free Replicated Data Types)'],
      ['durable execution workflow', 'Durable Execution (Workflow State)'],
      ['StatefulSet', 'State on Kubernetes'],
    ]) {
      await quickInput.type(page, query);
      const topThree = page.locator('.quick-input-list .monaco-list-row:is([data-index="0"], [data-index="1"], [data-index="2"]) .label-name', { hasText: title });
      try {
        await topThree.first().waitFor({ timeout: 15_000 });
      } catch {
        const shown = await page.locator('.quick-input-list .monaco-list-row .label-name').allInnerTexts();
        assert.fail(`"${query}" should list ${title} in the first three hits; shown: ${JSON.stringify(shown)}`);
      }
    }
    await workbench.screenshot('search-new-notes');
    await page.keyboard.press('Escape');
  });

  test('searching "session affinity" finds Sticky Sessions; a section match opens scrolled to its heading', async () => {
    const { page } = workbench;
    await runCommand(page, 'Statecraft: Search Notes');
    await quickInput.waitForTitle(page, 'Search Statecraft Notes');
    await quickInput.type(page, 'session affinity');
    const first = page.locator('.quick-input-list .monaco-list-row').first();
    await first.locator('.label-name', { hasText: 'Sticky Sessions' }).first().waitFor({ timeout: 15_000 });
    await workbench.screenshot('search-alias');
    await quickInput.type(page, 'fencing token');
    const row = page.locator('.quick-input-list .monaco-list-row').first();
    await row.locator('.label-name', { hasText: 'Distributed Locks' }).first().waitFor({ timeout: 15_000 });
    const description = (await row.locator('.label-description').innerText()).replace(/^§\s*/, '');
    assert.ok(description.length > 0, 'the hit names a section');
    await page.keyboard.press('Enter');
    const frame = await webviewFrame(page, 'Distributed Locks');
    const targetText = (await frame.locator('.sc-target').first().innerText()).trim();
    assert.equal(targetText, description);
  });

  test('marking a note studied in the viewer survives a window reload', async () => {
    const { page } = workbench;
    const frame = await webviewFrame(page, 'Distributed Locks');
    await frame.locator('button[data-action="study"]').click();
    await (await webviewFrame(page, 'Mark Unstudied')).locator('button[data-action="unstudy"]').waitFor();
    await workbench.reload();
    // The viewer panel comes back after the reload (WebviewPanelSerializer), still showing the note, still studied.
    await waitInWebview(page, 'Distributed Locks', 'button[data-action="unstudy"]');
    await waitInWebview(page, 'Distributed Locks', '.sc-badge.sc-studied');
    await workbench.screenshot('viewer-restored-after-reload');
  });

  test('a hostile note renders inert: no script, handler or link runs', async () => {
    const { page } = workbench;
    await openStatecraftView(page);
    await clickTreeRow(page, 'Team Notes');
    await revealTreeRow(page, /^Hostile\s*1$/);
    await clickTreeRow(page, 'Hostile');
    await revealTreeRow(page, 'Hostile note');
    const rows = await treeRows(page);
    assert.ok(rows.some((r) => r.startsWith('Hostile note <script>')), `the title is shown as text: ${JSON.stringify(rows)}`);
    await clickTreeRow(page, 'Hostile note');
    const frame = await webviewFrame(page, 'javascript link');
    for (const text of ['javascript link', 'JaVaScRiPt link', 'data link', 'command link', 'Command look-alike', 'vscode uri', 'file link']) {
      await frame.getByText(text, { exact: true }).first().click();
    }
    await page.waitForTimeout(1000);
    assert.equal(await frame.evaluate(() => document.body.dataset.pwned ?? null), null, 'no payload set the marker');
    assert.equal(await frame.locator('#xss-marker').count(), 0);
    assert.equal(await frame.evaluate(() => [...document.scripts].filter((script) => /pwned|alert/.test(script.textContent ?? '')).length), 0, 'no script element from the note');
    assert.equal(await frame.locator('[onerror], [onclick], iframe, form').count(), 0);
    // VS Code injects its own default <style>; none may come from the note.
    assert.equal(await frame.evaluate(() => [...document.querySelectorAll('style')].filter((style) => style.textContent?.includes('display: none !important')).length), 0);
    assert.ok(await frame.locator('main').isVisible(), 'the note body is visible (the injected CSS did not hide it)');
    assert.ok((await frame.locator('body').innerText()).includes('<script>'), 'raw HTML is shown as text');
    assert.deepEqual(dialogs, []);
    const terminals = await page.locator('.terminal-outer-container, .integrated-terminal').count();
    assert.equal(terminals, 0, 'the command: links did not open a terminal');
    await workbench.screenshot('xss-inert');
    assert.deepEqual(workbench.extensionHostErrors(), [], 'no Statecraft error in the extension host log');
  });
});
