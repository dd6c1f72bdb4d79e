import type { Browser, BrowserContext, Page } from 'playwright-core';

export function launchBrowser(): Promise<Browser>;
export function openWorkbench(
  browser: Browser,
  serverUrl: string,
  workspace: string,
  options?: { viewport?: { width: number; height: number }; colorScheme?: 'light' | 'dark' },
): Promise<{ context: BrowserContext; page: Page }>;
export function runDevelopmentSuite(
  browser: Browser,
  serverUrl: string,
  workspace: string,
  options: { extensionRoot: string; testsPath: string; onConsole?: (text: string) => void; timeoutMs?: number },
): Promise<number | 'timeout'>;
