// What every E2E test needs: a code-server with the packaged VSIX installed (as a Marketplace user would have it),
// a fresh copy of the sample workspace, a headless Chromium page on the workbench, and helpers that act like a
// person: click the activity bar, read tree rows, run palette commands, take screenshots.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { installVsix, makeProfile, repoRoot, startCodeServer, type Profile, type RunningServer } from '../../scripts/lib/codeServer.mjs';
import { freshSampleWorkspace } from '../../scripts/lib/sampleWorkspace.mjs';
import { launchBrowser, openWorkbench } from '../../scripts/lib/workbench.mjs';
import { installPseudoLocale, PSEUDO_LOCALE } from './pseudoTranslations.mjs';

export const screenshotsDir = path.join(repoRoot, 'test-results', 'screenshots');

export interface Workbench {
  readonly page: Page;
  readonly workspace: string;
  readonly profile: Profile;
  readonly server: RunningServer;
  screenshot(name: string): Promise<string>;
  /** Reloads the window, as "Developer: Reload Window" does. */
  reload(): Promise<void>;
  stop(): Promise<void>;
  /** Lines of the extension host logs that mention errors, for the runtime-hygiene check. */
  extensionHostErrors(): string[];
}

export interface WorkbenchOptions {
  readonly theme?: string;
  readonly colorScheme?: 'light' | 'dark';
  readonly userSettings?: Record<string, unknown>;
  /** Runs the workbench in the pseudo display language (see pseudoTranslations.mts). */
  readonly pseudoLocale?: boolean;
}

let browser: Browser | undefined;

export async function startWorkbench(name: string, options: WorkbenchOptions = {}): Promise<Workbench> {
  const vsix = process.env.STATECRAFT_VSIX;
  if (!vsix || !fs.existsSync(vsix)) throw new Error('STATECRAFT_VSIX must name the packaged extension (run through `npm run test:e2e`)');
  const profile = makeProfile(name, {
    userSettings: { 'workbench.colorTheme': options.theme ?? 'Default Light Modern', ...options.userSettings },
  });
  installVsix(vsix, profile);
  if (options.pseudoLocale) installPseudoLocale(profile);
  const workspace = freshSampleWorkspace(name);
  const server = await startCodeServer(profile, workspace, {
    logFile: path.join(profile.dir, 'code-server.log'),
    extraArgs: options.pseudoLocale ? ['--locale', PSEUDO_LOCALE] : [],
  });
  browser ??= await launchBrowser();
  let opened: Awaited<ReturnType<typeof openWorkbench>>;
  try {
    opened = await openWorkbench(browser, server.url, workspace, { colorScheme: options.colorScheme ?? 'light' });
  } catch (error) {
    // Otherwise the code-server outlives the failed test and loads the machine for every later run.
    server.stop();
    throw error;
  }
  const { context, page } = opened;
  await dismissNotifications(page);
  return {
    page,
    workspace,
    profile,
    server,
    async screenshot(file) {
      fs.mkdirSync(screenshotsDir, { recursive: true });
      const target = path.join(screenshotsDir, `${file}.png`);
      // A webview paints a moment after its content exists: give it that moment so the picture shows it.
      await page.waitForTimeout(500);
      await page.screenshot({ path: target });
      return target;
    },
    async reload() {
      // "Developer: Reload Window", as a user does: the workbench shuts down in order (saving editor and webview
      // state) before it reloads, unlike a bare page reload.
      const loaded = page.waitForEvent('load', { timeout: 60_000 });
      await runCommand(page, 'Developer: Reload Window');
      await loaded;
      await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    },
    /** Closes the page and the server, and fails if the extension host logged an error of ours meanwhile. */
    async stop() {
      await context.close();
      server.stop();
      const errors = readLogErrors(profile.userDataDir);
      if (errors.length > 0) throw new Error(`the extension host logged errors during this E2E file:\n${errors.join('\n')}`);
    },
    extensionHostErrors() {
      return readLogErrors(profile.userDataDir);
    },
  };
}

export async function closeBrowser(): Promise<void> {
  await browser?.close();
  browser = undefined;
}

