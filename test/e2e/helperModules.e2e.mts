// Issue 14 as a user sees it: state kept in helper modules (no route handler in sight) gets its CodeLens, and a
// session store built in another module is followed there: a Redis store stays quiet, and the same app flags the
// store as soon as that module builds an in-memory one instead (the control that makes the quiet case mean something).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { closeBrowser, openFileFromExplorer, startWorkbench, type Workbench } from './harness.mjs';

/** The active editor, once its tab shows `fileName` (the previous file's lenses may still be on screen). */
async function activeEditor(page: Page, fileName: string) {
  await page.locator('.tabs-container .tab.active', { hasText: fileName }).waitFor({ timeout: 30_000 });
  return page.locator('.editor-group-container.active .monaco-editor').first();
}

describe('state in helper modules and stores built elsewhere, as a user sees them', () => {
  let workbench: Workbench;
  before(async () => {
    workbench = await startWorkbench('e2e-helper-modules');
  });
  after(async () => {
    await workbench?.stop();
    await closeBrowser();
  });

  test('a helper module keeping login sessions in a Map shows the session-state CodeLens', async () => {
    const { page } = workbench;
    await openFileFromExplorer(page, ['src', 'auth', 'sessions.js']);
    const editor = await activeEditor(page, 'sessions.js');
    const lens = editor.locator('.codelens-decoration', { hasText: 'In-memory session state' }).first();
    await lens.waitFor({ timeout: 60_000 });
    assert.match(await lens.innerText(), /Why\?/);
    await workbench.screenshot('helper-module-session-map');
  });

  test('a WebSocket presence registry in a helper module shows the connection-registry CodeLens', async () => {
    const { page } = workbench;
    await openFileFromExplorer(page, ['src', 'realtime', 'presence.js']);
    const editor = await activeEditor(page, 'presence.js');
    const lens = editor.locator('.codelens-decoration', { hasText: 'Connection registry in memory' }).first();
    await lens.waitFor({ timeout: 60_000 });
    assert.match(await lens.innerText(), /broadcasts reach only this instance/);
    await workbench.screenshot('helper-module-connection-registry');
  });

  test('an app whose Redis store is built in another module shows no hint; an in-memory store there is flagged', async () => {
    const { page } = workbench;
    await openFileFromExplorer(page, ['src', 'shop', 'app.js']);
    const editor = await activeEditor(page, 'app.js');
    await editor.locator('.view-lines', { hasText: 'app.use(session(' }).waitFor({ timeout: 30_000 });
    // Quiet: nothing appears while the analysis (and the read of ./sessionStore.js) runs and settles.
    await page.waitForTimeout(8_000);
    assert.equal(await editor.locator('.codelens-decoration').count(), 0, 'no CodeLens on an app with a Redis store');
    await workbench.screenshot('helper-module-redis-store-quiet');
    // The control: the store module now builds express-session's MemoryStore; the app's store option is flagged,
    // naming the module, without touching app.js (the editor re-reads what the app imports when it changes).
    const storeFile = path.join(workbench.workspace, 'src', 'shop', 'sessionStore.js');
    fs.writeFileSync(storeFile, "// Changed for the test: sessions in this process's memory.\nconst session = require('express-session');\n\nmodule.exports = new session.MemoryStore();\n");
    const lens = editor.locator('.codelens-decoration', { hasText: 'In-memory session store' }).first();
    await lens.waitFor({ timeout: 60_000 });
    await workbench.screenshot('helper-module-memory-store-flagged');
  });
});
