// Opens a code-server workbench in headless Chromium with playwright-core. Two ways (README, "Test tiers"):
// a plain workbench (extensions installed from a VSIX) and a development workbench that loads the extension from
// source and runs the in-host mocha suite, through the URL `payload` that a built workbench only honours when the
// smoke-test driver is enabled.
import { chromium } from 'playwright-core';
import { CHROMIUM_PATH, chromiumArgs } from './codeServer.mjs';

export async function launchBrowser() {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: chromiumArgs, headless: true });
}

export async function openWorkbench(browser, serverUrl, workspace, { viewport = { width: 1400, height: 900 }, colorScheme = 'light' } = {}) {
  const context = await browser.newContext({ viewport, colorScheme });
  const page = await context.newPage();
  // Playwright's default 30 s for the page load is too short when eight E2E runs share two cores (load average 30).
  await page.goto(`${serverUrl}/?folder=${encodeURIComponent(workspace)}`, { timeout: 120_000 });
  await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
  return { context, page };
}

/**
 * Loads the extension from `extensionRoot` in development mode and runs the suite at `testsPath` (a module exporting
 * `run()`, the contract of @vscode/test-electron). Resolves with the exit code the workbench reports.
 */
export async function runDevelopmentSuite(browser, serverUrl, workspace, { extensionRoot, testsPath, onConsole, timeoutMs = 600_000 }) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  let settle;
  const exited = new Promise((resolve) => { settle = resolve; });
  await page.exposeFunction('codeAutomationExit', (code) => { settle(Number(code)); });
  page.on('console', (message) => onConsole?.(message.text()));
  page.on('pageerror', (error) => onConsole?.(`[pageerror] ${error.message}`));
  await page.route((url) => url.pathname === '/' || url.pathname === '', async (route) => {
    const response = await route.fetch();
    let body = await response.text();
    const marker = '&quot;developmentOptions&quot;:{';
    if (!body.includes(marker)) throw new Error('code-server page changed: developmentOptions not found in data-settings');
    body = body.replace(marker, `${marker}&quot;enableSmokeTestDriver&quot;:true,`);
    await route.fulfill({ response, body });
  });
  const payload = [
    ['extensionDevelopmentPath', `vscode-remote://remote${extensionRoot}`],
    ['extensionTestsPath', `vscode-remote://remote${testsPath}`],
  ];
  await page.goto(`${serverUrl}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
  let timer;
  const timeout = new Promise((resolve) => { timer = setTimeout(() => resolve('timeout'), timeoutMs); });
  const code = await Promise.race([exited, timeout]);
  clearTimeout(timer);
  await context.close();
  return code;
}