function readLogErrors(userDataDir: string): string[] {
  const logs = path.join(userDataDir, 'logs');
  if (!fs.existsSync(logs)) return [];
  const found: string[] = [];
  const stack = [logs];
  while (stack.length) {
    const dir = stack.pop()!;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) stack.push(full);
      // The extension host's own logs; our output channel (which logs note validation on purpose) is excluded.
      else if (/^(remote)?exthost\d*\.log$/i.test(entry.name)) {
        for (const line of fs.readFileSync(full, 'utf8').split('\n')) {
          if (/\[error\]/i.test(line) && /statecraft/i.test(line)) found.push(line);
          // An unhandled rejection anywhere in the host fails the run: its stack is on the following lines.
          else if (/unhandled|rejected promise not handled/i.test(line)) found.push(line);
        }
      }
    }
  }
  return found;
}

async function dismissNotifications(page: Page): Promise<void> {
  // code-server may greet with toasts (e.g. telemetry notice) that cover the status bar; close them if present.
  await page.waitForTimeout(500);
  for (const button of await page.locator('.notifications-toasts .codicon-notifications-clear').all()) {
    await button.click().catch(() => undefined);
  }
}

/**
 * Clicks the Statecraft activity-bar icon and waits for the Notes view. The labels are what the workbench shows,
 * so a run in another display language passes its translations.
 */
export async function openStatecraftView(page: Page, labels = { container: 'Statecraft', view: 'Notes' }): Promise<void> {
  const item = page.locator(`.activitybar [aria-label^="${labels.container}"]`).first();
  await item.waitFor({ timeout: 30_000 });
  const header = page.locator(`.pane-header[aria-label^="${labels.view}"]`).first();
  // Clicking the icon of the container already showing closes it (after a reload the side bar comes back showing
  // it while the views still load), so click only when it is not the checked one.
  const showing = page.locator(`.activitybar .action-item.checked [aria-label^="${labels.container}"]`).first();
  // force: the icon's badge (notes to study, cards due, a progress spinner) sits on top and takes the click, which
  // reaches the icon's handler all the same.
  if (!(await header.isVisible()) && !(await showing.isVisible())) await item.click({ force: true });
  try {
    await header.waitFor({ timeout: 30_000 });
  } catch (error) {
    fs.mkdirSync(screenshotsDir, { recursive: true });
    await page.screenshot({ path: path.join(screenshotsDir, 'failure-open-statecraft-view.png') }).catch(() => undefined);
    throw error;
  }
}

/**
 * Collapses the other views of the side bar so that one view has the room, as a person does before reading a long
 * list (the Statecraft container stacks five views).
 */
export async function giveViewTheRoom(page: Page, viewTitle: string): Promise<void> {
  const headers = page.locator('.sidebar .pane-header[aria-expanded="true"]');
  for (let index = (await headers.count()) - 1; index >= 0; index--) {
    const header = headers.nth(index);
    if (!((await header.getAttribute('aria-label')) ?? '').startsWith(viewTitle)) await header.click();
  }
}

/** A view's pane in the side bar (header and body), found by its title. */
export function viewPane(page: Page, viewTitle = 'Notes') {
  return page.locator('.pane', { has: page.locator(`.pane-header[aria-label^="${viewTitle}"]`) }).first();
}

/** The visible rows of a tree view in the side bar, as text (label plus description). */
export async function treeRows(page: Page, viewTitle = 'Notes'): Promise<string[]> {
  const pane = viewPane(page, viewTitle);
  await pane.locator('.monaco-list-row').first().waitFor({ timeout: 30_000 });
  return (await pane.locator('.monaco-list-row').allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim());
}

/**
 * The row with this label, scrolled into the DOM first: trees are virtualised lists, so a row below the fold (the
 * side bar stacks several views) does not exist until the list scrolls to it. Scrolls down a page at a time, then
 * from the top once more, and fails with the rows it saw.
 */
