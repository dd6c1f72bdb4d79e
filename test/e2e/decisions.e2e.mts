// Decision records as a user lives with them: save a decision for sessions (externalized) from the wizard, open the
// Express sample that keeps sessions in a default (memory) store, see the drift hint naming the record, open the
// record from it, and find it in the Decisions view with its drift count.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { closeBrowser, openFileFromExplorer, openStatecraftView, quickInput, runCommand, startWorkbench, treeRows, webviewFrame, type Workbench } from './harness.mjs';

const RECORD = '0001-keep-session-state-externalized-in-redis.md';

describe('decision records and drift, as a user sees them', () => {
  let workbench: Workbench;
  before(async () => {
    workbench = await startWorkbench('e2e-decisions');
  });
  after(async () => {
    await workbench?.stop();
    await closeBrowser();
  });

  test('a decision for sessions is saved from the wizard with its state in the front matter', async () => {
    const { page } = workbench;
    await runCommand(page, 'Statecraft: Recommend State Placement');
    await quickInput.waitForTitle(page, 'Recommend State Placement');
    await quickInput.type(page, 'Web login sessions');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Web login sessions' }).first().waitFor();
    await page.keyboard.press('Enter');
    // The preset fills every answer; each step keeps it, so Enter walks through.
    await quickInput.acceptSteps(page, 7);
    const frame = await webviewFrame(page, 'Recommended placement');
    assert.equal(await frame.locator('h1.sc-title').innerText(), 'externalized');
    await frame.locator('button[data-action="save"]').click();
    await quickInput.waitForTitle(page, 'Save as Decision Record');
    await quickInput.type(page, 'sessions');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'sessions' }).first().waitFor();
    await workbench.screenshot('decision-state-pick');
    await page.keyboard.press('Enter');
    const file = path.join(workbench.workspace, 'docs', 'adr', RECORD);
    const deadline = Date.now() + 15_000;
    while (!fs.existsSync(file) && Date.now() < deadline) await page.waitForTimeout(200);
    const text = fs.readFileSync(file, 'utf8');
    assert.match(text, /^---\nstatus: accepted\ndate: \d{4}-\d{2}-\d{2}\nstate: sessions\nplacement: externalized\n/);
  });

  test('the Express sample drifts from the record: the hint names it and opens it', async () => {
    const { page } = workbench;
    await page.keyboard.press('Escape');
    await openFileFromExplorer(page, ['src', 'server.js']);
    const lens = page.locator('.codelens-decoration a', { hasText: `Contradicts ${RECORD}` }).first();
    // The analysis and the records load in the background: generous on a machine shared by many test runs.
    try {
      await lens.waitFor({ timeout: 60_000 });
    } finally {
      await workbench.screenshot('decision-drift-codelens');
    }
    await lens.click();
    await page.locator('.tabs-container .tab.active', { hasText: RECORD }).waitFor({ timeout: 15_000 });
    await page.locator('.view-line', { hasText: 'state: sessions' }).first().waitFor({ timeout: 15_000 });
    await workbench.screenshot('decision-record-opened');
  });

  test('the Decisions view lists the record with its status, state, placement and drift count', async () => {
    const { page } = workbench;
    await openStatecraftView(page, { container: 'Statecraft', view: 'Decisions' });
    const deadline = Date.now() + 20_000;
    let rows: string[] = [];
    while (Date.now() < deadline) {
      rows = await treeRows(page, 'Decisions');
      if (rows.some((row) => /findings? drifts?/.test(row))) break;
      await page.waitForTimeout(300);
    }
    const row = rows.find((candidate) => candidate.includes('Keep session state externalized in Redis'));
    assert.ok(row, JSON.stringify(rows));
    assert.match(row, /accepted · sessions · externalized · 2 findings drift/);
    await workbench.screenshot('decisions-view');
  });
});
