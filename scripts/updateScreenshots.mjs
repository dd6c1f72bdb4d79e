// Copies the screenshots the E2E tier just took into docs/screenshots/, where the README shows them. Run after
// `npm run test:e2e` so the README always shows the current UI, as the tests saw it.
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from './lib/codeServer.mjs';

const from = path.join(repoRoot, 'test-results', 'screenshots');
const to = path.join(repoRoot, 'docs', 'screenshots');
const wanted = [
  'viewer-light', 'viewer-dark', 'viewer-high-contrast', 'search-alias', 'wizard-validation', 'wizard-result-light',
  'wizard-result-dark', 'codelens-light', 'codelens-why', 'quick-fix-suppressed', 'xss-inert', 'web-worker-running-extensions', 'tree-keyboard',
  'pseudo-locale-recommendation', 'audit-session-state-view',
  'sim-ring-light', 'sim-ring-dark', 'sim-ring-high-contrast', 'sim-routing-light',
  'practice-light', 'practice-dark', 'practice-high-contrast', 'practice-rescheduled-light',
];
fs.mkdirSync(to, { recursive: true });
const missing = [];
for (const name of wanted) {
  const file = path.join(from, `${name}.png`);
  if (fs.existsSync(file)) fs.copyFileSync(file, path.join(to, `${name}.png`));
  else missing.push(name);
}
console.log(`copied ${wanted.length - missing.length} screenshots to docs/screenshots${missing.length ? `; missing: ${missing.join(', ')}` : ''}`);
process.exit(missing.length ? 1 : 0);