export async function revealTreeRow(page: Page, label: string | RegExp, viewTitle = 'Notes') {
  const pane = viewPane(page, viewTitle);
  const row = pane.locator('.monaco-list-row', { hasText: label }).first();
  try {
    await row.waitFor({ timeout: 5_000 });
    return row;
  } catch {
    // not rendered yet: scroll for it
  }
  const list = pane.locator('.monaco-list').first();
  // A row seen while the list is still scrolling can scroll on out of the rendered range (the list renders only
  // what is in view): once seen, it is kept in view before it is handed back, and the search goes on if it is gone.
  const settled = async () => {
    if ((await row.count()) === 0) return false;
    await page.waitForTimeout(200);
    if ((await row.count()) === 0) return false;
    await row.scrollIntoViewIfNeeded({ timeout: 2_000 }).catch(() => undefined);
    return (await row.count()) > 0;
  };
  for (const direction of [1, -1, 1]) {
    for (let step = 0; step < 25; step++) {
      if (await settled()) return row;
      await list.hover();
      await page.mouse.wheel(0, direction * 120);
      await page.waitForTimeout(100);
    }
  }
  if (await settled()) return row;
  throw new Error(`no row "${label}" in the ${viewTitle} view; rows seen: ${JSON.stringify(await treeRows(page, viewTitle))}`);
}

/**
 * Clicks a tree row to open it: a note runs its command; a collapsed category expands, and the call waits until it
 * has (the tree renders asynchronously). An already expanded category is left as it is, since a click would fold it.
 */
export async function clickTreeRow(page: Page, label: string, viewTitle = 'Notes'): Promise<void> {
  const pane = viewPane(page, viewTitle);
  const row = await revealTreeRow(page, label, viewTitle);
  const expanded = await row.getAttribute('aria-expanded');
  if (expanded === 'true') return;
  const wasCollapsed = expanded === 'false';
  await row.click();
  if (wasCollapsed) await pane.locator('.monaco-list-row[aria-expanded="true"]', { hasText: label }).first().waitFor({ timeout: 15_000 });
}

/** Runs a command through the Command Palette (F1), like a keyboard user. */
export async function runCommand(page: Page, title: string): Promise<void> {
  // Right after start-up, or while another quick input is closing, the palette can open before contributed
  // commands are listed or while its box is still inert: retry the whole gesture a few times.
  for (let attempt = 1; ; attempt++) {
    try {
      await page.keyboard.press('Escape');
      await page.keyboard.press('F1');
      const input = page.locator('.quick-input-widget input.input');
      await input.waitFor({ state: 'visible', timeout: 10_000 });
      await input.fill(`>${title}`, { timeout: 5_000 });
      await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: 8_000 });
      await page.keyboard.press('Enter');
      return;
    } catch (error) {
      if (attempt >= 4) throw error;
      await page.waitForTimeout(500);
    }
  }
}

/** The note viewer's webview frame (VS Code nests the content in an inner iframe). */
export async function webviewFrame(page: Page, mustContain: string) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    for (const frame of page.frames()) {
      // Only Statecraft's own pages (they all have a <main>); the workbench frame also contains tab titles.
      if (frame === page.mainFrame()) continue;
      const text = await frame.evaluate(() => (document.querySelector('body > main') ? document.body.textContent ?? '' : '')).catch(() => '');
      if (text.includes(mustContain)) return frame;
    }
    if (Date.now() > deadline) {
      fs.mkdirSync(screenshotsDir, { recursive: true });
      const shot = path.join(screenshotsDir, `failure-${mustContain.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.png`);
      await page.screenshot({ path: shot }).catch(() => undefined);
      throw new Error(`no webview frame shows "${mustContain}" (screenshot: ${shot})`);
    }
    await page.waitForTimeout(250);
  }
}

/**
 * The note viewer's frame once it shows this note: its title heading, not merely the text, since another note's
 * page can mention the title (a related-notes link) and be replaced a moment later.
 */
export async function noteFrame(page: Page, title: string, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const frame of page.frames()) {
      if (frame === page.mainFrame()) continue;
      const heading = await frame.evaluate(() => document.querySelector('body > main h1.sc-title')?.textContent?.trim() ?? '').catch(() => '');
      if (heading === title) return frame;
    }
    if (Date.now() > deadline) throw new Error(`no note viewer shows the note "${title}"`);
    await page.waitForTimeout(250);
  }
}

