// Configuration hints as a user sees them (issue 16): a Kubernetes Service with ClientIP affinity and an nginx
// upstream with ip_hash show their CodeLens, Why? opens the sticky-sessions note at the right section, and with the
// sample Express app (default in-memory session store) open too, the affinity hint names the state it keeps working.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { closeBrowser, openFileFromExplorer, startWorkbench, waitInWebview, type Workbench } from './harness.mjs';

/**
 * Opens a workspace file from the Explorer, once more if the editor did not appear: on a loaded machine the first
 * click can land while the Explorer is still expanding a folder. The second attempt is the same user action.
 */
async function openFile(page: Page, segments: string[]): Promise<void> {
  try {
    await openFileFromExplorer(page, segments);
  } catch {
    await page.keyboard.press('Escape');
    await openFileFromExplorer(page, segments);
  }
}

describe('configuration hints (session affinity), as a user sees them', () => {
  let workbench: Workbench;
  before(async () => {
    workbench = await startWorkbench('e2e-config-hints');
  });
  after(async () => {
    await workbench?.stop();
    await closeBrowser();
  });

  test('a Kubernetes Service with ClientIP affinity shows the CodeLens; Why? opens the Kubernetes Service section', async () => {
    const { page } = workbench;
    await openFile(page, ['deploy', 'k8s', 'web.yaml']);
    const lens = page.locator('.codelens-decoration', { hasText: 'Sticky routing' }).first();
    await lens.waitFor({ timeout: 30_000 });
    const lensText = await lens.innerText();
    assert.match(lensText, /Why\?/);
    assert.match(lensText, /Recommend placement/);
    await workbench.screenshot('config-hints-kubernetes');
    await lens.locator('a', { hasText: 'Why?' }).first().click();
    await waitInWebview(page, 'Sticky Sessions', '#kubernetes-service.sc-target');
    await workbench.screenshot('config-hints-why');
  });

  test('an nginx upstream with ip_hash shows the CodeLens on the directive', async () => {
    const { page } = workbench;
    await openFile(page, ['deploy', 'nginx', 'nginx.conf']);
    // Read the active editor only: the Kubernetes file's lens (also "Sticky routing") may still be on screen
    // while the nginx editor opens.
    await page.locator('.tabs-container .tab.active', { hasText: 'nginx.conf' }).waitFor({ timeout: 30_000 });
    const editor = page.locator('.editor-group-container.active .monaco-editor').first();
    await editor.locator('.view-lines', { hasText: 'ip_hash;' }).waitFor({ timeout: 30_000 });
    const lens = editor.locator('.codelens-decoration', { hasText: 'Sticky routing' }).first();
    await lens.waitFor({ timeout: 30_000 });
    assert.match(await lens.innerText(), /Why\?/);
    await workbench.screenshot('config-hints-nginx');
  });

  test('with the Express app open, the affinity hint names the in-memory session store it keeps working', async () => {
    const { page } = workbench;
    await openFile(page, ['src', 'server.js']);
    await page.locator('.codelens-decoration', { hasText: 'In-memory session' }).first().waitFor({ timeout: 30_000 });
    const reverse = page.locator('.codelens-decoration', { hasText: 'Hidden by affinity' }).first();
    await reverse.waitFor({ timeout: 30_000 });
    await workbench.screenshot('config-hints-paired-code');
    await openFile(page, ['deploy', 'k8s', 'web.yaml']);
    const paired = page.locator('.codelens-decoration', { hasText: 'Keeps working: src/server.js' }).first();
    await paired.waitFor({ timeout: 30_000 });
    assert.match(await paired.innerText(), /src\/server\.js:\d+/);
    await workbench.screenshot('config-hints-paired');
  });
});
