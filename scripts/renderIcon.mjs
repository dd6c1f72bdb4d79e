// Renders media/icon.svg to the 128x128 media/icon.png the Marketplace listing needs (run when the SVG changes).
import fs from 'node:fs';
import path from 'node:path';
import { launchBrowser } from './lib/workbench.mjs';
import { repoRoot } from './lib/codeServer.mjs';

const svg = fs.readFileSync(path.join(repoRoot, 'media/icon.svg'), 'utf8');
const browser = await launchBrowser();
const page = await browser.newPage({ viewport: { width: 128, height: 128 } });
await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
await page.screenshot({ path: path.join(repoRoot, 'media/icon.png'), omitBackground: true, clip: { x: 0, y: 0, width: 128, height: 128 } });
await browser.close();
console.log('wrote media/icon.png');