/**
 * Waits until a Statecraft webview showing `mustContain` has an element matching `selector`. A webview re-renders
 * by replacing its frame, so a frame found a moment ago can detach: look it up again until the deadline.
 */
export async function waitInWebview(page: Page, mustContain: string, selector: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const frame = await webviewFrame(page, mustContain);
      if ((await frame.locator(selector).count()) > 0) return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
    if (Date.now() > deadline) throw new Error(`no webview showing "${mustContain}" has ${selector}`);
    await page.waitForTimeout(250);
  }
}

/** The QuickInput's text box and helpers to answer it like a keyboard user. */
export const quickInput = {
  input: (page: Page) => page.locator('.quick-input-widget input.input').first(),
  async waitForTitle(page: Page, text: string) {
    await page.locator('.quick-input-widget .quick-input-title', { hasText: text }).first().waitFor({ timeout: 20_000 });
  },
  /** Waits until the validation/prompt line matches (it updates asynchronously after typing). */
  async waitForMessage(page: Page, pattern: RegExp): Promise<string> {
    const deadline = Date.now() + 10_000;
    let text = '';
    while (Date.now() < deadline) {
      text = (await page.locator('.quick-input-widget .quick-input-message').first().innerText()).trim();
      if (pattern.test(text)) return text;
      await page.waitForTimeout(100);
    }
    throw new Error(`the QuickInput message never matched ${pattern}; last: "${text}"`);
  },
  /**
   * Puts the keyboard focus back in the QuickInput's box, as a person clicks into it. The wizard keeps its QuickInput
   * open when the focus leaves (ignoreFocusOut), so a webview that takes the focus as it finishes loading (the note
   * viewer opened a step earlier, slow on a loaded machine) leaves it visible but deaf to keys.
   */
  async focus(page: Page) {
    await quickInput.input(page).click({ timeout: 5_000 }).catch(() => undefined);
  },
  /**
   * Walks the wizard's numbered steps with Enter, keeping each step's answer. A step that is still showing its
   * title 5 s after Enter had not taken the key (its list was still being filled, or the focus had left it): the box
   * is focused and Enter pressed once more, as a person would. `inspect` reads each step before it is accepted.
   */
  async acceptSteps(page: Page, count: number, inspect?: (step: number) => Promise<void>) {
    const title = page.locator('.quick-input-widget .quick-input-title').first();
    for (let step = 1; step <= count; step++) {
      await quickInput.waitForTitle(page, `(${step}/${count})`);
      await inspect?.(step);
      for (let attempt = 1; attempt <= 3; attempt++) {
        if (attempt > 1) await quickInput.focus(page);
        await page.keyboard.press('Enter');
        const deadline = Date.now() + 5_000;
        let moved = false;
        while (!moved && Date.now() < deadline) {
          await page.waitForTimeout(100);
          moved = !(await title.isVisible().catch(() => false)) || !((await title.innerText().catch(() => '')).includes(`(${step}/${count})`));
        }
        if (moved) break;
      }
    }
  },
  async type(page: Page, text: string) {
    const input = quickInput.input(page);
    await input.fill(text, { timeout: 15_000 });
  },
};

/** Opens a file of the workspace from the Explorer, by clicking it as a person would. */
export async function openFileFromExplorer(page: Page, segments: string[]): Promise<void> {
  await page.keyboard.press('Control+Shift+E');
  const explorer = page.locator('.explorer-folders-view');
  await explorer.waitFor({ timeout: 20_000 });
  for (const [index, segment] of segments.entries()) {
    const row = explorer.locator('.monaco-list-row', { hasText: segment }).first();
    await row.waitFor({ timeout: 20_000 });
    if (index < segments.length - 1) {
      if ((await row.getAttribute('aria-expanded')) !== 'true') await row.click();
    } else {
      await row.click();
    }
  }
  await page.locator('.monaco-editor .view-lines').first().waitFor({ timeout: 20_000 });
}
